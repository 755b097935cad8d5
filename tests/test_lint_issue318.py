"""Lint the bundled issue 318 against a glossary extracted from it (nothing curated by hand)."""

from collections import Counter
from pathlib import Path

import pytest

from glossary.lint.index import GlossaryIndex
from glossary.extract.ingest import extract_into
from glossary.lint.engine import lint_document
from glossary.sources.document import read_document
from glossary.store import Glossary

ISSUE = Path(__file__).parent.parent / "data" / "issues" / "kic-china-weekly-318.md"


@pytest.fixture(scope="module")
def findings(tmp_path_factory):
    db = tmp_path_factory.mktemp("g") / "g.db"
    with Glossary.open(db) as g:
        extract_into(g, [ISSUE])
        index = GlossaryIndex.for_glossary(g, use_cache=False)
    return lint_document(read_document(ISSUE), index)


def line_of(text: str, occurrence: int = 0) -> int:
    lines = [n for n, line in enumerate(ISSUE.read_text(encoding="utf-8").splitlines(), 1) if text in line]
    return lines[occurrence]


def has(findings, rule, found, suggestion, line):
    return any(
        f.rule == rule and f.found == found and suggestion in f.suggestions and f.line == line for f in findings
    )


@pytest.mark.parametrize(
    "rule, found, suggestion, line_text",
    [
        ("kozh/inconsistent", "산업정보화부", "공업정보화부", "1.산업정보화부(工业和信息化部)"),
        ("kozh/inconsistent", "중관촌", "중관춘", "이 행사는 중관촌 커뮤니티"),
        ("kozh/nonstandard", "류썩천", "류싱천", "류썩천(刘星辰)"),
        ("kozh/variant", "Dahooo", "Dahoo", "Dahooo 는 자체 개발한"),
        ("kozh/spacing", "KIC중국", "KIC 중국", "2023년 KIC중국 창업대회"),
        ("kozh/nonstandard", "조우마오화", "저우마오화", "조우마오화[周茂华"),
        ("kozh/nonstandard", "통저우구", "퉁저우구", "통저우구(通州区)"),
        ("kozh/nonstandard", "룡청진구", "룽청진구", "룡청진구(龙城金谷)"),
        ("kozh/nonstandard", "송지엔", "슝젠", "송지엔(熊剑)"),
        ("kozh/nonstandard", "카오쑹", "가오쑹", "카오쑹[高松"),
        ("kozh/nonstandard", "룡청연구소", "룽청연구소", "- 스마트제조 룡청연구소(龙城实验室)"),
        ("kozh/nonstandard", "판위창롱국제컨벤션센터", "판위창룽국제컨벤션센터", "판위창롱국제컨벤션센터(番禺长隆"),
        # a company's brand in Sino-Korean; 에너지 translates 能 and stays
        ("kozh/nonstandard", "천합광에너지", "톈허광에너지", "천합광에너지(天合光能)"),
        ("kozh/nonstandard", "장강삼각주", "창장삼각주", "장강삼각주(长三角)"),
        ("kozh/nonstandard", "중관촌창업단지", "중관춘창업단지", "중관촌창업단지(中关村创智园)"),
        ("kozh/nonstandard", "쉰보", "쥐보", "쉰보(鞠博)"),
    ],
)
def test_reports_the_real_problems(findings, rule, found, suggestion, line_text):
    assert has(findings, rule, found, suggestion, line_of(line_text))


def test_second_mentions_are_found_too(findings):
    assert has(findings, "kozh/nonstandard", "류썩천", "류싱천", line_of("류썩천은 선반 제조"))
    assert has(findings, "kozh/variant", "Dahooo", "Dahoo", line_of("류싱천은 Dahooo 의 경우"))


def test_no_false_alarms_on_what_is_right(findings):
    found = {f.found for f in findings}
    for good in ("공업정보화부", "중관춘", "류싱천", "Dahoo", "장원타오", "창저우", "커창반", "저우마오화",
                 "광저우판위홍보", "웨강아오대만구", "중국과학원"):
        assert good not in found


def test_finding_count(findings):
    # 55 findings, read one by one: 3 base (절강성, 북경 of 북경한국중소기업협회), 30 nonstandard (names of people, places, companies and
    # institutions; each is a row of data/corpus/kic-china-weekly-318.problems.tsv), 17 spacing
    # (info: 11 KIC중국, 5 glossary terms spaced differently, 1 WEEKLY 뉴스), 3 inconsistent,
    # 2 variant (Dahooo). `make quality` matches them to the annotations.
    counts = Counter(f.rule for f in findings)
    assert sum(counts.values()) <= 55, counts
    assert counts["kozh/unknown-pair"] == 0  # every pair of the issue is in its own glossary

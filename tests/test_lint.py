"""The lint engine: determinism, suppression, configuration, the index cache."""

import random

import pytest

from glossary.lint.config import Config, load_config
from glossary.errors import BadInput
from glossary.lint.index import GlossaryIndex
from glossary.lint.engine import enabled_rules, fails, lint_document, lint_paths
from glossary.sources.document import document_from_text
from glossary.store import Glossary

TERMS = [
    ("창저우", "常州", "place", "preferred"),
    ("공업정보화부", "工业和信息化部", "org", "preferred"),
    ("산업정보화부", "工业和信息化部", "org", "deprecated"),
    ("중관춘", "中关村", "place", "candidate"),
    ("중관촌", "中关村", "place", "candidate"),
    ("류싱천", "刘星辰", "person", "preferred"),
    ("Dahoo", "德火科技", "company", "preferred"),
    ("KIC 중국", "韩国创新中心", "org", "preferred"),
    ("저우마오화", "周茂华", "person", "preferred"),
]

DRAFT = """# 창저우 소식

창저우(常州)는 혁신 도시다. 산업정보화부는 중관춘 포럼을 열었고, 중관촌 커뮤니티도 참여했다.
류썩천은 Dahooo 를 소개했다. 조우마오화(周茂华)는 KIC중국을 방문했다.
동애잉(董艾颖) 부장이 안내했다.
"""


def glossary_with(terms):
    g = Glossary.open(":memory:")
    for ko, zh, kind, status in terms:
        g.add_term(ko, zh, kind=kind, status=status)
    return g


@pytest.fixture(scope="module")
def index():
    return GlossaryIndex.for_glossary(glossary_with(TERMS), use_cache=False)


def test_finds_every_kind_of_problem(index):
    findings = lint_document(document_from_text(DRAFT, path="d.md"), index)
    got = {(f.rule, f.found) for f in findings}
    assert got == {
        ("kozh/deprecated", "산업정보화부"),
        ("kozh/nonstandard", "중관촌"),  # a modern place in Sino-Korean: 중관춘
        ("kozh/variant", "류썩천"),
        ("kozh/variant", "Dahooo"),
        ("kozh/nonstandard", "조우마오화"),
        ("kozh/spacing", "KIC중국"),
        ("kozh/unknown-pair", "동애잉"),
        ("kozh/nonstandard", "동애잉"),  # 董艾颖 is 둥아이잉; the pair is judged even before it is glossed
    }
    assert findings == sorted(findings, key=lambda f: f.sort_key())


def test_deterministic_across_runs_and_insertion_order(index):
    doc = document_from_text(DRAFT, path="d.md")
    first = lint_document(doc, index)
    assert lint_document(doc, index) == first
    shuffled = TERMS[:]
    random.Random(7).shuffle(shuffled)
    # the deprecated/preferred pair must keep its statuses whatever the order
    other = GlossaryIndex.for_glossary(glossary_with(shuffled), use_cache=False)
    again = lint_document(document_from_text(DRAFT, path="d.md"), other)
    strip = lambda fs: [(f.line, f.column, f.rule, f.message, f.suggestions, f.fixable) for f in fs]  # noqa: E731
    assert strip(again) == strip(first)


def test_inline_suppression(index):
    text = (
        "<!-- kozh-disable-next-line kozh/nonstandard -->\n조우마오화(周茂华)는\n"
        "<!-- kozh-disable -->\n산업정보화부 류썩천은\n<!-- kozh-enable -->\n산업정보화부\n"
        "Dahooo 는 <!-- kozh-disable-line -->\n"
    )
    findings = lint_document(document_from_text(text, path="d.md"), index)
    assert [(f.line, f.rule) for f in findings] == [(6, "kozh/deprecated")]


def test_config_turns_rules_off_and_changes_severity(index):
    doc = document_from_text(DRAFT, path="d.md")
    config = Config(rules={"kozh/variant": False, "kozh/spacing": "info"})
    findings = lint_document(doc, index, config)
    assert not [f for f in findings if f.rule == "kozh/variant"]
    assert {str(f.severity) for f in findings if f.rule == "kozh/spacing"} == {"info"}


def test_config_is_found_upward_from_the_draft(tmp_path, index):
    (tmp_path / "kozh.toml").write_text('[rules]\n"kozh/unknown-pair" = false\n', encoding="utf-8")
    sub = tmp_path / "drafts"
    sub.mkdir()
    (sub / "a.md").write_text(DRAFT, encoding="utf-8")
    assert load_config(sub).rules == {"kozh/unknown-pair": False}
    result = lint_paths([sub], index=index)
    assert result.findings and not [f for f in result.findings if f.rule == "kozh/unknown-pair"]


def test_bad_config_is_bad_input():
    with pytest.raises(BadInput):
        enabled_rules(Config(rules={"kozh/nope": False}))
    with pytest.raises(BadInput):
        enabled_rules(Config(rules={"kozh/variant": "loud"}))


def test_fail_on():
    findings = lint_document(
        document_from_text("톈진(天津)", path="d.md"),
        GlossaryIndex.for_glossary(glossary_with(TERMS), use_cache=False),
    )
    assert [f.rule for f in findings] == ["kozh/unknown-pair"]
    assert fails(findings, "info") and not fails(findings, "warning") and not fails(findings, "none")


def test_index_cache_is_keyed_on_the_version(tmp_path):
    db = tmp_path / "g.db"
    g = Glossary.open(db)
    g.add_term("창저우", "常州", kind="place", status="preferred")
    GlossaryIndex._memory.clear()
    first = GlossaryIndex.for_glossary(g)
    assert (tmp_path / "g.db.index-cache").is_file()
    GlossaryIndex._memory.clear()
    assert GlossaryIndex.for_glossary(g).by_norm == first.by_norm  # read back from disk
    g.add_term("창주", "常州", status="deprecated")
    GlossaryIndex._memory.clear()
    rebuilt = GlossaryIndex.for_glossary(g)
    assert "창주" in rebuilt.by_norm and rebuilt.version != first.version
    # a damaged cache is rebuilt, never trusted
    (tmp_path / "g.db.index-cache").write_bytes(b"not a pickle")
    GlossaryIndex._memory.clear()
    assert "창주" in GlossaryIndex.for_glossary(g).by_norm
    g.close()


def test_urls_code_and_tags_are_skipped(index):
    text = "[링크](https://example.com/산업정보화부) `산업정보화부` <span title=\"산업정보화부\">x</span>"
    assert lint_document(document_from_text(text, path="d.md"), index) == []


def test_index_compiled_from_rows_is_the_index_built_from_objects():
    """``for_glossary`` compiles from the store's plain rows, column by column; the result is what
    ``build`` makes of ``(Term, Entry)`` objects, and every term and entry reads back as the store
    has it, on the bundled issue's glossary and on awkward cases: an entry with no term, an entry
    whose first term comes after a later entry's (terms out of entry order), two entries sharing a
    traditional form, Korean names one syllable apart (one near-miss key, several ids), Latin names."""
    from pathlib import Path

    from glossary.extract.ingest import extract_into

    g = Glossary.open(":memory:")
    extract_into(g, [Path(__file__).parent.parent / "data" / "issues" / "kic-china-weekly-318.md"])
    g.upsert_entry("发", kind="other")  # no term: left out of both
    g.add_term("후기", "后", status="candidate")
    g.add_term("파", "发", status="candidate")  # 发 got its term after 后; 發 is the traditional of both
    with g.changeset("two keys claim one traditional form"):  # as a glossary from another OpenCC may
        g._update("entries", g.entry("后").id, {"zh_hant": "發"})
    for ko, zh in [("장원하오", "张文浩"), ("장원타오", "张文涛"), ("장원하우", "张文好"), ("Dahooo", "大好")]:
        g.add_term(ko, zh, kind="person")
    compiled = GlossaryIndex.for_glossary(g, use_cache=False)
    built = GlossaryIndex.build(g.all_terms(), version=g.version, fingerprint=g.fingerprint())
    assert compiled._payload() == built._payload()
    assert compiled.near["장원\0오"] == tuple(sorted(t.id for t in g.find_terms("장원하오") + g.find_terms("장원타오")))
    assert "Dahooo".casefold() in compiled.latin
    assert compiled.by_zh["發"] == g.entry("后").id  # the entry met first in term order keeps it
    pairs = list(g.all_terms())
    assert len(compiled.entries) == len({e.id for _, e in pairs})
    for term, entry in pairs:  # every row reads back whole, whatever order the terms were added in
        assert compiled.terms[term.id] == term
        info = compiled.entries[entry.id]
        assert (info.zh, info.zh_hant, info.pinyin, info.kind) == (entry.zh, entry.zh_hant, entry.pinyin, entry.kind)
        assert sorted(t.id for t in info.terms) == sorted(t.id for t in g.terms_of(entry.id))


def test_index_compiles_whatever_the_entry_ids():
    """Ids written by another program may be negative or far apart: the index keeps them as they are."""
    entries = [
        (-5, "常州", "常州", "chang zhou", "place", None, 0, None),
        (2**40, "周茂华", "周茂華", "zhou mao hua", "person", None, 0, None),
    ]
    terms = [(1, -5, "ko", "창저우", "창저우", "preferred", 0), (2, 2**40, "ko", "저우마오화", "저우마오화", "preferred", 0)]
    index = GlossaryIndex.compile(entries, terms)
    assert index.entry_for_zh("周茂華").id == 2**40 and index.terms[1].entry_id == -5
    assert [t.text for t in index.entries[-5].terms] == ["창저우"]

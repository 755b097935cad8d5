"""Output formats against golden files (regenerate with KOZH_UPDATE_GOLDEN=1)."""

import json
import os
from pathlib import Path

import pytest

from glossary.lint.report import FORMATTERS
from glossary.lint.engine import lint_document
from glossary.sources.document import document_from_text
from sample_glossary import sample_index

GOLDEN = Path(__file__).parent / "golden"
DRAFT = "조우마오화(周茂华)는 말했다.\n산업정보화부, Dahooo 와 동애잉(董艾颖)\n"


@pytest.fixture(scope="module")
def findings():
    return lint_document(document_from_text(DRAFT, path="drafts/a,b.md"), sample_index())


@pytest.mark.parametrize("name, suffix", [("text", "txt"), ("json", "json"), ("sarif", "sarif"), ("github", "txt")])
def test_matches_golden(findings, name, suffix):
    out = FORMATTERS[name](findings)
    golden = GOLDEN / f"lint-{name}.{suffix}"
    if os.environ.get("KOZH_UPDATE_GOLDEN"):
        golden.write_text(out, encoding="utf-8")
    assert out == golden.read_text(encoding="utf-8")


def test_json_is_an_array_of_finding_dicts(findings):
    data = json.loads(FORMATTERS["json"](findings))
    assert data == [f.to_dict() for f in findings]


def test_sarif_shape(findings):
    log = json.loads(FORMATTERS["sarif"](findings))
    assert log["version"] == "2.1.0"
    run = log["runs"][0]
    rule_ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
    for result in run["results"]:
        assert rule_ids[result["ruleIndex"]] == result["ruleId"]
        assert result["level"] in ("error", "warning", "note")
        region = result["locations"][0]["physicalLocation"]["region"]
        assert region["startLine"] >= 1 and region["startColumn"] >= 1


def test_github_escapes_properties(findings):
    lines = FORMATTERS["github"](findings).splitlines()
    assert len(lines) == len(findings)
    assert all(line.startswith(("::error file=drafts/a%2Cb.md,", "::warning file=drafts/a%2Cb.md,", "::notice file=drafts/a%2Cb.md,")) for line in lines)
    assert "title=kozh/deprecated::" in "".join(lines)


def test_text_colour_only_when_asked(findings):
    assert "\x1b[" not in FORMATTERS["text"](findings)
    assert "\x1b[" in FORMATTERS["text"](findings, color=True)
    assert FORMATTERS["text"]([]).strip() == "no findings"

"""``kozh lint`` and ``kozh rules`` from the command line."""

import json

import pytest
from click.testing import CliRunner

from glossary.cli import cli
from glossary.store import Glossary

DRAFT = "조우마오화(周茂华)는 말했다.\n산업정보화부와 협력한다.\n"


@pytest.fixture()
def db(tmp_path):
    path = tmp_path / "g.db"
    with Glossary.open(path) as g:
        g.add_term("저우마오화", "周茂华", kind="person", status="preferred")
        g.add_term("공업정보화부", "工业和信息化部", kind="org", status="preferred")
        g.add_term("산업정보화부", "工业和信息化部", status="deprecated")
        g.add_term("창저우", "常州", kind="place", status="preferred")
    return str(path)


def test_lint_reports_and_exits_1(tmp_path, db, kozh):
    draft = tmp_path / "d.md"
    draft.write_text(DRAFT, encoding="utf-8")
    rc, out, err = kozh("--db", db, "lint", str(draft))
    assert rc == 1
    assert f"{draft}:1:1: warning [kozh/nonstandard]" in out
    assert f"{draft}:2:1: error [kozh/deprecated]" in out
    assert out.rstrip().endswith("2 fixable with --fix")
    assert "\x1b[" not in out  # no colour when stdout is not a terminal


@pytest.mark.parametrize("fail_on, code", [("error", 1), ("none", 0)])
def test_fail_on(tmp_path, db, fail_on, code, kozh):
    draft = tmp_path / "d.md"
    draft.write_text("산업정보화부\n", encoding="utf-8")
    assert kozh("--db", db, "lint", "--fail-on", fail_on, str(draft))[0] == code
    draft.write_text("창저우(常州)는 좋다\n", encoding="utf-8")
    assert kozh("--db", db, "lint", str(draft))[0] == 0


def test_stdin_and_json(db, kozh):
    rc, out, _ = kozh("--db", db, "lint", "--format", "json", "-", input=DRAFT)
    assert rc == 1
    data = json.loads(out)
    assert [d["rule"] for d in data] == ["kozh/nonstandard", "kozh/deprecated"]
    assert data[0]["path"] == "-"


@pytest.mark.parametrize("fmt", ["sarif", "github"])
def test_other_formats(tmp_path, db, fmt, kozh):
    draft = tmp_path / "d.md"
    draft.write_text(DRAFT, encoding="utf-8")
    rc, out, _ = kozh("--db", db, "lint", "--format", fmt, str(draft))
    assert rc == 1 and out


def test_bad_input_is_one_line_and_exit_2(tmp_path, db, kozh):
    binary = tmp_path / "b.md"
    binary.write_bytes(b"\x00\x01\x02binary")
    for arg in (str(tmp_path / "missing.md"), str(binary)):
        rc, out, err = kozh("--db", db, "lint", arg)
        assert rc == 2 and err.startswith("kozh: error:") and len(err.strip().splitlines()) == 1
        assert "Traceback" not in err
    rc, _, err = kozh("--db", db, "lint", "--source", str(tmp_path), str(binary))
    assert rc == 2


def test_folder_of_drafts(tmp_path, db, kozh):
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "a.md").write_text(DRAFT, encoding="utf-8")
    (tmp_path / "drafts" / "b.txt").write_text("창저우\n", encoding="utf-8")
    rc, out, _ = kozh("--db", db, "lint", "--fail-on", "none", str(tmp_path / "drafts"))
    assert rc == 0 and "in 2 files" in out


def test_diff_then_fix(tmp_path, db, kozh):
    draft = tmp_path / "d.md"
    draft.write_text(DRAFT, encoding="utf-8")
    rc, out, _ = kozh("--db", db, "lint", "--diff", str(draft))
    assert "-조우마오화(周茂华)는 말했다." in out and "+저우마오화(周茂华)는 말했다." in out
    assert "+공업정보화부와 협력한다." in out
    assert draft.read_text(encoding="utf-8") == DRAFT  # --diff writes nothing
    rc, out, err = kozh("--db", db, "lint", "--fix", str(draft))
    assert rc == 0 and "applied 2 fixes" in err
    assert draft.read_text(encoding="utf-8") == "저우마오화(周茂华)는 말했다.\n공업정보화부와 협력한다.\n"


def test_kozh_toml_next_to_the_draft(tmp_path, db, kozh):
    (tmp_path / "kozh.toml").write_text(
        f'db = "{db}"\n[rules]\n"kozh/deprecated" = "info"\n"kozh/nonstandard" = false\n"kozh/inconsistent" = false\n', encoding="utf-8"
    )
    draft = tmp_path / "d.md"
    draft.write_text(DRAFT, encoding="utf-8")
    rc, out, _ = kozh("lint", str(draft))
    assert rc == 0 and "info [kozh/deprecated]" in out and "nonstandard" not in out


def test_rules_lists_every_rule():
    result = CliRunner().invoke(cli, ["rules"], standalone_mode=False)
    lines = result.output.splitlines()
    assert [line.split()[0] for line in lines] == [
        "kozh/deprecated", "kozh/inconsistent", "kozh/variant", "kozh/nonstandard", "kozh/drift", "kozh/base",
        "kozh/spacing", "kozh/unknown-pair", "kozh/missing-term",
    ]


def test_missing_term_with_source(tmp_path, db, kozh):
    draft = tmp_path / "d.md"
    draft.write_text("상주시 정부가 발표했다.\n", encoding="utf-8")
    source = tmp_path / "zh.txt"
    source.write_text("常州市政府发布了新政策。工业和信息化部也参加了。\n", encoding="utf-8")
    rc, out, _ = kozh("--db", db, "lint", "--source", str(source), str(draft))
    assert rc == 1
    assert "[kozh/missing-term] 工业和信息化部 appears" in out and "常州 appears" in out


def test_fix_refuses_a_word_draft_in_one_line_and_leaves_it_as_it_was(tmp_path, db, kozh):
    from docx import Document as WordDocument

    word = WordDocument()
    word.add_paragraph("지난주 조우마오화(周茂华) 수석은 창저우(常州)를 방문했다.")
    path = tmp_path / "draft.docx"
    word.save(path)
    before = path.read_bytes()
    rc, out, err = kozh("--db", db, "lint", "--fix", str(path))
    assert rc == 2
    assert err.strip().splitlines() == [f"kozh: error: {path}: a Word draft is not rewritten in place; "
                                        "use --diff and apply the fixes in Word"]
    assert path.read_bytes() == before
    rc, out, _ = kozh("--db", db, "lint", "--diff", "--fail-on", "none", str(path))
    assert rc == 0 and "+지난주 저우마오화(周茂华)" in out

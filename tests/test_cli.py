"""The kozh CLI for the glossary: commands, output, exit codes and error paths."""

import json
import sqlite3

import pytest
from click.testing import CliRunner

from glossary import __version__
from glossary.cli import cli
from glossary.store import SCHEMA_VERSION


@pytest.fixture
def run(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("KOZH_DB", raising=False)
    runner = CliRunner()

    def invoke(*args, input=None):
        return runner.invoke(cli, list(args), input=input, catch_exceptions=False)

    return invoke


def one_line_error(result):
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("kozh: error: "), result.stderr
    assert "Traceback" not in result.output
    return lines[0]


def test_version(run):
    assert run("--version").output.strip() == f"kozh, version {__version__}"


def test_init_creates_the_default_glossary(run, tmp_path):
    result = run("init")
    assert result.exit_code == 0
    assert result.output == f"glossary glossary.db: schema {SCHEMA_VERSION}, 0 entries\n"
    assert (tmp_path / "glossary.db").exists()


def test_add_list_show_search(run):
    assert run("terms", "add", "창저우", "常州", "--kind", "place").output == "added: 창저우 = 常州 [preferred]\n"
    assert run("terms", "add", "창저우", "常州").output == "exists: 창저우 = 常州 [preferred]\n"
    run("terms", "add", "공업정보화부", "工業和信息化部", "--kind", "org")
    run("terms", "add", "산업정보화부", "工业和信息化部", "--status", "deprecated")
    listed = run("terms", "list")
    assert listed.stdout.splitlines() == [
        "常州\tplace\t창저우",
        "工业和信息化部\torg\t공업정보화부, 산업정보화부 (deprecated)",
    ]
    assert listed.stderr == "2 of 2 entries\n"
    assert run("terms", "list", "--kind", "place", "--json").stdout.count("\n") == 1
    shown = json.loads(run("terms", "show", "工業和信息化部", "--json").output)
    assert shown["zh"] == "工业和信息化部" and shown["pinyin"] == "gong ye he xin xi hua bu"
    assert [(t["text"], t["status"]) for t in shown["terms"]] == [("공업정보화부", "preferred"), ("산업정보화부", "deprecated")]
    assert "gong ye he xin xi hua bu" in run("terms", "show", "工业和信息化部").output
    for query in ("창저우", "常州", "changzhou"):
        assert run("terms", "search", query).output.startswith("常州")


def test_set_status_and_undo(run):
    run("terms", "add", "공업정보화부", "工业和信息化部")
    run("terms", "add", "산업정보화부", "工业和信息化部", "--status", "admitted")
    assert run("terms", "set-status", "산업정보화부", "preferred").output == "산업정보화부: preferred\n"
    assert "공업정보화부 (admitted)" in run("terms", "list").output
    undone = run("undo")
    assert undone.output.startswith("undone: set 산업정보화부 preferred (2 changes")
    assert "산업정보화부 (admitted)" in run("terms", "list").output
    assert "undo set 산업정보화부 preferred" in run("history").output


def test_db_location_precedence(run, tmp_path, monkeypatch):
    (tmp_path / "team").mkdir()
    (tmp_path / "team" / "kozh.toml").write_text('db = "shared.db"\n', encoding="utf-8")
    (tmp_path / "team" / "drafts").mkdir()
    monkeypatch.chdir(tmp_path / "team" / "drafts")
    run("terms", "add", "창저우", "常州")
    assert (tmp_path / "team" / "shared.db").exists()
    monkeypatch.setenv("KOZH_DB", str(tmp_path / "env.db"))
    run("init")
    assert (tmp_path / "env.db").exists()
    run("--db", str(tmp_path / "flag.db"), "init")
    assert (tmp_path / "flag.db").exists()


def test_unknown_status_is_one_line_exit_2(run):
    run("terms", "add", "창저우", "常州")
    message = one_line_error(run("terms", "set-status", "창저우", "approved"))
    assert "approved" in message


def test_missing_db_folder(run):
    assert "does not exist" in one_line_error(run("--db", "no/such/folder/g.db", "init"))


def test_file_that_is_not_sqlite_is_left_untouched(run, tmp_path):
    junk = tmp_path / "notes.db"
    junk.write_text("메모: 창저우\n" * 50, encoding="utf-8")
    before = junk.read_bytes()
    assert "not a SQLite glossary" in one_line_error(run("--db", str(junk), "terms", "list"))
    assert junk.read_bytes() == before


def test_newer_schema_is_refused(run, tmp_path):
    run("terms", "add", "창저우", "常州")
    conn = sqlite3.connect(tmp_path / "glossary.db")
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    conn.close()
    assert "upgrade kozh" in one_line_error(run("terms", "list"))
    conn = sqlite3.connect(tmp_path / "glossary.db")
    assert conn.execute("SELECT count(*) FROM terms").fetchone()[0] == 1


def test_not_chinese_and_unknown_terms(run):
    assert "not Chinese" in one_line_error(run("terms", "add", "창저우", "Changzhou"))
    run("init")
    assert "no entry for" in one_line_error(run("terms", "show", "常州"))
    assert "no term" in one_line_error(run("terms", "set-status", "창저우", "preferred"))


def test_ambiguous_term_needs_the_chinese(run):
    run("terms", "add", "중산", "中山", "--kind", "place")
    run("terms", "add", "중산", "钟山", "--kind", "place")
    assert "several entries" in one_line_error(run("terms", "set-status", "중산", "deprecated"))
    assert run("terms", "set-status", "중산", "deprecated", "--zh", "钟山").exit_code == 0


def test_bad_kozh_toml_is_one_line(run, tmp_path):
    (tmp_path / "kozh.toml").write_text("db = [unclosed\n", encoding="utf-8")
    assert "not valid TOML" in one_line_error(run("init"))


def test_every_command_has_help_with_an_example(run):
    def walk(group, prefix=()):
        for name, command in group.commands.items():
            yield prefix + (name,), command
            if hasattr(command, "commands"):
                yield from walk(command, prefix + (name,))

    for path, command in walk(cli):
        result = run(*path, "--help")
        assert result.exit_code == 0
        if not hasattr(command, "commands"):
            assert "Example:" in result.output, path


def test_terms_set_records_era_customary_and_house_spelling(run, tmp_path):
    run("terms", "add", "조우마오화", "周茂华", "--kind", "person", "--status", "candidate")
    draft = tmp_path / "d.md"
    draft.write_text("조우마오화(周茂华)는 말했다.\n", encoding="utf-8")
    assert "kozh/nonstandard" in run("lint", str(draft)).output
    assert run("terms", "set", "周茂华", "--house-spelling", "조우마오화").output == "周茂华: house_spelling=조우마오화\n"
    assert "kozh/nonstandard" not in run("lint", str(draft)).output
    assert run("terms", "set", "周茂华", "--era", "historic", "--no-customary").output == "周茂华: era=historic, customary=0\n"
    shown = json.loads(run("terms", "show", "周茂华", "--json").output)
    assert (shown["era"], shown["house_spelling"]) == ("historic", "조우마오화")
    assert "nothing to set" in one_line_error(run("terms", "set", "周茂华"))
    assert "no entry" in one_line_error(run("terms", "set", "孔子", "--era", "historic"))

"""Every command faces awkward input: bad input is one line on stderr and exit 2, no traceback,
the glossary untouched; awkward but valid input (BOM, CRLF, empty, huge, not Korean) just works."""

import codecs
import json

import pytest
from click.testing import CliRunner

from glossary.cli import cli
from glossary.store import Glossary

ISSUE_LINE = "카오쑹[高松, 중국과학원(中国科学院) 원사]은 창저우(常州)를 찾았다.\n"


@pytest.fixture
def env(tmp_path, monkeypatch):
    """A glossary with a few curated terms, and a runner that checks the glossary afterwards."""
    monkeypatch.chdir(tmp_path)
    db = tmp_path / "g.db"
    with Glossary.open(db) as g:
        g.add_term("창저우", "常州", kind="place", status="preferred")
        g.add_term("가오쑹", "高松", kind="person", status="preferred")
        g.add_term("카오쑹", "高松", status="deprecated")

    def state():
        with Glossary.open(db) as g:
            return g.version, g.count("entries"), g.count("terms"), g.count("sightings")

    class Env:
        path = tmp_path

        def run(self, *args, input=None):
            return CliRunner().invoke(cli, ["--db", str(db), *map(str, args)], input=input, catch_exceptions=False)

        def write(self, name, data: bytes):
            (tmp_path / name).write_bytes(data)
            return tmp_path / name

        def bad(self, *args, input=None):
            before = state()
            result = self.run(*args, input=input)
            assert result.exit_code == 2, (result.exit_code, result.output)
            lines = result.stderr.strip().splitlines()
            assert len(lines) == 1 and lines[0].startswith("kozh: error: "), result.stderr
            assert "Traceback" not in result.output
            assert state() == before, "the glossary changed"
            return lines[0]

    Env.state = staticmethod(state)
    return Env()


# -- missing path --------------------------------------------------------------------------

@pytest.mark.parametrize("command", [("lint",), ("extract",), ("import",), ("tui",), ("lint", "--source", "zh.txt", "d.md")])
def test_missing_path(env, command):
    env.write("d.md", ISSUE_LINE.encode())
    args = command if command[0] == "lint" and len(command) > 1 else (*command, "missing.md")
    assert "missing" in env.bad(*args) or "zh.txt" in env.bad(*args)


# -- a folder where a file is expected --------------------------------------------------------

@pytest.mark.parametrize("command", [("import", "."), ("lint", "--source", ".", "d.md"), ("tui", ".")])
def test_folder_where_a_file_is_expected(env, command):
    env.write("d.md", ISSUE_LINE.encode())
    env.bad(*command)


def test_folder_as_the_glossary(env, tmp_path):
    result = CliRunner().invoke(cli, ["--db", str(tmp_path), "terms", "list"])
    assert result.exit_code == 2 and "is a folder" in result.stderr


# -- binary, NUL bytes, invalid UTF-8 -----------------------------------------------------------

BINARY = bytes(range(256)) * 40
NUL = "창저우(常州)\x00는".encode("utf-8")
INVALID_UTF8 = b"\xc3\x28\xa0\xa1 \xe2\x28\xa1 \xf0\x28\x8c\xbc" * 50


@pytest.mark.parametrize("data", [BINARY, NUL, INVALID_UTF8], ids=["binary", "nul", "invalid-utf8"])
def test_unreadable_draft_for_lint_and_import(env, data):
    path = env.write("d.md", data)
    assert "d.md" in env.bad("lint", path)
    csv = env.write("g.csv", data)
    assert "g.csv" in env.bad("import", csv)


@pytest.mark.parametrize("data", [BINARY, NUL, INVALID_UTF8], ids=["binary", "nul", "invalid-utf8"])
def test_extract_skips_an_unreadable_file_and_reads_the_others(env, data):
    (env.path / "issues").mkdir()
    env.write("issues/a-bad.md", data)
    env.write("issues/b-good.md", ISSUE_LINE.encode())
    result = env.run("extract", "issues")
    assert result.exit_code == 0
    assert result.stderr.count("\n") == 1 and "skipped" in result.stderr and "a-bad.md" in result.stderr
    assert "1 files, 3 pairs" in result.stdout


def test_invalid_utf8_on_standard_input(env):
    result = CliRunner().invoke(cli, ["translit", "-"], input=b"\xff\xfe\xfd\n")
    assert result.exit_code == 2 and result.stderr.count("\n") == 1


# -- empty file ----------------------------------------------------------------------------------

def test_empty_file(env):
    empty = env.write("empty.md", b"")
    lint = env.run("lint", empty)
    assert lint.exit_code == 0 and lint.stdout.strip() == "no findings in 1 file"
    assert env.run("extract", empty).stdout.startswith("1 files, 0 pairs")
    assert "empty" in env.bad("import", env.write("empty.csv", b""))


# -- UTF-8 with BOM and CRLF: read right, positions right, written back the same -----------------

@pytest.mark.parametrize(
    "encode",
    [
        lambda t: codecs.BOM_UTF8 + t.encode("utf-8"),
        lambda t: t.replace("\n", "\r\n").encode("utf-8"),
        lambda t: codecs.BOM_UTF8 + t.replace("\n", "\r\n").encode("utf-8"),
    ],
    ids=["bom", "crlf", "bom-crlf"],
)
def test_bom_and_crlf(env, encode):
    text = "제목\n" + ISSUE_LINE + "카오쑹은 말했다.\n"
    path = env.write("d.md", encode(text))
    found = json.loads(env.run("lint", "--format", "json", "--fail-on", "none", path).stdout)
    positions = {(f["line"], f["column"], f["found"]) for f in found if f["rule"] == "kozh/deprecated"}
    assert positions == {(2, 1, "카오쑹"), (3, 1, "카오쑹")}
    assert env.run("lint", "--fix", "--fail-on", "none", path).exit_code == 0
    assert path.read_bytes() == encode(text.replace("카오쑹", "가오쑹"))


# -- huge and hostile text -----------------------------------------------------------------------

def test_fifty_megabyte_single_line(env):
    line = "중국 기업 창업 투자 발표 지역 산업 정책 " * 900_000 + "창저우(常州)는 끝."  # 56 bytes × 900,000
    path = env.write("big.md", line.encode("utf-8"))
    assert path.stat().st_size >= 50_000_000
    lint = env.run("lint", "--fail-on", "none", path)
    assert lint.exit_code == 0 and "Traceback" not in lint.output
    extract = env.run("extract", path)
    assert extract.exit_code == 0 and "1 files, 1 pairs" in extract.stdout


@pytest.mark.parametrize(
    "text",
    ["(" * 10_000 + "창저우(常州)" + ")" * 3, "[" * 10_000 + "【" * 5000 + "창저우(常州)는", ")]）" * 5000 + "창저우(常州"],
    ids=["deep-round", "deep-mixed", "unbalanced"],
)
def test_deep_and_unbalanced_brackets(env, text):
    path = env.write("d.md", text.encode("utf-8"))
    assert env.run("lint", "--fail-on", "none", path).exit_code == 0
    assert env.run("extract", path).exit_code == 0


def test_a_draft_that_is_not_korean(env):
    path = env.write("en.md", b"An English draft about Changzhou (\xe5\xb8\xb8\xe5\xb7\x9e) and CATL.\n" * 20)
    result = env.run("lint", path)
    assert result.exit_code == 0 and result.stdout.strip() == "no findings in 1 file"
    zh = env.write("zh.md", "常州是长三角的重要城市。\n".encode("utf-8") * 20)
    assert env.run("lint", zh).exit_code == 0


# -- glossary files that are not glossaries ------------------------------------------------------

def test_commands_on_a_file_that_is_not_a_glossary(env):
    junk = env.write("notes.db", "메모 창저우\n".encode() * 100)
    for args in (["terms", "list"], ["lint", str(junk)], ["extract", str(junk)], ["export"], ["undo"], ["tui"]):
        result = CliRunner().invoke(cli, ["--db", str(junk), *args])
        assert result.exit_code == 2 and "not a SQLite glossary" in result.stderr, args
    assert junk.read_bytes() == "메모 창저우\n".encode() * 100

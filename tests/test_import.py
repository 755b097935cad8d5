"""kozh import: every format read, merging without duplicates, conflicts, all-or-nothing, bad files."""

import codecs
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from glossary.cli import cli
from glossary.errors import BadInput
from glossary.interchange.interop import export_glossary, guess_format, import_glossary
from glossary.store import Glossary

FIXTURES = Path(__file__).parent / "fixtures" / "interop"

HEADER = "zh-Hans,zh-Hant,pinyin,ko,ko-admitted,ko-deprecated,ko-candidate,en,kind,note,sources"


@pytest.fixture
def glossary(tmp_path):
    with Glossary.open(tmp_path / "glossary.db") as g:
        yield g


def counts(g: Glossary) -> tuple[int, ...]:
    return tuple(g.count(t) for t in ("entries", "terms", "sightings", "changesets"))


def renderings(g: Glossary, zh: str) -> dict[tuple[str, str], str]:
    """{(lang, text): status} of an entry."""
    entry = g.entry(zh)
    assert entry is not None, zh
    return {(t.lang, t.text): t.status for t in g.terms_of(entry.id)}


def write(tmp_path, name: str, data: bytes | str) -> Path:
    path = tmp_path / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


# -- CSV ------------------------------------------------------------------------------------


@pytest.mark.parametrize("bom", [b"", codecs.BOM_UTF8])
@pytest.mark.parametrize("newline", ["\r\n", "\n"])
def test_csv_from_excel_with_or_without_bom(glossary, tmp_path, bom, newline):
    text = newline.join(
        [HEADER, "常州,常州,chang zhou,창저우,,상주,,Changzhou,place,장쑤성,issues/1.md", ""]
    )
    report = import_glossary(glossary, write(tmp_path, "team.csv", bom + text.encode("utf-8")))
    assert (report.format, report.entries_added, report.terms_added) == ("csv", 1, 3)
    assert renderings(glossary, "常州") == {
        ("ko", "창저우"): "preferred", ("ko", "상주"): "deprecated", ("en", "Changzhou"): "preferred",
    }
    entry = glossary.entry("常州")
    assert (entry.kind, entry.note) == ("place", "장쑤성")
    term = glossary.resolve_term("창저우")
    assert [s.path for s in glossary.sightings_of(term.id)] == ["issues/1.md"]


def test_cp949_csv_from_older_korean_excel(glossary):
    report = import_glossary(glossary, FIXTURES / "excel-cp949.csv")
    assert report.entries_added == 3
    # Traditional hanja (all CP949 holds) become the simplified key.
    assert renderings(glossary, "周茂华") == {("ko", "저우마오화"): "preferred"}
    assert glossary.entry("周茂华").note == "국가통계국 대변인"
    assert renderings(glossary, "上海") == {("ko", "상하이"): "preferred", ("ko", "상해"): "admitted"}
    assert glossary.entry("中国人民银行").note == "중앙은행, 베이징"


def test_cli_imports_cp949_csv(glossary):
    result = CliRunner().invoke(cli, ["--db", glossary.path, "import", str(FIXTURES / "excel-cp949.csv")])
    assert result.exit_code == 0, result.output
    assert "3 entries added" in result.stdout
    assert glossary.entry("上海") is not None


def test_cp949_csv_generated(glossary, tmp_path):
    data = f"{HEADER}\r\n上海,上海,,상하이,상해,,,,place,,\r\n".encode("cp949")
    import_glossary(glossary, write(tmp_path, "old.csv", data))
    assert renderings(glossary, "上海")[("ko", "상해")] == "admitted"


def test_excel_unicode_text_is_tab_separated_utf16(glossary, tmp_path):
    text = "zh-Hans\tko\tkind\r\n常州\t창저우\tplace\r\n"
    data = codecs.BOM_UTF16_LE + text.encode("utf-16-le")
    import_glossary(glossary, write(tmp_path, "unicode.csv", data))
    assert renderings(glossary, "常州") == {("ko", "창저우"): "preferred"}


def test_csv_formulas_are_restored(glossary, tmp_path):
    text = "zh-Hans,ko,ko-candidate,note\r\n常州,창저우,'=SUM(A1),'-주의\r\n"
    import_glossary(glossary, write(tmp_path, "f.csv", text))
    assert renderings(glossary, "常州")[("ko", "=SUM(A1)")] == "candidate"
    assert glossary.entry("常州").note == "-주의"


# -- TBX ------------------------------------------------------------------------------------


def test_tbx3_with_several_languages_and_statuses(glossary):
    report = import_glossary(glossary, FIXTURES / "multilang.tbx")
    assert report.format == "tbx"
    assert renderings(glossary, "常州") == {
        ("ko", "창저우"): "preferred",
        ("ko", "상주"): "deprecated",  # supersededTerm-admn-sts
        ("en", "Changzhou"): "preferred",  # no status: the first of its language
    }  # the Japanese section is skipped
    assert glossary.entry("常州").kind == "place"
    assert renderings(glossary, "中创新航") == {  # only a zh-Hant section: key simplified
        ("ko", "CALB"): "preferred",
        ("ko", "중창신항"): "candidate",
        ("ko", "중촹신항"): "deprecated",
        ("en", "China Lithium Battery Technology"): "admitted",
    }
    assert glossary.entry("中创新航").note == "Chinese battery maker"
    term = glossary.resolve_term("창저우")
    assert [s.path for s in glossary.sightings_of(term.id)] == ["issues/2024-05.md"]


def test_tbx2_martif_with_doctype_and_ntig(glossary):
    report = import_glossary(glossary, FIXTURES / "martif.tbx")
    assert report.format == "tbx2"
    assert renderings(glossary, "工业和信息化部") == {
        ("ko", "공업정보화부"): "preferred",
        ("abbr", "공신부"): "admitted",
        ("ko", "산업정보화부"): "deprecated",
        ("abbr", "MIIT"): "preferred",
    }
    assert renderings(glossary, "宁德时代") == {("ko", "닝더스다이"): "preferred"}


# -- TSV and JSON ---------------------------------------------------------------------------


def test_omegat_tsv(glossary, tmp_path):
    text = "# OmegaT glossary\n常州\t창저우\n常州\t상주\n周茂華\t저우마오화\tpreferred; person; 대변인\n\n"
    import_glossary(glossary, write(tmp_path, "glossary.utf8", text))
    assert renderings(glossary, "常州") == {("ko", "창저우"): "preferred", ("ko", "상주"): "admitted"}
    entry = glossary.entry("周茂华")
    assert (entry.kind, entry.note) == ("person", "대변인")


def test_json_list_of_entries(glossary, tmp_path):
    data = json.dumps([{"zh": "常州", "kind": "place", "terms": [{"text": "창저우", "status": "preferred"}, {"text": "상주"}]}])
    import_glossary(glossary, write(tmp_path, "script.json", data))
    assert renderings(glossary, "常州") == {("ko", "창저우"): "preferred", ("ko", "상주"): "candidate"}


@pytest.mark.parametrize(
    "name, data, fmt",
    [
        ("a.csv", b"zh-Hans,ko\r\n", "csv"),
        ("a.tbx", b"<martif/>", "tbx2"),
        ("a.xml", b"<tbx/>", "tbx"),
        ("a.json", b"{}", "json"),
        ("a.utf8", b"x\ty", "tsv"),
        ("noext", b'\xef\xbb\xbf{"entries": []}', "json"),
        ("noext", b"\xef\xbb\xbf<tbx/>", "tbx"),
        ("noext", "常州\t창저우\n".encode(), "tsv"),
        ("noext", b"zh-Hans\tko\n", "csv"),
    ],
)
def test_guess_format(name, data, fmt):
    assert guess_format(name, data) == fmt


# -- merging --------------------------------------------------------------------------------


def seed(g: Glossary) -> None:
    g.add_term("창저우", "常州", kind="place", status="preferred")
    g.add_term("상주", "常州", status="candidate")


def test_reimport_adds_nothing(glossary, tmp_path):
    seed(glossary)
    for fmt in ("csv", "tsv", "tbx", "tbx2", "json"):
        path = write(tmp_path, f"x.{fmt}", export_glossary(glossary, fmt))
        before = counts(glossary)
        report = import_glossary(glossary, path, fmt)
        assert counts(glossary) == before, fmt  # not even an empty changeset
        assert report.terms_added == report.entries_added == 0 and not report.conflicts


def test_reimport_with_sources_on_another_term_adds_nothing(glossary, tmp_path):
    seed(glossary)
    term = glossary.resolve_term("상주")
    glossary.record_sighting(term.id, path="issues/3.md", line=2, column=5)
    for fmt in ("csv", "tbx", "tbx2", "json"):
        path = write(tmp_path, f"x.{fmt}", export_glossary(glossary, fmt))
        before = counts(glossary)
        import_glossary(glossary, path, fmt)
        assert counts(glossary) == before, fmt


def test_conflicts_keep_the_glossary_values(glossary, tmp_path):
    seed(glossary)
    text = f"{HEADER}\r\n常州,,,창조우,,,,,company,,\r\n常州,,,,,창저우,,,,,\r\n"
    report = import_glossary(glossary, write(tmp_path, "c.csv", text))
    messages = [str(c) for c in report.conflicts]
    assert messages == [
        "line 2: 常州: kind is place in the glossary, company in the file",
        "line 2: 常州: second preferred ko rendering '창조우' (glossary prefers '창저우'); kept as admitted",
        "line 3: 常州: '창저우' is preferred in the glossary, deprecated in the file",
    ]
    assert glossary.entry("常州").kind == "place"
    assert renderings(glossary, "常州") == {
        ("ko", "창저우"): "preferred", ("ko", "창조우"): "admitted", ("ko", "상주"): "candidate",
    }


def test_a_person_status_replaces_a_candidate(glossary, tmp_path):
    seed(glossary)
    import_glossary(glossary, write(tmp_path, "d.csv", f"{HEADER}\r\n常州,,,,,상주,,,,,\r\n"))
    assert renderings(glossary, "常州")[("ko", "상주")] == "deprecated"


def test_import_is_one_undo_unit(glossary):
    seed(glossary)
    before = counts(glossary)[:3]
    import_glossary(glossary, FIXTURES / "multilang.tbx")
    assert glossary.last_changeset().command == "import multilang.tbx"
    glossary.undo()
    assert counts(glossary)[:3] == before


def test_a_bad_row_aborts_everything(glossary, tmp_path):
    seed(glossary)
    before = counts(glossary)
    text = f"{HEADER}\r\n上海,,,상하이,,,,,place,,\r\n北京,,,베이징,,,,,city,,\r\n"
    with pytest.raises(BadInput, match=r"bad\.csv, line 3: unknown kind 'city'"):
        import_glossary(glossary, write(tmp_path, "bad.csv", text))
    assert counts(glossary) == before
    assert glossary.entry("上海") is None


def test_a_store_error_mid_import_rolls_back(glossary, tmp_path, monkeypatch):
    seed(glossary)
    before = counts(glossary)
    calls = []

    def failing(*args, **kwargs):
        calls.append(args)
        if len(calls) == 2:
            raise BadInput("disk says no")
        return original(*args, **kwargs)

    original = glossary.add_term
    monkeypatch.setattr(glossary, "add_term", failing)
    text = f"{HEADER}\r\n上海,,,상하이,,,,,place,,\r\n北京,,,베이징,,,,,place,,\r\n"
    with pytest.raises(BadInput, match="line 3: disk says no"):
        import_glossary(glossary, write(tmp_path, "x.csv", text))
    assert counts(glossary) == before


# -- bad files through the command line -----------------------------------------------------

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<tbx><text><body><conceptEntry id="c1"><langSec xml:lang="zh"><termSec><term>&lol3;</term></termSec></langSec></conceptEntry></body></text></tbx>
"""
XXE = b"""<?xml version="1.0"?>
<!DOCTYPE tbx [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<tbx><text><body><conceptEntry id="c1"><langSec xml:lang="ko"><termSec><term>&xxe;</term></termSec></langSec></conceptEntry></body></text></tbx>
"""


@pytest.mark.parametrize(
    "name, data, message",
    [
        ("truncated.tbx", (FIXTURES / "multilang.tbx").read_bytes()[:900], r"truncated\.tbx, line \d+, column \d+: not well-formed XML"),
        ("lol.tbx", BILLION_LAUGHS, r"lol\.tbx: XML entity declarations are refused"),
        ("xxe.tbx", XXE, r"xxe\.tbx: XML entity declarations are refused"),
        ("html.xml", b"<html><body/></html>", r"not TBX"),
        ("columns.csv", "중국어,한국어\r\n常州,창저우\r\n".encode(), r"columns\.csv, line 1: unknown column '중국어'"),
        ("cells.csv", "zh-Hans,ko\r\n常州,창저우\r\n上海,상하이,상해\r\n".encode(), r"cells\.csv, line 3: 3 cells but the header has 2"),
        ("image.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200), r"image\.csv: binary file"),
        ("notzh.csv", "zh-Hans,ko\r\n상하이,상하이\r\n".encode(), r"line 2: '상하이' is not Chinese"),
        ("status.tbx", (FIXTURES / "martif.tbx").read_bytes().replace(b"deprecatedTerm", b"obsoleteTerm"), r"status\.tbx, line 31: unknown administrativeStatus"),
        ("nozh.tbx", (FIXTURES / "martif.tbx").read_bytes().replace(b'xml:lang="zh"', b'xml:lang="fr"'), r"nozh\.tbx, line 41: entry has no Chinese"),
        ("broken.json", b'{"entries": [\n{"zh": "\xe5\xb8\xb8\xe5\xb7\x9e",}\n]}', r"broken\.json, line 2: not valid JSON"),
        ("shape.json", b'{"entries": [{"zh": "\xe5\xb8\xb8\xe5\xb7\x9e", "terms": [{"lang": "ko"}]}]}', r"entry 1: each term needs"),
        ("tabs.tsv", "常州 창저우\n".encode(), r"tabs\.tsv, line 1: expected source<TAB>target"),
        ("empty.csv", b"", r"empty\.csv: empty file"),
    ],
    ids=lambda value: value if isinstance(value, str) and "." in value and len(value) < 20 else "",
)
def test_bad_file_is_one_line_exit_2_glossary_intact(glossary, tmp_path, name, data, message):
    seed(glossary)
    before = counts(glossary)
    path = write(tmp_path, name, data)
    result = CliRunner().invoke(cli, ["--db", glossary.path, "import", str(path)])
    assert result.exit_code == 2, result.output
    assert result.stderr.count("\n") == 1, result.stderr
    assert result.stderr.startswith("kozh: error: ")
    import re

    assert re.search(message, result.stderr), result.stderr
    assert counts(glossary) == before


def test_cli_import_reports_conflicts(glossary, tmp_path):
    seed(glossary)
    path = write(tmp_path, "c.csv", f"{HEADER}\r\n常州,,,창조우,,,,,,,\r\n")
    result = CliRunner().invoke(cli, ["--db", glossary.path, "import", str(path)])
    assert result.exit_code == 0, result.output
    assert "1 terms added" in result.stdout and "1 conflicts" in result.stdout
    assert "line 2: 常州: second preferred ko rendering '창조우'" in result.stderr


def test_cli_import_missing_file(glossary, tmp_path):
    result = CliRunner().invoke(cli, ["--db", glossary.path, "import", str(tmp_path / "none.csv")])
    assert result.exit_code == 2
    assert "none.csv: no such file" in result.stderr

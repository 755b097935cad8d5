"""kozh export: each format's layout, TBX structure, formula neutralising, round trips, backup."""

import csv
import io
import json
import sqlite3
import xml.etree.ElementTree as ET

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from glossary.cli import cli
from glossary.errors import BadInput
from glossary.interchange.csv_format import neutralise, restore
from glossary.interchange.interop import backup_glossary, export_glossary, import_glossary
from glossary.store import Glossary

FORMATS = ["csv", "tsv", "tbx", "tbx2", "json"]


def fill(glossary: Glossary) -> Glossary:
    """A small glossary touching every status, language and entry field."""
    g = glossary
    g.add_term("창저우", "常州", kind="place", status="preferred")
    g.add_term("상주", "常州", status="deprecated")
    g.add_term("=SUM(A1)", "常州", status="candidate")
    g.add_term("Changzhou", "常州", lang="en", status="preferred")
    g.update_entry("常州", note="장쑤성의 도시,\n\"상주\"와 혼동 주의", era="modern", customary=1)
    term, _ = g.add_term("저우마오화", "周茂華", kind="person", status="preferred")
    g.record_sighting(term.id, path="issues/12.md", line=3, column=4, context="…")
    g.record_sighting(term.id, path="issues/07.md", line=9, column=1)
    g.add_term("주무화", "周茂华", status="admitted")
    g.add_term("조우마오화", "周茂华", status="admitted")
    g.add_term("CATL", "宁德时代", lang="abbr", status="preferred", kind="company")
    g.add_term("닝더스다이", "宁德时代", status="preferred")
    g.add_term("+82 닝더", "宁德时代", status="candidate")
    g.add_term("CALB", "中创新航", status="preferred", kind="company")
    g.update_entry("中创新航", house_spelling="CALB")
    g.upsert_entry("上海", kind="place")  # an entry with no terms yet
    term, _ = g.add_term("A&B <주>", "北京", status="admitted", kind="org")
    g.record_sighting(term.id, path="issues/a&b.md", line=1, column=1)
    g.update_entry("北京", note="CRLF\r\nand <tags> & 'quotes', tab\there")
    return g


@pytest.fixture
def glossary(tmp_path):
    with Glossary.open(tmp_path / "glossary.db") as g:
        yield fill(g)


def counts(g: Glossary) -> tuple[int, ...]:
    return tuple(g.count(t) for t in ("entries", "terms", "sightings"))


# -- CSV ------------------------------------------------------------------------------------


def read_csv(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_csv_is_what_excel_opens(glossary):
    data = export_glossary(glossary, "csv")
    assert data.startswith(b"\xef\xbb\xbf")
    body = data[3:]
    assert body.count(b"\r\n") >= 6
    assert body.replace(b"\r\n", b"").count(b"\n") == 1  # rows end CRLF; the one LF is inside a note
    rows = read_csv(data)
    header = list(rows[0])
    assert header[:11] == [
        "zh-Hans", "zh-Hant", "pinyin", "ko", "ko-admitted", "ko-deprecated", "ko-candidate",
        "en", "abbr", "kind", "era",
    ]
    assert header[-3:] == ["house-spelling", "note", "sources"]
    by_zh = {r["zh-Hans"]: r for r in rows}
    assert by_zh["常州"]["ko"] == "창저우"
    assert by_zh["常州"]["ko-deprecated"] == "상주"
    assert by_zh["常州"]["note"] == "장쑤성의 도시,\n\"상주\"와 혼동 주의"  # quoted per RFC 4180
    assert by_zh["常州"]["customary"] == "1"
    assert by_zh["周茂华"]["zh-Hant"] == "周茂華"
    assert by_zh["周茂华"]["ko-admitted"] == "조우마오화; 주무화"
    assert by_zh["周茂华"]["sources"] == "issues/07.md; issues/12.md"
    assert by_zh["宁德时代"]["abbr"] == "CATL"
    assert by_zh["上海"]["ko"] == ""


def test_csv_neutralises_formulas(glossary):
    rows = read_csv(export_glossary(glossary, "csv"))
    by_zh = {r["zh-Hans"]: r for r in rows}
    assert by_zh["常州"]["ko-candidate"] == "'=SUM(A1)"
    assert by_zh["宁德时代"]["ko-candidate"] == "'+82 닝더"


@pytest.mark.parametrize(
    "cell, written",
    [
        ("=1+1", "'=1+1"), ("+82", "'+82"), ("-3", "'-3"), ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"), ("\rx", "'\rx"), ("'=1", "''=1"), ("''-1", "'''-1"),
        ("창저우", "창저우"), ("'quoted'", "'quoted'"), ("a=b", "a=b"), ("", ""),
    ],
)
def test_neutralise_is_reversible(cell, written):
    assert neutralise(cell) == written
    assert restore(written) == cell


@given(st.text())
def test_neutralise_round_trips_any_text(cell):
    written = neutralise(cell)
    assert restore(written) == cell
    assert not written.startswith(("=", "+", "-", "@", "\t", "\r"))


def test_csv_drops_unused_optional_columns(tmp_path):
    with Glossary.open(tmp_path / "g.db") as g:
        g.add_term("창저우", "常州", kind="place", status="preferred")
        header = read_csv(export_glossary(g, "csv"))[0].keys()
    assert list(header) == [
        "zh-Hans", "zh-Hant", "pinyin", "ko", "ko-admitted", "ko-deprecated", "ko-candidate",
        "en", "kind", "note", "sources",
    ]


# -- TSV and JSON ---------------------------------------------------------------------------


def test_tsv_is_omegat_layout(glossary):
    lines = export_glossary(glossary, "tsv").decode("utf-8").splitlines()
    assert lines[0].startswith("#")
    rows = [line.split("\t") for line in lines[1:]]
    assert all(len(r) == 3 for r in rows)
    assert ["常州", "창저우", "preferred; place; 장쑤성의 도시, \"상주\"와 혼동 주의"] in rows
    assert ["周茂华", "저우마오화", "preferred; person"] in rows
    assert ["周茂華", "저우마오화", "preferred; person"] in rows  # traditional source too
    targets = {r[1] for r in rows}
    assert "상주" not in targets and "=SUM(A1)" not in targets  # OmegaT has no deprecated status


def test_json_has_entries_terms_and_statuses(glossary):
    document = json.loads(export_glossary(glossary, "json"))
    assert document["format"] == "kozh-glossary" and document["version"] == 1
    entry = next(e for e in document["entries"] if e["zh"] == "周茂华")
    assert entry["kind"] == "person" and entry["zh_hant"] == "周茂華"
    assert entry["terms"][0] == {
        "lang": "ko", "text": "저우마오화", "status": "preferred", "sources": ["issues/07.md", "issues/12.md"],
    }
    assert [t["status"] for t in entry["terms"]] == ["preferred", "admitted", "admitted"]


def test_filters_by_status_and_kind(glossary):
    document = json.loads(export_glossary(glossary, "json", status="preferred", kind=["place", "person"]))
    assert [e["zh"] for e in document["entries"]] == ["常州", "周茂华"]
    assert {t["status"] for e in document["entries"] for t in e["terms"]} == {"preferred"}


def test_unknown_format(glossary):
    with pytest.raises(BadInput, match="unknown format"):
        export_glossary(glossary, "xlsx")


# -- TBX structure --------------------------------------------------------------------------

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
TBX3 = "{urn:iso:std:iso:30042:ed-2}"
ADMIN_STATUSES = {
    "preferredTerm-admn-sts", "admittedTerm-admn-sts", "deprecatedTerm-admn-sts", "supersededTerm-admn-sts",
}
# TBX-Basic data categories, by element: the allowed values of their type attribute.
TYPES = {
    "termNote": {"administrativeStatus", "termType", "partOfSpeech", "grammaticalGender", "geographicalUsage", "termLocation"},
    "admin": {"source", "customerSubset", "projectSubset"},
    "descrip": {"definition", "context", "subjectField"},
}
TERM_TYPES = {"fullForm", "acronym", "abbreviation", "shortForm", "variant", "phrase"}


def check_tbx(data: bytes, version: int) -> int:
    """Check the TBX-Basic structure of a file; returns the number of entries.

    Nesting (each element only where TBX-Basic allows it, in order), required attributes and
    the picklist values of administrativeStatus and termType.
    """
    ns = TBX3 if version == 3 else ""
    names = (
        dict(root="tbx", header="tbxHeader", entry="conceptEntry", lang="langSec", term="termSec")
        if version == 3
        else dict(root="martif", header="martifHeader", entry="termEntry", lang="langSet", term="tig")
    )
    root = ET.fromstring(data)
    assert root.tag == ns + names["root"]
    if version == 3:
        assert root.get("type") == "TBX-Basic" and root.get("style") == "dca"
    else:
        assert root.get("type") == "TBX"
    assert root.get(XML_LANG)
    assert [c.tag for c in root] == [ns + names["header"], ns + "text"]
    header = root[0]
    assert header[0].tag == ns + "fileDesc"
    assert all(c.tag in {ns + "titleStmt", ns + "publicationStmt", ns + "sourceDesc"} for c in header[0])
    assert all(c.tag in {ns + "fileDesc", ns + "encodingDesc", ns + "revisionDesc"} for c in header)
    text = root[1]
    assert [c.tag for c in text] == [ns + "body"]
    entries = list(text[0])
    ids = set()
    for entry in entries:
        assert entry.tag == ns + names["entry"]
        assert entry.get("id") and entry.get("id")[0].isalpha() and entry.get("id") not in ids
        ids.add(entry.get("id"))
        children = [c.tag.removeprefix(ns) for c in entry]
        first_lang = children.index(names["lang"])
        assert set(children[:first_lang]) <= {"note", "descrip", "admin", "xref", "ref", "transacGrp"}
        assert set(children[first_lang:]) == {names["lang"]}, "langSecs come last"
        for child in entry[:first_lang]:
            check_typed(child, ns)
        for lang in entry[first_lang:]:
            assert lang.get(XML_LANG), "langSec needs xml:lang"
            tags = [c.tag.removeprefix(ns) for c in lang]
            assert names["term"] in tags, "langSec needs a termSec"
            first_term = tags.index(names["term"])
            assert set(tags[:first_term]) <= {"note", "descrip", "admin", "xref", "ref", "transacGrp"}
            assert set(tags[first_term:]) == {names["term"]}, "termSecs come last"
            for child in lang[:first_term]:
                check_typed(child, ns)
            for term_sec in lang[first_term:]:
                check_term(term_sec, ns)
    return len(entries)


def check_term(term_sec, ns: str) -> None:
    tags = [c.tag.removeprefix(ns) for c in term_sec]
    assert tags[0] == "term" and tags.count("term") == 1
    assert (term_sec[0].text or "").strip()
    notes_end = next((i for i, t in enumerate(tags[1:], 1) if t != "termNote"), len(tags))
    assert set(tags[notes_end:]) <= {"note", "admin", "descrip", "xref", "ref", "transacGrp"}, "termNotes first"
    for child in term_sec[1:]:
        check_typed(child, ns)
    statuses = [c.text for c in term_sec if c.get("type") == "administrativeStatus"]
    assert len(statuses) <= 1


def check_typed(element, ns: str) -> None:
    tag = element.tag.removeprefix(ns)
    assert not list(element), f"<{tag}> holds text only"
    if tag in TYPES:
        assert element.get("type") in TYPES[tag], f"<{tag} type={element.get('type')!r}>"
    if element.get("type") == "administrativeStatus":
        assert element.text in ADMIN_STATUSES
    if element.get("type") == "termType":
        assert element.text in TERM_TYPES


@pytest.mark.parametrize("fmt, version", [("tbx", 3), ("tbx2", 2)])
def test_tbx_structure(glossary, fmt, version):
    data = export_glossary(glossary, fmt)
    assert check_tbx(data, version) == glossary.count("entries")


@pytest.mark.parametrize("fmt, version", [("tbx", 3), ("tbx2", 2)])
def test_tbx_content(glossary, fmt, version):
    root = ET.fromstring(export_glossary(glossary, fmt))
    ns = TBX3 if version == 3 else ""
    entry = next(e for e in root.iter(ns + ("conceptEntry" if version == 3 else "termEntry")) if e.get("id") == "c1")
    langs = [s.get(XML_LANG) for s in entry if s.get(XML_LANG)]
    assert langs == ["zh-Hans", "ko", "en"]  # 常州 is the same in both scripts: no zh-Hant
    notes = [n.text for n in entry.findall(ns + "note")]
    assert notes[:3] == ["kind: place", "era: modern", "customary: yes"]
    ko = entry[len(notes) + 1]
    terms = {t.find(ns + "term").text: t for t in ko}
    status = lambda t: t.find(ns + "termNote").text  # noqa: E731
    assert status(terms["창저우"]) == "preferredTerm-admn-sts"
    assert status(terms["상주"]) == "deprecatedTerm-admn-sts"
    assert status(terms["=SUM(A1)"]) == "admittedTerm-admn-sts"
    assert terms["=SUM(A1)"].find(ns + "note").text == "status: candidate"
    sources = [a.text for a in root.iter(ns + "admin") if a.get("type") == "source"]
    assert sources == ["issues/07.md", "issues/12.md", "issues/a&b.md"]


def test_tbx_fixtures_are_tbx_basic():
    from pathlib import Path

    fixtures = Path(__file__).parent / "fixtures" / "interop"
    assert check_tbx((fixtures / "multilang.tbx").read_bytes(), 3) == 2


# -- round trips ----------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_round_trip_is_byte_identical(glossary, tmp_path, fmt):
    first = export_glossary(glossary, fmt)
    path = tmp_path / f"export.{fmt}"
    path.write_bytes(first)
    with Glossary.open(tmp_path / "empty.db") as empty:
        import_glossary(empty, path, fmt)
        assert export_glossary(empty, fmt) == first


@pytest.mark.parametrize("fmt", ["csv", "tbx", "tbx2", "json"])
def test_round_trip_keeps_the_glossary(glossary, tmp_path, fmt):
    path = tmp_path / f"export.{fmt}"
    path.write_bytes(export_glossary(glossary, fmt))
    with Glossary.open(tmp_path / "empty.db") as empty:
        import_glossary(empty, path, fmt)
        assert export_glossary(empty, "json") == export_glossary(glossary, "json")


# -- the command ----------------------------------------------------------------------------


def test_cli_export_to_file_and_stdout(glossary, tmp_path):
    runner = CliRunner()
    out = tmp_path / "glossary.tbx"
    result = runner.invoke(cli, ["--db", glossary.path, "export", "--format", "tbx2", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_bytes() == export_glossary(glossary, "tbx2")
    result = runner.invoke(cli, ["--db", glossary.path, "export", "--format", "json", "--status", "preferred"])
    assert result.exit_code == 0
    assert result.stdout_bytes == export_glossary(glossary, "json", status="preferred")


def test_cli_export_needs_a_glossary(tmp_path):
    result = CliRunner().invoke(cli, ["--db", str(tmp_path / "none.db"), "export"])
    assert result.exit_code == 2
    assert "no glossary" in result.stderr
    assert not (tmp_path / "none.db").exists()


# -- backup ---------------------------------------------------------------------------------


def test_backup_copies_the_glossary(glossary, tmp_path):
    target = backup_glossary(glossary, tmp_path / "copy.db")
    with Glossary.open(target, create=False) as copy:
        assert counts(copy) == counts(glossary)
        assert export_glossary(copy, "json") == export_glossary(glossary, "json")
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_backup_refuses_to_overwrite(glossary, tmp_path):
    target = tmp_path / "copy.db"
    target.write_bytes(b"keep me")
    runner = CliRunner()
    result = runner.invoke(cli, ["--db", glossary.path, "backup", str(target)])
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "--force" in result.stderr
    assert target.read_bytes() == b"keep me"
    result = runner.invoke(cli, ["--db", glossary.path, "backup", str(target), "--force"])
    assert result.exit_code == 0, result.output
    assert sqlite3.connect(target).execute("SELECT count(*) FROM entries").fetchone()[0] == 6


def test_backup_refuses_the_glossary_itself(glossary):
    with pytest.raises(BadInput, match="glossary itself"):
        backup_glossary(glossary, glossary.path, force=True)

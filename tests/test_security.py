"""Hostile files: external entities in Word drafts, shell-free subprocesses, loopback by default."""

import re
import zipfile
from pathlib import Path

import pytest
from docx import Document as WordDocument

from glossary.errors import BadInput
from glossary.sources.document import read_document

ROOT = Path(__file__).resolve().parent.parent


def test_docx_with_an_external_entity_does_not_read_the_file(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-창저우", encoding="utf-8")
    plain = tmp_path / "plain.docx"
    word = WordDocument()
    word.add_paragraph("PLACEHOLDER")
    word.save(plain)
    hostile = tmp_path / "hostile.docx"
    with zipfile.ZipFile(plain) as src, zipfile.ZipFile(hostile, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "word/document.xml":
                xml = data.decode("utf-8")
                doctype = f'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file://{secret}">]>'
                xml = xml.replace("?>", "?>" + doctype, 1).replace("PLACEHOLDER", "&xxe;")
                data = xml.encode("utf-8")
            dst.writestr(item, data)
    try:
        doc = read_document(hostile)
    except BadInput:
        return  # refusing the file is as good as ignoring the entity
    assert "TOP-SECRET" not in doc.raw


def test_no_shell_commands_are_built():
    for path in [*ROOT.glob("glossary/**/*.py"), *ROOT.glob("tui/**/*.py")]:
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"shell\s*=\s*True|os\.system\(|os\.popen\(", text), path


def test_serve_binds_loopback_by_default_and_refuses_others(tmp_path):
    from click.testing import CliRunner

    from glossary.cli import cli
    from glossary.store import Glossary

    Glossary.open(tmp_path / "g.db").close()
    help_text = CliRunner().invoke(cli, ["serve", "--help"]).output
    assert "127.0.0.1" in help_text
    result = CliRunner().invoke(cli, ["--db", str(tmp_path / "g.db"), "serve", "--host", "0.0.0.0"])
    assert result.exit_code == 2 and "loopback" in result.stderr


@pytest.mark.parametrize("formula", ["=HYPERLINK(\"http://x\")", "+1+1", "-2", "@SUM(A1)", "\t=1", "\r=1"])
def test_exported_csv_cells_never_start_a_formula(tmp_path, formula):
    from glossary.interchange.interop import export_glossary
    from glossary.store import Glossary

    with Glossary.open(tmp_path / "g.db") as g:
        g.add_term(formula + "창저우", "常州", status="preferred")
        g.update_entry("常州", note=formula)
        csv = export_glossary(g, "csv").decode("utf-8-sig")
    for cell in re.findall(r'(?:^|,)("(?:[^"]|"")*"|[^,\r\n]*)', csv):
        value = cell.strip('"')
        assert not value.startswith(("=", "+", "-", "@", "\t", "\r")), value

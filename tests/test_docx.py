"""Reading .docx drafts with positions by paragraph and character."""

import docx
import pytest

from glossary.sources.docx_file import read_docx
from glossary.errors import BadInput


@pytest.fixture
def draft(tmp_path):
    document = docx.Document()
    document.add_heading("중국 배터리 업계 동향", level=1)
    para = document.add_paragraph("중국 ")
    para.add_run("창저우").bold = True
    para.add_run("(常州)에 공장을 세운다.")
    document.add_paragraph("")
    broken = document.add_paragraph("첫 줄")
    broken.add_run().add_break()
    broken.add_run("둘째 줄 상하이")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "周茂华"
    table.cell(0, 1).text = "저우마오화"
    document.add_paragraph("끝 문단 항저우")
    path = tmp_path / "draft.docx"
    document.save(path)
    return path


def test_paragraphs_are_lines(draft):
    doc = read_docx(draft)
    assert doc.paragraphs == [
        "중국 배터리 업계 동향",
        "중국 창저우(常州)에 공장을 세운다.",
        "",
        "첫 줄 둘째 줄 상하이",
        "周茂华",
        "저우마오화",
        "끝 문단 항저우",
    ]
    assert doc.text == "\n".join(doc.paragraphs)


@pytest.mark.parametrize(
    "needle, position",
    [
        ("창저우", (2, 4)),
        ("常州", (2, 8)),
        ("상하이", (4, 10)),
        ("周茂华", (5, 1)),
        ("저우마오화", (6, 1)),
        ("항저우", (7, 6)),
    ],
)
def test_positions_point_to_paragraph_and_char(draft, needle, position):
    doc = read_docx(draft)
    offset = doc.text.index(needle)
    assert doc.docx_position(offset) == position
    assert doc.offset(*position) == offset
    paragraph, char = position
    assert doc.paragraphs[paragraph - 1][char - 1 :].startswith(needle)


def test_position_is_clamped(draft):
    doc = read_docx(draft)
    assert doc.docx_position(-5) == (1, 1)
    assert doc.docx_position(10**6) == (7, len(doc.paragraphs[-1]) + 1)


@pytest.mark.parametrize("content", [b"not a zip at all", b"PK\x03\x04 truncated zip"])
def test_not_a_docx_is_bad_input(tmp_path, content):
    path = tmp_path / "draft.docx"
    path.write_bytes(content)
    with pytest.raises(BadInput, match="draft.docx"):
        read_docx(path)


def test_missing_file(tmp_path):
    with pytest.raises(BadInput, match="no such file"):
        read_docx(tmp_path / "none.docx")


def test_docx_draft_is_read_as_a_document_with_paragraph_positions(tmp_path):
    from docx import Document as WordDocument

    from glossary.extract.pairs import extract_pairs
    from glossary.sources.document import iter_source_files, read_document

    word = WordDocument()
    word.add_paragraph("주간 중국 창업")
    word.add_paragraph("지난주 조우마오화(周茂华) 수석은 창저우(常州)를 방문했다.")
    path = tmp_path / "draft.docx"
    word.save(path)
    doc = read_document(path)
    assert doc.format == "docx" and doc.kind == "txt"
    assert [(p.term, p.zh, p.line, p.column) for p in extract_pairs(doc)] == [
        ("조우마오화", "周茂华", 2, 5),
        ("창저우", "常州", 2, 20),
    ]
    assert list(iter_source_files([tmp_path])) == [path]

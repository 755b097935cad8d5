"""Reading files into Documents: decoding, blanking of markup, positions, folders."""

from __future__ import annotations

from pathlib import Path

import pytest

from glossary.errors import BadInput
from glossary.sources.document import document_from_text, iter_source_files, read_document

ISSUE = Path(__file__).resolve().parent.parent / "data" / "issues" / "kic-china-weekly-318.md"


# --- decoding ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        ("창저우(常州)\n".encode("utf-8"), "utf-8"),
        ("\ufeff창저우(常州)\n".encode("utf-8"), "utf-8-sig"),
        ("창저우(常州)\n".encode("utf-16"), "utf-16"),
        ("창저우(常州)\n".encode("utf-16-be").join([b"\xfe\xff", b""]), "utf-16"),
        ("창저우 센터장\n".encode("cp949"), "cp949"),
    ],
)
def test_decodes(tmp_path, data, encoding):
    f = tmp_path / "a.md"
    f.write_bytes(data)
    doc = read_document(f)
    assert doc.encoding == encoding
    assert doc.raw.startswith("창저우")
    assert "\ufeff" not in doc.raw


@pytest.mark.parametrize(
    "data",
    [
        b"PK\x03\x04\x00\x00binary",
        bytes(range(256)) * 4,
        b"\x81\x20\xff\xfe\xfd" * 50 + b"\xc8",  # not UTF-8, not CP949
    ],
)
def test_binary_is_bad_input_naming_the_file(tmp_path, data):
    f = tmp_path / "scan.md"
    f.write_bytes(data)
    with pytest.raises(BadInput) as err:
        read_document(f)
    assert "scan.md" in str(err.value)
    assert "\n" not in str(err.value)


def test_missing_and_folder(tmp_path):
    with pytest.raises(BadInput, match="nope.md"):
        read_document(tmp_path / "nope.md")
    with pytest.raises(BadInput, match="is a folder"):
        read_document(tmp_path)


def test_crlf_kept_and_positions(tmp_path):
    f = tmp_path / "crlf.txt"
    f.write_bytes("첫 줄\r\n둘째 창저우(常州)\r\n".encode())
    doc = read_document(f)
    assert doc.raw == "첫 줄\r\n둘째 창저우(常州)\r\n"
    assert doc.kind == "txt"
    off = doc.raw.index("창저우")
    assert doc.line_col(off) == (2, 4)
    assert doc.offset(2, 4) == off
    assert doc.line_col(0) == (1, 1)


def test_line_col_roundtrip_on_issue():
    doc = read_document(ISSUE)
    assert len(doc.text) == len(doc.raw)
    for off in range(0, len(doc.raw), 997):
        line, col = doc.line_col(off)
        assert doc.offset(line, col) == off
    assert doc.line_col(doc.raw.index("창저우(常州)")) == (35, 24)


# --- blanking ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "text"),
    [
        ("<b>뉴스</b> 창저우", "   뉴스     창저우"),
        ("연구소(龙城实验室)<sup>3</sup>를", "연구소(龙城实验室)            를"),
        ("**KiC** 센터", "  KiC   센터"),
        ("__굵게__ 끝", "  굵게   끝"),
        ("코드 `창저우(常州)` 끝", "코드 " + " " * len("`창저우(常州)`") + " 끝"),
        ("[링크 글](https://a.b/c) 끝", " 링크 글" + " " * len("](https://a.b/c)") + " 끝"),
        ("[[항저우]](杭州)", "  항저우  (杭州)"),
        ("창저우(常州) 그리고 [항저우](杭州)", "창저우(常州) 그리고 [항저우](杭州)"),
        ("## ②Coreach", "   ②Coreach"),
        ("#### 1) 성과", "        성과"),
        ("- 항목", "  항목"),
        ("1. 차이리엔사(财联社)", "   차이리엔사(财联社)"),
        ("1.산업정보화부(工业和信息化部)", "  산업정보화부(工业和信息化部)"),
        ("(11)중소기업", "    중소기업"),
        ("\\*출처:", " *출처:"),
        ("&lt;민영&amp;중소&gt;", "<   민영&    중소>   "),
        ("참고(www.kicchina.org) 끝", "참고(                ) 끝"),
        ("사이트 <https://www.aoto.com>", "사이트 " + " " * len("<https://www.aoto.com>")),
        ("<미래산업과학기술단지 건립>에", "<미래산업과학기술단지 건립>에"),
        ("a<!-- kozh: ignore -->b", "a                     b"),
        ("1.5 조 위안", "1.5 조 위안"),
    ],
)
def test_blanking(raw, text):
    doc = document_from_text(raw)
    assert doc.text == text
    assert len(doc.text) == len(doc.raw)


def test_comments_recorded():
    raw = "앞\n<!-- kozh: ignore name-form -->\n뒤 <!--x-->"
    doc = document_from_text(raw)
    assert [(raw[s:e], body) for s, e, body in doc.comments] == [
        ("<!-- kozh: ignore name-form -->", " kozh: ignore name-form "),
        ("<!--x-->", "x"),
    ]
    assert doc.text.count("\n") == raw.count("\n")


def test_newlines_survive_blanking():
    raw = "```\n창저우(常州)\n```\n<p>가\n나</p>"
    doc = document_from_text(raw)
    assert [i for i, c in enumerate(doc.text) if c == "\n"] == [i for i, c in enumerate(raw) if c == "\n"]
    assert "常州" not in doc.text  # fenced code is never linted


def test_html_kind_and_txt_kind():
    html = document_from_text("<p>창저우(常州) **그대로**</p><script>x(常州)</script>", kind="html")
    assert html.text.strip() == "창저우(常州) **그대로**"
    txt = document_from_text("**그대로** <b>", kind="txt")
    assert txt.text == txt.raw


# --- folders -----------------------------------------------------------------------------


def test_iter_source_files(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / ".git").mkdir()
    for name in ["b/z.md", "a.txt", "b/c.HTML", "d.pdf", ".git/x.md", "b/y.markdown"]:
        (tmp_path / name).write_text("x", encoding="utf-8")
    got = [p.relative_to(tmp_path).as_posix() for p in iter_source_files([tmp_path])]
    assert got == ["a.txt", "b/c.HTML", "b/y.markdown", "b/z.md"]
    assert list(iter_source_files([tmp_path / "d.pdf", tmp_path / "d.pdf"])) == [tmp_path / "d.pdf"]
    with pytest.raises(BadInput, match="missing"):
        list(iter_source_files([tmp_path / "missing"]))

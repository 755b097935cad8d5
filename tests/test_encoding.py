"""Decoding drafts and glossary files written by Korean software."""

import codecs

import pytest

from glossary.sources.encoding import decode_bytes, encode_text
from glossary.errors import BadInput

TEXT = "창저우(常州)시는 장쑤성에 있다.\n주마오화(周茂華) 대변인\n"


@pytest.mark.parametrize(
    "data, encoding",
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig"),
        (codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), "utf-16"),
        (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16"),
        (TEXT.encode("cp949"), "cp949"),
        (TEXT.encode("euc-kr"), "cp949"),
    ],
)
def test_decodes_korean_encodings(data, encoding):
    text, found = decode_bytes(data, "draft.txt")
    assert text == TEXT
    assert found == encoding


def test_short_cp949_is_still_korean():
    # charset-normalizer alone ranks Big5 first for these few bytes.
    text, encoding = decode_bytes("가,나\r\n".encode("cp949"), "a.csv")
    assert (text, encoding) == ("가,나\r\n", "cp949")


@pytest.mark.parametrize(
    "encoding", ["utf-8", "utf-8-sig", "utf-16", "cp949"]
)
def test_encode_text_round_trips(encoding):
    data = encode_text(TEXT, encoding)
    assert decode_bytes(data, "x.txt") == (TEXT, encoding)


def test_utf16_is_written_with_a_bom():
    assert encode_text("가", "utf-16") == codecs.BOM_UTF16_LE + "가".encode("utf-16-le")


def test_cp949_cannot_hold_simplified_chinese():
    with pytest.raises(BadInput, match="UTF-8"):
        encode_text("周茂华", "cp949")


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00",
        bytes(range(1, 32)) * 20,
    ],
)
def test_binary_is_refused_naming_the_file(data):
    with pytest.raises(BadInput, match=r"^photo\.png: binary"):
        decode_bytes(data, "photo.png")

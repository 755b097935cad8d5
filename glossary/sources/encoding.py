"""Decoding text files whatever Korean software wrote them, and encoding them back the same way.

Drafts and glossary files reach kozh as UTF-8 (with or without a byte-order mark), as UTF-16 with a
BOM (Excel's "Unicode text", Notepad) and as CP949/EUC-KR (older Korean Windows and Excel).
:func:`decode_bytes` tells them apart; :func:`encode_text` writes text back in the encoding it came in.
"""

from __future__ import annotations

import codecs
import os

from ..errors import BadInput

# Encodings charset-normalizer may name for Korean bytes; CP949 is a superset of EUC-KR, so any of
# them decodes (and re-encodes) identically as CP949.
_KOREAN = {"cp949", "euc_kr", "uhc", "ks_c_5601_1987", "johab"}

_CHINESE = {"gb18030", "gbk", "gb2312", "big5", "big5hkscs", "hz"}

# How much of a file the binary check looks at: enough to judge, bounded for large files.
_SAMPLE = 65536


def decode_bytes(data: bytes, path: str | os.PathLike) -> tuple[str, str]:
    """Decode the bytes of a text file.

    Order: a UTF-8 BOM, a UTF-32 or UTF-16 BOM, strict UTF-8, then charset-normalizer's guess, with
    CP949 preferred whenever it is among the plausible encodings (kozh reads Korean text).

    Args:
        data: The file's bytes.
        path: The file's name, used in error messages only.

    Returns:
        ``(text, encoding)``: the text without any BOM, and a Python codec name such that
        ``encode_text(text, encoding)`` gives back bytes equivalent to ``data`` (``utf-8-sig``
        for UTF-8 with a BOM, ``utf-16``/``utf-32`` for a BOM in either byte order).

    Raises:
        BadInput: The data is binary (NUL bytes or many control characters) or no encoding fits.
    """
    name = os.fspath(path)
    if data.startswith(codecs.BOM_UTF8):
        return _checked(_decode(data, "utf-8-sig", name), name), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return _checked(_decode(data, "utf-32", name), name), "utf-32"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _checked(_decode(data, "utf-16", name), name), "utf-16"
    if b"\x00" in data[:_SAMPLE]:
        # UTF-16 without a BOM is rare in practice; NUL bytes mean a binary file far more often.
        raise BadInput(f"{name}: binary file (NUL bytes), not text")
    try:
        return _checked(data.decode("utf-8"), name), "utf-8"
    except UnicodeDecodeError:
        pass
    encoding = _guess(data)
    if encoding is None:
        raise BadInput(f"{name}: cannot decode: not UTF-8, UTF-16 or CP949 text")
    return _checked(_decode(data, encoding, name), name), encoding


def encode_text(text: str, encoding: str) -> bytes:
    """Encode ``text`` for writing back to a file read with :func:`decode_bytes`.

    UTF-16 and UTF-32 are written little-endian with a BOM (what Windows writes), whatever the
    platform; ``utf-8-sig`` writes the UTF-8 BOM.

    Raises:
        BadInput: The text holds characters the encoding cannot represent (a simplified Chinese
            character in a CP949 file, say).
    """
    codec = codecs.lookup(encoding).name
    try:
        if codec == "utf-16":
            return codecs.BOM_UTF16_LE + text.encode("utf-16-le")
        if codec == "utf-32":
            return codecs.BOM_UTF32_LE + text.encode("utf-32-le")
        return text.encode(encoding)
    except UnicodeEncodeError as exc:
        bad = exc.object[exc.start : exc.end]
        raise BadInput(f"cannot write {bad!r} in {encoding}; save the file as UTF-8") from None


def _guess(data: bytes) -> str | None:
    from charset_normalizer import from_bytes  # imported late: it loads its models on import

    matches = from_bytes(data)
    names = [m.encoding for m in matches]
    if any(n in _KOREAN for n in names):
        return "cp949"
    # A Chinese source text may come in a Chinese legacy encoding; anything else (cp1252, …) is not
    # what Korean or Chinese writers produce, and is far more likely to be binary data.
    for name in names:
        if name in _CHINESE:
            return name
    try:  # charset-normalizer gives up on some very short files; CP949 is the likely one here
        data.decode("cp949")
        return "cp949"
    except UnicodeDecodeError:
        return None


def _decode(data: bytes, encoding: str, name: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise BadInput(f"{name}: cannot decode as {encoding} (byte {exc.start})") from None


def _checked(text: str, name: str) -> str:
    sample = text[:_SAMPLE]
    if "\x00" in sample:
        raise BadInput(f"{name}: binary file (NUL characters), not text")
    controls = sum(1 for ch in sample if ch < " " and ch not in "\t\n\r\f\v")
    if controls > max(8, len(sample) // 100):
        raise BadInput(f"{name}: binary file (control characters), not text")
    return text

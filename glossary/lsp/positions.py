"""Character offsets ↔ LSP positions, and applying the edits an editor sends.

The lint engine speaks in character offsets into ``Document.raw`` (Python ``str`` indexes, one
per code point). LSP speaks in ``(line, character)`` where ``character`` counts code units of the
negotiated position encoding: UTF-16 unless the client offered UTF-8 or UTF-32 (LSP 3.17). Hangul
and CJK in the Basic Multilingual Plane are one UTF-16 unit, but an emoji (😀) or an astral CJK
character (𠀀, CJK Extension B) is two; in UTF-8 a syllable such as 저 is three.

Lines are split on ``\\n``, ``\\r\\n`` and ``\\r`` only, as LSP and :class:`~glossary.sources.document.Document`
split them; ``str.splitlines`` also breaks at U+2028, form feeds and others, and would put every
later finding on the wrong line.

>>> lines = LineIndex("😀 조우마오화(周茂华)\\n")
>>> lines.position(2)  # 조 comes after 😀 (two units) and a space
(0, 3)
>>> lines.offset(0, 3)
2
"""

from __future__ import annotations

import re
from bisect import bisect_right

_LINE_BREAK = re.compile(r"\r\n|\r|\n")

ENCODINGS = ("utf-16", "utf-8", "utf-32")
"""Position encodings, by their LSP names (``PositionEncodingKind`` values)."""


def units(text: str, encoding: str = "utf-16") -> int:
    """How many code units of ``encoding`` ``text`` takes.

    >>> units("저우마오화"), units("😀저"), units("😀저", "utf-8"), units("😀저", "utf-32")
    (5, 3, 7, 2)
    """
    if encoding == "utf-32" or text.isascii():
        return len(text)
    if encoding == "utf-8":
        return len(text.encode("utf-8", "surrogatepass"))
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def _char_units(ch: str, encoding: str) -> int:
    if encoding == "utf-32":
        return 1
    if encoding == "utf-8":
        return len(ch.encode("utf-8", "surrogatepass"))
    return 2 if ord(ch) > 0xFFFF else 1


class LineIndex:
    """The line starts of one text, for converting offsets and positions in either direction.

    Args:
        text: The whole document.
        encoding: ``utf-16`` (LSP's default), ``utf-8`` or ``utf-32``.
    """

    def __init__(self, text: str, encoding: str = "utf-16") -> None:
        if encoding not in ENCODINGS:
            raise ValueError(f"unknown position encoding {encoding!r}")
        self.text = text
        self.encoding = encoding
        self.starts = [0] + [m.end() for m in _LINE_BREAK.finditer(text)]

    def _line_end(self, line: int) -> int:
        """Offset just past the line's last character (before its line break)."""
        if line + 1 < len(self.starts):
            end = self.starts[line + 1]
            if self.text[end - 1] == "\n":
                end -= 2 if end >= 2 and self.text[end - 2] == "\r" else 1
            else:  # a lone \r
                end -= 1
            return end
        return len(self.text)

    def position(self, offset: int) -> tuple[int, int]:
        """0-based ``(line, character)`` of a character offset, ``character`` in code units."""
        offset = max(0, min(offset, len(self.text)))
        line = bisect_right(self.starts, offset) - 1
        start = self.starts[line]
        return line, units(self.text[start:offset], self.encoding)

    def offset(self, line: int, character: int) -> int:
        """The character offset of a 0-based LSP position.

        A line past the end means the end of the text; a character past the end of the line means
        the end of the line (LSP's rule); a position inside a surrogate pair or a UTF-8 sequence
        means the character it falls in.
        """
        if line < 0:
            return 0
        if line >= len(self.starts):
            return len(self.text)
        start, end = self.starts[line], self._line_end(line)
        if character <= 0:
            return start
        segment = self.text[start:end]
        if self.encoding == "utf-32" or segment.isascii() or (self.encoding == "utf-16" and _bmp_only(segment)):
            return start + min(character, len(segment))
        counted = 0
        for i, ch in enumerate(segment):
            counted += _char_units(ch, self.encoding)
            if counted > character:
                return start + i
            if counted == character:
                return start + i + 1
        return end

    def range(self, start: int, end: int) -> tuple[tuple[int, int], tuple[int, int]]:
        """``(start position, end position)`` of the characters ``text[start:end]``."""
        return self.position(start), self.position(end)


def _bmp_only(text: str) -> bool:
    return not text or max(text) <= "\uffff"


def apply_change(text: str, start: tuple[int, int] | None, end: tuple[int, int] | None, new: str,
                 encoding: str = "utf-16") -> str:
    """``text`` after one ``textDocument/didChange`` content change.

    Args:
        start: ``(line, character)`` where the replaced range starts, or None for a whole-text change.
        end: Where it ends (exclusive).
        new: The text that replaces the range.
    """
    if start is None or end is None:
        return new
    lines = LineIndex(text, encoding)
    a, b = lines.offset(*start), lines.offset(*end)
    if b < a:
        a, b = b, a
    return text[:a] + new + text[b:]

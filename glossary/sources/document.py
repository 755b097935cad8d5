"""Reading issue and draft files into a :class:`Document`.

A Document keeps the decoded text twice: ``raw`` exactly as in the file, and
``text`` with markup blanked out by spaces. Both have the same length, so an
offset found in ``text`` points at the same character in ``raw`` and every
report can quote the file as written.
"""

from __future__ import annotations

import html
import re
import sys
from bisect import bisect_right
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

from ..errors import BadInput
from .encoding import decode_bytes

SOURCE_SUFFIXES = (".md", ".markdown", ".txt", ".html", ".htm", ".docx")

_KIND_BY_SUFFIX = {".md": "md", ".markdown": "md", ".txt": "txt", ".html": "html", ".htm": "html", ".docx": "docx"}

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_NOT_NEWLINE = re.compile(r"[^\r\n]")

# --- markup patterns (all applied to the raw text; spans are blanked or replaced) ---
_COMMENT = re.compile(r"<!--(.*?)-->", re.S)
_SCRIPT = re.compile(r"<(script|style)\b[^>]*>.*?</\1\s*>", re.S | re.I)
# A tag name must start with an ASCII letter: '<미래산업과학기술단지 …>' is a Korean title mark, not a tag.
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9:-]*(?:\s[^<>]*?)?/?>")
# Superscript footnote markers ('<sup>3</sup>') carry no words: blank the digits with the tags.
_SUP_MARK = re.compile(r"<sup>\s*[0-9*†‡,\s]{1,8}</sup>", re.I)
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_FENCE = re.compile(r"^[ \t]{0,3}(`{3,}|~{3,})[^\n]*\n(?:.*?\n)??[ \t]{0,3}\1[`~]*[ \t]*$", re.M | re.S)
_CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`)[^\n]*?(?<!`)\1(?!`)")
_AUTOLINK = re.compile(r"<(?:https?|ftp|mailto):[^\s<>]*>", re.I)
_URL = re.compile(r"(?:\b(?:https?|ftp)://|\bwww\.)[^\s<>()\[\]{}\"'，。、]+", re.I)
_WIKI = re.compile(r"\[\[([^\[\]\n]{1,200})\]\]")
# '[text](url)': the url part may not hold Han or Hangul, so '[항저우](杭州)' stays content.
_LINK = re.compile(
    r"(!?\[)([^\[\]\n]{0,300})(\]\((?:<[^<>\n]*>|[^\s()\u3131-\u318e\uac00-\ud7a3\u3400-\u9fff]*)"
    r"(?:\s+\"[^\"\n]*\")?\))"
)
_EMPHASIS = re.compile(r"\*\*+|__+")
_ESCAPE = re.compile(r"\\(?=[!-/:-@\[-`{-~])")
_HEADING = re.compile(r"^[ \t]{0,3}(#{1,6})(?=[ \t]|$)", re.M)
_CLOSING_HASHES = re.compile(r"[ \t]+#+[ \t]*$", re.M)
_QUOTE_MARK = re.compile(r"^[ \t]{0,3}(?:>[ \t]?)+", re.M)
# '- ', '* ', '+ ', '1. ', '2)', '(3)', and '1.산업정보화부' (a PDF conversion dropped the space).
_LIST_MARK = re.compile(
    r"^[ \t]*(?:#{1,6}[ \t]+)?((?:[-+*•][ \t]+)+|\(?[0-9]{1,3}[.)](?![0-9])[ \t]*(?:[-+*][ \t]+)?)",
    re.M,
)


@dataclass
class Document:
    """A decoded source file with its markup blanked out.

    Attributes:
        path: The path as given ('-' for standard input).
        raw: The file's text exactly as decoded; line breaks kept as in the file.
        text: Same length as ``raw``, markup replaced by spaces (line breaks kept),
            entities replaced by their character followed by spaces.
        encoding: The encoding the bytes were decoded with.
        comments: ``(start, end, body)`` of every HTML comment, offsets into ``raw``.
        kind: 'md', 'html' or 'txt': which markup rules were applied.
        format: The file's format: 'md', 'html', 'txt', or 'docx' for a Word draft, whose text is
            read from its paragraphs (as 'txt') and which has no bytes of that text to write back.
    """

    path: str
    raw: str
    text: str
    encoding: str = "utf-8"
    comments: list[tuple[int, int, str]] = field(default_factory=list)
    kind: str = "md"
    format: str = "md"
    _line_starts: list[int] = field(default_factory=list, repr=False, compare=False)

    def __post_init__(self) -> None:
        if len(self.text) != len(self.raw):
            raise ValueError("Document.text must have the same length as Document.raw")
        self._line_starts = [0] + [m.end() for m in _LINE_BREAK.finditer(self.raw)]

    @property
    def line_count(self) -> int:
        """Number of lines (a final line break does not open an extra counted line of text)."""
        return len(self._line_starts)

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based line and column (in characters) of a character offset.

        Args:
            offset: Index into ``raw``/``text``; clamped to ``[0, len(raw)]``.

        Returns:
            ``(line, column)``, both starting at 1.
        """
        offset = max(0, min(offset, len(self.raw)))
        index = bisect_right(self._line_starts, offset) - 1
        return index + 1, offset - self._line_starts[index] + 1

    def offset(self, line: int, col: int) -> int:
        """Character offset of a 1-based line and column (the inverse of :meth:`line_col`).

        Raises:
            BadInput: When the line does not exist in the document.
        """
        if not 1 <= line <= len(self._line_starts):
            raise BadInput(f"{self.path}: no line {line} (the file has {len(self._line_starts)})")
        return min(self._line_starts[line - 1] + max(col, 1) - 1, len(self.raw))

    def line_text(self, line: int) -> str:
        """The raw text of a 1-based line, without its line break."""
        start = self._line_starts[line - 1]
        end = self._line_starts[line] if line < len(self._line_starts) else len(self.raw)
        return self.raw[start:end].rstrip("\r\n")


# ---------------------------------------------------------------------------
# decoding


def existing_file(path: str | Path) -> Path:
    """``path`` as a Path, or BadInput naming it when it is missing or a folder."""
    p = Path(path)
    if not p.exists():
        raise BadInput(f"{path}: no such file")
    if p.is_dir():
        raise BadInput(f"{path}: is a folder, not a file")
    return p


def read_document(path: str | Path) -> Document:
    """Read and decode a source file ('-' reads standard input as Markdown).

    Args:
        path: A .md, .markdown, .txt, .html or .htm file; other suffixes are read
            as Markdown when they hold text.

    Returns:
        The decoded Document with markup blanked.

    Raises:
        BadInput: Missing path, a folder, unreadable, binary or undecodable file.
            The one-line message names the file.
    """
    name = str(path)
    if name == "-":
        data = sys.stdin.buffer.read()
        kind = "md"
    else:
        p = existing_file(path)
        try:
            data = p.read_bytes()
        except OSError as exc:
            raise BadInput(f"{name}: cannot read ({exc.strerror or exc})") from None
        kind = _KIND_BY_SUFFIX.get(p.suffix.lower(), "md")
        if kind == "docx":
            from .docx_file import read_docx  # python-docx: only for Word drafts

            # Paragraph n is line n, so findings point to paragraph and character.
            doc = document_from_text(read_docx(p).text, path=name, kind=markup_of(p))
            doc.format = "docx"
            return doc
    text, encoding = decode_bytes(data, name)
    doc = document_from_text(text, path=name, kind=kind)
    doc.encoding = encoding
    return doc


def markup_of(path: str | Path) -> str:
    """The markup rules a file's text is read with, by its suffix: 'md', 'html' or 'txt'.

    A Word draft's paragraphs are plain text; an unknown suffix is read as Markdown.

    >>> markup_of("a.HTM"), markup_of("draft.docx"), markup_of("notes")
    ('html', 'txt', 'md')
    """
    kind = _KIND_BY_SUFFIX.get(Path(path).suffix.lower(), "md")
    return "txt" if kind == "docx" else kind


def iter_source_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Yield source files named directly or found (recursively, sorted) under folders.

    Files named directly are yielded whatever their suffix; inside folders only
    .md/.markdown/.txt/.html/.htm files are taken, and hidden folders are skipped.

    Raises:
        BadInput: For a path that does not exist.
    """
    seen: set[Path] = set()
    for item in paths:
        p = Path(item)
        if not p.exists():
            raise BadInput(f"{item}: no such file or folder")
        if p.is_dir():
            found = sorted(
                f
                for f in p.rglob("*")
                if f.is_file()
                and f.suffix.lower() in SOURCE_SUFFIXES
                and not any(part.startswith(".") for part in f.relative_to(p).parts)
            )
        else:
            found = [p]
        for f in found:
            key = f.resolve()
            if key not in seen:
                seen.add(key)
                yield f


# ---------------------------------------------------------------------------
# blanking


def document_from_text(text: str, path: str = "-", kind: str = "md") -> Document:
    """Build a Document from text already decoded.

    Args:
        text: The text as read.
        path: Name to report ('-' by default).
        kind: 'md' (Markdown with inline HTML), 'html' or 'txt'.
    """
    if kind not in ("md", "html", "txt"):
        raise BadInput(f"{path}: unknown document kind {kind!r}")
    text = text.replace("\x00", " ")  # a NUL in pasted text would upset later tools
    blanked, comments = _blank(text, kind)
    return Document(path=path, raw=text, text=blanked, encoding="utf-8", comments=comments, kind=kind, format=kind)


def _blank(raw: str, kind: str) -> tuple[str, list[tuple[int, int, str]]]:
    """Return (text, comments) for raw text of the given kind."""
    # Each edit is (start, end, replacement or None for spaces); the first edit
    # claiming a character wins, so order the rules from the strongest.
    edits: list[tuple[int, int, str | None]] = []
    comments: list[tuple[int, int, str]] = []
    taken = _Taken(len(raw))

    def blank(start: int, end: int) -> None:
        if end > start and taken.claim(start, end):
            edits.append((start, end, None))

    def replace(start: int, end: int, new: str) -> None:
        if end > start and taken.claim(start, end):
            edits.append((start, end, new))

    if kind == "txt":
        for m in _URL.finditer(raw):
            blank(m.start(), m.end())
        return _apply(raw, edits), comments

    for m in _COMMENT.finditer(raw):
        comments.append((m.start(), m.end(), m.group(1)))
        blank(m.start(), m.end())
    blanked = (_FENCE, _CODE_SPAN) if kind == "md" else ()
    for pattern in (*blanked, _SCRIPT, _AUTOLINK, _SUP_MARK, _TAG):
        for m in pattern.finditer(raw):
            blank(m.start(), m.end())
    for m in _ENTITY.finditer(raw):
        value = html.unescape(m.group(0))
        if len(value) == 1 and value not in "\r\n":
            replace(m.start(), m.end(), value + " " * (m.end() - m.start() - 1))
    if kind == "md":
        for m in _WIKI.finditer(raw):
            blank(m.start(), m.start() + 2)
            blank(m.end() - 2, m.end())
        for m in _LINK.finditer(raw):
            blank(m.start(1), m.end(1))
            blank(m.start(3), m.end(3))
    for m in _URL.finditer(raw):
        blank(m.start(), m.end())
    if kind == "md":
        for m in _ESCAPE.finditer(raw):
            blank(m.start(), m.start() + 1)
        for m in _EMPHASIS.finditer(raw):
            # a backslash-escaped '\*' was claimed above, so only real emphasis runs remain
            if m.start() > 0 and raw[m.start() - 1] == "\\":
                continue
            blank(m.start(), m.end())
        for m in _QUOTE_MARK.finditer(raw):
            blank(m.start(), m.end())
        for m in _HEADING.finditer(raw):
            blank(m.start(1), m.end(1))
        for m in _LIST_MARK.finditer(raw):
            blank(m.start(1), m.end(1))
    return _apply(raw, edits), comments


class _Taken:
    """Which characters an earlier rule already rewrote (interval list, edits are few)."""

    def __init__(self, size: int) -> None:
        self.marks = bytearray(size)

    def claim(self, start: int, end: int) -> bool:
        if any(self.marks[start:end]):
            return False
        self.marks[start:end] = b"\x01" * (end - start)
        return True


def _apply(raw: str, edits: list[tuple[int, int, str | None]]) -> str:
    """Apply non-overlapping edits, keeping the length and the line breaks."""
    if not edits:
        return raw
    edits.sort(key=lambda e: e[0])
    out: list[str] = []
    pos = 0
    for start, end, new in edits:
        out.append(raw[pos:start])
        out.append(_NOT_NEWLINE.sub(" ", raw[start:end]) if new is None else new)
        pos = end
    out.append(raw[pos:])
    return "".join(out)

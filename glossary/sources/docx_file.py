"""Reading Word ``.docx`` drafts as plain text that findings can point back into.

The body's paragraphs (table cells included, in document order) are joined with ``\\n``, so
paragraph *n* is line *n* of the text and a character offset maps to a paragraph and a character
within it. Headers, footers, footnotes, comments and text boxes are not read.
"""

from __future__ import annotations

import os
import zipfile
from bisect import bisect_right
from dataclasses import dataclass, field

from ..errors import BadInput

DOCX_SUFFIXES = (".docx",)


@dataclass
class DocxText:
    """The text of a ``.docx`` file and where each paragraph starts in it.

    Attributes:
        path: The file as given.
        text: The paragraphs joined with ``\\n``; a manual line break inside a paragraph is a space,
            so lines and paragraphs stay one-to-one.
        paragraphs: The text of each paragraph, in order (first is paragraph 1).
    """

    path: str
    text: str
    paragraphs: list[str]
    _starts: list[int] = field(default_factory=list, repr=False, compare=False)

    def __post_init__(self) -> None:
        starts, offset = [], 0
        for para in self.paragraphs:
            starts.append(offset)
            offset += len(para) + 1
        self._starts = starts or [0]

    def docx_position(self, offset: int) -> tuple[int, int]:
        """The 1-based paragraph number and 1-based character within it of a text offset.

        Args:
            offset: Index into :attr:`text`; clamped to ``[0, len(text)]``.
        """
        offset = max(0, min(offset, len(self.text)))
        index = bisect_right(self._starts, offset) - 1
        return index + 1, offset - self._starts[index] + 1

    def offset(self, paragraph: int, char: int) -> int:
        """The text offset of a 1-based paragraph and character (inverse of :meth:`docx_position`).

        Raises:
            BadInput: The paragraph does not exist.
        """
        if not 1 <= paragraph <= len(self.paragraphs):
            raise BadInput(f"{self.path}: no paragraph {paragraph} (the document has {len(self.paragraphs)})")
        return self._starts[paragraph - 1] + max(char, 1) - 1


def read_docx(path: str | os.PathLike) -> DocxText:
    """Read the body text of a ``.docx`` file.

    Raises:
        BadInput: The file is missing, a folder, or not a Word document (a ``.doc`` renamed, a
            damaged zip, another zip file).
    """
    name = os.fspath(path)
    from .document import existing_file

    existing_file(path)
    import docx  # python-docx pulls in lxml; only drafts in Word need it
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(name)
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise BadInput(f"{name}: not a readable .docx file ({exc.__class__.__name__})") from None
    except Exception as exc:  # lxml errors from damaged parts, which python-docx does not wrap
        if exc.__class__.__module__.startswith("lxml"):
            raise BadInput(f"{name}: damaged .docx file ({exc})") from None
        raise
    paragraphs = [_flat(text) for text in _paragraph_texts(document)]
    return DocxText(path=name, text="\n".join(paragraphs), paragraphs=paragraphs)


def _paragraph_texts(container):
    """Paragraph texts of a document or table cell in order, descending into tables row by row."""
    from docx.table import Table

    for item in container.iter_inner_content():
        if isinstance(item, Table):
            for row in item.rows:
                seen = set()
                for cell in row.cells:
                    # A merged cell appears once per grid column it spans: read it once.
                    if id(cell._tc) in seen:
                        continue
                    seen.add(id(cell._tc))
                    yield from _paragraph_texts(cell)
        else:
            yield item.text


def _flat(text: str) -> str:
    # python-docx renders <w:br/> as "\n" (and <w:cr/> as "\n"); one paragraph must stay one line.
    return text.replace("\r", " ").replace("\n", " ")

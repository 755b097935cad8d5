"""CSV for spreadsheets: one row per entry, one column per language and status.

Written as Excel opens it correctly: UTF-8 with a BOM, CRLF line ends, RFC 4180 quoting. Read
from the same, from Excel's CSV without a BOM, and from CP949 CSV of older Korean Excel.

Columns: ``zh-Hans``, ``zh-Hant``, ``pinyin``, ``ko`` (the preferred rendering), ``ko-admitted``,
``ko-deprecated``, ``ko-candidate``, ``en``, ``kind``, ``note``, ``sources``; other languages and
statuses (``en-admitted``, ``abbr``, ``zh-deprecated``…) and ``era``, ``customary``,
``house-spelling`` get a column only when some entry uses them. Several values in one cell are
joined with ``; ``.
"""

from __future__ import annotations

import csv
import io
from typing import Callable, Iterator

from ..sources.encoding import decode_bytes
from ..errors import BadInput
from .model import LANGS, STATUSES, EntryRecord, TermRecord, validate

SEPARATOR = "; "
BASE_COLUMNS = (
    "zh-Hans", "zh-Hant", "pinyin", "ko", "ko-admitted", "ko-deprecated", "ko-candidate",
    "en", "kind", "note", "sources",
)
ENTRY_COLUMNS = ("kind", "era", "customary", "house-spelling", "note", "sources")


def _term_column(lang: str, status: str) -> str:
    return lang if status == "preferred" else f"{lang}-{status}"


TERM_COLUMNS = {_term_column(lang, status): (lang, status) for lang in LANGS for status in STATUSES}
# Every column in the order they appear; a file's header is the subset it uses.
ALL_COLUMNS = (
    ("zh-Hans", "zh-Hant", "pinyin")
    + tuple(_term_column(lang, status) for lang in LANGS for status in STATUSES)
    + ENTRY_COLUMNS
)

# A cell Excel would run as a formula starts with one of these (OWASP's list).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(cell: str) -> str:
    """Prefix ``'`` to a cell Excel would run as a formula.

    A cell that already starts with apostrophes before such a character gets one more, so
    :func:`restore` gives back exactly the original.
    """
    if cell.lstrip("'").startswith(_FORMULA_STARTS):
        return "'" + cell
    return cell


def restore(cell: str) -> str:
    """Undo :func:`neutralise`."""
    if cell.startswith("'") and cell.lstrip("'").startswith(_FORMULA_STARTS):
        return cell[1:]
    return cell


def write(records: list[EntryRecord]) -> bytes:
    """The records as CSV bytes (UTF-8 with BOM, CRLF)."""
    rows = [_row(r) for r in records]
    used = {column for row in rows for column, value in row.items() if value}
    header = [c for c in ALL_COLUMNS if c in BASE_COLUMNS or c in used]
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(header)
    for row in rows:
        writer.writerow([neutralise(row.get(c, "")) for c in header])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _row(record: EntryRecord) -> dict[str, str]:
    row = {
        "zh-Hans": record.zh, "zh-Hant": record.zh_hant or "", "pinyin": record.pinyin or "",
        "kind": record.kind or "", "era": record.era or "",
        "customary": "1" if record.customary else "", "house-spelling": record.house_spelling or "",
        "note": record.note or "",
    }
    for term in record.terms:
        column = _term_column(term.lang, term.status)
        row[column] = SEPARATOR.join(filter(None, (row.get(column), term.text)))
    sources = sorted({s for t in record.terms for s in t.sources} | set(record.sources))
    row["sources"] = SEPARATOR.join(sources)
    return row


def read(data: bytes, name: str) -> list[EntryRecord]:
    """Parse CSV bytes into validated records.

    Raises:
        BadInput: Undecodable bytes, an unknown or missing column, a row with too many cells or a
            bad value; the message gives the line.
    """
    return list(iter_read(data, name))


def iter_read(data: bytes, name: str) -> Iterator[EntryRecord]:
    """:func:`read`, one record at a time: a termbase of a million rows is never held as records
    all at once (they would take ~800 MB). Errors are raised when their row is reached."""
    text, _ = decode_bytes(data, name)
    first = text.split("\n", 1)[0]
    delimiter = "\t" if "\t" in first and "," not in first else ","  # Excel's "Unicode text" is tab-separated
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        header = next(reader, None)
        if header is None:
            raise BadInput(f"{name}: empty file, expected a header row with zh-Hans")
        record = _record_reader(_columns(header, name), name, neutralised="'" in text)
        line = reader.line_num + 1
        for row in reader:
            if "".join(row).strip():  # some cell is not blank
                yield record(row, line)
            line = reader.line_num + 1
    except csv.Error as exc:
        raise BadInput(f"{name}, line {reader.line_num}: malformed CSV ({exc})") from None


def _columns(header: list[str], name: str) -> list[str]:
    known = {c.casefold(): c for c in ALL_COLUMNS}
    columns = []
    for cell in header:
        column = known.get(cell.strip().casefold())
        if column is None:
            raise BadInput(
                f"{name}, line 1: unknown column {cell.strip()!r}; expected columns such as {', '.join(BASE_COLUMNS)}"
            )
        if column in columns:
            raise BadInput(f"{name}, line 1: column {column!r} appears twice")
        columns.append(column)
    if "zh-Hans" not in columns and "zh-Hant" not in columns:
        raise BadInput(f"{name}, line 1: no zh-Hans column; expected columns such as {', '.join(BASE_COLUMNS)}")
    return columns


def _record_reader(columns: list[str], name: str, *, neutralised: bool) -> Callable[[list[str], int], EntryRecord]:
    """The function that turns a row of a file with these columns into a validated record.

    Cells are found by position: a column the file lacks reads the empty cell kept past the
    last one. ``neutralised`` is False when no cell can start with the ``'`` of :func:`neutralise`.
    """
    width = len(columns)
    at = {c: i for i, c in enumerate(columns)}
    zh_hans, zh_hant, kind, era, house_spelling, note, customary, sources = (
        at.get(c, width) for c in ("zh-Hans", "zh-Hant", "kind", "era", "house-spelling", "note", "customary", "sources")
    )
    # The term columns this file has, in TERM_COLUMNS order (the order terms are read in).
    term_columns = [(at[c], lang, status) for c, (lang, status) in TERM_COLUMNS.items() if c in at]
    padding = [""] * (width + 1)

    def record(row: list[str], line: int) -> EntryRecord:
        if len(row) > width:
            raise BadInput(f"{name}, line {line}: {len(row)} cells but the header has {width} columns")
        cells = [restore(v).strip() for v in row] if neutralised else [v.strip() for v in row]
        cells += padding[len(row):]
        entry = EntryRecord(
            cells[zh_hans] or cells[zh_hant], kind=cells[kind] or None, era=cells[era] or None,
            house_spelling=cells[house_spelling] or None, note=cells[note] or None, where=f"line {line}",
        )
        if cells[customary]:
            if cells[customary] not in ("0", "1"):
                raise BadInput(f"{name}, line {line}: customary must be 0 or 1, not {cells[customary]!r}")
            entry.customary = int(cells[customary])
        terms = entry.terms
        for column, lang, status in term_columns:
            cell = cells[column]
            if cell:
                for text in _split(cell) if ";" in cell else (cell,):
                    terms.append(TermRecord(lang, text, status))
        if cells[sources]:
            entry.sources = _split(cells[sources])
        return validate(entry, name)

    return record


def _split(cell: str) -> list[str]:
    return [v.strip() for v in cell.split(";") if v.strip()]

"""OmegaT's tab-separated glossary: ``source<TAB>target<TAB>comment``, Chinese to Korean.

One line per Korean rendering, with the simplified key as source, and the same line again with
the traditional form as source when it differs, so OmegaT matches either script. The comment is
``status; kind; note``. Lines starting with ``#`` are comments. Written as UTF-8 without a BOM
and LF line ends; save it with a ``.utf8`` or ``.tab`` suffix for OmegaT to read it as UTF-8.
"""

from __future__ import annotations

from ..sources.encoding import decode_bytes
from ..errors import BadInput
from ..text.normalize import has_han, to_simplified
from .model import KINDS, STATUSES, EntryRecord, TermRecord, validate

# OmegaT has no term status: deprecated and candidate renderings would be offered as good ones.
DEFAULT_STATUSES = ("preferred", "admitted")
HEADER = "# kozh glossary: Chinese source, Korean target, comment = status; kind; note\n"


def _clean(text: str | None) -> str:
    # A tab or line break inside a field would start a new field or line.
    return " ".join((text or "").split())


def write(records: list[EntryRecord]) -> bytes:
    """The Korean renderings as OmegaT glossary lines (UTF-8, LF)."""
    lines = [HEADER]
    for record in records:
        sources = [record.zh] + ([record.zh_hant] if record.zh_hant and record.zh_hant != record.zh else [])
        for term in record.terms_in("ko"):
            comment = "; ".join(filter(None, (term.status, record.kind, _clean(record.note))))
            for source in sources:
                lines.append(f"{source}\t{_clean(term.text)}\t{comment}\n")
    return "".join(lines).encode("utf-8")


def read(data: bytes, name: str) -> list[EntryRecord]:
    """Parse OmegaT glossary lines into validated records, one per line.

    A rendering whose comment gives no status is preferred when it is the first for its source in
    the file, admitted otherwise.

    Raises:
        BadInput: Undecodable bytes or a line without a Chinese source and a target.
    """
    text, _ = decode_bytes(data, name)
    records, seen = [], set()
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) < 2 or not fields[1].strip():
            raise BadInput(f"{name}, line {number}: expected source<TAB>target[<TAB>comment]")
        source, target = fields[0].strip(), fields[1].strip()
        if not has_han(source):
            raise BadInput(f"{name}, line {number}: source {source!r} is not Chinese")
        comment = [c.strip() for c in fields[2].split(";")] if len(fields) > 2 else []
        status = comment.pop(0) if comment and comment[0] in STATUSES else None
        kind = comment.pop(0) if comment and comment[0] in KINDS else None
        key = to_simplified(source)
        if status is None:
            status = "admitted" if key in seen else "preferred"
        seen.add(key)
        record = EntryRecord(
            zh=source, kind=kind, note="; ".join(comment) or None, where=f"line {number}",
            terms=[TermRecord("ko", target, status)],
        )
        records.append(validate(record, name))
    return records

"""The neutral records every format writes from and reads into.

Exporters get a list of :class:`EntryRecord` built from the glossary; importers parse a file into
the same records (validated, with where each came from), and :mod:`glossary.interchange.interop` merges them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..errors import BadInput
from ..store import ERAS, KINDS, LANGS, STATUS_ORDER, STATUSES
from ..text.normalize import fold_width, has_han

# Order of languages and statuses inside an entry in every export: stable whatever the frequencies,
# so export -> import -> export gives the same bytes.
LANG_ORDER = {lang: i for i, lang in enumerate(("ko", "zh", "en", "abbr"))}

__all__ = ["ERAS", "KINDS", "LANGS", "STATUSES", "EntryRecord", "TermRecord", "LANG_ORDER", "STATUS_ORDER"]


@dataclass(slots=True)
class TermRecord:
    """One rendering as a file holds it (slots: an import of a million entries holds a million of these)."""

    lang: str
    text: str
    status: str
    sources: list[str] = field(default_factory=list)
    """Files the rendering was seen in."""


@dataclass(slots=True)
class EntryRecord:
    """One concept as a file holds it.

    ``None`` means the file does not say (so an import leaves the glossary's value alone).
    """

    zh: str
    """Chinese key; simplified in exports, possibly traditional in imported files."""
    zh_hant: str | None = None
    pinyin: str | None = None
    kind: str | None = None
    era: str | None = None
    customary: int | None = None
    house_spelling: str | None = None
    note: str | None = None
    terms: list[TermRecord] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    """Sources of the entry as a whole, for formats that keep them per entry rather than per term (CSV)."""
    where: str = ""
    """Where in the file the entry is (``line 12``, ``entry 3``), for messages."""

    def terms_in(self, lang: str, status: str | None = None) -> list[TermRecord]:
        """This entry's terms of a language (and status), in file order."""
        return [t for t in self.terms if t.lang == lang and (status is None or t.status == status)]


def validate(record: EntryRecord, name: str) -> EntryRecord:
    """Check a parsed record before anything is written; returns it.

    Raises:
        BadInput: ``name, where: what is wrong``, one line.
    """
    def bad(message: str) -> BadInput:
        return BadInput(f"{name}, {record.where}: {message}")

    record.zh = fold_width(record.zh or "").strip()
    if not record.zh:
        raise bad("no Chinese form")
    if not has_han(record.zh):
        raise bad(f"{record.zh!r} is not Chinese")
    if record.kind is not None and record.kind not in KINDS:
        raise bad(f"unknown kind {record.kind!r}; use one of {', '.join(KINDS)}")
    if record.era is not None and record.era not in ERAS:
        raise bad(f"unknown era {record.era!r}; use one of {', '.join(ERAS)}")
    if record.customary not in (None, 0, 1):
        raise bad(f"customary must be 0 or 1, not {record.customary!r}")
    for term in record.terms:
        if term.lang not in LANGS:
            raise bad(f"unknown language {term.lang!r}; use one of {', '.join(LANGS)}")
        if term.status not in STATUSES:
            raise bad(f"unknown status {term.status!r}; use one of {', '.join(STATUSES)}")
        term.text = fold_width(term.text or "").strip()
        if not term.text:
            raise bad(f"empty {term.lang} term")
    return record

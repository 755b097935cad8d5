"""Exchanging the glossary with other tools: export, import, backup.

An import is all-or-nothing: the whole file is parsed and checked first, then merged in one
changeset (one transaction, one ``kozh undo``); any error rolls everything back. Merging never
duplicates: an entry is found by its Chinese key, a term by language and matching form. What the
file says against what the glossary already holds (a second preferred rendering, another kind)
is reported as a conflict and the glossary's value is kept.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from .errors import BadInput, KozhError
from .formats import FORMATS
from .formats.model import LANG_ORDER, STATUS_ORDER, EntryRecord, TermRecord
from .store import Entry, Glossary
from .textnorm import norm_key

SOURCE_LINE = 0
"""Line (and column) of a sighting created from an imported source: the file is known, the place is not."""


@dataclass
class Conflict:
    """Something the file says that contradicts the glossary; the glossary's value was kept."""

    where: str
    zh: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.zh}: {self.message}"


@dataclass
class ImportReport:
    """What an import did."""

    path: str
    format: str
    entries_added: int = 0
    entries_updated: int = 0
    terms_added: int = 0
    terms_updated: int = 0
    terms_unchanged: int = 0
    sources_added: int = 0
    conflicts: list[Conflict] = field(default_factory=list)

    def summary(self) -> str:
        """One line for the command line."""
        return (
            f"imported {self.path} ({self.format}): {self.entries_added} entries added, "
            f"{self.entries_updated} updated; {self.terms_added} terms added, {self.terms_updated} updated, "
            f"{self.terms_unchanged} unchanged; {len(self.conflicts)} conflicts"
        )


# -- export ---------------------------------------------------------------------------------


def export_glossary(
    glossary: Glossary,
    fmt: str,
    *,
    status: str | Iterable[str] | None = None,
    kind: str | Iterable[str] | None = None,
) -> bytes:
    """The glossary (or part of it) in a file format.

    Args:
        glossary: The glossary to read.
        fmt: A name from :data:`glossary.formats.FORMATS`.
        status: Only terms of this status (or these statuses); entries left with no term are
            left out. Default: every status (for ``tsv``: preferred and admitted).
        kind: Only entries of this kind (or these kinds).

    Raises:
        BadInput: Unknown format.
    """
    format_ = _format(fmt)
    statuses = _as_set(status) or (set(format_.default_statuses) if format_.default_statuses else None)
    kinds = _as_set(kind)
    records = []
    for entry in glossary.entries():
        if kinds and entry.kind not in kinds:
            continue
        record = _record(glossary, entry, statuses)
        if statuses and not record.terms:
            continue
        records.append(record)
    return format_.write(records)


def _record(glossary: Glossary, entry: Entry, statuses: set[str] | None) -> EntryRecord:
    terms = [
        TermRecord(t.lang, t.text, t.status, glossary.source_paths_of(t.id))
        for t in glossary.terms_of(entry.id)
        if statuses is None or t.status in statuses
    ]
    # Independent of frequency and ids, so an export re-imported elsewhere exports the same.
    terms.sort(key=lambda t: (LANG_ORDER.get(t.lang, 9), STATUS_ORDER[t.status], norm_key(t.text), t.text))
    return EntryRecord(
        zh=entry.zh, zh_hant=entry.zh_hant, pinyin=entry.pinyin, kind=entry.kind, era=entry.era,
        customary=entry.customary, house_spelling=entry.house_spelling, note=entry.note, terms=terms,
    )


def _as_set(value: str | Iterable[str] | None) -> set[str] | None:
    if not value:
        return None
    return {value} if isinstance(value, str) else set(value)


def _format(fmt: str):
    try:
        return FORMATS[fmt]
    except KeyError:
        raise BadInput(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}") from None


# -- import ---------------------------------------------------------------------------------


def guess_format(path: str | os.PathLike, data: bytes) -> str:
    """The format of a file from its suffix, or its first bytes when the suffix says nothing."""
    suffix = Path(path).suffix.lower()
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if suffix in (".tbx", ".xml") or head.startswith(b"<"):
        return "tbx2" if b"<martif" in data[:4096] else "tbx"
    for name, format_ in FORMATS.items():
        if suffix in format_.suffixes:
            return name
    if head.startswith((b"{", b"[")):
        return "json"
    first = head.split(b"\n", 1)[0]
    return "tsv" if b"\t" in first and b"zh-Hans" not in first else "csv"


def import_glossary(glossary: Glossary, path: str | os.PathLike, fmt: str | None = None) -> ImportReport:
    """Merge a glossary file into the glossary, all or nothing.

    Args:
        glossary: The glossary to write to.
        path: The file to read.
        fmt: A format name; guessed from the suffix or content when None.

    Returns:
        What was added and changed, and the conflicts (the glossary's values were kept).

    Raises:
        BadInput: Unreadable file, or any bad row or entry (its line in the message); nothing is
            written then.
    """
    name = os.fspath(path)
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise BadInput(f"{name}: no such file") from None
    except IsADirectoryError:
        raise BadInput(f"{name}: is a folder, not a file") from None
    except OSError as exc:
        raise BadInput(f"{name}: cannot read ({exc.strerror or exc})") from None
    fmt = fmt or guess_format(path, data)
    records = _format(fmt).read(data, name)  # everything is checked before anything is written
    report = ImportReport(path=name, format=fmt)
    with glossary.changeset(f"import {Path(name).name}"):
        for record in records:
            try:
                _merge(glossary, record, report)
            except KozhError as exc:
                raise BadInput(f"{name}, {record.where}: {exc}") from None
    return report


def _merge(glossary: Glossary, record: EntryRecord, report: ImportReport) -> None:
    def conflict(message: str) -> None:
        report.conflicts.append(Conflict(record.where, entry.zh, message))

    existing = glossary.entry(record.zh)
    entry = glossary.upsert_entry(record.zh, kind=record.kind)
    if existing is None:
        report.entries_added += 1
    elif record.kind and existing.kind and record.kind != existing.kind:
        conflict(f"kind is {existing.kind} in the glossary, {record.kind} in the file")
    updates = {}
    for attr in ("era", "house_spelling", "note"):
        new, old = getattr(record, attr), getattr(entry, attr)
        if new and not old:
            updates[attr] = new
        elif new and new != old:
            conflict(f"{attr.replace('_', ' ')} differs: glossary {old!r}, file {new!r}")
    if record.customary is not None and record.customary != entry.customary:
        if existing is None or not entry.customary:
            updates["customary"] = record.customary
        else:
            conflict(f"customary is {entry.customary} in the glossary, {record.customary} in the file")
    if updates:
        glossary.update_entry(entry.zh, **updates)
    if existing is not None and (updates or (record.kind and not existing.kind)):
        report.entries_updated += 1
    for term in record.terms:
        _merge_term(glossary, entry, term, report, conflict)
    if record.sources and record.terms:
        _merge_entry_sources(glossary, entry, record, report)


def _merge_term(glossary: Glossary, entry: Entry, record: TermRecord, report: ImportReport, conflict) -> None:
    terms = glossary.terms_of(entry.id)
    norm = norm_key(record.text)
    same = next((t for t in terms if t.lang == record.lang and t.norm == norm), None)
    preferred = next((t for t in terms if t.lang == record.lang and t.status == "preferred"), None)
    status = record.status
    if status == "preferred" and preferred is not None and preferred is not same:
        conflict(f"second preferred {record.lang} rendering {record.text!r} (glossary prefers {preferred.text!r}); kept as admitted")
        status = "admitted"
    if same is None:
        term, _ = glossary.add_term(record.text, entry.zh, lang=record.lang, status=status)
        report.terms_added += 1
    elif same.status == status or status == "candidate":
        term = same
        report.terms_unchanged += 1
    elif same.status == "candidate":  # a person's status beats an extractor's guess
        term = glossary.set_status(same.id, status)
        report.terms_updated += 1
    else:
        conflict(f"{record.text!r} is {same.status} in the glossary, {record.status} in the file")
        term = same
        report.terms_unchanged += 1
    known = set(glossary.source_paths_of(term.id))
    for source in record.sources:
        if source not in known:
            glossary.record_sighting(term.id, path=source, line=SOURCE_LINE, column=SOURCE_LINE)
            known.add(source)
            report.sources_added += 1


def _merge_entry_sources(glossary: Glossary, entry: Entry, record: EntryRecord, report: ImportReport) -> None:
    """Sources the file gives per entry: a source any term already has is known; new ones go to the
    record's first term (its preferred Korean rendering when it has one)."""
    terms = glossary.terms_of(entry.id)
    known = {path for t in terms for path in glossary.source_paths_of(t.id)}
    first = record.terms[0]
    target = next(t for t in terms if t.lang == first.lang and t.norm == norm_key(first.text))
    for source in record.sources:
        if source not in known:
            glossary.record_sighting(target.id, path=source, line=SOURCE_LINE, column=SOURCE_LINE)
            known.add(source)
            report.sources_added += 1


# -- backup ---------------------------------------------------------------------------------


def backup_glossary(glossary: Glossary, path: str | os.PathLike, *, force: bool = False) -> Path:
    """Copy the glossary to ``path`` with SQLite's online backup (consistent while others write).

    The copy is written beside the target and renamed into place, so a failed backup leaves no
    half-written file and ``force`` replaces the old one in one step.

    Raises:
        BadInput: ``path`` exists and ``force`` is not set, is a folder, is the glossary itself, or
            its folder does not exist.
    """
    target = Path(path)
    if target.is_dir():
        raise BadInput(f"{target} is a folder; give a file name for the backup")
    if not target.parent.exists():
        raise BadInput(f"folder {target.parent} does not exist")
    if glossary.path != ":memory:" and target.exists() and target.resolve() == Path(glossary.path).resolve():
        raise BadInput(f"{target} is the glossary itself")
    if target.exists() and not force:
        raise BadInput(f"{target} exists; use --force to overwrite it")
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    try:
        glossary.backup_to(tmp)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target

"""Exchanging the glossary with other tools: export, import, backup.

An import is all-or-nothing: the file is parsed and checked, then merged in one changeset (one
transaction, one ``kozh undo``); any error rolls everything back. A large file is read and merged
in batches inside that one transaction, through the store's bulk writer. Merging never
duplicates: an entry is found by its Chinese key, a term by language and matching form. What the
file says against what the glossary already holds (a second preferred rendering, another kind)
is reported as a conflict and the glossary's value is kept.
"""

from __future__ import annotations

import gc
import os
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import chain, islice
from pathlib import Path
from typing import Callable, Iterable, Iterator

from ..atomic import replacing
from ..errors import BadInput, KozhError
from . import FORMATS
from .model import LANG_ORDER, STATUS_ORDER, EntryRecord, TermRecord
from ..store import BulkWriter, Entry, Glossary
from ..text.normalize import fold_width, norm_key, to_simplified_many, to_traditional_many

SOURCE_LINE = 0
"""Line (and column) of a sighting created from an imported source: the file is known, the place is not."""

BULK_MIN_ENTRIES = 2000
"""Files with at least this many entries are merged in batches through the store's bulk writer
(same result as entry by entry: see ``tests/test_import_bulk.py``)."""
BULK_BATCH = 10_000
"""Entries merged per batch: what the glossary holds for them is read in one go, then written in one go."""


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
        fmt: A name from :data:`glossary.interchange.FORMATS`.
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


def import_glossary(
    glossary: Glossary,
    path: str | os.PathLike,
    fmt: str | None = None,
    *,
    bulk: bool | None = None,
    on_progress: Callable[[int, int], None] | None = None,
) -> ImportReport:
    """Merge a glossary file into the glossary, all or nothing.

    Args:
        glossary: The glossary to write to.
        path: The file to read.
        fmt: A format name; guessed from the suffix or content when None.
        bulk: Merge in batches with the store's bulk writer (default: for files of
            :data:`BULK_MIN_ENTRIES` entries or more). The result is the same either way.
        on_progress: Called as ``on_progress(done, total)`` (entries) after each batch of a bulk merge.

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
    format_ = _format(fmt)
    records = iter((format_.iter_read or format_.read)(data, name))
    head = list(islice(records, BULK_MIN_ENTRIES))
    report = ImportReport(path=name, format=fmt)
    if bulk if bulk is not None else len(head) >= BULK_MIN_ENTRIES:
        # Large files are read batch by batch as they are merged (a bad row further on still
        # undoes everything: it is all one transaction).
        total = data.count(b"\n") if format_.iter_read else len(head)  # a bar's estimate (rows ~ lines)
        done = 0
        with _collector_paused(), glossary.bulk_changeset(f"import {Path(name).name}") as writer:
            for batch in _batches(chain(head, records), BULK_BATCH):
                _BulkMerge(glossary, writer, report, name).merge(batch)
                done += len(batch)
                if on_progress:
                    on_progress(done, max(done, total))
        return report
    records = head + list(records)  # small files: everything is checked before anything is written
    with glossary.changeset(f"import {Path(name).name}"):
        for record in records:
            try:
                _merge(glossary, record, report)
            except KozhError as exc:
                raise BadInput(f"{name}, {record.where}: {exc}") from None
    return report


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector off for a bulk import: the records, rows and answers it
    allocates by the million hold no reference cycles, and each full collection would walk them all."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


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


def _batches(items: Iterable, size: int) -> Iterable[list]:
    items = iter(items)
    while batch := list(islice(items, size)):
        yield batch


class _BulkMerge:
    """One batch of an import merged as :func:`_merge` merges entry by entry, but against what
    the glossary holds for the batch read up front, and written with one :meth:`BulkWriter.write`.

    Most records of a large file bring a key the glossary does not have, once, with at most one
    rendering and no sources: such a record becomes its entry's row and its term's row (tuples
    in :data:`BulkWriter.ENTRY_COLUMNS` and ``TERM_COLUMNS`` order) with no other question asked.
    Every other record is merged through plain dicts: a new row is the row to insert (later
    records of the batch may still change it); an existing row's changes gather in ``*_updates``
    (id -> columns to set).
    """

    def __init__(self, glossary: Glossary, writer: BulkWriter, report: ImportReport, name: str) -> None:
        self.glossary, self.writer, self.report, self.name = glossary, writer, report, name
        self.entries: dict[str, dict] = {}
        self.terms: dict[int, list[dict]] = {}
        self.sources: dict[int, set[str]] = {}
        self.new_entries: list[tuple | dict] = []
        self.new_terms: list[tuple | dict] = []
        self.new_sightings: list[dict] = []
        self.entry_updates: dict[int, dict] = {}
        self.term_updates: dict[int, dict] = {}
        self.new_ids: set[tuple[str, int]] = set()
        self.derived: dict[str, tuple[str, str | None, str | None]] = {}
        """New keys: (traditional form, pinyin, pinyin key)."""

    def merge(self, records: list[EntryRecord]) -> None:
        keys = to_simplified_many([r.zh for r in records])  # validated records: folded and stripped
        self._load(records, keys)
        counts = Counter(keys)
        self._derive([k for k in counts if k not in self.entries])
        report, writer, now = self.report, self.writer, self.writer.now
        entries, terms, next_id = self.new_entries, self.new_terms, writer.new_id
        for record, key in zip(records, keys):
            if (
                counts[key] == 1 and key not in self.entries and not record.sources
                and (not record.terms or (len(record.terms) == 1 and not record.terms[0].sources))
            ):
                entry_id = next_id("entries")
                entries.append((
                    entry_id, key, *self.derived[key], record.kind, record.note or None, now, now,
                    record.era or None, record.customary or 0, record.house_spelling or None,
                ))
                report.entries_added += 1
                if record.terms:
                    term = record.terms[0]
                    terms.append((next_id("terms"), entry_id, term.lang, term.text, norm_key(term.text), term.status, 0, now, now))
                    report.terms_added += 1
                continue
            try:
                self._merge(record, key)
            except KozhError as exc:
                raise BadInput(f"{self.name}, {record.where}: {exc}") from None
        writer.write(
            entries=entries, terms=terms, sightings=self.new_sightings,
            entry_updates=list(self.entry_updates.items()), term_updates=list(self.term_updates.items()),
        )

    def _load(self, records: list[EntryRecord], keys: list[str]) -> None:
        found = self.glossary.entries_for_keys(keys)
        for key, e in found.items():
            self.entries[key] = {
                "id": e.id, "zh": e.zh, "kind": e.kind, "era": e.era, "customary": e.customary,
                "house_spelling": e.house_spelling, "note": e.note,
            }
        for entry_id, terms in self.glossary.terms_for_entries(e.id for e in found.values()).items():
            self.terms[entry_id] = [
                {"id": t.id, "lang": t.lang, "text": t.text, "norm": t.norm, "status": t.status, "frequency": t.frequency}
                for t in terms
            ]
        if self.terms and any(r.sources or any(t.sources for t in r.terms) for r in records):
            ids = (t["id"] for terms in self.terms.values() for t in terms)
            self.sources = self.glossary.source_paths_for_terms(ids)

    def _derive(self, keys: list[str]) -> None:
        """Traditional form, pinyin and pinyin key of the batch's new keys, computed together (one OpenCC call)."""
        from ..translit.pinyin import pinyin_key, pinyin_of_many

        hant = to_traditional_many(keys)
        self.derived = {k: (h, p, pinyin_key(p)) for k, h, p in zip(keys, hant, pinyin_of_many(keys, hant))}

    def _set(self, tbl: str, row: dict, values: dict) -> None:
        row.update(values)
        if (tbl, row["id"]) not in self.new_ids:
            updates = self.entry_updates if tbl == "entries" else self.term_updates
            updates.setdefault(row["id"], {}).update(values)

    def _merge(self, record: EntryRecord, key: str) -> None:
        report, now = self.report, self.writer.now
        entry = self.entries.get(key)

        def conflict(message: str) -> None:
            report.conflicts.append(Conflict(record.where, key, message))

        existed = entry is not None
        if entry is None:
            zh_hant, pinyin, pinyin_key = self.derived[key]
            entry = self.entries[key] = {
                "id": self.writer.new_id("entries"), "zh": key, "zh_hant": zh_hant, "pinyin": pinyin,
                "pinyin_key": pinyin_key, "kind": record.kind, "note": None, "created": now,
                "updated": now, "era": None, "customary": 0, "house_spelling": None,
            }
            self.new_entries.append(entry)
            self.new_ids.add(("entries", entry["id"]))
            report.entries_added += 1
            kind_filled = False
        else:
            if record.kind and entry["kind"] and record.kind != entry["kind"]:
                conflict(f"kind is {entry['kind']} in the glossary, {record.kind} in the file")
            kind_filled = bool(record.kind and not entry["kind"])
            if kind_filled:
                self._set("entries", entry, {"kind": record.kind, "updated": now})
        updates = {}
        for attr in ("era", "house_spelling", "note"):
            new, old = getattr(record, attr), entry[attr]
            if new and not old:
                updates[attr] = new
            elif new and new != old:
                conflict(f"{attr.replace('_', ' ')} differs: glossary {old!r}, file {new!r}")
        if record.customary is not None and record.customary != entry["customary"]:
            if not existed or not entry["customary"]:
                updates["customary"] = record.customary
            else:
                conflict(f"customary is {entry['customary']} in the glossary, {record.customary} in the file")
        if updates:
            self._set("entries", entry, {**updates, "updated": now})
        if existed and (updates or kind_filled):
            report.entries_updated += 1
        terms = self.terms.setdefault(entry["id"], [])
        for term in record.terms:
            self._merge_term(terms, entry, term, conflict)
        if record.sources and record.terms:
            known = {path for t in terms for path in self.sources.get(t["id"], ())}
            first = record.terms[0]
            norm = norm_key(first.text)
            target = next(t for t in terms if t["lang"] == first.lang and t["norm"] == norm)
            self._add_sources(target, record.sources, known)

    def _merge_term(self, terms: list[dict], entry: dict, record: TermRecord, conflict) -> None:
        now = self.writer.now
        norm = norm_key(record.text)
        same = next((t for t in terms if t["lang"] == record.lang and t["norm"] == norm), None)
        preferred = next((t for t in terms if t["lang"] == record.lang and t["status"] == "preferred"), None)
        status = record.status
        if status == "preferred" and preferred is not None and preferred is not same:
            conflict(
                f"second preferred {record.lang} rendering {record.text!r} (glossary prefers {preferred['text']!r}); "
                "kept as admitted"
            )
            status = "admitted"
        if same is None:
            text = fold_width(record.text).strip()
            if not text:
                raise BadInput("empty term")
            # No other preferred rendering can exist here: a second one was made admitted above.
            term = {
                "id": self.writer.new_id("terms"), "entry_id": entry["id"], "lang": record.lang, "text": text,
                "norm": norm_key(text), "status": status, "frequency": 0, "created": now, "updated": now,
            }
            terms.append(term)
            self.new_terms.append(term)
            self.new_ids.add(("terms", term["id"]))
            self.report.terms_added += 1
        elif same["status"] == status or status == "candidate":
            term = same
            self.report.terms_unchanged += 1
        elif same["status"] == "candidate":  # a person's status beats an extractor's guess
            term = same
            self._set("terms", term, {"status": status, "updated": now})
            self.report.terms_updated += 1
        else:
            conflict(f"{record.text!r} is {same['status']} in the glossary, {record.status} in the file")
            term = same
            self.report.terms_unchanged += 1
        self._add_sources(term, record.sources, set(self.sources.get(term["id"], ())))

    def _add_sources(self, term: dict, sources: list[str], known: set[str]) -> None:
        for source in sources:
            if source in known:
                continue
            self.new_sightings.append({
                "id": self.writer.new_id("sightings"), "term_id": term["id"], "path": source,
                "line": SOURCE_LINE, "column": SOURCE_LINE, "context": None, "issue": None, "date": None,
            })
            self.sources.setdefault(term["id"], set()).add(source)
            known.add(source)
            self._set("terms", term, {"frequency": term["frequency"] + 1})
            self.report.sources_added += 1


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
    with replacing(target) as tmp:
        glossary.backup_to(str(tmp))
    return target

"""What the screens read and change, in plain Python: no widgets here and no SQL.

The app owns one :class:`GlossaryService` (the main thread's connection, guarded by a lock);
worker threads open their own short-lived connections with :meth:`GlossaryService.reader`.
"""

from __future__ import annotations

import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from glossary.errors import BadInput, KozhError, NotFound
from glossary.lint.finding import Finding
from glossary.store import KINDS, STATUS_ORDER, STATUSES, Entry, Glossary, Sighting, Term
from glossary.text.normalize import fold_width, has_han, norm_key, to_simplified

FIRST_PAGE = 100
"""Rows shown before the search index is ready (and for an empty query)."""
MAX_RESULTS = 200
YIELD_EVERY = 2_000


@dataclass(frozen=True)
class TermView:
    term: Term
    sightings: tuple[Sighting, ...] = ()


@dataclass(frozen=True)
class EntryView:
    """One entry with its renderings and where each was seen."""

    entry: Entry
    terms: tuple[TermView, ...] = ()

    def korean(self) -> list[Term]:
        return [t.term for t in self.terms if t.term.lang == "ko"]


@dataclass(frozen=True)
class EntryRow:
    """What the glossary table shows for one entry."""

    entry_id: int
    zh: str
    zh_hant: str
    pinyin: str
    kind: str
    renderings: tuple[tuple[str, str], ...]
    """(text, status) of the Korean renderings, preferred first."""
    key: str = ""
    """Everything searchable, normalized and joined by '|'."""

    @property
    def statuses(self) -> set[str]:
        return {s for _, s in self.renderings}


def make_row(entry: Entry, terms: list[Term]) -> EntryRow:
    ko = sorted((t for t in terms if t.lang == "ko"), key=lambda t: (STATUS_ORDER.get(t.status, 9), -t.frequency, t.id))
    parts = [entry.zh, entry.zh_hant or "", (entry.pinyin or "").replace(" ", "")]
    parts += [t.norm for t in terms]
    return EntryRow(
        entry_id=entry.id,
        zh=entry.zh,
        zh_hant=entry.zh_hant or "",
        pinyin=entry.pinyin or "",
        kind=entry.kind or "",
        renderings=tuple((t.text, t.status) for t in ko),
        key="|".join(norm_key(p) for p in parts if p),
    )


@dataclass(frozen=True)
class Candidate:
    """A candidate rendering waiting for review."""

    term: Term
    entry: Entry


class GlossaryService:
    """The glossary as the screens use it. Every change goes through the store's history."""

    def __init__(self, path: str | Path):
        self.path = str(path)
        self._glossary = Glossary.open(self.path)
        self.lock = threading.RLock()
        self._use_base: bool | None = None

    def close(self) -> None:
        with self.lock:
            self._glossary.close()

    @contextmanager
    def use(self) -> Iterator[Glossary]:
        """The main connection, held by one thread at a time."""
        with self.lock:
            yield self._glossary

    @contextmanager
    def reader(self) -> Iterator[Glossary]:
        """A connection of its own, for a worker thread."""
        g = Glossary.open(self.path, create=False)
        try:
            yield g
        finally:
            g.close()

    # reading --------------------------------------------------------------------------

    @property
    def version(self) -> int:
        with self.use() as g:
            return g.version

    def count(self) -> int:
        with self.use() as g:
            return g.count("entries")

    def first_rows(self, limit: int = FIRST_PAGE, kind: str | None = None, status: str | None = None) -> list[EntryRow]:
        with self.use() as g:
            return [make_row(e, g.terms_of(e.id)) for e in g.entries(kind=kind, status=status, limit=limit)]

    def entry_view(self, entry_id: int, sightings: int = 5) -> EntryView | None:
        with self.use() as g:
            return _entry_view(g, g.entry_by_id(entry_id), sightings)

    def entry_view_zh(self, zh: str, sightings: int = 5) -> EntryView | None:
        with self.use() as g:
            return _entry_view(g, g.entry(zh), sightings)

    def search(self, query: str, limit: int = 20) -> list[Entry]:
        with self.use() as g:
            return g.search(query, limit=limit)

    def candidates(self, limit: int = 500) -> list[Candidate]:
        """Candidate Korean renderings, most often seen first."""
        with self.use() as g:
            found = []
            for entry in g.entries(status="candidate"):
                for term in g.terms_of(entry.id):
                    if term.status == "candidate" and term.lang == "ko":
                        found.append(Candidate(term, entry))
            found.sort(key=lambda c: (-c.term.frequency, c.term.id))
            return found[:limit]

    def sightings(self, term_id: int, limit: int = 10) -> list[Sighting]:
        with self.use() as g:
            return g.sightings_of(term_id, limit=limit)

    def base_form(self, korean: str, zh: str) -> str | None:
        """The base glossary's rendering of ``zh`` when ``korean`` differs from it, as ``kozh
        extract`` reports it (장춘 for 长春 → 창춘), else None; None too when ``kozh.toml`` says
        ``base = false``. The first call reads the base glossary's tables: call it from a worker.

        Raises:
            BadInput: the ``kozh.toml`` is not valid.
        """
        from glossary.translit.base import base_glossary
        from glossary.lint.config import load_config

        if self._use_base is None:
            self._use_base = load_config().base
        if not self._use_base:
            return None
        return base_glossary().disagreement(korean, zh)

    # changing -------------------------------------------------------------------------

    def set_status(self, term_id: int, status: str) -> Term:
        with self.use() as g:
            return g.set_status(term_id, status)

    def add_term(self, text: str, zh: str, status: str = "preferred", kind: str | None = None) -> Term:
        with self.use() as g:
            term, _ = g.add_term(text, zh, lang="ko", status=status, kind=kind or None)
            return term

    def update_entry(self, zh: str, **values) -> Entry:
        with self.use() as g:
            return g.update_entry(zh, **values)

    def merge(self, source_zh: str, target_zh: str) -> Entry:
        with self.use() as g:
            if g.entry(target_zh) is None:
                raise NotFound(f"no entry for {target_zh}")
            return g.merge_entries(source_zh, target_zh)

    def undo(self) -> str | None:
        with self.use() as g:
            undone = g.undo()
            return undone.command if undone else None


def _entry_view(g: Glossary, entry: Entry | None, sightings: int) -> EntryView | None:
    if entry is None:
        return None
    terms = tuple(TermView(t, tuple(g.sightings_of(t.id, limit=sightings))) for t in g.terms_of(entry.id))
    return EntryView(entry, terms)


# -- fuzzy search ---------------------------------------------------------------------------


class SearchIndex:
    """Every entry in memory, for instant fuzzy search over Korean, Chinese and pinyin."""

    def __init__(self, rows: list[EntryRow], version: int = 0):
        self.rows = rows
        self.version = version
        self._keys = [r.key for r in rows]

    @classmethod
    def build(cls, g: Glossary) -> "SearchIndex":
        version = g.version
        terms: dict[int, list[Term]] = {}
        entries: dict[int, Entry] = {}
        for n, (term, entry) in enumerate(g.all_terms()):
            terms.setdefault(term.entry_id, []).append(term)
            entries[entry.id] = entry
            if n % YIELD_EVERY == 0:
                time.sleep(0.001)  # let the UI thread run while a big glossary is indexed
        if len(entries) != g.count("entries"):  # entries with no term yet
            for entry in g.entries():
                entries.setdefault(entry.id, entry)
        rows = []
        for n, i in enumerate(sorted(entries)):
            rows.append(make_row(entries[i], terms.get(i, [])))
            if n % YIELD_EVERY == 0:
                time.sleep(0.001)
        return cls(rows, version)

    def replaced(self, row: EntryRow) -> "SearchIndex":
        """A copy with one entry's row replaced (or added)."""
        rows = list(self.rows)
        for i, r in enumerate(rows):
            if r.entry_id == row.entry_id:
                rows[i] = row
                break
        else:
            rows.append(row)
        return SearchIndex(rows, self.version)

    def search(
        self, query: str, kind: str | None = None, status: str | None = None, limit: int = MAX_RESULTS
    ) -> list[EntryRow]:
        """Entries matching ``query``: exact and substring matches first, then fuzzy ones."""
        from rapidfuzz import fuzz, process

        indices = range(len(self.rows))
        if kind or status:
            indices = [
                i for i in indices
                if (not kind or self.rows[i].kind == kind) and (not status or status in self.rows[i].statuses)
            ]
        q = norm_key(fold_width(query))
        if has_han(q):
            q = to_simplified(q)
        if not q:
            return [self.rows[i] for i in list(indices)[:limit]]
        exact, partial = [], []
        for i in indices:
            key = self._keys[i]
            if q in key:
                (exact if q in key.split("|") else partial).append(i)
        partial.sort(key=lambda i: (len(self._keys[i]), i))
        hits = (exact + partial)[:limit]
        if len(hits) < limit and len(q) >= 2:
            seen = set(hits)
            choices = {i: self._keys[i] for i in indices if i not in seen}
            for _, score, i in process.extract(
                q, choices, scorer=fuzz.partial_ratio, limit=limit - len(hits), score_cutoff=70
            ):
                hits.append(i)
        return [self.rows[i] for i in hits]


# -- linting the draft ----------------------------------------------------------------------


@dataclass
class LintResult:
    findings: list[Finding]
    document: object | None
    generation: int
    error: str | None = None


class DraftLinter:
    """Lints draft text with the lint engine and an index compiled from the glossary.

    The index is rebuilt when the glossary's version changes. Runs in worker threads; one
    lint at a time (the app's workers are exclusive).
    """

    def __init__(self, service: GlossaryService, path: str, kind: str = "md"):
        self.service = service
        self.path = path
        self.kind = kind
        self._index = None
        self._version = -1
        self._lock = threading.Lock()

    def _index_for(self, g: Glossary):
        version = g.version
        if self._index is None or version != self._version:
            self._index = build_index(g)
            self._version = version
        return self._index

    def lint(self, text: str, generation: int = 0) -> LintResult:
        from glossary.sources.document import document_from_text

        with self._lock:
            doc = document_from_text(text, path=self.path, kind=self.kind)
            from glossary.lint.engine import lint_document

            with self.service.reader() as g:
                index = self._index_for(g)
            findings = sorted(lint_document(doc, index), key=lambda f: (f.start, f.end, f.rule))
            return LintResult(findings, doc, generation)


def build_index(g: Glossary):
    """The lint engine's compiled index of the glossary."""
    from glossary.lint import index as index_module

    return index_module.GlossaryIndex.for_glossary(g)


__all__ = [
    "BadInput", "Candidate", "DraftLinter", "EntryRow", "EntryView", "GlossaryService", "KINDS",
    "KozhError", "LintResult", "STATUSES", "SearchIndex", "TermView", "make_row",
]

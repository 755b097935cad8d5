"""What the screens read and change, in plain Python: no widgets here and no SQL.

The app owns one :class:`GlossaryService` (the main thread's connection, guarded by a lock);
worker threads open their own short-lived connections with :meth:`GlossaryService.reader`.
"""

from __future__ import annotations

import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from glossary.errors import NotFound
from glossary.search import EntryRow, make_row
from glossary.store import Entry, Glossary, Sighting, Term

from .views import Candidate, EntryView, TermView

FIRST_PAGE = 100
"""Rows shown before the search index is ready (and for an empty query)."""


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

"""Instant fuzzy search over every entry, in memory: Korean, Chinese (simplified or traditional)
and pinyin, exact and substring matches first, then close ones (rapidfuzz)."""

from __future__ import annotations

import time
from dataclasses import dataclass

from .store import STATUS_ORDER, Entry, Glossary, Term
from .text.normalize import fold_width, has_han, norm_key, to_simplified

MAX_RESULTS = 200
YIELD_EVERY = 2_000
"""Entries indexed between short sleeps, so a screen's thread runs while a big glossary is indexed."""


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

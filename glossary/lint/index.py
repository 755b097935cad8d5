"""The compiled glossary index the lint engine matches drafts against.

Built once from a :class:`~glossary.store.Glossary` and kept in memory and on disk next to it
(:mod:`glossary.lint.index_cache`). Its entries and terms are stored by column
(:mod:`glossary.lint.columns`); how a text is matched against it is :mod:`glossary.lint.scan`.
"""

from __future__ import annotations

import re
import threading
from array import array
from collections.abc import Mapping
from typing import TYPE_CHECKING, Iterable

from ..store import Term
from ..text.normalize import fold_width, norm_key, to_simplified
from ..text.normalize import HAN_CHAR as _HAN
from .columns import Rows, SortedMap, Table, ZhMap
from .entry_info import EntryInfo
from .index_cache import cache_path, read_cache, write_cache
from .scan import Match, scan_text, starts_pattern

if TYPE_CHECKING:  # pragma: no cover
    from ..store import Entry, Glossary

MATCH_LANGS = ("ko", "abbr")
"""Term languages matched in Korean text (renderings, whatever their script, and abbreviations)."""

NAME_KINDS = ("person", "place", "company", "org", "media", "other")
"""Kinds whose renderings the transliteration rules judge: every proper name (룡청연구소 for
龙城实验室 misspells the name inside the institution's). Concepts (전정특신) are Sino-Korean words."""

_ALL_HANGUL = re.compile(r"[\uac00-\ud7a3]+")


class GlossaryIndex:
    """Every matchable term of a glossary, compiled for fast scanning."""

    def __init__(self) -> None:
        self.version: int = 0
        self.fingerprint: tuple = ()
        self._set_table(Table.of({}, {}))
        self.by_zh: Mapping[str, int] = {}
        """Simplified (and traditional) Chinese key -> entry id."""
        self.by_norm: dict[str, int | tuple[int, ...]] = {}
        """Matching form -> term id, or term ids when several terms share it (ko and abbr terms);
        :meth:`ids_for_norm` always gives a tuple."""
        self.buckets: dict[str, tuple[int, ...]] = {}
        """First two characters of a matching form -> the lengths of such forms, longest first."""
        self.near: Mapping[str, tuple[int, ...]] = {}
        """Korean term with one syllable replaced by ``\\0`` -> term ids (near-miss lookup)."""
        self.latin: dict[str, tuple[int, ...]] = {}
        """Latin-only matching form (≥5 letters) -> term ids."""

    def _set_table(self, table: Table) -> None:
        self._table = table
        self.entries: Mapping[int, EntryInfo] = Rows(table.entry, table.e_id)
        self.terms: Mapping[int, Term] = Rows(table.term, table.t_id)

    @property
    def zh_words(self) -> tuple[str, ...]:
        """Chinese keys, for segmenting a Chinese source text (sorted; computed on first use)."""
        words = self.__dict__.get("_zh_words")
        if words is None:
            zh = self._table.e_zh
            words = self.__dict__["_zh_words"] = tuple(sorted(zh[i] for i in range(len(zh))))
        return words

    # the cache payload: plain strings, bytes, tuples and dicts (marshal, never pickle) -------

    def _payload(self) -> tuple:
        return (
            self.version, self.fingerprint, self._table.dump(), self.by_norm, self.buckets,
            self.by_zh.map.dump(), self.near.dump(), self.latin,
        )

    @classmethod
    def _from_payload(cls, payload: tuple) -> "GlossaryIndex":
        """The index a payload describes; ValueError/TypeError when it is not one."""
        version, fingerprint, table, by_norm, buckets, by_zh, near, latin = payload
        if not (
            type(version) is int and type(fingerprint) is tuple and type(by_norm) is dict
            and type(buckets) is dict and type(latin) is dict
        ):
            raise ValueError("bad index payload")
        index = cls()
        index.version, index.fingerprint = version, fingerprint
        index._set_table(Table.load(table))
        index.by_norm, index.buckets, index.latin = by_norm, buckets, latin
        index.by_zh = ZhMap(SortedMap.load(by_zh))
        index.near = SortedMap.load(near)
        return index

    def __reduce__(self):
        return (GlossaryIndex._from_payload, (self._payload(),))

    # building ---------------------------------------------------------------------------

    @classmethod
    def build(cls, rows: Iterable[tuple["Term", "Entry"]], *, version: int = 0, fingerprint: tuple = ()) -> "GlossaryIndex":
        """Compile an index from ``(Term, Entry)`` pairs in term id order (as ``Glossary.all_terms`` yields)."""
        entry_rows: dict[int, tuple] = {}
        term_rows: list[tuple] = []
        for term, entry in rows:
            if entry.id not in entry_rows:
                entry_rows[entry.id] = (
                    entry.id, entry.zh, entry.zh_hant, entry.pinyin, entry.kind, entry.era,
                    entry.customary or 0, entry.house_spelling,
                )
            term_rows.append((term.id, term.entry_id, term.lang, term.text, term.norm, term.status, term.frequency or 0))
        return cls.compile(sorted(entry_rows.values()), term_rows, version=version, fingerprint=fingerprint)

    @classmethod
    def compile(
        cls, entry_rows: Iterable[tuple], term_rows: Iterable[tuple], *, version: int = 0, fingerprint: tuple = ()
    ) -> "GlossaryIndex":
        """Compile an index from plain rows, as ``Glossary.index_rows`` reads them: terms ``(id,
        entry_id, lang, text, norm, status, frequency)`` in id order, read first, then entries
        ``(id, zh, zh_hant, pinyin, kind, era, customary, house_spelling)`` in id order (those
        without a term are left out). Where two entries share a traditional form, the one whose
        first term comes first keeps it; a simplified key always wins.

        Rows go into columns as they are read, never held as rows: a million-entry glossary
        compiles in a fraction of the memory. A key with one id keeps it as an int until a second
        comes (a million one-item lists would hold more than the index itself).
        """
        index = cls()
        index.version = version
        index.fingerprint = fingerprint
        by_norm: dict[str, int | list[int]] = {}
        near: dict[str, int | list[int]] = {}
        latin: dict[str, list[int]] = {}
        shared: dict[str, str] = {}  # one object for each language, status, kind and era
        t_id, t_entry, t_freq = array("q"), array("q"), array("q")
        t_lang: list[str] = []
        t_text: list[str] = []
        t_norm: list[str] = []
        t_status: list[str] = []
        first: dict[int, int] = {}  # entry id -> place of its first term

        han, all_hangul = _HAN.search, _ALL_HANGUL.fullmatch
        for term_id, entry_id, lang, text, norm, status, frequency in term_rows:
            t_id.append(term_id)
            t_entry.append(entry_id)
            t_freq.append(frequency or 0)
            t_lang.append(shared.setdefault(lang, lang))
            t_status.append(shared.setdefault(status, status))
            t_norm.append(norm)
            t_text.append(norm if text == norm else text)
            first.setdefault(entry_id, len(t_id))
            if lang not in MATCH_LANGS or len(norm) < 2 or han(norm):
                continue
            if lang == "ko" and len(norm) >= 3 and all_hangul(norm):
                keys = ((by_norm, norm), *((near, norm[:i] + "\0" + norm[i + 1:]) for i in range(len(norm))))
            else:
                keys = ((by_norm, norm),)
                if len(norm) >= 5 and norm.isascii() and norm.isalpha():
                    latin.setdefault(norm, []).append(term_id)
            for keyed, key in keys:  # one id as an int, a list from the second on
                ids = keyed.get(key)
                if ids is None:
                    keyed[key] = term_id
                elif type(ids) is int:
                    keyed[key] = [ids, term_id]
                else:
                    ids.append(term_id)
        # Deterministic whatever the insertion order: sort every list. The near-miss keys are
        # packed before the entries are read, so the two never take memory at once.
        index.by_norm = {k: v if type(v) is int else v[0] if len(v) == 1 else tuple(sorted(v)) for k, v in by_norm.items()}
        del by_norm
        index.near = SortedMap.of(near)
        del near
        index.latin = {k: tuple(sorted(v)) for k, v in latin.items()}

        e_id, e_customary = array("q"), array("q")
        e_text: tuple[list, ...] = ([], [], [], [], [], [])  # zh, zh_hant, pinyin, kind, era, house spelling
        by_zh: dict[str, int] = {}
        traditional: dict[str, int] = {}
        for entry_id, zh, zh_hant, pinyin, kind, era, customary, house in entry_rows:
            if entry_id not in first:
                continue  # no term: nothing to match
            e_id.append(entry_id)
            e_customary.append(customary or 0)
            for column, value in zip(e_text, (zh, zh_hant, pinyin, shared.setdefault(kind, kind), shared.setdefault(era, era), house)):
                column.append(value)
            by_zh[zh] = entry_id
            if zh_hant:
                held = traditional.get(zh_hant)
                if held is None or first[entry_id] < first[held]:
                    traditional[zh_hant] = entry_id
        for key, entry_id in traditional.items():
            by_zh.setdefault(key, entry_id)
        del traditional, first

        index._set_table(Table.of(
            {"e_id": e_id, "e_customary": e_customary, **dict(zip(Table.ENTRY_TEXT, e_text))},
            {"t_id": t_id, "t_entry": t_entry, "t_lang": t_lang, "t_text": t_text, "t_norm": t_norm,
             "t_status": t_status, "t_freq": t_freq},
        ))
        del e_text, t_lang, t_text, t_norm, t_status
        index.by_zh = ZhMap(SortedMap.of(by_zh))
        del by_zh
        buckets: dict[str, set[int]] = {}
        for norm in index.by_norm:
            buckets.setdefault(norm[:2], set()).add(len(norm))
        index.buckets = {k: tuple(sorted(v, reverse=True)) for k, v in buckets.items()}
        return index

    @classmethod
    def from_terms(cls, items: Iterable[tuple[str, str]], **entry_fields) -> "GlossaryIndex":
        """A small index from ``(korean, chinese)`` pairs, for tests and one-off checks."""
        from ..store import Entry, Term

        rows = []
        entries: dict[str, Entry] = {}
        for n, (ko, zh) in enumerate(items, start=1):
            key = to_simplified(zh)
            entry = entries.get(key)
            if entry is None:
                entry = Entry(len(entries) + 1, key, None, None, entry_fields.get("kind"), None, 0, None, None)
                entries[key] = entry
            rows.append((Term(n, entry.id, "ko", ko, norm_key(ko), entry_fields.get("status", "candidate"), 1), entry))
        return cls.build(rows)

    # the on-disk cache ------------------------------------------------------------------

    _memory: dict[tuple, "GlossaryIndex"] = {}
    _memory_lock = threading.Lock()

    @classmethod
    def for_glossary(cls, glossary: "Glossary", *, use_cache: bool = True) -> "GlossaryIndex":
        """The index of ``glossary``: from memory, from ``<db>.index-cache``, or compiled.

        The cache is used only when its format, version and fingerprint equal the glossary's;
        otherwise (or when it is damaged) the index is rebuilt and the cache rewritten
        (atomically; a read-only folder just skips it). The cache holds only strings, numbers,
        bytes, tuples and dicts, read with :mod:`marshal`: loading it never runs code.
        """
        with glossary.snapshot():  # the key and the rows read from one state of the glossary
            version = glossary.version
            fingerprint = glossary.fingerprint()
            mem_key = (glossary.path if glossary.path != ":memory:" else id(glossary.conn), version, fingerprint)
            with cls._memory_lock:
                hit = cls._memory.get(mem_key)
            if hit is not None:
                return hit
            cache = cache_path(glossary) if use_cache else None
            index = None
            if cache is not None and cache.is_file():
                index = read_cache(cache, version, fingerprint, cls._from_payload)
            compiled = index is None
            if compiled:
                index = cls.compile(*glossary.index_rows(), version=version, fingerprint=fingerprint)
        if compiled and cache is not None:
            write_cache(cache, index._payload())
        with cls._memory_lock:
            if len(cls._memory) > 8:
                cls._memory.clear()
            cls._memory[mem_key] = index
        return index

    # lookups ----------------------------------------------------------------------------

    def entry_for_zh(self, zh: str) -> EntryInfo | None:
        """The entry of a Chinese text, simplified or traditional."""
        memo = self.__dict__.setdefault("_entry_for_zh", {})
        if zh in memo:
            return memo[zh]
        key = fold_width(zh).strip()
        entry_id = self.by_zh.get(key)
        if entry_id is None:
            entry_id = self.by_zh.get(to_simplified(key))
        entry = self.entries.get(entry_id) if entry_id is not None else None
        if len(memo) > 100_000:
            memo.clear()
        memo[zh] = entry
        return entry

    def ids_for_norm(self, norm: str) -> tuple[int, ...]:
        """Ids of the terms whose matching form is ``norm``."""
        ids = self.by_norm.get(norm, ())
        return ids if type(ids) is tuple else (ids,)

    def ko_terms_of(self, ids: tuple[int, ...]) -> tuple[Term, ...]:
        """The Korean terms among ``ids`` (a match's), in their order; kept per ``ids``."""
        memo = self.__dict__.setdefault("_ko_terms", {})
        got = memo.get(ids)
        if got is None:
            if len(memo) > 100_000:
                memo.clear()
            terms = self.terms
            got = memo[ids] = tuple(t for t in map(terms.__getitem__, ids) if t.lang == "ko")
        return got

    def terms_for_norm(self, norm: str) -> list[Term]:
        return [self.terms[i] for i in self.ids_for_norm(norm)]

    def is_known(self, text: str) -> bool:
        return norm_key(text) in self.by_norm

    def entry_of(self, term: Term) -> EntryInfo:
        return self.entries[term.entry_id]

    # scanning ---------------------------------------------------------------------------

    def _starts_re(self) -> re.Pattern:
        """Where a term may start (:func:`~glossary.lint.scan.starts_pattern`); kept with the
        index (keyed on its buckets)."""
        cached = self.__dict__.get("_starts")
        if cached is not None and cached[0] is self.buckets:
            return cached[1]
        pattern = starts_pattern(self.buckets)
        self.__dict__["_starts"] = (self.buckets, pattern)
        return pattern

    def scan(self, text: str) -> list[Match]:
        """Every glossary term in ``text`` (a ``Document.text``), leftmost-longest, whole words
        only (see :func:`~glossary.lint.scan.scan_text`)."""
        spaced_memo = self.__dict__.setdefault("_spaced", {})
        if len(spaced_memo) > 100_000:
            spaced_memo.clear()
        return scan_text(
            text, buckets=self.buckets, by_norm=self.by_norm, terms=self.terms, starts=self._starts_re(),
            spaced_memo=spaced_memo,
        )

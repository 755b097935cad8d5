"""The compiled glossary index the lint engine matches drafts against.

Built once from a :class:`~glossary.store.Glossary` and cached on disk next to it
(``<db>.index-cache``), keyed on the glossary's ``version`` and a fingerprint of its tables, so a
cache is never trusted across versions (nor across a database deleted and rebuilt).

Matching works on a *squeezed* view of the document text: white space removed, width and case
folded, with the offsets of its runs kept to map back. For each first-two-characters key the
index keeps the lengths of the terms starting so; at each word start the candidate lengths are
tried longest first as dictionary probes, so a lookup costs a handful of hash probes whatever
the glossary size, and the whole document is one left-to-right pass (leftmost-longest, like an
Aho–Corasick automaton without the memory).
"""

from __future__ import annotations

import os
import pickle
import re
import tempfile
import threading
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Iterable

from .korean import split_tail, tail_ok
from .textnorm import fold_width, is_hangul, norm_key, to_simplified

if TYPE_CHECKING:  # pragma: no cover
    from .sources import Document
    from .store import Entry, Glossary, Term

CACHE_FORMAT = 4
"""Bumped when the pickled layout changes; an older cache is rebuilt."""

MATCH_LANGS = ("ko", "abbr")
"""Term languages matched in Korean text (renderings, whatever their script, and abbreviations)."""

NAME_KINDS = ("person", "place", "company")
"""Kinds whose renderings the transliteration rules judge."""

# Where a term may start: a Hangul syllable or Latin letter/digit not preceded by one of its kind.
_WORD_START = re.compile(r"(?<![\uac00-\ud7a3])[\uac00-\ud7a3]|(?<![A-Za-z0-9])[A-Za-z0-9]")
_WS = re.compile(r"\s+")
_RUN = re.compile(r"\S+")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
_ALL_HANGUL = re.compile(r"[\uac00-\ud7a3]+")


@dataclass(frozen=True, slots=True)
class TermInfo:
    """A glossary term as the index keeps it."""

    id: int
    entry_id: int
    lang: str
    text: str
    norm: str
    status: str
    frequency: int


@dataclass(slots=True)
class EntryInfo:
    """A glossary entry with its renderings."""

    id: int
    zh: str
    zh_hant: str | None
    pinyin: str | None
    kind: str | None
    era: str | None
    customary: int
    house_spelling: str | None
    terms: list[TermInfo] = field(default_factory=list)

    @property
    def ko_terms(self) -> list[TermInfo]:
        return [t for t in self.terms if t.lang == "ko"]

    @property
    def preferred(self) -> TermInfo | None:
        for t in self.terms:
            if t.lang == "ko" and t.status == "preferred":
                return t
        return None

    def reference(self) -> TermInfo | None:
        """The rendering other renderings are compared with.

        The preferred term when there is one; otherwise the most frequently seen admitted, then
        candidate, term; remaining ties go to the alphabetically first rendering, so the choice
        never depends on the order the glossary was filled in. Deprecated terms never.
        """
        preferred = self.preferred
        if preferred is not None:
            return preferred
        usable = self.usable()
        return usable[0] if usable else None

    def usable(self) -> list[TermInfo]:
        """Admitted and candidate Korean renderings, best reference first (see :meth:`reference`)."""
        rank = {"admitted": 0, "candidate": 1}
        usable = [t for t in self.terms if t.lang == "ko" and t.status in rank]
        return sorted(usable, key=lambda t: (rank[t.status], -t.frequency, t.norm, t.text))


@dataclass(frozen=True, slots=True)
class Match:
    """A glossary term found in a document."""

    start: int
    """Offset of the first character (in ``Document.raw``)."""
    end: int
    """Offset just past the term (particles excluded)."""
    norm: str
    terms: tuple[int, ...]
    """Ids of the terms with this matching form (several entries may share a rendering)."""
    spaced: bool
    """True when the text's spacing differs from the term's (KIC 중국 for KIC중국)."""


@dataclass
class Squeezed:
    """A document's text with white space removed and case/width folded, with offsets back.

    Runs of non-space characters keep their order; ``run_starts[k]`` is where run ``k`` starts
    in the original text and ``run_pos[k]`` where it starts in ``text``.
    """

    text: str
    run_starts: list[int] = field(default_factory=list)
    run_pos: list[int] = field(default_factory=list)

    def position(self, offset: int) -> int:
        """Position in ``text`` of the non-space character at original ``offset``."""
        k = bisect_right(self.run_starts, offset) - 1
        return self.run_pos[k] + offset - self.run_starts[k]

    def offset(self, position: int) -> int:
        """Original offset of the character at ``position`` in ``text``."""
        k = bisect_right(self.run_pos, position) - 1
        return self.run_starts[k] + position - self.run_pos[k]


def squeeze(text: str) -> Squeezed:
    """Fold and squeeze ``text``; each kept character remembers its offset in ``text``."""
    folded = fold_width(text).casefold()
    if len(folded) != len(text):  # a character folded to several (ß → ss): fold one by one
        folded = "".join(c2 if len(c2 := fold_width(c).casefold()) == 1 else c for c in text)
    chunks: list[str] = []
    run_starts: list[int] = []
    run_pos: list[int] = []
    pos = 0
    for m in _RUN.finditer(folded):
        chunk = m.group()
        run_starts.append(m.start())
        run_pos.append(pos)
        chunks.append(chunk)
        pos += len(chunk)
    return Squeezed("".join(chunks), run_starts, run_pos)


def _is_latin_alnum(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


class GlossaryIndex:
    """Every matchable term of a glossary, compiled for fast scanning."""

    def __init__(self) -> None:
        self.version: int = 0
        self.fingerprint: tuple = ()
        self.entries: dict[int, EntryInfo] = {}
        self.terms: dict[int, TermInfo] = {}
        self.by_zh: dict[str, int] = {}
        """Simplified (and traditional) Chinese key -> entry id."""
        self.by_norm: dict[str, tuple[int, ...]] = {}
        """Matching form -> term ids (ko and abbr terms)."""
        self.buckets: dict[str, tuple[int, ...]] = {}
        """First two characters of a matching form -> the lengths of such forms, longest first."""
        self.near: dict[str, tuple[int, ...]] = {}
        """Korean term with one syllable replaced by ``\\0`` -> term ids (near-miss lookup)."""
        self.latin: dict[str, tuple[int, ...]] = {}
        """Latin-only matching form (≥5 letters) -> term ids."""
        self.zh_words: tuple[str, ...] = ()
        """Chinese keys, for segmenting a Chinese source text."""

    # pickling: plain tuples load several times faster than 200,000 dataclass instances ----

    def __getstate__(self) -> dict:
        state = dict(self.__dict__)
        state.pop("_variant_verdicts", None)
        state["entries"] = [
            (e.id, e.zh, e.zh_hant, e.pinyin, e.kind, e.era, e.customary, e.house_spelling)
            for e in self.entries.values()
        ]
        state["terms"] = [
            (t.id, t.entry_id, t.lang, t.text, t.norm, t.status, t.frequency) for t in self.terms.values()
        ]
        return state

    def __setstate__(self, state: dict) -> None:
        entries = {row[0]: EntryInfo(*row) for row in state.pop("entries")}
        terms = {}
        for row in state.pop("terms"):
            t = TermInfo(*row)
            terms[t.id] = t
            entries[t.entry_id].terms.append(t)
        self.__dict__.update(state)
        self.entries = entries
        self.terms = terms

    # building ---------------------------------------------------------------------------

    @classmethod
    def build(cls, rows: Iterable[tuple["Term", "Entry"]], *, version: int = 0, fingerprint: tuple = ()) -> "GlossaryIndex":
        """Compile an index from ``(Term, Entry)`` pairs (as ``Glossary.all_terms`` yields)."""
        index = cls()
        index.version = version
        index.fingerprint = fingerprint
        by_norm: dict[str, list[int]] = {}
        near: dict[str, list[int]] = {}
        latin: dict[str, list[int]] = {}
        for term, entry in rows:
            info = index.entries.get(entry.id)
            if info is None:
                info = EntryInfo(
                    entry.id, entry.zh, entry.zh_hant, entry.pinyin, entry.kind, entry.era,
                    entry.customary or 0, entry.house_spelling,
                )
                index.entries[entry.id] = info
                index.by_zh[entry.zh] = entry.id
                if entry.zh_hant:
                    index.by_zh.setdefault(entry.zh_hant, entry.id)
            t = TermInfo(term.id, term.entry_id, term.lang, term.text, term.norm, term.status, term.frequency or 0)
            info.terms.append(t)
            index.terms[t.id] = t
            if t.lang not in MATCH_LANGS or len(t.norm) < 2 or _HAN.search(t.norm):
                continue
            by_norm.setdefault(t.norm, []).append(t.id)
            if t.lang == "ko" and len(t.norm) >= 3 and _ALL_HANGUL.fullmatch(t.norm):
                for i in range(len(t.norm)):
                    near.setdefault(t.norm[:i] + "\0" + t.norm[i + 1:], []).append(t.id)
            elif len(t.norm) >= 5 and t.norm.isascii() and t.norm.isalpha():
                latin.setdefault(t.norm, []).append(t.id)
        # Deterministic whatever the insertion order: sort every list.
        for info in index.entries.values():
            if len(info.terms) > 1:
                info.terms.sort(key=lambda t: t.id)
        index.by_norm = {k: tuple(v) if len(v) == 1 else tuple(sorted(v)) for k, v in by_norm.items()}
        index.near = {k: tuple(v) if len(v) == 1 else tuple(sorted(v)) for k, v in near.items()}
        index.latin = {k: tuple(sorted(v)) for k, v in latin.items()}
        buckets: dict[str, set[int]] = {}
        for norm in index.by_norm:
            buckets.setdefault(norm[:2], set()).add(len(norm))
        index.buckets = {k: tuple(sorted(v, reverse=True)) for k, v in buckets.items()}
        index.zh_words = tuple(sorted(info.zh for info in index.entries.values()))
        return index

    @classmethod
    def from_terms(cls, items: Iterable[tuple[str, str]], **entry_fields) -> "GlossaryIndex":
        """A small index from ``(korean, chinese)`` pairs, for tests and one-off checks."""
        from .store import Entry, Term

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

        The cache is used only when its version and fingerprint equal the glossary's; otherwise
        the index is rebuilt and the cache rewritten (atomically; a read-only folder just skips it).
        """
        version = glossary.version
        fingerprint = _fingerprint(glossary)
        mem_key = (glossary.path if glossary.path != ":memory:" else id(glossary.conn), version, fingerprint)
        with cls._memory_lock:
            hit = cls._memory.get(mem_key)
        if hit is not None:
            return hit
        cache = None if glossary.path == ":memory:" or not use_cache else Path(glossary.path + ".index-cache")
        index = None
        if cache is not None and cache.is_file():
            try:
                with cache.open("rb") as fh:
                    stored = pickle.load(fh)
                if (
                    isinstance(stored, dict)
                    and stored.get("format") == CACHE_FORMAT
                    and stored.get("version") == version
                    and stored.get("fingerprint") == fingerprint
                ):
                    index = stored["index"]
            except Exception:  # a damaged or foreign cache is rebuilt, never trusted
                index = None
        if index is None:
            index = cls.build(glossary.all_terms(), version=version, fingerprint=fingerprint)
            if cache is not None:
                _write_cache(cache, {"format": CACHE_FORMAT, "version": version, "fingerprint": fingerprint, "index": index})
        with cls._memory_lock:
            if len(cls._memory) > 8:
                cls._memory.clear()
            cls._memory[mem_key] = index
        return index

    # lookups ----------------------------------------------------------------------------

    def entry_for_zh(self, zh: str) -> EntryInfo | None:
        """The entry of a Chinese text, simplified or traditional."""
        key = fold_width(zh).strip()
        entry_id = self.by_zh.get(key)
        if entry_id is None:
            entry_id = self.by_zh.get(to_simplified(key))
        return self.entries.get(entry_id) if entry_id is not None else None

    def terms_for_norm(self, norm: str) -> list[TermInfo]:
        return [self.terms[i] for i in self.by_norm.get(norm, ())]

    def is_known(self, text: str) -> bool:
        return norm_key(text) in self.by_norm

    def entry_of(self, term: TermInfo) -> EntryInfo:
        return self.entries[term.entry_id]

    # scanning ---------------------------------------------------------------------------

    def scan(self, text: str, squeezed: Squeezed | None = None) -> list[Match]:
        """Every glossary term in ``text`` (a ``Document.text``), leftmost-longest, whole words only.

        A term matches at a word start (no Hangul syllable or Latin letter just before it); a
        Korean ending must be followed by nothing Hangul or by particles/suffixes (창저우는, 창저우시);
        a Latin ending must not be followed by another Latin letter or digit. White space inside
        the text is ignored, so 'KIC 중국' matches the term 'KIC중국' (flagged ``spaced``).
        """
        sq = squeezed or squeeze(text)
        s = sq.text
        buckets = self.buckets
        by_norm = self.by_norm
        matches: list[Match] = []
        n_text = len(text)
        resume = 0  # original offset before which no new match may start
        for hit in _WORD_START.finditer(text):
            start = hit.start()
            if start < resume:
                continue
            j = sq.position(start)
            lengths = buckets.get(s[j:j + 2])
            if lengths is None:
                continue
            found = None
            for size in lengths:
                norm = s[j:j + size]
                if len(norm) != size or norm not in by_norm:
                    continue
                end = sq.offset(j + size - 1) + 1
                span = text[start:end]
                if "\n" in span and (span.count("\n") > 1 or "\n\n" in span):
                    continue
                last = text[end - 1]
                if is_hangul(last):
                    if not tail_ok(text, end):
                        continue
                elif _is_latin_alnum(last):
                    if end < n_text and _is_latin_alnum(text[end]):
                        continue
                found = (norm, end, span)
                break
            if found is None:
                continue
            norm, end, span = found
            ids = by_norm[norm]
            spaced = fold_width(span).replace("\n", " ").casefold() not in {
                fold_width(self.terms[i].text).casefold() for i in ids
            }
            matches.append(Match(start, end, norm, ids, spaced))
            resume = end
        return matches


def words(text: str) -> Iterable[tuple[int, int, str]]:
    """Hangul and Latin words of ``text`` as ``(start, end, stem)``; particles cut from Hangul words.

    The stem of 류싱천은 is 류싱천 (the shortest prefix whose rest is a particle sequence, noun
    suffixes such as 시 staying on the stem).
    """
    for m in _WORD.finditer(text):
        start, end = m.span()
        word = m.group()
        if is_hangul(word[0]):
            cut = _stem_length(word)
            yield start, start + cut, word[:cut]
        else:
            if end < len(text) and _is_latin_alnum(text[end]):
                continue
            yield start, end, word


_WORD = re.compile(r"[\uac00-\ud7a3]+|[A-Za-z][A-Za-z0-9]*")
_STEM_SUFFIXES = frozenset("시 구 성 현 진 사 적 내 간 외".split())


@lru_cache(maxsize=65536)
def _stem_length(word: str) -> int:
    for cut in range(1, len(word)):
        pieces = split_tail(word[cut:])
        if pieces is not None and not any(p in _STEM_SUFFIXES for p in pieces):
            return cut
    return len(word)


def _fingerprint(glossary: "Glossary") -> tuple:
    """Cheap summary of the glossary tables: a rebuilt database with the same version differs here."""
    conn = glossary.conn
    terms = conn.execute("SELECT count(*), max(id), max(updated), sum(frequency) FROM terms").fetchone()
    entries = conn.execute("SELECT count(*), max(id), max(updated) FROM entries").fetchone()
    return tuple(terms) + tuple(entries)


def _write_cache(path: Path, payload: dict) -> None:
    try:
        fd, tmp = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
    except OSError:
        return
    try:
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(payload, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError:
        try:
            os.unlink(tmp)
        except OSError:
            pass

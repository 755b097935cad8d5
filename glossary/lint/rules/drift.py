"""kozh/drift: one name spelled two transliteration-equivalent ways in a draft, no Chinese needed."""

from __future__ import annotations

from collections import defaultdict
from typing import Iterator

from ..finding import Finding, Severity
from ...text.korean import is_common_word
from ...translit.spellings import pinyin_keys, standard_spelling
from ...text.normalize import norm_key
from ...text.era import era_of

MIN_SYLLABLES = 2
"""Readings of one pinyin syllable (웬 / 위안) are too short to tell a name from a word."""


class Drift:
    """One name spelled two transliteration-equivalent ways in a draft (중관촌 / 중관춘, 쑤저우 / 수저우).

    ## What it does
    Reads every Hangul word of the draft (its stem: 중관촌에는 → 중관촌) as the pinyin it may
    write under the known spellings of Chinese→Hangul writing (the official table, the common
    misspellings 티엔/톈, 조우/저우, 롱/룽, 웬/위안, and the sound confusions 촌/춘, 셩/성,
    짱/장, 저/쩌, 수/쑤 — ``glossary/translit/spellings.py``). Two words of the draft that write the same
    pinyin sequence of two or more syllables are one name spelled two ways, and every occurrence
    of the less standard one is reported. No ``(汉字)`` is needed anywhere.

    The reference is, in order: the word that is a term of the team's glossary; a form of the
    base glossary (``glossary/translit/tables/base_*.tsv``); the word that is the official spelling of the
    shared pinyin (중관춘 for zhong guan cun); else the word written most often. When the
    reference's Chinese is known (from either glossary) the judge decides whether the other word
    is non-standard for it and what to write. Ordinary Korean words (Kiwi's dictionary: 시장,
    총칭) never count, and nothing is said when two glossary terms are involved (two names).

    ## Why is this bad?
    Only the first mention of a name carries its Chinese; later mentions drift (중관춘 four times,
    중관촌 once) and readers take them for two places.

    ## Example
    ```markdown
    중관춘은 베이징의 기술 단지다. 2011년 중관촌에는 기업 1만 5천 개가 있었다.
    ```

    ## Use instead
    ```markdown
    중관춘은 베이징의 기술 단지다. 2011년 중관춘에는 기업 1만 5천 개가 있었다.
    ```

    ## Fix safety
    Shown, not applied (unsafe), unless the reference is the team glossary's preferred term or a
    base-glossary form and the judge calls the fix certain: without Chinese the standard side is
    read off the spelling alone.
    """

    code = "kozh/drift"
    default_severity = Severity.WARNING

    def check(self, document, index, context) -> Iterator[Finding]:
        by_key: dict[tuple[str, ...], list[str]] = defaultdict(list)
        keys_of = _KEYS
        if len(keys_of) > 200_000:
            keys_of.clear()
        for stem in context.hangul_stems:
            keys = keys_of.get(stem)
            if keys is None:
                keys = keys_of[stem] = tuple(k for k in pinyin_keys(stem) if len(k) >= MIN_SYLLABLES)
            for key in keys:
                by_key[key].append(stem)
        groups = _groups([tuple(v) for v in by_key.values() if len(v) > 1])
        if not groups:
            return
        positions = _Positions(context)
        found: list[tuple[int, int, Finding]] = []
        for group in groups:
            members = [m for m in group if positions.get(m) or norm_key(m) in index.by_norm]
            members = [m for m in members if not is_common_word(m)]
            if len(members) < 2:
                continue
            for stem, ref, suggestion, safe, zh in self._decide(members, index, context, positions):
                line = document.line_col(positions[ref][0])[0] if positions.get(ref) else None
                where = f" (line {line})" if line else " (the glossary's form)"
                for start in positions.get(stem, ()):
                    end = start + len(stem)
                    found.append((start, end, context.finding(
                        self, start, end,
                        f"{stem} and {ref}{where} are one name spelled two ways: write {suggestion}",
                        suggestions=(suggestion,), replacement=suggestion, safe=safe, entry_zh=zh,
                    )))
        for _, _, finding in sorted(found, key=lambda f: f[:2]):
            yield finding

    def _decide(self, members, index, context, positions):
        """``(stem, reference, suggestion, safe, zh)`` for each member to report."""
        team = [m for m in members if _team_term(index, m) is not None]
        if len(team) > 1:
            return  # two glossary terms: kozh/inconsistent, or two names
        zh, era, safe = None, None, False
        if team:
            ref = team[0]
            term = _team_term(index, ref)
            entry = index.entries[term.entry_id]
            zh, era, safe = entry.zh, era_of(entry.era, entry.kind, zh=entry.zh), term.status == "preferred"
        else:
            base = context.base
            known = [m for m in members if base is not None and base.knows(m)]
            if len(known) > 1:
                return  # two known names (창저우 常州, 장저우 漳州)
            if known:
                ref = known[0]
                name = base.by_korean[ref][0]
                zh, era, safe = name.zh, "modern" if name.kind in ("person", "place") else None, True
            else:
                shared = set.intersection(*(set(pinyin_keys(m)) for m in members))
                standard = [m for m in members if any(standard_spelling(k) == m for k in shared)]
                if len(standard) == 1:
                    ref = standard[0]
                else:
                    ref = min(members, key=lambda m: (-len(positions.get(m, ())), positions.get(m, [0])[0]))
        for stem in members:
            if stem == ref or not positions.get(stem):
                continue
            if zh is None:
                yield stem, ref, ref, False, None
                continue
            if team and safe:
                yield stem, ref, ref, True, zh  # a person chose the preferred term
                continue
            # the judge decides: only a rendering it calls off the standard is reported
            verdict = context.nonstandard_form(stem, zh, era=era)
            if verdict is None or norm_key(verdict[0]) != norm_key(ref):
                continue
            yield stem, ref, verdict[0], safe and verdict[1], zh if team else None


_KEYS: dict[str, tuple[tuple[str, ...], ...]] = {}
"""Stem -> its pinyin keys of two or more syllables (kept between drafts: stems repeat)."""


class _Positions:
    """``positions.get(stem)``: where the stem stands, asked of the context per stem."""

    def __init__(self, context) -> None:
        self.context = context

    def get(self, stem: str, default=None):
        return self.context.positions_of(stem) or default

    def __getitem__(self, stem: str):
        return self.context.positions_of(stem)


def _team_term(index, stem: str):
    """The team glossary's usable Korean term spelled ``stem``, or None."""
    for term_id in index.ids_for_norm(norm_key(stem)):
        term = index.terms[term_id]
        if term.lang == "ko" and term.status != "deprecated":
            return term
    return None


def _groups(sets: list[tuple[str, ...]]) -> list[list[str]]:
    """Connected groups of words that share a pinyin key, each sorted, in a fixed order."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for members in sets:
        root = find(members[0])
        for other in members[1:]:
            parent[find(other)] = root
    out: dict[str, list[str]] = defaultdict(list)
    for x in parent:
        out[find(x)].append(x)
    return sorted(sorted(g) for g in out.values() if len(g) > 1)

"""Drift across the glossary: renderings that spell one name two transliteration-equivalent ways.

``kozh terms drift`` lists them: 중관촌 and 중관춘 for 中关村 (one entry or two), each with its
status, whether the judge calls it standard, and where it was seen. Two renderings drift when
they write the same pinyin (:func:`glossary.translit.spellings.pinyin_keys`) and that pinyin is a reading
of their entries' Chinese, so homophones of different names stay apart only when the Chinese reads
otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import product

from ..translit import hanzi
from ..translit.judge import judge
from ..text.era import era_of
from ..translit.spellings import pinyin_keys


@dataclass
class DriftRendering:
    """One rendering in a drift group."""

    zh: str
    """The entry's Chinese."""
    text: str
    status: str
    standard: bool
    """The judge calls this rendering standard for the entry."""
    term_id: int
    frequency: int


@dataclass
class DriftGroup:
    """Renderings that write one pinyin sequence in different spellings."""

    pinyin: str
    renderings: list[DriftRendering] = field(default_factory=list)


MAX_READINGS = 64


def _readings(zh: str) -> set[tuple[str, ...]]:
    options = hanzi.pinyin_readings(zh)
    if not options or any(not o for o in options):
        return set()
    out = set()
    for combo in product(*options):
        out.add(combo)
        if len(out) >= MAX_READINGS:
            break
    return out


def glossary_drift(glossary) -> list[DriftGroup]:
    """Every group of two or more differently spelt Korean renderings of one pinyin sequence.

    Deprecated renderings are left out (they are already marked); the groups are sorted by pinyin.
    """
    from ..text.normalize import is_hangul

    by_key: dict[tuple[str, ...], dict[int, tuple]] = {}
    for term, entry in glossary.all_terms():
        if term.lang != "ko" or term.status == "deprecated" or len(term.text) < 2:
            continue
        text = "".join(term.text.split())
        if not all(map(is_hangul, text)):
            continue
        keys = pinyin_keys(text)
        if not keys:
            continue
        shared = [k for k in keys if len(k) >= 2 and len(k) == len(entry.zh) and k in _readings(entry.zh)]
        for key in shared:
            by_key.setdefault(key, {})[term.id] = (term, entry)
    groups = []
    seen: set[frozenset[int]] = set()
    for key in sorted(by_key):
        members = by_key[key]
        if len({"".join(t.text.split()) for t, _ in members.values()}) < 2 or frozenset(members) in seen:
            continue
        seen.add(frozenset(members))
        group = DriftGroup(" ".join(key))
        for term, entry in sorted(members.values(), key=lambda te: (te[1].zh, -te[0].frequency, te[0].text)):
            verdict = judge(term.text, entry.zh, era=era_of(entry.era, entry.kind, zh=entry.zh)).verdict
            group.renderings.append(
                DriftRendering(entry.zh, term.text, term.status, verdict == "standard", term.id, term.frequency)
            )
        groups.append(group)
    return groups

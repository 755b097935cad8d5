"""Known non-standard Hangul spellings of pinyin syllables: 티엔 for tian (톈), 조우 for zhou (저우).

Built from the patterns in ``tables/spelling_deviations.tsv`` applied to the official table, so
every syllable with that final gets its deviant without a hand-written list. The judge uses them
to recognise a misspelling whose syllable count differs from the standard (티엔 is two syllables,
톈 one) and to trust the correction: a known deviant is a certain misspelling.
"""

from __future__ import annotations

from functools import lru_cache

from glossary import hanzi
from glossary.korean import compose, decompose

_INITIALS = ("zh", "ch", "sh", "b", "p", "m", "f", "d", "t", "n", "l", "g", "k", "h", "j", "q", "x", "r", "z", "c", "s")
_VOWELS = "ㅏㅐㅑㅒㅓㅔㅕㅖㅗㅘㅙㅚㅛㅜㅝㅞㅟㅠㅡㅢㅣ"


def _split(syllable: str) -> tuple[str, str] | None:
    for ini in _INITIALS:
        if syllable.startswith(ini) and len(syllable) > len(ini):
            return ini, syllable[len(ini) :]
    return None


def _with_vowel(hangul: str, vowel: str) -> str | None:
    """The first syllable of hangul with its vowel replaced (저우, ㅗ → 조우)."""
    parts = decompose(hangul[0])
    if parts is None:
        return None
    cho, _, jong = parts
    return compose(cho, _VOWELS.index(vowel), jong) + hangul[1:]


@lru_cache(maxsize=1)
def deviations() -> dict[str, tuple[str, ...]]:
    """Standard Hangul of a syllable → its known non-standard spellings.

    >>> deviations()["톈"], deviations()["저우"][:1]
    (('티엔', '티안'), ('조우',))
    """
    table = hanzi._syllable_table()
    rules = hanzi._read_tsv("spelling_deviations.tsv")
    out: dict[str, list[str]] = {}

    def add(standard: str, deviant: str | None) -> None:
        if deviant and deviant != standard and deviant not in out.setdefault(standard, []):
            out[standard].append(deviant)

    for final, lead, tail in rules:
        if lead == "=":
            add(table[final], tail)
            continue
        for syllable, standard in table.items():
            split = _split(syllable)
            if split is None or split[1] != final:
                continue
            initial = split[0]
            if lead == "vowel":
                add(standard, _with_vowel(standard, tail))
            else:
                head = table.get(initial + lead)
                add(standard, head + tail if head else None)
    return {k: tuple(v) for k, v in out.items()}

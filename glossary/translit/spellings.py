"""Known non-standard Hangul spellings of pinyin syllables: 티엔 for tian (톈), 조우 for zhou (저우).

Built from the patterns in ``tables/spelling_deviations.tsv`` applied to the official table, so
every syllable with that final gets its deviant without a hand-written list. The judge uses them
to recognise a misspelling whose syllable count differs from the standard (티엔 is two syllables,
톈 one) and to trust the correction: a known deviant is a certain misspelling.
"""

from __future__ import annotations

from functools import lru_cache

from glossary.translit import hanzi
from glossary.text.korean import compose, decompose

_INITIALS = ("zh", "ch", "sh", "b", "p", "m", "f", "d", "t", "n", "l", "g", "k", "h", "j", "q", "x", "r", "z", "c", "s")
_VOWELS = "ㅏㅐㅑㅒㅓㅔㅕㅖㅗㅘㅙㅚㅛㅜㅝㅞㅟㅠㅡㅢㅣ"


@lru_cache(maxsize=1024)
def _split(syllable: str) -> tuple[str, str] | None:
    """(initial, final) of a pinyin syllable (zhou → zh, ou), None without an initial."""
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


_CHO_JAMO = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ"


def _with_initial(hangul: str, jamo: str) -> str | None:
    """The first syllable of hangul with its initial consonant replaced (장, ㅉ → 짱)."""
    parts = decompose(hangul[0])
    if parts is None or jamo not in _CHO_JAMO:
        return None
    _, vowel, final = parts
    return compose(_CHO_JAMO.index(jamo), vowel, final) + hangul[1:]


@lru_cache(maxsize=1)
def confusions() -> dict[str, tuple[str, ...]]:
    """Pinyin syllable → the Hangul spellings a draft may give it besides the standard one.

    The known deviants (:func:`deviations`: 톈 티엔, 저우 조우, 룽 롱, 위안 웬) and the sound
    confusions of ``tables/spelling_confusions.tsv`` (촌 for cun 춘, 셩 for sheng 성, 짱 for zhang
    장, 저 for ze 쩌), standard first. A confusion may be another syllable's standard spelling.

    >>> confusions()["cun"], confusions()["zhou"][:2], confusions()["ze"]
    (('춘', '촌'), ('저우', '조우'), ('쩌', '저'))
    """
    table = hanzi._syllable_table()
    devs = deviations()
    out: dict[str, list[str]] = {syllable: [standard, *devs.get(standard, ())] for syllable, standard in table.items()}
    for final, lead, tail, initials in hanzi._read_tsv("spelling_confusions.tsv"):
        wanted = set(initials.split())
        for syllable, standard in table.items():
            split = _split(syllable)
            if split is None or split[0] not in wanted or (final != "*" and split[1] != final):
                continue
            spelling = _with_vowel(standard, tail) if lead == "vowel" else _with_initial(standard, tail)
            if spelling and spelling not in out[syllable]:
                out[syllable].append(spelling)
    return {k: tuple(v) for k, v in out.items()}


@lru_cache(maxsize=1)
def _spelling_readings() -> tuple[dict[str, tuple[str, ...]], int]:
    """(Hangul spelling → the pinyin syllables it may write, longest spelling in syllables)."""
    readings: dict[str, list[str]] = {}
    for syllable, spellings in confusions().items():
        for spelling in spellings:
            readings.setdefault(spelling, []).append(syllable)
    return {k: tuple(v) for k, v in readings.items()}, max(len(k) for k in readings)


MAX_KEYS = 32
"""At most this many pinyin readings of one word (a longer word of ambiguous syllables is no name)."""


@lru_cache(maxsize=65536)
def pinyin_keys(word: str) -> frozenset[tuple[str, ...]]:
    """Every pinyin sequence ``word`` may write under the known spellings and confusions.

    Empty when a syllable of the word spells no pinyin syllable (ordinary Korean: 국, 습, 말) or
    the readings run past :data:`MAX_KEYS`. Two words sharing a key are one name spelled two
    ways (중관촌 and 중관춘 both write zhong guan cun).

    >>> ("zhong", "guan", "cun") in pinyin_keys("중관촌"), pinyin_keys("중국")
    (True, frozenset())
    """
    readings, longest = _spelling_readings()
    n = len(word)
    # keys of word[i:], built from the end
    tails: list[set[tuple[str, ...]] | None] = [None] * (n + 1)
    tails[n] = {()}
    for i in range(n - 1, -1, -1):
        got: set[tuple[str, ...]] = set()
        for size in range(1, min(longest, n - i) + 1):
            rest = tails[i + size]
            syllables = readings.get(word[i : i + size])
            if not rest or not syllables:
                continue
            got.update((s, *tail) for s in syllables for tail in rest)
            if len(got) > MAX_KEYS:
                return frozenset()
        tails[i] = got
    return frozenset(tails[0] or ())


def standard_spelling(key: tuple[str, ...]) -> str:
    """The official Hangul of a pinyin sequence (('cun',) → '춘')."""
    table = hanzi._syllable_table()
    return "".join(table[s] for s in key)

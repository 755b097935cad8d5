"""Korean-aware matching helpers: word boundaries, particles after a term, 받침, jamo.

A glossary term matches in Korean text only as a whole word, optionally followed by particles
and a few noun suffixes: 창저우는, 창저우의, 창저우시에서 match 창저우; 성장 does not match 성 and
중산층 does not match 중산. Everything here is plain string work (no morphological analyser on the
hot path).
"""

from __future__ import annotations

import re
import threading
from functools import lru_cache

from ..diskmemo import DiskMemo, library_stamp
from .normalize import is_hangul

_S_BASE = 0xAC00
_N_JUNG = 21
_N_JONG = 28

_CHO = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ"
_JUNG = "ㅏㅐㅑㅒㅓㅔㅕㅖㅗㅘㅙㅚㅛㅜㅝㅞㅟㅠㅡㅢㅣ"
_JONG = " ㄱㄲㄳㄴㄵㄶㄷㄹㄺㄻㄼㄽㄾㄿㅀㅁㅂㅄㅅㅆㅇㅈㅊㅋㅌㅍㅎ"
_RIEUL = 8  # index of ㄹ among final consonants

# Particles (조사) and the copula's forms that may follow a noun, longest tried first.
PARTICLES = frozenset(
    """
    이 가 은 는 을 를 의 에 에서 에게 에게서 께 께서 한테 와 과 랑 이랑 로 으로 로서 으로서 로써 으로써
    로부터 으로부터 서 도 만 까지 부터 처럼 보다 마다 조차 밖에 뿐 이나 나 이든 든 이라도 라도 같이
    에는 에서는 에도 에서도 으로는 로는 과는 와는 에게는 까지는 부터는 과의 와의 에서의 으로의 로의 에의
    이다 다 이며 며 이고 이자 인 이라는 라는 이라고 라고 이란 란 이라 라 이었다 였다 이었고 였고 입니다
    이에요 예요 이지만 이던 이었던 였던 이면 면 이므로 이기도 이기 이라며 라며 이냐 이야 야
    """.split()
)
"""Particles and copula endings allowed right after a term."""

SUFFIXES = frozenset("시 구 성 현 진 측 사 등 씨 들 내 간 외 적".split())
"""Noun suffixes allowed between a term and its particles (창저우시, 화웨이측, 장원타오씨)."""

PLACE_SUFFIXES = frozenset("시 현 구 성 진".split())
"""The administrative suffixes among them, written onto a place name (안도현, 무창구)."""

_PIECES = PARTICLES | SUFFIXES
_MAX_PIECE = max(len(p) for p in _PIECES)


def is_syllable(ch: str) -> bool:
    return is_hangul(ch)


def decompose(ch: str) -> tuple[int, int, int] | None:
    """(initial, medial, final) indices of a Hangul syllable; final 0 means no 받침."""
    if not is_hangul(ch):
        return None
    code = ord(ch) - _S_BASE
    return code // (_N_JUNG * _N_JONG), (code // _N_JONG) % _N_JUNG, code % _N_JONG


def compose(initial: int, medial: int, final: int = 0) -> str:
    """The Hangul syllable of (initial, medial, final) indices; the inverse of :func:`decompose`.

    >>> compose(*decompose("저")) == "저", compose(11, 8)
    (True, '오')
    """
    return chr(_S_BASE + (initial * _N_JUNG + medial) * _N_JONG + final)


def has_batchim(ch: str) -> bool:
    """True when a Hangul syllable ends in a consonant (받침): 천 yes, 화 no.

    A Latin letter or digit counts by its usual Korean reading only for digits; other characters
    count as vowel-final (the common reading of a Latin name's last letter varies).
    """
    parts = decompose(ch)
    if parts is not None:
        return parts[2] != 0
    return ch in "013678"  # 영 일 삼 육 칠 팔 end in a consonant


def ends_in_rieul(ch: str) -> bool:
    """True when the syllable's 받침 is ㄹ (the exception that takes 로, not 으로)."""
    parts = decompose(ch)
    return parts is not None and parts[2] == _RIEUL


# medial indices: ㅑ2 ㅒ3 ㅕ6 ㅖ7 ㅛ12 ㅠ17 ㅣ20
_Y_VOWELS = {2, 3, 6, 7, 12, 17, 20}
_CHO_N, _CHO_R, _CHO_NULL = 2, 5, 11


def initial_sound_law(syl: str) -> str:
    """두음법칙 for one Sino-Korean syllable at word start.

    >>> initial_sound_law("룡"), initial_sound_law("녀"), initial_sound_law("로"), initial_sound_law("김")
    ('용', '여', '노', '김')
    """
    parts = decompose(syl)
    if parts is None:
        return syl
    cho, jung, jong = parts
    if cho == _CHO_R:
        return compose(_CHO_NULL if jung in _Y_VOWELS else _CHO_N, jung, jong)
    if cho == _CHO_N and jung in _Y_VOWELS:
        return compose(_CHO_NULL, jung, jong)
    return syl


@lru_cache(maxsize=65536)
def jamo(text: str) -> str:
    """Compatibility-jamo decomposition for fuzzy comparison: 류싱천 → ㄹㅠㅅㅣㅇㅊㅓㄴ."""
    out = []
    for ch in text:
        parts = decompose(ch)
        if parts is None:
            out.append(ch)
            continue
        cho, jung, jong = parts
        out.append(_CHO[cho])
        out.append(_JUNG[jung])
        if jong:
            out.append(_JONG[jong])
    return "".join(out)


def syllable_count(text: str) -> int:
    return sum(1 for ch in text if is_hangul(ch))


@lru_cache(maxsize=65536)
def split_tail(rest: str) -> tuple[str, ...] | None:
    """Split the Hangul after a term into known suffixes and particles, or None if it is not one.

    ``""`` splits into ``()``. At most four pieces: 창저우 + 시 + 에서 + 는.

    >>> split_tail("시에서")
    ('시', '에서')
    >>> split_tail("장") is None
    True
    """
    if not rest:
        return ()
    best: tuple[str, ...] | None = None

    def walk(pos: int, pieces: tuple[str, ...]) -> None:
        nonlocal best
        if pos == len(rest):
            if best is None or len(pieces) < len(best):
                best = pieces
            return
        if len(pieces) >= 4:
            return
        for size in range(min(_MAX_PIECE, len(rest) - pos), 0, -1):
            piece = rest[pos:pos + size]
            if piece in PARTICLES or (piece in SUFFIXES and all(p in SUFFIXES for p in pieces)):
                walk(pos + size, pieces + (piece,))

    walk(0, ())
    return best


_HANGUL_RUN = re.compile("[\uac00-\ud7a3]*")


def hangul_run(text: str, pos: int) -> str:
    """The Hangul syllables starting at ``pos`` (up to the first non-Hangul character)."""
    return _HANGUL_RUN.match(text, pos).group()


def starts_word(text: str, start: int) -> bool:
    """True when ``start`` begins a word: the character before is not a Hangul syllable."""
    return start == 0 or not is_hangul(text[start - 1])


def tail_ok(text: str, end: int, *, allow_suffix: bool = True) -> bool:
    """True when what follows ``end`` lets the term stand as a word (nothing, or particles)."""
    rest = hangul_run(text, end)
    if not rest:
        return True
    pieces = split_tail(rest)
    if pieces is None:
        return False
    return allow_suffix or not any(p in SUFFIXES for p in pieces)


# -- words -------------------------------------------------------------------------------

_WORD = re.compile(r"[\uac00-\ud7a3]+|[A-Za-z][A-Za-z0-9]*")
"""A word: a run of Hangul syllables, or a Latin letter and the letters and digits after it."""


def distinct_words(text: str) -> set[str]:
    """The words of ``text`` (see :data:`_WORD`), each once."""
    return set(_WORD.findall(text))


def word_at(text: str, start: int) -> str | None:
    """The word (see :data:`_WORD`) that begins at ``start``, or None when none begins there."""
    m = _WORD.match(text, start)
    if m is None:
        return None
    if text[start] >= "\uac00":
        return m.group() if starts_word(text, start) else None
    # a Latin word begins at the first letter of its run of letters and digits
    k = start
    while k and text[k - 1] in "0123456789":
        k -= 1
    return None if k and is_latin_alnum(text[k - 1]) else m.group()


def word_starts(text: str, word: str) -> list[int]:
    """Where ``word`` (one of :func:`distinct_words`) stands in ``text`` as a whole word."""
    out = []
    start = text.find(word)
    while start >= 0:
        if word_at(text, start) == word:
            out.append(start)
        start = text.find(word, start + 1)
    return out


def prefix_starts(text: str, prefix: str) -> list[int]:
    """Where a word beginning with ``prefix`` stands in ``text``: on its own, with particles, or
    leading a compound (연변 finds 연변은 and 연변조선족자치주)."""
    out = []
    start = text.find(prefix)
    while start >= 0:
        if starts_word(text, start):
            out.append(start)
        start = text.find(prefix, start + 1)
    return out


def place_before(text: str, at: int) -> str | None:
    """The name of the word before ``at``, one space before, when that word ends in a place
    suffix (안휘 of 안휘성 합비, 후난 of 후난성 장사); whether it is a place the caller asks its
    glossary (가능성, 연구진 end so too)."""
    if at < 4 or text[at - 1] != " ":
        return None
    k = at - 1
    while k and is_hangul(text[k - 1]):
        k -= 1
    before = text[k : at - 1]
    return before[:-1] if len(before) >= 3 and before[-1] in PLACE_SUFFIXES else None


def name_starts(text: str, name: str) -> list[int]:
    """Where ``name`` stands as a word in ``text``, alone or with a suffix and particles
    (무창 finds 무창은 and 무창구이다, not 무창군)."""
    return [at for at in prefix_starts(text, name) if tail_ok(text, at + len(name))]


def stem_starts(text: str, base: str) -> list[int]:
    """Where a word whose :func:`stem` is ``base`` stands in ``text`` (류싱천 finds 류싱천은)."""
    out = []
    start = text.find(base)
    while start >= 0:
        word = word_at(text, start)
        if word is not None and stem(word) == base:
            out.append(start)
        start = text.find(base, start + 1)
    return out


def stem(word: str) -> str:
    """The word without its particles: 류싱천은 → 류싱천 (the shortest prefix whose rest is a
    particle sequence, noun suffixes such as 시 staying on it); a Latin word is its own stem."""
    got = _STEMS.get(word)
    if got is None:
        if len(_STEMS) > 65536:
            _STEMS.clear()
        got = _STEMS[word] = word[:_stem_length(word)] if word[:1] >= "\uac00" else word
    return got


def stems(words: list[str]) -> list[str]:
    """:func:`stem` of each word (a list lookup when every word was seen before)."""
    got = list(map(_STEMS.get, words))
    if None in got:
        got = [stem(w) if s is None else s for w, s in zip(words, got)]
    return got


_STEMS: dict[str, str] = {}


_STEM_SUFFIXES = frozenset("시 구 성 현 진 사 적 내 간 외".split())


@lru_cache(maxsize=65536)
def _stem_length(word: str) -> int:
    for cut in range(1, len(word)):
        pieces = split_tail(word[cut:])
        if pieces is not None and not any(p in _STEM_SUFFIXES for p in pieces):
            return cut
    return len(word)


def is_latin_alnum(ch: str) -> bool:
    """True for an ASCII letter or digit (what a Latin word is made of)."""
    return ch.isascii() and ch.isalnum()


# -- particle adjustment for fixes --------------------------------------------------------

# (form after a consonant, form after a vowel).
_ALTERNATING = (("이", "가"), ("은", "는"), ("을", "를"), ("과", "와"), ("으로", "로"))
# Every particle whose first part alternates: piece -> (pair, what follows the alternating part).
_ALTERNATING_PIECES: dict[str, tuple[tuple[str, str], str]] = {}
for _pair in _ALTERNATING:
    _rests = ("", "는", "의") if _pair[0] == "과" else ("",)
    if _pair[0] == "으로":
        _rests = ("", "서", "써", "부터", "는", "의")
    for _form in _pair:
        for _rest in _rests:
            _ALTERNATING_PIECES[_form + _rest] = (_pair, _rest)


def _particle_form(last: str, pair: tuple[str, str]) -> str:
    after_consonant, after_vowel = pair
    if after_consonant == "으로":
        return after_vowel if (not has_batchim(last) or ends_in_rieul(last)) else after_consonant
    return after_consonant if has_batchim(last) else after_vowel


def adjust_particle(new_word: str, rest: str) -> str | None:
    """The particle right after a word, rewritten for ``new_word``'s last sound, or None if unchanged.

    ``rest`` is the Hangul that follows the word. Only the alternating particles 이/가, 은/는,
    을/를, 와/과 and (으)로 (ㄹ takes 로) change; a suffix such as 시 carries its own sound.

    >>> adjust_particle("저우마오화", "은")
    '는'
    >>> adjust_particle("류싱천", "는")
    '은'
    >>> adjust_particle("베이징시", "으로")
    '로'
    """
    pieces = split_tail(rest)
    if not pieces or not new_word:
        return None
    first = pieces[0]
    found = _ALTERNATING_PIECES.get(first)
    if found is None:
        return None
    pair, remainder = found
    wanted = _particle_form(new_word[-1], pair) + remainder
    return None if wanted == first else wanted


def replacement_with_particle(text: str, start: int, end: int, new_word: str) -> tuple[int, int, str]:
    """The edit replacing ``text[start:end]`` by ``new_word``, the following particle adjusted.

    Returns ``(start, end, replacement)``; ``end`` grows over the particle when it changes.
    """
    rest = hangul_run(text, end)
    pieces = split_tail(rest) if rest else None
    if pieces:
        new_particle = adjust_particle(new_word, rest)
        if new_particle is not None:
            first = pieces[0]
            return start, end + len(first), new_word + new_particle
    return start, end, new_word


# -- ordinary words (Kiwi, loaded lazily; verdicts kept on disk) ---------------------------

_KIWI = None
_KIWI_LOCK = threading.Lock()
ORDINARY_SCORE = -30.0
"""Kiwi scores a word its dictionary knows (베이징 -18, 선순환 -21, 시범구 -29) well above an
unknown name it has to guess (장원하오 -31, 카오쑹 -34, 류썩천 -40)."""

_KIWI_OPTIONS = {"load_multi_dict": False, "load_typo_dict": False}
"""Kiwi without its multi-word proper-noun dictionary (spaced names such as 베이징 남역) and its
contraction typo dictionary: a single draft word never needs either, and leaving them out halves
Kiwi's start-up time and memory (~1 s and ~330 MB instead of ~3 s and ~520 MB)."""


def _kiwi():
    global _KIWI
    with _KIWI_LOCK:
        if _KIWI is None:
            from kiwipiepy import Kiwi

            _KIWI = Kiwi(**_KIWI_OPTIONS)
        return _KIWI


def _verdict_stamp() -> str:
    """Kiwi's and its model's versions, the options and the threshold: a verdict is never reused
    by another analyser."""
    options = "".join(f"{k[5]}{int(v)}" for k, v in sorted(_KIWI_OPTIONS.items()))
    return f"{library_stamp('kiwipiepy', 'kiwipiepy_model')}-{options}{ORDINARY_SCORE:g}"


_WORD_VERDICTS = DiskMemo(
    "ordinary-words", _verdict_stamp, lambda word, verdict: type(word) is str and type(verdict) is bool
)
"""Word -> Kiwi's verdict, kept between runs (see :mod:`glossary.diskmemo`)."""


@lru_cache(maxsize=8192)
def is_ordinary_word(word: str) -> bool:
    """True when Kiwi reads ``word`` as words of its dictionary rather than an unknown name.

    Kiwi's verdict on a word never changes, so it is remembered on disk (see
    :mod:`glossary.diskmemo`): a later run asks Kiwi (and pays ~1 s to load it) only about words
    it has never seen.
    """
    known = _WORD_VERDICTS.get(word)
    if known is not None:
        return known
    tokens, score = _kiwi().analyze(word, top_n=1)[0][:2]
    verdict = score > ORDINARY_SCORE
    _WORD_VERDICTS.put(word, verdict)
    return verdict


_WORD_TAGS = DiskMemo(
    "word-tags", lambda: _verdict_stamp() + "-tags2",
    lambda word, tags: type(word) is str and type(tags) is tuple and all(type(t) is str for t in tags),
)
"""Word -> Kiwi's part-of-speech tags for it, kept between runs (see :mod:`glossary.diskmemo`)."""


@lru_cache(maxsize=8192)
def word_tags(word: str) -> tuple[str, ...]:
    """Kiwi's best analysis of ``word`` as part-of-speech tags, the score last as text (exact:
    ``float()`` gives it back).

    >>> word_tags("자치구")[:-1], word_tags("겹쳤다")[0]
    (('NNG',), 'VV')
    """
    def ask() -> tuple[str, ...]:
        tokens, score = _kiwi().analyze(word, top_n=1)[0][:2]
        return (*(str(t.tag) for t in tokens), repr(float(score)))

    return _WORD_TAGS.answer(word, ask)


COMMON_SCORE = -25.0
"""Kiwi scores a common word of its dictionary (개봉 -17, 총칭 -19, 일+조 -20, 천진 -21, 화평 -23)
above a word it only guesses a noun tag or a split for (호북 -26, 흑+하 -26, 수저우 -27, 이극강 -29)."""

_NAME_TAGS = frozenset({"NNP"})


@lru_cache(maxsize=8192)
def is_common_word(word: str) -> bool:
    """True when Kiwi reads ``word`` as a common word of its dictionary, not as a name.

    Stricter about names than :func:`is_ordinary_word`, which calls nearly every short word
    ordinary: Kiwi's dictionary has Chinese places in their Sino-Korean reading as proper nouns
    (장춘, 북경, 쑤저우), so a proper noun here is a name, not a common word. A common word is a
    verb or ending anywhere in a best reading scoring above :data:`ORDINARY_SCORE` (상해 → 상하+어), or one dictionary token that is
    not a proper noun, or dictionary pieces, scoring above :data:`COMMON_SCORE` (개봉, 소주, 총칭;
    일+조, 용+자). Pieces Kiwi has to force (흑+하 -26, 의+빈 -26) are no word of its dictionary.
    It reads :func:`word_tags`, so Kiwi analyses a word once for both.
    """
    *tags, score = word_tags(word)
    if any(tag.startswith(("V", "E", "XSV", "XSA")) for tag in tags):
        return float(score) > ORDINARY_SCORE  # 장저민 as 장+저미+ㄴ (-30.7) is a forced reading
    if len(tags) == 1 and tags[0] in _NAME_TAGS:
        return False
    return float(score) > COMMON_SCORE

"""Chinese characters and pinyin to Korean: standard transliteration and Sino-Korean readings.

The standard Korean spelling of a modern Chinese name is its transliteration by the
National Institute of Korean Language's table (외래어 표기법 제2장 표4 and 제3장 제7절),
e.g. 周茂华 → 저우마오화; the Sino-Korean reading (한자음, 주무화) is the customary
alternative. This module gives both, plus the pinyin behind them; :mod:`glossary.translit.judge`
uses them to judge a Korean rendering of a Chinese name.

pypinyin, hanja and OpenCC are imported on first use so that importing this module is cheap, and
their answers are kept on disk (:mod:`glossary.diskmemo`), so a run that asks them nothing new
never imports them.
The reference tables are package data in ``glossary/translit/tables/``, read with :mod:`importlib.resources`
so an installed wheel finds them (see ``data/README.md``).
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from functools import lru_cache
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path

from glossary.diskmemo import DiskMemo, library_stamp
from glossary.errors import BadInput
from glossary.text.korean import decompose, initial_sound_law
from glossary.text.normalize import fold_width, is_han, is_hangul, to_simplified, to_traditional

__all__ = [
    "tables_dir",
    "pinyin_readings",
    "best_pinyin",
    "best_pinyin_many",
    "syllables",
    "syllable_hangul",
    "to_hangul",
    "hangul_alternatives",
    "sino_korean",
    "translit",
    "lexicon_entries",
]

# Longest input accepted by translit(); longer text is not a name.
MAX_INPUT = 1000


def tables_dir() -> Traversable:
    """The reference tables shipped inside the package (``glossary/translit/tables/``)."""
    return files("glossary.translit") / "tables"


def _read_tsv(name: str) -> list[list[str]]:
    """Rows of a tab-separated table, without ``#`` comments and blank lines."""
    rows = []
    with (tables_dir() / name).open(encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            rows.append(line.split("\t"))
    return rows


# --- tables -------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _syllable_table() -> dict[str, str]:
    return {row[0]: row[1] for row in _read_tsv("pinyin_hangul.tsv")}


@lru_cache(maxsize=1)
def longest_syllable() -> int:
    """The most Hangul syllables one pinyin syllable is written with (2: 위안, 저우)."""
    return max(len(hangul) for hangul in _syllable_table().values())


@lru_cache(maxsize=1)
def _pinyin_overrides() -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """(phrase overrides, surname overrides): chinese → tone-numbered syllables."""
    phrases: dict[str, list[str]] = {}
    surnames: dict[str, list[str]] = {}
    for row in _read_tsv("pinyin_overrides.tsv"):
        word, readings, scope = row[0], row[1].split(), row[2]
        if len(readings) != len(word):
            raise ValueError(f"pinyin_overrides.tsv: {word} has {len(readings)} readings")
        target = surnames if scope == "surname" else phrases
        target[word] = readings
        target.setdefault(_traditional_aligned(word), readings)
    return phrases, surnames


@lru_cache(maxsize=1)
def lexicon_entries() -> dict[str, tuple[tuple[str, ...], str]]:
    """The lexicon layer: simplified chinese → (korean forms, preferred first; kind).

    >>> lexicon_entries()["香港"]
    (('홍콩',), 'exception')
    """
    return {row[0]: (tuple(row[1].split("|")), row[2]) for row in _read_tsv("lexicon.tsv")}


def established_forms(zh: str) -> tuple[str, ...]:
    """The forms the lexicon accepts for ``zh`` as established or customary (普洱茶: 푸얼차, 보이차);
    empty for a name it does not list so."""
    forms, kind = _lexicon_keyed().get(fold_width(zh), ((), ""))
    return forms if kind in ("exception", "customary") else ()


@lru_cache(maxsize=1)
def _lexicon_keyed() -> dict[str, tuple[tuple[str, ...], str]]:
    """The lexicon keyed by both its simplified and its traditional forms.

    Input is matched in its traditional form only, so one OpenCC converter serves everything.
    """
    out = dict(lexicon_entries())
    for word, entry in lexicon_entries().items():
        out.setdefault(_traditional_aligned(word), entry)
    return out


@lru_cache(maxsize=1)
def _hanja_overrides() -> dict[str, tuple[str, ...]]:
    return {row[0]: tuple(row[1].split("|")) for row in _read_tsv("hanja_overrides.tsv")}


# --- pinyin -------------------------------------------------------------------------------

_TONE_MARKS = {"\u0304": 1, "\u0301": 2, "\u030c": 3, "\u0300": 4}
_MARK_OF_TONE = {t: m for m, t in _TONE_MARKS.items()}


@lru_cache(maxsize=65536)
def _toneless(syllable: str) -> str:
    """'lü4' / 'lǜ' / 'LV' → 'lü'."""
    s = unicodedata.normalize("NFD", syllable.lower())
    s = "".join(ch for ch in s if ch not in _TONE_MARKS)
    s = unicodedata.normalize("NFC", s).rstrip("012345")
    return s.replace("u:", "ü").replace("v", "ü")


def _mark_tone(base: str, tone: int) -> str:
    """Put the tone mark where pinyin puts it: on a or e, on the o of ou, else on the last vowel.

    >>> _mark_tone("zhou", 1), _mark_tone("lüe", 4), _mark_tone("gui", 4), _mark_tone("de", 5)
    ('zhōu', 'lüè', 'guì', 'de')
    """
    if tone not in _MARK_OF_TONE:
        return base
    if "a" in base:
        i = base.index("a")
    elif "e" in base:
        i = base.index("e")
    elif "ê" in base:
        i = base.index("ê")
    elif "ou" in base:
        i = base.index("o")
    else:
        vowels = [k for k, ch in enumerate(base) if ch in "iouü"]
        if not vowels:
            return base
        i = vowels[-1]
    marked = unicodedata.normalize("NFC", base[i] + _MARK_OF_TONE[tone])
    return base[:i] + marked + base[i + 1 :]


def _is_library_answer(key, value) -> bool:
    if type(key) is not tuple or len(key) != 2 or type(key[1]) is not str:
        return False
    if key[0] == "hanja":
        return type(value) is str
    return key[0] in ("tone3", "heteronyms", "phrased") and type(value) is tuple and all(type(v) is str for v in value)


_LIBRARY_ANSWERS = DiskMemo("hanzi", lambda: library_stamp("pypinyin", "hanja", format=2), _is_library_answer)
"""pypinyin's and the hanja table's answers, kept between runs: a run that asks nothing new
never loads either (see :mod:`glossary.diskmemo`). ``format`` changes with the questions asked
(:func:`_ask_pypinyin`'s options)."""


def _pypinyin_run(run: str) -> list[str]:
    """Tone-numbered phrase-aware readings of a run of Han characters (one per character)."""
    return list(_LIBRARY_ANSWERS.answer(("tone3", run), lambda: tuple(_ask_pypinyin(run))))


def _ask_pypinyin(run: str) -> list[str]:
    from pypinyin import Style, pinyin

    out = pinyin(run, style=Style.TONE3, v_to_u=True, neutral_tone_with_five=True, errors="ignore")
    readings = [item[0] for item in out]
    if len(readings) != len(run):
        # pypinyin skipped a character it does not know: fall back to one call per character
        readings = []
        for ch in run:
            item = pinyin(ch, style=Style.TONE3, v_to_u=True, neutral_tone_with_five=True, errors="ignore")
            readings.append(item[0][0] if item else "")
    return readings


@lru_cache(maxsize=1)
def _override_order() -> tuple[int, tuple[str, ...], frozenset[str], frozenset[str]]:
    """(longest phrase override, surname overrides longest first, first characters of the phrase
    overrides, first characters of the surname overrides): most characters start none."""
    phrases, surnames = _pinyin_overrides()
    return (
        max((len(k) for k in phrases), default=0), tuple(sorted(surnames, key=len, reverse=True)),
        frozenset(k[0] for k in phrases), frozenset(k[0] for k in surnames),
    )


@lru_cache(maxsize=8192)
def _best_tone3(text: str) -> tuple[str, ...]:
    """One tone-numbered reading per character ('' for a character with none); overrides first."""
    return _reading_of_name(text)[0]


@lru_cache(maxsize=8192)
def _reading_of_name(text: str) -> tuple[tuple[str, ...], tuple[bool, ...]]:
    """(one tone-numbered reading per character, whether the name's context fixes that reading).

    A reading is fixed when an override row (a phrase, or a surname at the start) covers the
    character; pypinyin's phrase readings are checked apart, in :func:`context_fixed`.
    """
    return _read_name(text, _traditional_aligned(text), _pypinyin_run)


def _read_name(text: str, trad: str, read_run) -> tuple[tuple[str, ...], tuple[bool, ...]]:
    """:func:`_reading_of_name` given the aligned traditional form and a reader of Han runs."""
    phrases, surnames = _pinyin_overrides()
    longest, surnames_longest_first, phrase_firsts, surname_firsts = _override_order()
    out: list[str] = [""] * len(text)
    fixed = [False] * len(text)
    i = 0
    run_start = None

    def flush(end: int) -> None:
        if run_start is not None and end > run_start:
            out[run_start:end] = read_run(text[run_start:end])

    simp = trad
    while i < len(text):
        if not is_han(text[i]):
            flush(i)
            run_start = None
            out[i] = text[i]
            i += 1
            continue
        hit = None
        if i == 0 and (text[0] in surname_firsts or simp[0] in surname_firsts):
            for k in surnames_longest_first:
                if simp.startswith(k) or text.startswith(k):
                    hit = surnames[k]
                    break
        if hit is None and (text[i] in phrase_firsts or simp[i] in phrase_firsts):
            for n in range(min(longest, len(text) - i), 1 - 1, -1):
                hit = phrases.get(text[i : i + n]) or phrases.get(simp[i : i + n])
                if hit:
                    break
        if hit is not None:
            flush(i)
            run_start = None
            out[i : i + len(hit)] = hit
            fixed[i : i + len(hit)] = [True] * len(hit)
            i += len(hit)
            continue
        if run_start is None:
            run_start = i
        i += 1
    flush(len(text))
    return tuple(out), tuple(fixed)


def context_fixed(text: str) -> tuple[bool, ...]:
    """Per character: is its reading in this name certain?

    True for a character with one reading, one an override row reads, and one inside a word of
    pypinyin's phrase dictionary that gives it exactly the reading :func:`best_pinyin` chose
    (长 in 长春 is cháng: 장 there is only the reading another context would give, 行长 zhǎng).
    A character whose only evidence is pypinyin's per-character guess is not fixed, so every
    reading it has stays acceptable.

    >>> context_fixed("长春"), context_fixed("长隆")
    ((True, True), (True, True))
    >>> context_fixed("长")
    (False,)
    """
    return _context_fixed(text)


@lru_cache(maxsize=8192)
def _context_fixed(text: str) -> tuple[bool, ...]:
    readings, by_override = _reading_of_name(text)
    best = _best_pinyin(text, False)
    phrased = _LIBRARY_ANSWERS.answer(("phrased", text), lambda: _ask_phrase_readings(text))
    out = []
    for i, ch in enumerate(text):
        if not is_han(ch) or by_override[i] or len(_char_heteronyms(ch)) <= 1 and not _simplified_reads_more(ch):
            out.append(True)
            continue
        out.append(phrased[i] != "" and phrased[i] == best[i])
    return tuple(out)


def _simplified_reads_more(ch: str) -> bool:
    """True when the simplified form of ``ch`` has readings ``ch`` lacks: the traditional form may
    stand for another sense of it (蔔 bo of 萝卜 written for the surname 卜 bu in 蔔凡敏), so its
    one reading is no certainty."""
    simple = to_simplified(ch)
    return simple != ch and not set(_char_heteronyms(simple)) <= set(_char_heteronyms(ch))


def _ask_phrase_readings(text: str) -> tuple[str, ...]:
    """Per character, the one toneless reading every pypinyin phrase covering it agrees on, else ''."""
    from pypinyin.constants import PHRASES_DICT

    agreed: list[set[str]] = [set() for _ in text]
    n = len(text)
    for a in range(n):
        for b in range(a + 2, min(n, a + 12) + 1):
            entry = PHRASES_DICT.get(text[a:b])
            if not entry:
                continue
            for k, readings in enumerate(entry):
                agreed[a + k].add(_toneless(readings[0]) if len(readings) == 1 else "?")
    return tuple(next(iter(r)) if len(r) == 1 and "?" not in r else "" for r in agreed)


def best_pinyin(text: str, tones: bool = False) -> list[str]:
    """One pinyin reading per character, phrase-aware, with the override table applied.

    Characters other than hanzi are returned as they are; ü is written ``ü``.

    Args:
        text: Chinese text (simplified or traditional).
        tones: write tone marks (``zhōu``) instead of bare syllables (``zhou``).

    >>> best_pinyin("长隆")
    ['chang', 'long']
    >>> best_pinyin("周茂华", tones=True)
    ['zhōu', 'mào', 'huá']
    """
    return list(_best_pinyin(text, tones))


@lru_cache(maxsize=16384)
def _best_pinyin(text: str, tones: bool) -> tuple[str, ...]:
    return _finish_pinyin(text, _best_tone3(text), tones)


def _finish_pinyin(text: str, tone3: tuple[str, ...], tones: bool) -> tuple[str, ...]:
    out = []
    for ch, r in zip(text, tone3):
        if not is_han(ch):
            out.append(ch)
        elif not r:
            out.append("")
        elif tones:
            out.append(_mark_tone(_toneless(r), int(r[-1]) if r[-1].isdigit() else 5))
        else:
            out.append(_toneless(r))
    return tuple(out)


def best_pinyin_many(texts: list[str], traditional: list[str] | None = None) -> list[tuple[str, ...]]:
    """:func:`best_pinyin` (toneless) of many texts, the same answers, for imports of 100,000s of names.

    A name of Han characters that no override row and no word of pypinyin's phrase dictionary
    touches is read character by character, which is what pypinyin does for it (each character
    is asked once); elsewhere a dictionary word is read whole, as pypinyin cuts the run.
    ``traditional`` gives each text's :func:`to_traditional` when already known.

    >>> best_pinyin_many(["长隆", "周茂华"])
    [('chang', 'long'), ('zhou', 'mao', 'hua')]
    """
    if traditional is None:
        traditional = [to_traditional(text) for text in texts]
    reader = _run_reader()
    by_character = reader.by_character(texts, traditional)
    syllable = reader.syllable
    return [
        tuple(map(syllable, text)) if plain else _finish_pinyin(text, _read_name(text, _aligned(text, trad), reader)[0], False)
        for text, trad, plain in zip(texts, traditional, by_character)
    ]


def read_by_character(texts: list[str], traditional: list[str]) -> tuple[list[bool], dict[str, str]]:
    """Which texts :func:`best_pinyin_many` reads character by character, and the toneless
    syllable of each of their characters ('' for none): such a text's pinyin is its characters'
    syllables in order, whatever the name (what an import of names made of a few thousand
    characters computes once per character)."""
    reader = _run_reader()
    plain = reader.by_character(texts, traditional)
    chars = set("".join(text for text, p in zip(texts, plain) if p))
    return plain, {ch: reader.syllable(ch) for ch in chars}


@lru_cache(maxsize=1)
def _run_reader() -> "_RunReader":
    """The reader of every batch of names in this process (what it learnt of characters and words is kept)."""
    return _RunReader()


class _RunReader:
    """Reads a Han run as :func:`_pypinyin_run` does, from answers per character and per dictionary word."""

    def __init__(self) -> None:
        from pypinyin.constants import PHRASES_DICT  # heavy: the phrase dictionary (~0.3 s)

        self.phrases = PHRASES_DICT
        self.longest = max(map(len, PHRASES_DICT), default=1)
        self.word_starts = {word[:2] for word in PHRASES_DICT if len(word) >= 2}
        """The first two characters of every dictionary word: a run with none of them has no word."""
        self.chars: dict[str, str] = {}
        self.words: dict[str, list[str]] = {}
        self.syllables: dict[str, str] = {}

    def by_character(self, texts: list[str], traditional: list[str]) -> list[bool]:
        """Per text: is it read character by character? True for Han characters only (the
        traditional form as long), no override row starting there (a surname's only at the
        start), and no dictionary word."""
        _, _, phrase_firsts, surname_firsts = _override_order()
        odd = phrase_firsts | {ch for ch in set("".join(texts)) if not is_han(ch)}
        starts, phrases = self.word_starts, self.phrases
        out = []
        for text, trad in zip(texts, traditional):
            plain = (
                len(trad) == len(text) and odd.isdisjoint(text) and phrase_firsts.isdisjoint(trad)
                and (not text or (text[0] not in surname_firsts and trad[0] not in surname_firsts))
            )
            if plain:  # :meth:`has_word`, asked only where a word can start
                n = len(text)
                for i in range(n - 1):
                    if text[i : i + 2] in starts and any(text[i:j] in phrases for j in range(i + 2, n + 1)):
                        plain = False
                        break
            out.append(plain)
        return out

    def __call__(self, run: str) -> list[str]:
        out = [self.char(ch) for ch in run]
        if self.has_word(run):
            if not all(out):  # pypinyin drops a character it cannot read; _pypinyin_run then goes by character
                return _pypinyin_run(run)
            # pypinyin's own cut: a dictionary word is read whole, anything else by character
            from pypinyin.seg.simpleseg import seg

            at = 0
            for word in seg(run):
                if len(word) > 1 and word in self.phrases:
                    out[at : at + len(word)] = self.word(word)
                at += len(word)
        return out

    def has_word(self, run: str) -> bool:
        """Whether some word of pypinyin's phrase dictionary is in the run."""
        phrases, n = self.phrases, len(run)
        for i in range(n - 1):
            for j in range(i + 2, min(n, i + self.longest) + 1):
                if run[i:j] in phrases:
                    return True
        return False

    def syllable(self, ch: str) -> str:
        """The toneless syllable of a Han character read alone ('' for none)."""
        r = self.syllables.get(ch)
        if r is None:
            r = self.syllables[ch] = _finish_pinyin(ch, (self.char(ch),), False)[0]
        return r

    def char(self, ch: str) -> str:
        r = self.chars.get(ch)
        if r is None:
            r = self.chars[ch] = _pypinyin_run(ch)[0]
        return r

    def word(self, word: str) -> list[str]:
        r = self.words.get(word)
        if r is None:
            r = self.words[word] = _pypinyin_run(word)
        return r


@lru_cache(maxsize=65536)
def _char_heteronyms(ch: str) -> tuple[str, ...]:
    """Every toneless reading pypinyin knows for one character, in its order, table syllables only."""
    table = _syllable_table()
    seen: list[str] = []
    for r in _LIBRARY_ANSWERS.answer(("heteronyms", ch), lambda: _ask_heteronyms(ch)):
        r = _toneless(r)
        if r in table and r not in seen:
            seen.append(r)
    return tuple(seen)


def _ask_heteronyms(ch: str) -> tuple[str, ...]:
    from pypinyin import Style, pinyin

    readings = pinyin(ch, style=Style.NORMAL, heteronym=True, v_to_u=True, errors="ignore")
    return tuple(readings[0]) if readings else ()


def pinyin_readings(text: str) -> list[list[str]]:
    """Per character, every toneless pinyin reading, the best (phrase-aware) first.

    Characters other than hanzi get an empty list.

    >>> pinyin_readings("长隆")
    [['chang', 'zhang'], ['long']]
    """
    best = best_pinyin(text)
    out = []
    for ch, b in zip(text, best):
        if not is_han(ch):
            out.append([])
            continue
        readings = [b] if b in _syllable_table() else []
        readings += [r for r in _char_heteronyms(ch) if r not in readings]
        out.append(readings)
    return out


_SPLIT = re.compile(r"[\s'’‘`\-·.,/_]+")


def syllables(pinyin_text: str) -> list[str]:
    """Split pinyin into toneless syllables.

    Accepts tone marks, tone numbers or none, capitals, ``v`` or ``u:`` for ü, apostrophes and
    hyphens as boundaries, and syllables written together (segmented longest-first, backing off
    when the rest would not parse). An ``r`` that cannot start a syllable is erhua and reads ``er``.

    Raises:
        BadInput: the text is empty or not pinyin.

    >>> syllables("Beijing"), syllables("Bei3 jing1"), syllables("Xi'an")
    (['bei', 'jing'], ['bei', 'jing'], ['xi', 'an'])
    >>> syllables("Zhōu Màohuá")
    ['zhou', 'mao', 'hua']
    """
    text = _checked(pinyin_text, "pinyin")
    # tone numbers end a syllable: make them boundaries
    text = re.sub(r"[0-5]", " ", text)
    table = _syllable_table()
    out: list[str] = []
    for chunk in _SPLIT.split(text):
        if not chunk:
            continue
        chunk = _toneless(chunk)
        if not re.fullmatch(r"[a-zêü]+", chunk):
            raise BadInput(f"not pinyin: {pinyin_text!r}")
        parsed = _segment(chunk, table)
        if parsed is None:
            raise BadInput(f"not pinyin: {pinyin_text!r} (cannot split {chunk!r} into syllables)")
        out.extend(parsed)
    if not out:
        raise BadInput(f"not pinyin: {pinyin_text!r}")
    return out


_ALIASES = {"lue": "lüe", "nue": "nüe"}


def _segment(chunk: str, table: dict[str, str]) -> list[str] | None:
    """Longest-first segmentation with backtracking; None when the chunk does not parse."""

    @lru_cache(maxsize=None)
    def rest(i: int) -> tuple[str, ...] | None:
        if i == len(chunk):
            return ()
        for n in range(min(6, len(chunk) - i), 0, -1):
            piece = chunk[i : i + n]
            piece = _ALIASES.get(piece, piece)
            if piece in table:
                # a vowel after n/g usually starts the next syllable (xi'an vs xian is ambiguous
                # and then the longer one wins, as in pinyin orthography)
                tail = rest(i + n)
                if tail is not None:
                    return (piece, *tail)
        if chunk[i] == "r" and i > 0:
            tail = rest(i + 1)
            if tail is not None:
                return ("er", *tail)
        return None

    found = rest(0)
    return list(found) if found is not None else None


def syllable_hangul(syllable: str) -> str:
    """One pinyin syllable (tones ignored) → Hangul by the official table.

    Raises:
        BadInput: not a Mandarin syllable.

    >>> syllable_hangul("zhou"), syllable_hangul("jiàn"), syllable_hangul("lv"), syllable_hangul("si4")
    ('저우', '젠', '뤼', '쓰')
    """
    if not isinstance(syllable, str):
        raise BadInput("syllable must be a string")
    s = _toneless(fold_width(syllable).strip())
    s = _ALIASES.get(s, s)
    try:
        return _syllable_table()[s]
    except KeyError:
        raise BadInput(f"not a pinyin syllable: {syllable!r}") from None


# --- Hangul -------------------------------------------------------------------------------


def _segments(text: str) -> list[tuple[str, str, str | None]]:
    """Split text into (original, kind, fixed korean) segments for to_hangul.

    kind is 'han' (transliterate each character), 'lex' (fixed korean from the lexicon) or
    'other' (kept as is). Exceptions (香港 홍콩) apply anywhere; administrative suffixes and
    multi-character geographic words apply after a name of two or more characters.
    """
    lex = _lexicon_keyed()
    longest = max(len(k) for k in lex)
    trad = _traditional_aligned(text)
    segs: list[tuple[str, str, str | None]] = []
    stem = 0  # hanzi since the last boundary
    i = 0
    while i < len(text):
        ch = text[i]
        if not is_han(ch):
            segs.append((ch, "other", None))
            stem = 0
            i += 1
            continue
        hit = None
        for n in range(min(longest, len(text) - i), 0, -1):
            entry = lex.get(text[i : i + n]) or lex.get(trad[i : i + n])
            if entry is None:
                continue
            forms, kind = entry
            if kind in ("exception", "abbreviation") or (
                stem >= 2 and (kind == "suffix" or (kind == "geo" and n >= 2))
            ):
                hit = (text[i : i + n], forms[0])
                break
        if hit:
            segs.append((hit[0], "lex", hit[1]))
            i += len(hit[0])
            stem = 0
            continue
        segs.append((ch, "han", None))
        stem += 1
        i += 1
    return segs


def _reading_hangul(reading: str) -> str:
    return _syllable_table().get(reading, "")


def to_hangul(text: str) -> str:
    """Hanzi or pinyin → the standard Hangul spelling.

    The lexicon layer comes first (香港 → 홍콩; 天山山脉 → 톈산산맥, 合肥市 → 허페이시);
    every other hanzi is transliterated from its best reading. Characters that are neither
    hanzi nor pinyin are kept; a character without a reading is kept as it is.

    Raises:
        BadInput: empty, too long, or neither hanzi nor pinyin.

    >>> to_hangul("周茂华")
    '저우마오화'
    >>> to_hangul("Xi'an"), to_hangul("香港"), to_hangul("天山山脉")
    ('시안', '홍콩', '톈산산맥')
    """
    text = _check_text(text)
    if not any(is_han(ch) for ch in text):
        return "".join(syllable_hangul(s) for s in syllables(text))
    best = best_pinyin(text)
    out = []
    i = 0
    for seg, kind, fixed in _segments(text):
        if kind == "lex":
            out.append(fixed or "")
        elif kind == "han":
            out.append(_reading_hangul(best[i]) or seg)
        else:
            out.append(seg)
        i += len(seg)
    return "".join(out)


def hangul_alternatives(text: str) -> list[str]:
    """Other standard spellings that follow from other readings of polyphonic characters.

    The best spelling (:func:`to_hangul`) is left out; at most 8, single changes first.

    >>> hangul_alternatives("长隆")
    ['장룽']
    """
    text = _check_text(text)
    if not any(is_han(ch) for ch in text):
        return []
    readings = pinyin_readings(text)
    options: list[list[str]] = []
    i = 0
    for seg, kind, fixed in _segments(text):
        if kind == "lex":
            options.append([fixed or ""])
        elif kind == "han":
            hs: list[str] = []
            for r in readings[i]:
                h = _reading_hangul(r)
                if h and h not in hs:
                    hs.append(h)
            options.append(hs or [seg])
        else:
            options.append([seg])
        i += len(seg)
    best = "".join(o[0] for o in options)
    out: list[str] = []

    def add(parts: list[str]) -> None:
        s = "".join(parts)
        if s != best and s not in out:
            out.append(s)

    for k, opts in enumerate(options):
        for alt in opts[1:]:
            add([o[0] for o in options[:k]] + [alt] + [o[0] for o in options[k + 1 :]])
            if len(out) >= 8:
                return out
    for combo in itertools.islice(itertools.product(*options), 2000):
        add(list(combo))
        if len(out) >= 8:
            break
    return out


# --- Sino-Korean reading ------------------------------------------------------------------

def _after_vowel_or_n(prev: str) -> bool:
    return is_hangul(prev) and decompose(prev)[2] in (0, 4)


@lru_cache(maxsize=65536)
def sino_readings(char: str) -> tuple[str, ...]:
    """Sino-Korean readings of one (traditional) hanja without the initial-sound law, usual first."""
    over = _hanja_overrides().get(char)
    if over:
        return over
    r = _LIBRARY_ANSWERS.answer(("hanja", char), lambda: _hanja_table().get(char) or "")
    return (r,) if r else ()


_HANJA_LINE = re.compile(r'^"\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8}))": "\\u([0-9A-Fa-f]{4})"$', re.M)


@lru_cache(maxsize=1)
def _hanja_table() -> dict[str, str]:
    """The hanja package's reading table (hanja -> Hangul syllable).

    Its ``table.yml`` is one ``"\\uXXXX": "\\uXXXX"`` line per character; read that way it loads
    in ~30 ms instead of the ~450 ms YAML parsing takes. Any other line makes this fall back to
    the package's own loader, so the table is always the package's.
    """
    import importlib.util

    try:
        spec = importlib.util.find_spec("hanja")
        path = Path(spec.origin).parent / "table.yml" if spec and spec.origin else None
        text = path.read_text(encoding="utf-8") if path else ""
    except (ImportError, OSError, UnicodeError, ValueError):
        text = ""
    found = _HANJA_LINE.findall(text)
    if text and len(found) == sum(1 for line in text.splitlines() if line.strip()):
        return {chr(int(short or long_, 16)): chr(int(hangul, 16)) for short, long_, hangul in found}
    from hanja.table import hanja_table

    return hanja_table


@lru_cache(maxsize=8192)
def _traditional_aligned(text: str) -> str:
    """The traditional form of text, one character per character."""
    return _aligned(text, to_traditional(text)) if any(is_han(ch) for ch in text) else text


def _aligned(text: str, trad: str) -> str:
    """``trad`` (the :func:`to_traditional` of ``text``) one character per character of ``text``."""
    if not any(is_han(ch) for ch in text):
        return text
    return trad if len(trad) == len(text) else "".join(to_traditional(ch)[:1] or ch for ch in text)


def sino_korean(text: str) -> str:
    """The Sino-Korean reading (한자음), with the initial-sound law at word start.

    Simplified characters are converted to traditional first (the hanja dictionary reads many
    simplified forms as unrelated characters: 广 is not 엄 here). 렬/률 after a vowel or ㄴ
    become 열/율 (比率 비율).

    >>> sino_korean("专精特新"), sino_korean("广东"), sino_korean("辽宁"), sino_korean("龙城")
    ('전정특신', '광동', '요녕', '용성')
    """
    if not isinstance(text, str):
        raise BadInput("text must be a string")
    text = fold_width(text)
    if not any(is_han(ch) for ch in text):
        return text
    trad = _traditional_aligned(text)
    out: list[str] = []
    prev = " "
    for ch in trad:
        readings = sino_readings(ch) if is_han(ch) else ()
        if not readings:
            out.append(ch)
            prev = ch
            continue
        r = readings[0]
        if not is_hangul(prev):
            r = initial_sound_law(r)
        elif r in ("렬", "률") and _after_vowel_or_n(prev):
            r = "열" if r == "렬" else "율"
        out.append(r)
        prev = r
    return "".join(out)


@lru_cache(maxsize=8192)
def sino_korean_forms(text: str, limit: int = 8) -> tuple[str, ...]:
    """The ways a Chinese name is written in Sino-Korean: :func:`sino_korean` first, then the other
    readings of its characters (寧 녕 or 령) and its first syllable without the initial-sound law,
    as Korean-Chinese papers write it (辽宁 요녕, 요령, 료녕); at most ``limit`` forms.

    >>> sino_korean_forms("辽宁")
    ('요녕', '요령', '료녕', '료령')
    """
    first = sino_korean(text)
    trad = _traditional_aligned(fold_width(text))
    if not trad or not all(is_han(ch) and sino_readings(ch) for ch in trad):
        return (first,)
    options = [list(sino_readings(ch)) for ch in trad]
    options[0] = list(dict.fromkeys([initial_sound_law(r) for r in options[0]] + options[0]))
    out = [first]
    for combo in itertools.islice(itertools.product(*options), 64):
        form = "".join(combo)
        if form not in out:
            out.append(form)
        if len(out) >= limit:
            break
    return tuple(out)


# --- translit -----------------------------------------------------------------------------


def _check_text(text: object) -> str:
    return _checked(text, "text", ": give hanzi (周茂华) or pinyin (Zhou Maohua)", ": give one name or term")


def _checked(value: object, what: str, empty_hint: str = "", long_hint: str = "") -> str:
    """``value`` width-folded and stripped; BadInput unless it is a string of 1 to MAX_INPUT characters."""
    if not isinstance(value, str):
        raise BadInput(f"{what} must be a string")
    text = fold_width(value).strip()
    if not text:
        raise BadInput(f"empty {what}{empty_hint}")
    if len(text) > MAX_INPUT:
        raise BadInput(f"{what} longer than {MAX_INPUT} characters{long_hint}")
    return text


def translit(text: str) -> dict:
    """Everything about one name: pinyin, standard Hangul, alternatives and Sino-Korean reading.

    For pinyin input, ``pinyin`` is the normalised toneless syllables and ``sino_korean`` is None.

    Raises:
        BadInput: empty, too long, or neither hanzi nor pinyin.

    >>> translit("周茂华")["pinyin"], translit("Bei3 jing1")["hangul"]
    ('zhōu mào huá', '베이징')
    """
    text = _check_text(text)
    if any(is_han(ch) for ch in text):
        marks = [p for ch, p in zip(text, best_pinyin(text, tones=True)) if is_han(ch) and p]
        return {
            "input": text,
            "pinyin": " ".join(marks),
            "hangul": to_hangul(text),
            "alternatives": hangul_alternatives(text),
            "sino_korean": sino_korean(text),
        }
    sylls = syllables(text)
    return {
        "input": text,
        "pinyin": " ".join(sylls),
        "hangul": "".join(syllable_hangul(s) for s in sylls),
        "alternatives": [],
        "sino_korean": None,
    }


"""What kind of word a Chinese text is, by jieba's part-of-speech dictionary.

Korean writers put the hanja of an ordinary word in brackets (수위(首位), 자치구(自治區)) as
well as the Chinese of a name (옌지(延吉)). jieba tags a dictionary word with its class: ``ns``
place, ``nr`` person, ``nz``/``nt`` other proper names, and ``n``, ``v``, ``m``, ``q``, ``f``…
for common words. Only the dictionary's own line for the whole text is wanted, so the file jieba
ships (``jieba/dict.txt``, "word frequency tag" per line) is searched directly: importing
jieba's tagger costs about 3 s, one search of the 5 MB file about 20 ms. Answers are kept on
disk (see :mod:`glossary.diskmemo`).
"""

from __future__ import annotations

import importlib.util
import re
from functools import lru_cache
from pathlib import Path

from glossary.diskmemo import DiskMemo, library_stamp
from glossary.text.normalize import to_simplified

_ENTRIES = DiskMemo("jieba-entry", lambda: library_stamp("jieba", format=2),
                    lambda key, value: type(key) is str and type(value) is str)


def word_class(chinese: str) -> str:
    """jieba's tag when the (simplified) text is one dictionary word, else ''.

    >>> word_class("首位"), word_class("长春"), word_class("专精特新")
    ('m', 'ns', '')
    """
    return _entry(chinese)[1]


def word_frequency(chinese: str) -> int:
    """How often jieba's dictionary counts the text as one word (0 when it is none).

    >>> word_frequency("领导") > 10_000, word_frequency("图们江口")
    (True, 0)
    """
    return _entry(chinese)[0]


@lru_cache(maxsize=8192)
def _entry(chinese: str) -> tuple[int, str]:
    simplified = to_simplified(chinese)
    if not simplified or not simplified.isprintable() or " " in simplified:
        return 0, ""
    found = _ENTRIES.answer(simplified, lambda: _dictionary_line(simplified))
    freq, _, tag = found.partition(" ")
    return int(freq or 0), tag


@lru_cache(maxsize=1)
def _dictionary() -> str:
    spec = importlib.util.find_spec("jieba")
    if spec is None or spec.origin is None:
        return ""
    try:
        return (Path(spec.origin).parent / "dict.txt").read_text(encoding="utf-8")
    except OSError:
        return ""


def _dictionary_line(word: str) -> str:
    """'frequency tag' of the word's line in jieba's dictionary, or ''."""
    m = re.search(rf"^{re.escape(word)} (\d+ \w+)$", _dictionary(), re.M)
    return m.group(1) if m else ""


COMMON_FREQUENCY = 100
"""Below this count a word jieba tags common is as often a name (西子 15, 客家 78) as a word."""


def is_common_word(chinese: str) -> bool:
    """True for one dictionary word in common use that is no proper name (首位 m, 自治区 n, 户 q)."""
    freq, tag = _entry(chinese)
    # 'j' abbreviations (汉) and 'd' single characters used as adverbs (越) are often names here
    return (
        freq >= COMMON_FREQUENCY and not tag.startswith(("nr", "ns", "nz", "nt")) and tag not in ("j", "d", "eng")
    )

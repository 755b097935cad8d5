"""What kind of word a Chinese text is, by jieba's part-of-speech dictionary.

Korean writers put the hanja of an ordinary word in brackets (수위(首位), 자치구(自治區)) as
well as the Chinese of a name (옌지(延吉)). jieba tags a dictionary word with its class: ``ns``
place, ``nr`` person, ``nz``/``nt`` other proper names, and ``n``, ``v``, ``m``, ``q``, ``f``…
for common words. jieba loads its dictionary in about a second, so its answers are kept on disk
(see :mod:`glossary.diskmemo`) and it is asked only about the few brackets that need it.
"""

from __future__ import annotations

import logging
from functools import lru_cache

from glossary.diskmemo import DiskMemo, library_stamp
from glossary.textnorm import to_simplified

_CLASSES = DiskMemo("jieba-class", lambda: library_stamp("jieba", format=1),
                    lambda key, value: type(key) is str and type(value) is str)


@lru_cache(maxsize=8192)
def word_class(chinese: str) -> str:
    """jieba's tag when the (simplified) text is one dictionary word, else ''.

    >>> word_class("首位"), word_class("长春"), word_class("专精特新")
    ('m', 'ns', '')
    """
    simplified = to_simplified(chinese)

    def ask() -> str:
        import jieba
        import jieba.posseg

        jieba.setLogLevel(logging.ERROR)
        words = list(jieba.posseg.cut(simplified))
        return words[0].flag if len(words) == 1 and words[0].word == simplified else ""

    return _CLASSES.answer(simplified, ask)


def is_common_word(chinese: str) -> bool:
    """True for one dictionary word that is no proper name (首位 m, 自治区 n, 户 q)."""
    tag = word_class(chinese)
    # 'j' abbreviations (汉) and 'd' single characters used as adverbs (越) are often names here
    return bool(tag) and not tag.startswith(("nr", "ns", "nz", "nt")) and tag not in ("j", "d", "eng")

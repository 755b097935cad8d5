"""Pinyin keys for storing and searching entries (the full reading engine is ``glossary.translit.hanzi``)."""

from __future__ import annotations

import re
import unicodedata

_LATIN_QUERY = re.compile(r"^[a-zA-Z\u00C0-\u024F\u01D6\u01D8\u01DA\u01DC\u00FC\s'0-5]+$")


def pinyin_of(zh: str) -> str | None:
    """Toneless pinyin of a Chinese key, syllables separated by spaces.

    >>> pinyin_of("常州")
    'chang zhou'
    """
    from .hanzi import best_pinyin  # phrase overrides: 长隆 chang long, 曾 zeng

    return _joined(best_pinyin(zh))


def pinyin_of_many(keys: list[str], traditional: list[str] | None = None) -> list[str | None]:
    """:func:`pinyin_of` of many keys (the same answers), for imports: see :func:`glossary.translit.hanzi.best_pinyin_many`.

    ``traditional`` gives each key's :func:`~glossary.text.normalize.to_traditional` when already known.

    >>> pinyin_of_many(["常州", "长隆"])
    ['chang zhou', 'chang long']
    """
    from ..text.normalize import to_traditional_many
    from .hanzi import best_pinyin_many, read_by_character

    if traditional is None:
        traditional = to_traditional_many(keys)
    plain, syllables = read_by_character(keys, traditional)
    # A key read character by character is spelled with one str.translate: each character
    # becomes its syllable as _joined writes it and a space (or nothing, where _joined drops it).
    spelled = {ord(ch): f"{written} " if (written := _joined((s,))) else "" for ch, s in syllables.items()}
    others = iter(best_pinyin_many(
        [k for k, p in zip(keys, plain) if not p], [t for t, p in zip(traditional, plain) if not p]
    ))
    return [key.translate(spelled)[:-1] or None if p else _joined(next(others)) for key, p in zip(keys, plain)]


def _joined(syllables) -> str | None:
    syllables = [s.replace("v", "ü") for s in syllables if s and s.isalpha()]
    return " ".join(syllables) or None


def pinyin_key(pinyin: str | None) -> str | None:
    """The stored search key of an entry's pinyin: no spaces, ü folded to ``u``.

    Users type ü as ``v``, ``u`` or ``ü``; all three fold to ``u`` on both sides.

    >>> pinyin_key("zhan lüe")
    'zhanlue'
    """
    return pinyin.replace(" ", "").replace("ü", "u") if pinyin else None


def pinyin_query_key(query: str) -> str | None:
    """The search key of a pinyin query, or None when the query is not pinyin.

    >>> pinyin_query_key("Zhōu Màohuá")
    'zhoumaohua'
    >>> pinyin_query_key("Chang2 zhou1")
    'changzhou'
    """
    if not _LATIN_QUERY.match(query):
        return None
    text = query.lower().replace("ü", "u").replace("v", "u")
    text = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    key = re.sub(r"[\s'0-5]", "", text)
    return key or None

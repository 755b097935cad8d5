"""Small text helpers shared by every module: normalization, scripts, simplified/traditional.

OpenCC is loaded on first use (its dictionaries take ~50 ms to read), and its answers are kept
on disk (:mod:`glossary.diskmemo`), so a run that asks it nothing new never loads it.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from ..diskmemo import DiskMemo, library_stamp

_SPACES = re.compile(r"\s+")

# Full-width ASCII (！ to ～) and the ideographic space fold to their ASCII forms.
_WIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_WIDTH[0x3000] = 0x20
_WIDE = re.compile("[\uff01-\uff5e\u3000]")
"""A character :data:`_WIDTH` folds (most texts have none: translate is then skipped)."""


def fold_width(text: str) -> str:
    """Full-width Latin letters, digits and punctuation to ASCII; NFC everything else.

    >>> fold_width("ＣＡＬＢ（中创新航）")
    'CALB(中创新航)'
    """
    text = unicodedata.normalize("NFC", text)
    return text.translate(_WIDTH) if _WIDE.search(text) else text


def norm_key(text: str) -> str:
    """The matching form of a term: NFC, width-folded, case-folded, with no white space.

    >>> norm_key("KIC 중국")
    'kic중국'
    """
    return _SPACES.sub("", fold_width(text)).casefold()


def is_han(ch: str) -> bool:
    """True for a CJK ideograph (basic block, extension A, compatibility ideographs)."""
    cp = ord(ch)
    return (
        0x4E00 <= cp <= 0x9FFF
        or 0x3400 <= cp <= 0x4DBF
        or 0xF900 <= cp <= 0xFAFF
        or 0x20000 <= cp <= 0x3134F
    )


def is_hangul(ch: str) -> bool:
    """True for a precomposed Hangul syllable (가..힣)."""
    return "\uac00" <= ch <= "\ud7a3"


QUOTATION_MARKS = {"'": "'", "‘": "’", '"': '"', "“": "”"}
"""Opening quotation mark → its closing mark."""


def is_hangul_word(text: str) -> bool:
    """True when every character of ``text`` is a Hangul syllable (용정, not 용정 차 or KIC중국)."""
    return all(is_hangul(ch) for ch in text)


HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
"""The Han characters as ranges for a regex character class: CJK unified ideographs with their
extensions A to H, and the compatibility ideographs."""
HAN_CHAR = re.compile(f"[{HAN}]")
"""One character :func:`is_han` accepts."""
_HANGUL_CHAR = re.compile("[\uac00-\ud7a3]")
"""One character :func:`is_hangul` accepts."""


def has_han(text: str) -> bool:
    """True when the text holds at least one CJK ideograph."""
    return HAN_CHAR.search(text) is not None


def has_hangul(text: str) -> bool:
    """True when the text holds at least one Hangul syllable."""
    return _HANGUL_CHAR.search(text) is not None


@lru_cache(maxsize=2)  # one per direction: s2t and t2s alternate in extraction
def _converter(config: str):
    import opencc  # heavy: loads conversion dictionaries

    return opencc.OpenCC(config)


_OPENCC_ANSWERS = DiskMemo(
    "opencc", lambda: library_stamp("opencc", format=1),
    lambda key, value: type(key) is tuple and len(key) == 2 and all(type(k) is str for k in key) and type(value) is str,
    limit=20_000,
)
"""OpenCC's conversions, kept between runs (see :mod:`glossary.diskmemo`): the newest 20,000, as
more take longer to read than OpenCC takes to load (200,000, what a bulk import leaves: 0.3 s
against 0.15 s)."""


def _convert(config: str, text: str) -> str:
    text = fold_width(text)
    if text.isascii():
        return text
    return _OPENCC_ANSWERS.answer((config, text), lambda: _converter(config).convert(text))


@lru_cache(maxsize=65536)
def to_simplified(text: str) -> str:
    """Traditional (or mixed) Chinese to simplified, so 專精特新 and 专精特新 share one key.

    >>> to_simplified("專精特新")
    '专精特新'
    """
    return _convert("t2s", text)


@lru_cache(maxsize=65536)
def to_traditional(text: str) -> str:
    """Simplified Chinese to traditional (the form the hanja dictionary reads).

    >>> to_traditional("广东")
    '廣東'
    """
    return _convert("s2t", text)


def to_simplified_many(texts: list[str]) -> list[str]:
    """:func:`to_simplified` of many texts with one OpenCC call (the same answers).

    >>> to_simplified_many(["專精特新", "常州", "KIC"])
    ['专精特新', '常州', 'KIC']
    """
    return _convert_many("t2s", texts)


def to_traditional_many(texts: list[str]) -> list[str]:
    """:func:`to_traditional` of many texts with one OpenCC call (the same answers)."""
    return _convert_many("s2t", texts)


_SEPARATOR = "\n"
"""Joins the texts of one OpenCC call: no dictionary word spans it, and no text holding it is joined."""


def _convert_many(config: str, texts: list[str]) -> list[str]:
    folded = [fold_width(t) for t in texts]
    todo = [t for t in dict.fromkeys(folded) if not t.isascii() and _SEPARATOR not in t]
    converted = _converter(config).convert(_SEPARATOR.join(todo)).split(_SEPARATOR) if todo else []
    if len(converted) != len(todo):  # not expected; convert one by one then
        converted = [_converter(config).convert(t) for t in todo]
    answers = dict(zip(todo, converted))
    return [answers.get(t) or _convert(config, t) for t in folded]


def inside_brackets(text: str, at: int) -> bool:
    """True when offset ``at`` lies inside round brackets opened earlier on its line
    (후베이성(호북성), 옌지(延吉, 연길): a gloss, not a use of the word)."""
    line_start = text.rfind("\n", 0, at) + 1
    before = text[line_start:at]
    return before.count("(") + before.count("（") > before.count(")") + before.count("）")

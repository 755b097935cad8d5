"""Does a sentence speak of the past? The era a name is judged in when nobody marked it.

외래어 표기법 제4장 제2절: people before 1911 and historic place names keep their Sino-Korean
reading (익주 益州, 소식 蘇軾), while modern ones are transliterated. A glossary entry can carry
its era (``kozh terms set ZH --era historic``); without one, the sentence a name stands in is
the evidence: a year before 1911, a century before the 20th, 기원전, a dynasty (한나라, 송대,
남송), an era word (삼국 시대, 왕조, 고대) or an old name (옛 이름은 장안) make its names historic.
"""

from __future__ import annotations

import re
import sys
from functools import lru_cache

_DYNASTY = "하상은주진한위촉오수당송원명청요금"
_PAST = re.compile(
    # a year of three or four digits before 1911, not a duration (5년간, 100년 만에)
    r"기원전|(?<![\d,.])(?:[1-9]\d{2}|1[0-8]\d\d|190\d|1910)년(?!대|간|\s?동안|\s?만)"
    r"|(?<!\d)(?:[1-9]|1\d)세기"
    rf"|[{_DYNASTY}]나라|(?<![가-힣])[{_DYNASTY}]대(?:[에의는부까가로와엔]|(?![가-힣]))"
    r"|(?<![가-힣])(?:남송|북송|동진|서진|동한|서한|북위|동위|서위|남당|북제|북주|남제|오호십육국)"
    r"|왕조|황제|고대|옛\s?(?:이름|지명|명칭)|(?:삼국|춘추|전국|오대십국|위진남북조)\s?시대|발해|고구려|부여"
)
_THEN = re.compile(r"(?:그\s?)?(?:당시|무렵|때)(?:[에의는]|\s)|이\s?(?:무렵|때)")
_SENTENCE_END = re.compile(r"(?<=[다요음함임됨])[.!?]\s+|[。！？]")


def past_sentence(line: str, column: int) -> bool:
    """True when the sentence of ``line`` holding ``column`` (0-based) speaks of the past.

    >>> past_sentence("한나라 때에는 익주(益州)에 속하다가", 8)
    True
    >>> past_sentence("2023년 창춘(长春)에서 열린 회의", 6)
    False
    >>> past_sentence("한대에 강하군이 되었다. 당시는 두 거리를 쌍성(双城)이라 했다.", 25)
    True
    """
    for after, start, end in _sentences(line):
        if after > column:
            break
    return _speaks_of_past(line, start, end)


@lru_cache(maxsize=4096)
def _sentences(line: str) -> tuple[tuple[int, int, int], ...]:
    """``(offset after its end mark, start, end)`` of each sentence of ``line``; the last one's
    "after" is past any column (kept per line: a line's names ask about its sentences in turn)."""
    out, start = [], 0
    for m in _SENTENCE_END.finditer(line):
        out.append((m.end(), start, m.start() + 1))
        start = m.end()
    out.append((sys.maxsize, start, len(line)))
    return tuple(out)


@lru_cache(maxsize=16384)
def _speaks_of_past(line: str, start: int, end: int) -> bool:
    if _PAST.search(line, start, end):
        return True
    # a sentence that opens with "at that time" is about a time its paragraph named before
    return start > 0 and bool(_THEN.match(line, start)) and bool(_PAST.search(line, 0, start))


def past_at(text: str, at: int) -> bool:
    """:func:`past_sentence` for the sentence holding offset ``at`` of a whole text."""
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    return past_sentence(text[start : end if end >= 0 else len(text)], at - start)


MODERN_BY_DEFAULT = ("person", "place", "company")
"""Kinds judged as modern names when the entry gives no era (``kozh terms set ZH --era historic``
marks the exceptions: 孔子 공자, 长安 장안). Institutions and media keep the Korean habit of
Sino-Korean or translated names (공업정보화부, 인민일보); so do banks, insurers and brokers
(:data:`FINANCIAL_ENDINGS`: 공상은행 工商银行), while other companies are written as their
brand sounds (비야디, 톈허광에너지 for 天合光能, not 천합광에너지)."""

FINANCIAL_ENDINGS = ("银行", "銀行", "保险", "保險", "证券", "證券", "信托", "信託")

MONUMENT_ENDINGS = frozenset("寺塔楼樓庙廟宫宮阁閣亭祠陵墓观觀")
"""Last characters of the names of temples (Taoist 观 too), pagodas, towers, shrines and tombs: Korean keeps
their customary Sino-Korean names (소림사 少林寺, 황학루 黄鹤楼, 육화탑 六和塔) beside the
transliteration, so no era is assumed for them."""


HISTORIC_DIVISION_ENDINGS = frozenset("府郡")
"""Last characters of divisions China no longer has (应天府, 江夏郡): such a name is of the past,
where both readings are accepted."""


def era_of(era: str | None, kind: str | None, *, past: bool = False, zh: str = "") -> str | None:
    """The era a name is judged in: the entry's, else modern for people, places and companies.

    A name in a newsletter about today's China is modern unless marked historic: its Sino-Korean
    reading (장춘 for 长春) is then shown with the transliteration, never applied. A name in a
    sentence about the past (``past``, see :func:`past_sentence`: 한나라 때 익주) may be either,
    so both readings are accepted (era ``past``), and so may a monument's (``zh`` ending in 寺,
    塔, 楼 …) or a former division's (府, 郡).
    """
    if era:
        return era
    if past:
        return "past"
    if zh.endswith("族") and kind in (None, "other", "concept"):
        return "modern"  # a people is named as it is called today (야오족 瑶族; 한족 is the exception)
    if kind not in MODERN_BY_DEFAULT or zh[-1:] in MONUMENT_ENDINGS or zh[-1:] in HISTORIC_DIVISION_ENDINGS:
        return None
    if kind == "company" and zh.endswith(FINANCIAL_ENDINGS):
        return None
    return "modern"

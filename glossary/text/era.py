"""Does a sentence speak of the past? The era a name is judged in when nobody marked it.

외래어 표기법 제4장 제2절: people before 1911 and historic place names keep their Sino-Korean
reading (익주 益州, 소식 蘇軾), while modern ones are transliterated. A glossary entry can carry
its era (``kozh terms set ZH --era historic``); without one, the sentence a name stands in is
the evidence: a year before 1911, a century before the 20th, 기원전, a dynasty (한나라, 송대,
남송) or an era word (삼국 시대, 왕조, 고대) make its names historic.
"""

from __future__ import annotations

import re

_DYNASTY = "하상은주진한위촉오수당송원명청요금"
_PAST = re.compile(
    # a year of three or four digits before 1911, not a duration (5년간, 100년 만에)
    r"기원전|(?<![\d,.])(?:[1-9]\d{2}|1[0-8]\d\d|190\d|1910)년(?!대|간|\s?동안|\s?만)"
    r"|(?<!\d)(?:[1-9]|1\d)세기"
    rf"|[{_DYNASTY}]나라|(?<![가-힣])[{_DYNASTY}]대(?:[에의는부까가로와엔]|(?![가-힣]))"
    r"|(?<![가-힣])(?:남송|북송|동진|서진|동한|서한|북위|동위|서위|남당|북제|북주|남제|오호십육국)"
    r"|왕조|황제|고대|(?:삼국|춘추|전국|오대십국|위진남북조)\s?시대|발해|고구려|부여"
)
_SENTENCE_END = re.compile(r"(?<=[다요음함임됨])[.!?]\s+|[。！？]")


def past_sentence(line: str, column: int) -> bool:
    """True when the sentence of ``line`` holding ``column`` (0-based) speaks of the past.

    >>> past_sentence("한나라 때에는 익주(益州)에 속하다가", 8)
    True
    >>> past_sentence("2023년 창춘(长春)에서 열린 회의", 6)
    False
    """
    start = 0
    for m in _SENTENCE_END.finditer(line):
        if m.end() > column:
            return bool(_PAST.search(line, start, m.start() + 1))
        start = m.end()
    return bool(_PAST.search(line, start))


def past_at(text: str, at: int) -> bool:
    """:func:`past_sentence` for the sentence holding offset ``at`` of a whole text."""
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    return past_sentence(text[start : end if end >= 0 else len(text)], at - start)


MODERN_BY_DEFAULT = ("person", "place")
"""Kinds judged as modern names when the entry gives no era (``kozh terms set ZH --era historic``
marks the exceptions: 孔子 공자, 长安 장안). Institutions, companies and media keep the Korean
habit of Sino-Korean or translated names (공업정보화부, 인민일보), so only people and places."""


def era_of(era: str | None, kind: str | None, *, past: bool = False) -> str | None:
    """The era a name is judged in: the entry's, else modern for people and places.

    A name in a newsletter about today's China is modern unless marked historic: its Sino-Korean
    reading (장춘 for 长春) is then shown with the transliteration, never applied. A name in a
    sentence about the past (``past``, see :func:`past_sentence`: 한나라 때 익주)
    may be either, so both readings are accepted.
    """
    if era:
        return era
    return None if past or kind not in MODERN_BY_DEFAULT else "modern"

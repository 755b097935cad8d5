"""kozh/nonstandard: a Chinese name rendered off the official transliteration."""

from __future__ import annotations

from functools import lru_cache
from typing import Iterator

from rapidfuzz.distance import Indel

from ..finding import Finding, Severity
from ..index import NAME_KINDS
from ..korean import decompose, jamo
from ..textnorm import has_hangul, is_han, norm_key


class Nonstandard:
    """Chinese name rendered off the official transliteration (조우마오화 for 周茂华).

    ## What it does
    Judges every ``X(汉字)`` pair of the draft, and every glossary rendering used in it, whose
    entry names a person, a place or a company, against the official transliteration of Chinese
    (외래어 표기법, 중국어 표기 세칙): 조우마오화(周茂华) → 저우마오화, 카오쑹(高松) → 가오쑹,
    통저우구(通州区) → 퉁저우구 (a Sino-Korean 통 inside an otherwise transliterated name),
    룡청연구소(龙城实验室) → 룽청연구소. Generic parts (市 시, 区 구, 研究院 연구원) may stay
    Sino-Korean; historic people and places (``era = historic``) take the Sino-Korean reading;
    an entry marked ``customary`` (상해 for 上海) or carrying a ``house_spelling`` (커창반) is
    accepted as the house writes it. Latin renderings (CALB) are never judged.

    ## Why is this bad?
    Readers search for and recognise names by their standard spelling; the same person written
    two ways reads as two people.

    ## Example
    ```markdown
    조우마오화[周茂华, CHINA EVERBRIGHT BANK 이코노미스트]는 …
    ```

    ## Use instead
    ```markdown
    저우마오화[周茂华, CHINA EVERBRIGHT BANK 이코노미스트]는 …
    ```

    ## Fix safety
    Safe when the judge itself calls the rendering non-standard (a near spelling of the same
    sound, such as 조우 for 周); the particle after the name is adjusted (류썩천은 stays 은,
    카오쑹이 stays 이). A suggestion built from a Sino-Korean or unrecognised syllable (통저우구,
    송지엔) is shown but not applied.
    """

    code = "kozh/nonstandard"
    default_severity = Severity.WARNING

    def check(self, document, index, context) -> Iterator[Finding]:
        seen: set[tuple[int, int]] = set()
        for pair, start, end in context.pairs:
            entry = index.entry_for_zh(pair.zh)
            kind = (entry.kind if entry and entry.kind else None) or getattr(pair, "kind", None)
            finding = self._judge_one(context, start, end, pair.term, pair.zh, kind, entry)
            if finding is not None:
                seen.add((start, end))
                yield finding
        for m in context.matches:
            if (m.start, m.end) in seen:
                continue
            entries = {t.entry_id for t in index.ko_terms_of(m.terms)}
            if len(entries) != 1:
                continue
            entry = index.entries[entries.pop()]
            term_texts = [index.terms[t] for t in m.terms if index.terms[t].entry_id == entry.id]
            if any(t.status == "deprecated" for t in term_texts):
                continue  # kozh/deprecated speaks for it
            finding = self._judge_one(context, m.start, m.end, term_texts[0].text, entry.zh, entry.kind, entry)
            if finding is not None:
                yield finding

    def _judge_one(self, context, start, end, korean, zh, kind, entry) -> Finding | None:
        if kind not in NAME_KINDS or not has_hangul(korean):
            return None
        if entry is not None:
            if entry.house_spelling and norm_key(entry.house_spelling) == norm_key(korean):
                return None
            if entry.customary:
                return None
            preferred = entry.preferred
            if preferred is not None and preferred.norm == norm_key(korean):
                return None  # a person chose it
        verdict = assess(context, korean, zh, era=entry.era if entry else None)
        if verdict is None:
            return None
        suggestion, confident = verdict
        return context.finding(
            self, start, end,
            f"{korean} is not the standard transliteration of {zh}: write {suggestion}",
            suggestions=(suggestion,), replacement=suggestion, safe=confident, entry_zh=zh if entry else None,
        )


def assess(context, korean: str, zh: str, *, era: str | None = None) -> tuple[str, bool] | None:
    """``(standard form, confident)`` when ``korean`` is a non-standard rendering of ``zh``, else None.

    Confident when the judge's verdict is ``nonstandard``. Otherwise, for a modern name, the
    alignment is read part by part: a non-generic Sino-Korean part inside an otherwise
    transliterated name (통 in 통저우구), or an unrecognised syllable that sounds like the
    character's transliteration (룡 for 龙 룽, 송 for 熊 슝), make the rendering non-standard too.
    """
    return _assess(korean, zh, era)


@lru_cache(maxsize=65536)
def _assess(korean: str, zh: str, era: str | None) -> tuple[str, bool] | None:
    """:func:`assess`, kept per text: the judge's verdict depends only on its three arguments."""
    if not korean or len(zh) > 40 or not all(is_han(c) for c in zh):
        return None
    from . import _judge

    j = _judge(korean, zh, era)
    if j.verdict == "nonstandard" and j.suggestion and norm_key(j.suggestion) != norm_key(korean):
        # Trust the verdict and change only the near parts; when part of the name is translated
        # or unaligned, a near part must keep its syllable count (광에 for 光 in 천합광에너지 is
        # a misalignment, while 지엔 for 剑 in 송지엔 is a real misspelling).
        loose = any(p.label in ("other", "translation") for p in j.parts)
        if "".join(p.korean for p in j.parts) == korean and all(
            p.label != "near" or not loose or len(p.korean) == len(p.standard) for p in j.parts
        ):
            fixed = "".join(p.standard if p.label == "near" else p.korean for p in j.parts)
            if fixed != korean:
                return fixed, True
        return None
    if era == "historic" or j.verdict in ("latin", "sino") or not j.parts:
        return None
    from ..hanzi import to_hangul

    out: list[str] = []
    changed = transliterated = False
    parts = j.parts
    for i, part in enumerate(parts):
        following = parts[i + 1] if i + 1 < len(parts) else None
        if part.label in ("standard", "near"):
            transliterated = True
            out.append(part.standard or part.korean)
            changed = changed or part.label == "near"
        elif (
            part.label == "sino" and not part.generic and part.chinese
            and following is not None and following.label in ("standard", "near")
        ):
            # a Sino-Korean syllable inside a transliterated proper name: 통 in 통저우구;
            # a Sino-Korean common noun before a generic (대만구 in 웨강아오대만구, 고신구) is left alone
            out.append(to_hangul(part.chinese))
            changed = True
        elif part.label == "other" and part.chinese and len(part.chinese) == 1:
            standard = to_hangul(part.chinese)
            if not _sounds_alike(part.korean, standard):
                return None
            out.append(standard)
            changed = True
        elif part.label in ("translation", "sino"):
            out.append(part.korean)
        else:
            return None  # unaligned Korean: not a rendering this check can read
    if not changed or not transliterated:
        return None
    suggestion = "".join(out)
    if norm_key(suggestion) == norm_key(korean) or not suggestion:
        return None
    return suggestion, False


def _sounds_alike(found: str, standard: str) -> bool:
    """Same syllable count, same first consonant, close jamo (룡/룽, 송/슝; not 하오/타오)."""
    if len(found) != len(standard) or not found:
        return False
    a, b = decompose(found[0]), decompose(standard[0])
    if a is None or b is None or a[0] != b[0]:
        return False
    return Indel.normalized_similarity(jamo(found), jamo(standard)) >= 0.6

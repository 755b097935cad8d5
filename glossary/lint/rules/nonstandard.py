"""kozh/nonstandard: a Chinese name rendered off the official transliteration."""

from __future__ import annotations

import re
import unicodedata
from typing import Iterator

from ...text.era import era_of, past_at
from ..finding import Finding, Severity
from ...text.korean import is_common_word, prefix_starts, stem, tail_ok, word_at
from ...text.normalize import has_hangul, inside_brackets, is_han, is_hangul_word, norm_key
from ...translit.base import SINO_LEVELS, base_glossary
from ...translit.hanzi import best_pinyin


def _current_place(zh: str) -> bool:
    """A province or city (a county-level one too) the base glossary knows, or one of its hand-made
    places (西湖, 长江)."""
    base = base_glossary()
    name = base.place(zh)
    # (a county-level city too, 项城市 항성 → 샹청; not a district, which often keeps an old capital's
    # name, 长安区 장안)
    return name is not None and (name.level in SINO_LEVELS or not name.level or "시" in base.suffixes.get(name.zh, ()))


class Nonstandard:
    """Chinese name rendered off the official transliteration (조우마오화 for 周茂华).

    ## What it does
    Judges every ``X(汉字)`` pair of the draft, and every glossary rendering used in it, whose
    entry names a person, a place or a company, against the official transliteration of Chinese
    (외래어 표기법, 중국어 표기 세칙): 조우마오화(周茂华) → 저우마오화, 카오쑹(高松) → 가오쑹,
    통저우구(通州区) → 퉁저우구 (a Sino-Korean 통 inside an otherwise transliterated name),
    룡청연구소(龙城实验室) → 룽청연구소; a second rendering given as the bracket's gloss is judged too
    (호구(虎丘, 후치우) → 후추), and so is a name inside a reported pair used on its own elsewhere
    (흠달그룹 after 흑룡강 흠달그룹(黑龙江鑫达集团) → 신다). Generic parts (市 시, 区 구, 研究院 연구원) may stay
    Sino-Korean; historic people and places (``era = historic``) take the Sino-Korean reading;
    an entry marked ``customary`` (상해 for 上海) or carrying a ``house_spelling`` (커창반), and a
    rendering a person marked preferred or admitted, are accepted as the house writes them. Latin renderings (CALB) are never judged.

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
        compounded: set[str] = set()  # reported renderings whose compounds were looked for, once per draft
        alone_of: dict[str, list[int]] = {}  # where each reported part stands alone, found once per draft
        for pair, start, end in context.pairs:
            entry = index.entry_for_zh(pair.zh)
            kind = (entry.kind if entry and entry.kind else None) or getattr(pair, "kind", None)
            if kind in ("other", "concept") and getattr(pair, "kind", None) not in (None, "other", "concept"):
                kind = pair.kind  # this mention says more than the entry's first guess (도문 시(圖門))
            modern = _glossed_in_pinyin(pair)
            finding = self._judge_one(context, start, end, pair.term, pair.zh, kind, entry, modern=modern)
            if finding is not None:
                seen.add((start, end))
                yield from self._by_word(context, finding, pair.zh)
                yield from self._compounds(context, pair, finding, seen, compounded)
                yield from self._part_mentions(context, pair, kind, entry, start, seen, alone_of)
            yield from self._gloss_rendering(context, pair, end, kind, entry, seen)
        for m in context.matches:
            if (m.start, m.end) in seen or inside_brackets(context.document.text, m.start):
                continue  # a reading given in brackets (난징(남경)) is a gloss, not a use
            entries = sorted({t.entry_id for t in index.ko_terms_of(m.terms)})
            findings = []
            for entry_id in entries:
                entry = index.entries[entry_id]
                term_texts = [index.terms[t] for t in m.terms if index.terms[t].entry_id == entry.id]
                if any(t.status == "deprecated" for t in term_texts):
                    break  # kozh/deprecated speaks for it
                finding = self._judge_one(context, m.start, m.end, term_texts[0].text, entry.zh, entry.kind, entry)
                if finding is None:
                    break  # right for one of the names it may be: nothing to say
                findings.append((entry.zh, finding))
            else:
                if len(findings) == 1:
                    yield from self._by_word(context, findings[0][1], findings[0][0])
                elif findings:
                    yield self._either(context, m, findings)

    def _either(self, context, m, findings) -> Finding:
        """A word the glossary pairs with several Chinese names (지우펀 for 九份 and, mistyped,
        九扮), off the standard for each: every suggestion is shown, none applied."""
        suggestions = tuple(dict.fromkeys(f.suggestions[0] for _, f in findings))
        if len(suggestions) == 1:
            return findings[0][1]
        written = context.document.raw[m.start : m.end]
        names = " or ".join(zh for zh, _ in findings)
        return context.finding(
            self, m.start, m.end,
            f"{written} is not the standard transliteration of {names}: write {' or '.join(suggestions)}",
            suggestions=suggestions, safe=False,
        )

    def _by_word(self, context, finding, zh) -> Iterator[Finding]:
        """The finding, one per word that changes when the rendering is several words and the
        suggestion as many (흑룡강 흠달그룹 → 헤이룽장 신다그룹: 흑룡강 → 헤이룽장, 흠달그룹 →
        신다그룹), so each word is shown and fixed where it stands."""
        text = context.document.text
        words = list(re.finditer(r"\S+", text[finding.start : finding.end]))
        wanted = finding.suggestions[0].split()
        if len(words) < 2 or len(words) != len(wanted):
            yield finding
            return
        safe = finding.fix is not None and finding.fix.safe
        whole = f"{text[finding.start:finding.end]} → {finding.suggestions[0]}"
        for word, new in zip(words, wanted):
            if word.group() == new:
                continue
            yield context.finding(
                self, finding.start + word.start(), finding.start + word.end(),
                f"{word.group()} is not the standard transliteration of its part of {zh} ({whole}): write {new}",
                suggestions=(new,), replacement=new, safe=safe, entry_zh=finding.entry_zh,
            )

    def _gloss_rendering(self, context, pair, end, kind, entry, seen) -> Iterator[Finding]:
        """A second Korean rendering given as the bracket's gloss, judged like the term:
        '호구(虎丘, 후치우)' → 후추. A gloss of several words (an explanation) is not a rendering."""
        gloss = pair.gloss
        if not gloss or not is_hangul_word(gloss) or len(gloss) < 2 or gloss == pair.term:
            return
        if context.judge(gloss, pair.zh, None).verdict == "sino":
            return  # the Sino-Korean reading given beside the name (충칭(重庆·중경)) is a gloss, not a use
        text = context.document.text
        closes = [i for i in (text.find(")", end), text.find("）", end), text.find("]", end)) if i >= 0]
        at = text.find(gloss, end, min(closes, default=end + 80))
        if at < 0 or (at, at + len(gloss)) in seen:
            return
        # never applied unasked: the writer's aside may transliterate a name the text reads in
        # Sino-Korean on purpose (서하객(徐霞客 쉬시아커), a man of the Ming)
        finding = self._judge_one(context, at, at + len(gloss), gloss, pair.zh, kind, entry, sure=False)
        if finding is not None:
            seen.add((at, at + len(gloss)))
            yield finding

    def _part_mentions(self, context, pair, kind, entry, pair_start, seen, alone_of: dict[str, list[int]]) -> Iterator[Finding]:
        """A name inside a reported pair used on its own elsewhere (흠달그룹 after 흑룡강
        흠달그룹(黑龙江鑫达集团)): the part the judge aligned with its own characters, judged alone and
        reported with its own suggestion. A current place inside the pair is left to kozh/base.

        Where a part stands alone is found once per draft (``alone_of``), not once per mention of
        the pair: a long draft names the same pair hundreds of times."""
        text = context.document.text
        era = era_of(entry.era if entry else None, kind, zh=pair.zh)
        judgement = context.judge(pair.term, pair.zh, era)
        at = 0
        for part in judgement.parts:
            where = pair.zh.find(part.chinese, at) if part.chinese else -1
            if where >= 0:
                at = where + len(part.chinese)
            if part.label not in ("sino", "near") or part.generic or len(part.korean) < 2 or where < 0:
                continue
            if is_common_word(part.korean):
                continue  # 투자 of …투자(…投资): a Korean word on its own
            if any(base_glossary().place(pair.zh[where:k]) for k in range(at, len(pair.zh) + 1)):
                continue  # 흑룡 of 흑룡강: the place is kozh/base's
            verdict = context.nonstandard_form(part.korean, part.chinese, era=era)
            if verdict is None:
                continue
            suggestion, _ = verdict
            pair_end = pair_start + len(pair.term) + len(pair.zh) + 2
            # a word of its own, or before a Korean word (흠달그룹이); not the start of another
            # name (수이 of 수이거)
            alone = alone_of.get(part.korean)
            if alone is None:
                alone = alone_of[part.korean] = [
                    s for s in prefix_starts(text, part.korean) if _stands_alone(text, s, part.korean)
                ]
            starts = [s for s in alone if not pair_start <= s < pair_end]
            yield from self._leading(
                context, part.korean, starts, seen, suggestion,
                f"{part.chinese}, as in {pair.term}({pair.zh})", alone_too=True,
            )

    def _compounds(self, context, pair, finding, seen, compounded: set[str]) -> Iterator[Finding]:
        """The reported rendering leading a longer word elsewhere (용정차 after 용정(龙井)):
        the same name, reported with the same suggestion unless Kiwi knows the word."""
        text, term = context.document.text, pair.term
        if len(term) < 2 or not is_hangul_word(term):
            return
        if term in compounded:
            return  # its first report looked at every start: each was reported then or passed over for good
        compounded.add(term)
        yield from self._leading(
            context, term, prefix_starts(text, term), seen, finding.suggestions[0], pair.zh, entry_zh=finding.entry_zh,
        )

    def _leading(self, context, name, starts, seen, suggestion, what, *, alone_too=False, entry_zh=None):
        """``name`` reported where it begins a word, with ``suggestion``: as a word of its own too
        when ``alone_too`` (else that is a glossary match, reported apart), never inside brackets,
        where another finding already is, or in a word Kiwi knows (용정차 is reported, 용정 in a
        Korean word is not)."""
        text = context.document.text
        for at in starts:
            end = at + len(name)
            if (at, end) in seen or context.covered[at] or inside_brackets(text, at):
                continue
            if not alone_too and tail_ok(text, end):
                continue  # a word of its own is a match of the glossary term, reported below
            if is_common_word(word_at(text, at) or ""):
                continue
            seen.add((at, end))
            yield context.finding(
                self, at, end,
                f"{name} (in {word_at(text, at)}) is not the standard transliteration of {what}: write {suggestion}",
                suggestions=(suggestion,), replacement=suggestion, safe=False, entry_zh=entry_zh,
            )

    def _judge_one(self, context, start, end, korean, zh, kind, entry, *, modern=False, sure=True) -> Finding | None:
        # every kind: a transliterated name classed concept or other is still a name (长春 as concept)
        if not has_hangul(korean):
            return None
        if entry is not None:
            if entry.house_spelling and norm_key(entry.house_spelling) == norm_key(korean):
                return None
            if entry.customary:
                return None
            norm = norm_key(korean)
            if any(t.norm == norm and t.status in ("preferred", "admitted") for t in entry.ko_terms):
                return None  # a person chose or accepted it (the TUI's and the editor's "accept")
        # a historic place name that is also a current one is transliterated (제4장 제2절 제2항):
        # a sentence about the past excuses a Sino-Korean reading only of other names
        past = past_at(context.document.text, start) and not _current_place(zh)
        era = era_of(entry.era if entry else None, kind, past=past, zh=zh)
        if era is None and modern:
            era = "modern"  # the text gives the name's pinyin (해우(海牛, Hainiu)): it is read in Mandarin
        verdict = context.nonstandard_form(korean, zh, era=era, paired=True)
        if verdict is None:
            return None
        suggestion, confident = verdict
        return context.finding(
            self, start, end,
            f"{korean} is not the standard transliteration of {zh}: write {suggestion}",
            suggestions=(suggestion,), replacement=suggestion, safe=confident and sure, entry_zh=zh if entry else None,
        )


def _glossed_in_pinyin(pair) -> bool:
    """The bracket's gloss is the name's own pinyin (해우(海牛, Hainiu), 레이쥔(雷军, léi jūn)): the
    text reads the name in Mandarin, so it is a modern name whatever its kind."""
    gloss, zh = pair.gloss, pair.zh
    if not gloss or len(zh) < 2 or not all(is_han(ch) for ch in zh):
        return False
    return _letters(gloss) == _letters("".join(best_pinyin(zh)))


def _letters(text: str) -> str:
    """Latin letters only, lower case, tone marks and ü's dots dropped (Zǐjìnchéng → zijincheng)."""
    plain = unicodedata.normalize("NFD", text.casefold())
    return "".join(ch for ch in plain if "a" <= ch <= "z")


def _stands_alone(text: str, at: int, name: str) -> bool:
    """``name`` at ``at`` is a word of its own (흠달이) or leads a Korean word (흠달그룹), not the
    first syllables of another name (수이 of 수이거)."""
    end = at + len(name)
    if tail_ok(text, end):
        return True
    rest = stem(word_at(text, at) or "")[len(name):]
    return len(rest) >= 2 and is_common_word(rest)

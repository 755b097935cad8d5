"""kozh/inconsistent: one entry rendered more than one way."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import defaultdict
from functools import lru_cache
from typing import Iterator

from ..finding import Finding, Severity
from ..index import NAME_KINDS
from ...text.era import era_of
from ...text.korean import (
    PLACE_SUFFIXES, compose, decompose, is_common_word, name_starts, prefix_starts, stem_starts,
    tail_ok, word_tags,
)
from ...text.normalize import has_hangul, inside_brackets, is_han, norm_key, to_simplified
from ...translit.base import base_glossary
from ...translit.hanzi import established_forms, longest_syllable, sino_korean, sino_korean_forms, to_hangul


class Inconsistent:
    """Entry rendered more than one way, or a pair that departs from the glossary's rendering.

    ## What it does
    Six checks:

    1. an ``X(汉字)`` pair whose ``X`` is not the glossary's reference rendering of ``汉字``
       (산업정보화부(工业和信息化部) when the glossary has 공업정보화부);
    2. one entry rendered two ways in the draft (중관촌 here, 중관춘 there): every occurrence
       of a rendering other than the reference is reported;
    3. a pair's leading name (中关村 in 중관촌창업단지(中关村创智园)) used on its own in the draft
       both in its Sino-Korean reading and in its transliteration (중관촌 커뮤니티 … 중관춘 포럼);
    4. a transliterated pair (자오쯔양(趙紫陽)) whose Sino-Korean reading (조자양) the draft
       also uses;
    5. a Sino-Korean pair (한구(漢口)) whose transliteration (한커우) the draft also uses: the
       pair and every Sino-Korean mention are reported;
    6. a word beginning with a misspelling of a name a pair transliterates (선쩐허 when the
       draft has 선전(深圳)).

    The *reference* rendering is the preferred term when the entry has one. Without one (an
    extracted glossary, where every rendering is a ``candidate``), it is the admitted or candidate
    rendering seen most often (ties to the alphabetically first, so the result does not depend
    on the order the glossary was filled in); for a person, place or company a rendering the
    judge calls standard beats a non-standard one, so the reference is never a misspelling. Inside one draft, when the glossary's reference is not among the forms used, the
    draft's majority form (then its first) is the reference. For check 3 the transliteration is
    the reference.

    ## Why is this bad?
    Readers take two spellings for two things; search and the newsletter archive split too.

    ## Example
    ```markdown
    1.산업정보화부(工业和信息化部): 关于印发助力中小微企业稳增长调结构强能力若干措施的通知
    ```

    ## Use instead
    ```markdown
    1.공업정보화부(工业和信息化部): 关于印发助力中小微企业稳增长调结构强能力若干措施的通知
    ```

    ## Fix safety
    Safe only when the reference is a preferred term (a person chose it); otherwise the
    suggestion is a guess from frequencies and is shown, not applied.
    """

    code = "kozh/inconsistent"
    default_severity = Severity.WARNING

    def check(self, document, index, context) -> Iterator[Finding]:
        reported: set[tuple[int, int]] = set()
        references: dict[int, object] = {}

        def reference(entry):
            if entry.id not in references:
                references[entry.id] = _reference(context, entry)
            return references[entry.id]

        # 1. pairs against the glossary
        for pair, start, end in context.pairs:
            entry = index.entry_for_zh(pair.zh)
            if entry is None or not has_hangul(pair.term):
                continue
            norm = norm_key(pair.term)
            statuses = {t.status for t in entry.ko_terms if t.norm == norm}
            if statuses & {"preferred", "admitted", "deprecated"}:
                continue
            ref = reference(entry)
            if ref is None or ref.norm == norm or not has_hangul(ref.text):
                continue
            if _standard_beats(context, entry, pair.term, ref) or _both_established(entry.zh, norm, ref.norm):
                continue
            reported.add((start, end))
            yield context.finding(
                self, start, end,
                f"{pair.term} renders {entry.zh}, which the glossary renders {ref.text}",
                suggestions=(ref.text,), replacement=ref.text, safe=ref.status == "preferred",
                entry_zh=entry.zh,
            )

        # 2. one entry, several renderings in the draft
        occurrences: dict[int, list[tuple[int, int, str]]] = defaultdict(list)
        for m in context.matches:
            terms = index.ko_terms_of(m.terms)
            entries = {t.entry_id for t in terms}
            if len(entries) != 1 or any(t.status == "deprecated" for t in terms):
                continue
            occurrences[entries.pop()].append((m.start, m.end, m.norm))
        for entry_id in sorted(occurrences):
            found = occurrences[entry_id]
            forms = {norm for _, _, norm in found}
            if len(forms) < 2:
                continue
            entry = index.entries[entry_id]
            ref = reference(entry)
            ref_norm = ref.norm if ref is not None and ref.norm in forms else _majority(found)
            ref_text = next(document.raw[s:e] for s, e, n in found if n == ref_norm)
            first_ref = next((s for s, e, n in found if n == ref_norm), 0)
            line = document.line_col(first_ref)[0]
            preferred = ref is not None and ref.norm == ref_norm and ref.status == "preferred"
            for start, end, norm in found:
                if norm == ref_norm or (start, end) in reported or inside_brackets(document.text, start):
                    continue  # (옌지(延吉, 연길): the other reading given as a gloss is no drift)
                if _both_established(entry.zh, norm, ref_norm):
                    continue
                reported.add((start, end))
                yield context.finding(
                    self, start, end,
                    f"{document.raw[start:end]} and {ref_text} (line {line}) both render {entry.zh} in this draft",
                    suggestions=(ref_text,), replacement=ref_text, safe=preferred, entry_zh=entry.zh,
                )

        # 3. a pair's leading name used on its own in two spellings
        yield from self._leading_names(document, index, context, reported)
        # 4. and 5. a pair's name written elsewhere in its other reading
        yield from self._sino_mentions(document, context, reported)
        # 6. a pair's name misspelt elsewhere
        yield from self._near_spellings(document, context, reported)

    def _other_reading(self, context, at, found, standard, line, zh, *, entry_zh=None, written=None) -> Finding:
        """``found`` at ``at`` is the other reading of a name the draft transliterates (as
        ``written``, when that is not the ``standard`` itself)."""
        if written is None or norm_key(written) == norm_key(standard):
            message = f"{found} and {standard} (line {line}) both render {zh} in this draft: {standard} is the transliteration"
        else:
            message = f"{found} and {written} (line {line}) both render {zh} in this draft: the transliteration is {standard}"
        return context.finding(
            self, at, at + len(found), message,
            suggestions=(standard,), replacement=standard, safe=False, entry_zh=entry_zh,
        )

    def _sino_mentions(self, document, context, reported) -> Iterator[Finding]:
        """자오쯔양(趙紫陽) in one place and 조자양 in another: the same person, read two ways.

        Only for the draft's own transliterated pairs, and only when Kiwi does not read the
        Sino-Korean form as a common word (무한 for 武漢 is also "infinite").
        """
        text = document.text
        done: set[str] = set()
        glossed: dict[str, set[str]] = defaultdict(set)  # the readings the draft's brackets give a name
        for pair, _, _ in context.pairs:
            if pair.gloss:
                glossed[pair.zh].add(norm_key(pair.gloss))
        for pair, start, _ in context.pairs:
            zh = pair.zh
            if zh in done or not has_hangul(pair.term) or not all(is_han(c) for c in zh) or len(zh) < 2:
                continue
            done.add(zh)
            term = norm_key(pair.term)
            sino = sino_korean(zh)
            if sino == term:
                yield from self._transliteration_used(document, context, reported, pair, start)
                continue
            forms = [f for f in sino_korean_forms(zh) if f in text and f != term and not _glossed_otherwise(text, f, zh)]
            if not forms:
                continue
            judgement = context.judge(term, zh, None)
            if judgement.verdict in ("standard", "mixed"):  # (mixed: 훙커우 공원 for 虹口公园)
                standard = pair.term
            elif judgement.verdict == "nonstandard" and judgement.suggestion:
                standard = judgement.suggestion  # 톈즈산(天子山) misspelt, 천자산 elsewhere: both → 톈쯔산
            else:
                continue
            line = document.line_col(start)[0]
            for form in forms:  # 요녕, and as Korean-Chinese papers also write it: 요령, 료녕
                # as a word of its own (조자양은) or leading a compound (연변조선족자치주, 용정차)
                starts = prefix_starts(text, form)
                if is_common_word(form) and form not in glossed.get(zh, ()):
                    # a word too (안도 "relief"): only where an administrative suffix makes it a place,
                    # unless the pair itself gives it as the name's other reading (궁리(巩俐 공리))
                    # or, for a current place, where the place it lies in comes before it (안휘성 합비)
                    within = base_glossary().place(zh) is not None
                    starts = [
                        at for at in starts
                        if _suffix_follows(text, at + len(form)) or (within and base_glossary().place_precedes(text, at))
                    ]
                for at in starts:
                    end = at + len(form)
                    if (at, end) in reported or context.covered[at] or inside_brackets(text, at):
                        continue  # (an alias given in brackets, 충칭(중경, 重慶), is a gloss, not a use)
                    if at and text[at - 1].isdigit():
                        continue  # 5000만달러: a unit after a number, not 만달 (万达)
                    reported.add((at, end))
                    yield self._other_reading(context, at, form, standard, line, zh, entry_zh=zh, written=pair.term)

    def _transliteration_used(self, document, context, reported, pair, pair_start) -> Iterator[Finding]:
        """한구(漢口) in one place and 한커우 in another: the draft itself uses the transliteration
        of a name it gives in Sino-Korean, so every Sino-Korean mention is reported."""
        text, zh, sino = document.text, pair.zh, norm_key(pair.term)
        if sino in _established_norms(zh):
            return  # a customary form the lexicon accepts beside the transliteration (보이차, 푸얼차)
        standard = context.judge(sino, zh, "modern").suggestion
        if not standard or " " in standard or is_common_word(standard):
            return
        used = [at for at in name_starts(text, standard) if not inside_brackets(text, at)]
        if not used:
            return
        line = document.line_col(used[0])[0]
        for at in sorted({pair_start, *name_starts(text, sino)}):
            end = at + len(sino)
            if (at, end) in reported or text[at:end] != sino or (at != pair_start and inside_brackets(text, at)):
                continue
            reported.add((at, end))
            yield self._other_reading(context, at, sino, standard, line, zh, entry_zh=zh)

    def _near_spellings(self, document, context, reported) -> Iterator[Finding]:
        """선전(深圳) in one place and 선쩐허 in another: a word that begins with a misspelling
        of a name the draft transliterates (다펭만 for 다펑), as the judge reads it: the same
        sounds spelt otherwise, never another syllable. Words Kiwi knows (선정 is no misspelt
        선전) are left alone."""
        text = document.text
        names: dict[str, str] = {}
        for pair, _, _ in context.pairs:
            if not all(is_han(c) for c in pair.zh):
                continue
            place = _leading_place(pair.zh)  # 東莞 of 東莞守御千戶所: the draft gives its Chinese
            if place is not None:
                names.setdefault(*place)
            j = context.judge(norm_key(pair.term), pair.zh, "modern")
            if j.verdict != "standard":
                continue
            # the name the pair leads with: 다펑 of 다펑 신구(大鹏新区)
            lead, lead_zh = "", ""
            for p in j.parts:
                if p.generic or p.label != "standard":
                    break
                lead, lead_zh = lead + p.korean, lead_zh + p.chinese
            if len(lead) >= 2 and len(lead_zh) >= 2:  # (바오 of 바오산(寶山) is one character: too short to tell)
                names.setdefault(lead, lead_zh)
        if not names:
            return
        longest = longest_syllable()
        # a misspelling keeps the first consonant (상둥 for 산둥, 다펭 for 다펑)
        by_first: dict[int, list[str]] = defaultdict(list)
        for term in names:
            by_first[decompose(term[0])[0]].append(term)
        words = sorted(context.words)
        # (the first word that begins with the misspelling, rank of the name, misspelling, name): the
        # order a walk over the sorted words, trying each word's names in turn, meets them
        found: list[tuple[str, int, str, str]] = []
        for first, terms in by_first.items():
            # the words beginning with a syllable of this first consonant: one run of the sorted words
            lowest, past = compose(first, 0), compose(first + 1, 0) if first < _LAST_INITIAL else _PAST_HANGUL
            same_first = words[bisect_left(words, lowest):bisect_left(words, past)]
            for rank, term in enumerate(terms):
                size = len(term)
                for written in {word[:size] for word in same_first}:
                    if len(written) < size or written == term or written in names:
                        continue
                    key = (written, term, names[term])
                    misspelt = _MISSPELLINGS.get(key)
                    if misspelt is None:
                        # (a name of one syllable's characters or fewer differs within them whatever is written)
                        misspelt = (size <= longest or _one_syllable_apart(written, term, longest)) and self._misspells(
                            context, written, term, names[term]
                        )
                        if len(_MISSPELLINGS) >= 200_000:
                            _MISSPELLINGS.clear()
                        _MISSPELLINGS[key] = misspelt
                    if not misspelt:
                        continue
                    # the first word that begins with it and is not itself a word Kiwi knows
                    word = next((w for w in same_first if w.startswith(written) and not is_common_word(w)), None)
                    if word is not None:
                        found.append((word, rank, written, term))
        found.sort(key=lambda item: item[:2])
        for _, _, written, term in found:
            common = is_common_word(written)  # 동관 is also a word: only as a place (동관 시)
            zh = names[term]
            for at in prefix_starts(text, written):
                end = at + len(written)
                if (at, end) in reported or context.covered[at] or inside_brackets(text, at):
                    continue
                if at and text[at - 1].isdigit():
                    continue  # 2016년신설: a counter after a number
                if common and not _suffix_follows(text, end):
                    continue
                reported.add((at, end))
                yield context.finding(
                    self, at, end,
                    f"{written} misspells {term} ({zh}), as this draft writes it",
                    suggestions=(term,), replacement=term, safe=False, entry_zh=zh,
                )

    @staticmethod
    def _misspells(context, written: str, term: str, zh: str) -> bool:
        """The judge reads ``written`` as ``term`` (the name of ``zh``) with one syllable spelt
        otherwise, the same sound (중국 is no misread 중산); in a name of three syllables or more,
        two of them (판진동 for 판전둥), as long as one is written right."""
        j = context.judge(written, zh, "modern")
        if j.verdict != "nonstandard" or j.suggestion != term:
            return False
        near = sum(len(p.chinese) for p in j.parts if p.label == "near")
        allowed = 2 if len(zh) >= 3 and near < len(zh) else 1
        return all(p.label in ("standard", "near") for p in j.parts) and 1 <= near <= allowed

    def _leading_names(self, document, index, context, reported) -> Iterator[Finding]:
        done: set[str] = set()
        doc_stems: set[str] | None = None  # the stems of the draft's words, made when first needed
        memo = index.__dict__.setdefault("_leading_readings", {})
        if len(memo) > 100_000:
            memo.clear()
        text = document.text
        for pair, _, _ in context.pairs:
            if not has_hangul(pair.term):
                continue
            zh = pair.zh
            leading = memo.get(zh)
            if leading is None:
                leading = memo[zh] = _leading_readings(index, zh)
            for sub, sino, standard, variant in leading:
                if (sub, sino) in done:
                    continue
                if not (pair.term.startswith(sino) or pair.term.startswith(standard)):
                    continue
                done.add((sub, sino))
                if doc_stems is None:
                    doc_stems = set(context.stems.values())
                if sino in doc_stems and standard in doc_stems:
                    line = document.line_col(stem_starts(text, standard)[0])[0]
                    # another form of the reading that is an everyday word (요령 "knack" beside 요녕):
                    # only as a place, with its suffix (요령성)
                    common = variant and _everyday(sino)
                    for start in name_starts(text, sino):  # 무창은, and 무창구 with its suffix
                        end = start + len(sino)
                        if (start, end) in reported or (common and not _suffix_follows(text, end)):
                            continue
                        reported.add((start, end))
                        yield self._other_reading(context, start, sino, standard, line, sub)


@lru_cache(maxsize=65536)
def _leading_place(zh: str) -> tuple[str, str] | None:
    """(standard rendering, Chinese) of the longest current place ``zh`` begins with, of two
    characters or more, as the base glossary knows it (東莞 for 東莞守御千戶所)."""
    base = base_glossary()
    for k in range(len(zh), 1, -1):
        name = base.place(zh[:k])
        if name is not None and len(name.korean) >= 2:
            return name.korean, zh[:k]
    return None


def _leading_readings(index, zh: str) -> tuple[tuple[str, str, str, bool], ...]:
    """``(leading part, Sino-Korean reading, transliteration, another form)`` for each leading part
    of ``zh`` (two characters up to all but the last) that is no glossary entry and reads two ways;
    ``another form`` is True for the readings after the first (로신 beside 노신 for 鲁迅)."""
    if len(zh) < 3 or not all(is_han(c) for c in zh):
        return ()
    out = []
    for k in range(2, len(zh)):
        sub = zh[:k]
        if index.entry_for_zh(sub) is not None:
            continue
        forms, standard = _readings(sub)
        out.extend((sub, sino, standard, k > 0) for k, sino in enumerate(forms) if standard and sino != standard)
    return tuple(out)


@lru_cache(maxsize=65536)
def _readings(zh: str) -> tuple[tuple[str, ...], str | None]:
    """(Sino-Korean forms, standard transliteration) of a Chinese text: every way it is read in
    Sino-Korean (鲁迅 노신, and 로신 as Korean-Chinese papers write it)."""
    return tuple(f for f in sino_korean_forms(zh) if f), to_hangul(zh)


_MISSPELLINGS: dict[tuple[str, str, str], bool] = {}
"""(written, name, Chinese) -> whether the written word misspells the name (one syllable spelt
otherwise, as the judge reads it): kept between drafts, as the judge's answers are."""

_LAST_INITIAL = 18
"""Index of the last of the 19 initial consonants of Hangul syllables (ㅎ)."""
_PAST_HANGUL = "\ud7a4"
"""The character after the last Hangul syllable (힣)."""


def _one_syllable_apart(written: str, term: str, longest: int) -> bool:
    """``written`` differs from ``term`` (as long) within one syllable's characters only (the
    suggestion must be the name itself): ``longest`` is the most Hangul one syllable takes."""
    differ = [i for i, (a, b) in enumerate(zip(written, term)) if a != b]
    return differ[-1] - differ[0] < longest


def _majority(found: list[tuple[int, int, str]]) -> str:
    counts: dict[str, int] = defaultdict(int)
    first: dict[str, int] = {}
    for start, _, norm in found:
        counts[norm] += 1
        first.setdefault(norm, start)
    return min(counts, key=lambda n: (-counts[n], first[n]))


EVERYDAY_SCORE = -20.0
"""Kiwi's score above which a common word is an everyday one (요령 -17, 무한 -18), not a rarer word a
name may also spell (로신 -23)."""


def _everyday(word: str) -> bool:
    *_, score = word_tags(word)
    return is_common_word(word) and float(score) > EVERYDAY_SCORE


@lru_cache(maxsize=4096)
def _established_norms(zh: str) -> frozenset[str]:
    """The matching forms of what the lexicon establishes for ``zh`` (우롱차, 오룡차 for 乌龙茶)."""
    return frozenset(norm_key(f) for f in established_forms(zh))


def _both_established(zh: str, *norms: str) -> bool:
    """Every one of these forms is one the lexicon establishes for ``zh`` (우롱차 and 오룡차 for
    乌龙茶): writing both is no drift."""
    forms = _established_norms(zh)
    return bool(forms) and all(n in forms for n in norms)


def _glossed_otherwise(text: str, word: str, zh: str) -> bool:
    """The draft glosses ``word`` with other Chinese somewhere (성도(省都) "provincial capital"
    beside 청두(成都)): there the word is that, not a reading of ``zh``."""
    for m in re.finditer(re.escape(word) + r"\s?[(（]([^)）]{1,20})", text):
        han = "".join(ch for ch in m.group(1) if is_han(ch))
        if han and to_simplified(han) != to_simplified(zh):
            return True
    return False


def _suffix_follows(text: str, end: int) -> bool:
    """An administrative suffix follows ``end``, joined or after one space, with nothing but
    particles after it (안도현, 동관 시와; not 안도 시간)."""
    at = end + (text[end : end + 1] == " ")
    return text[at : at + 1] in PLACE_SUFFIXES and tail_ok(text, at + 1)

_TRANSLATED_KINDS = ("org", "company", "media")
"""Kinds Korean usually writes in Sino-Korean or translation (공업정보화부, 인민일보)."""


def _reference(context, entry):
    """The entry's reference rendering, a standard one preferred over a non-standard guess."""
    ref = entry.reference()
    if ref is None or ref.status == "preferred":
        return ref
    if entry.kind not in _TRANSLATED_KINDS and has_hangul(ref.text):
        # the draft's own transliteration beats its Sino-Korean reading of the same name
        # (옌지 and 연길 for 延吉): the rule transliterates modern names, and a text that writes
        # the name both ways is not about a historic one
        if context.judge(ref.text, entry.zh, None).verdict == "sino":
            for term in entry.usable():
                if has_hangul(term.text) and context.judge(term.text, entry.zh, None).verdict == "standard":
                    return term
    if entry.kind not in NAME_KINDS:
        return ref
    era = era_of(entry.era, entry.kind, zh=entry.zh)
    # among equally good guesses, the one the judge calls standard (중관춘 over 중관촌)
    for term in entry.usable():
        if (term.status, term.frequency) != (ref.status, ref.frequency):
            break
        if has_hangul(term.text) and context.judge(term.text, entry.zh, entry.era).verdict == "standard":
            ref = term
            break

    if context.nonstandard_form(ref.text, entry.zh, era=era) is None:
        return ref
    for term in entry.usable():
        if has_hangul(term.text):
            if context.nonstandard_form(term.text, entry.zh, era=era) is None:
                return term
    return ref


def _standard_beats(context, entry, korean: str, ref) -> bool:
    """True when ``korean`` is standard for a name and the unpreferred reference is not."""
    if ref.status == "preferred" or entry.kind not in NAME_KINDS:
        return False
    era = era_of(entry.era, entry.kind, zh=entry.zh)
    return context.nonstandard_form(korean, entry.zh, era=era) is None and (
        context.nonstandard_form(ref.text, entry.zh, era=era) is not None
    )

"""kozh/base: a bracket-free Chinese name off the base glossary's standard rendering."""

from __future__ import annotations

from typing import Iterator

from ..finding import Finding, Severity
from ...text.korean import is_common_word, is_ordinary_word
from ...translit.spellings import pinyin_keys, standard_spelling
from ...text.normalize import inside_brackets

MISSPELT_SYLLABLES = 3
"""A misspelling is looked for in words of three or more syllables, and in words of two that are
no common word Kiwi knows (롱옌 for 龙岩 룽옌): a two-syllable word spelling a name under some
confusion is most often an ordinary word (용자 is 永嘉 융자 with 용 for 융)."""

SUFFIXES = ("시", "성", "현", "구")
"""Administrative suffixes a stem may keep after a name (장춘시, 호북성): the name is what is judged."""


class BaseNameRule:
    """Known Chinese name written off its standard rendering with no Chinese given (장춘 for 창춘).

    ## What it does
    Looks up every Hangul word of the draft (its stem, 장춘은 → 장춘; a trailing 시/성/현/구 is
    kept out when the place's own names carry it: 호북성 → 호북, but 장사성 is no 长沙, a 市 and a
    县) in the base glossary that ships with kozh — every province, city
    and county of the PRC and a few hundred names a newsroom meets every week — when neither the
    draft's pairs nor the team's glossary know it:

    * the Sino-Korean reading of a province- or prefecture-level place or of a modern person
      (장춘 for 长春 창춘, 등소평 for 邓小平 덩샤오핑, 흑하시 for 黑河市 헤이허시);
    * a known misspelling of a base name in a word of three or more syllables (티엔진 for 天津
      톈진, 쑤저우 written 수저우), or of two that is no common word (롱옌 for 龙岩 룽옌),
      county-level names left out;
    * either of them leading a compound glued on after the place's own suffix, as
      Korean-Chinese papers write institutions (장춘시정부, 길림성문화관광청), when the name is no
      common word.

    The judge (``kozh judge``) decides, given the base name's Chinese, whether the word is off
    the standard and what to write. A name the team's glossary has an entry for is the team's
    business; established forms are kept (홍콩, 마카오, 대만, 백두산), and so are Sino-Korean
    readings that are also Korean places or words (광주, 호주, 호남: ``base_quiet.tsv``), words
    of one syllable, county-level readings (대전, 전주) and words Kiwi's dictionary knows as
    common words (개봉, 소주). ``kozh.toml``: ``base = false`` turns the base glossary off.

    ## Why is this bad?
    Most drafts never give the Chinese of a well-known name, so nothing else can tell that 장춘
    is 长春 read in Sino-Korean; readers search for 창춘.

    ## Example
    ```markdown
    장춘은 지린성의 성도로, 자동차 산업의 중심지다.
    ```

    ## Use instead
    ```markdown
    창춘은 지린성의 성도로, 자동차 산업의 중심지다.
    ```

    ## Fix safety
    As the judge says: a known misspelling of a name whose reading is fixed (티엔진 → 톈진) is
    safe; a Sino-Korean reading (장춘 → 창춘) is shown, never applied, as it may be meant
    (a historic name, a quotation).
    """

    code = "kozh/base"
    default_severity = Severity.WARNING

    def check(self, document, index, context) -> Iterator[Finding]:
        base = context.base
        if base is None:
            return
        memo = index.__dict__.setdefault("_base_verdicts", {})
        if len(memo) > 100_000:
            memo.clear()
        hits = []
        for stem in context.hangul_stems:
            key = (stem, id(base))
            hit = memo.get(key, False)
            if hit is False:
                hit = memo[key] = self._candidate(stem, base, index)
            if hit is not None:
                hits.append((stem, hit))
        if not hits:
            return
        found = []
        for stem, (name_part, names) in hits:
            starts = context.positions_of(stem)
            if is_common_word(name_part) and stem == name_part:
                # a word too (절강, 소주): reported only with its suffix (절강성), or, for a place,
                # after the place it lies in (후난성 장사)
                within = all(n.kind == "place" for n in names)
                starts = [
                    at for at in starts
                    if within and base.place_precedes(document.text, at)
                ]
            if not starts:
                continue
            suggestions = set()
            for name in names:
                era = "modern" if name.kind in ("person", "place") else None
                verdict = context.nonstandard_form(name_part, name.zh, era=era)
                if verdict is None:
                    continue
                suggestion, confident = verdict
                if suggestion != name.korean and context.judge(name.korean, name.zh, era).verdict == "standard":
                    # both standard by the judge (헤이룽강, 헤이룽장 for 黑龙江): the base glossary's form
                    suggestion, confident = name.korean, False
                suggestions.add((suggestion, confident, name.zh, name.korean))
            if len({s[0] for s in suggestions}) != 1:
                continue  # not off the standard, or two names read alike: say nothing
            suggestion, confident, zh, korean = sorted(suggestions)[0]
            text = document.text
            for start in starts:
                if inside_brackets(text, start):
                    continue  # a gloss (후베이성(호북성)), not a use
                end = start + len(name_part)
                found.append(context.finding(
                    self, start, end,
                    f"{name_part} is {zh} ({korean}) written off the standard rendering: write {suggestion}",
                    suggestions=(suggestion,), replacement=suggestion, safe=confident,
                ))
        yield from sorted(found, key=lambda f: (f.start, f.end))

    @staticmethod
    def _candidate(stem: str, base, index):
        """``(the name part of stem, base names it may be off)`` or None."""
        # each part the name may be, with the suffix the place's own names must then carry
        suffix_of: dict[str, str | None] = {stem: None}
        if stem[-1] in SUFFIXES and len(stem) > 2:
            suffix_of[stem[:-1]] = stem[-1]  # 장춘시
        division = _division_prefix(stem)
        compound = division or _name_before_word(stem, base)
        if compound:
            suffix_of.setdefault(compound, stem[len(compound)] if division else None)  # 장춘시정부, 광동정부
        for part, suffix in suffix_of.items():
            if index.is_known(part) or base.knows(part) or part in base.quiet:
                return None
            if part == compound and is_common_word(part):
                continue  # 무한시공간 is no 武汉: only a name that is no word leads a compound
            names = list(base.by_sino.get(part, ()))
            if len(part) >= MISSPELT_SYLLABLES or (len(part) == 2 and (suffix is not None or not is_common_word(part))):
                for key in pinyin_keys(part):
                    names.extend(n for n in base.by_korean.get(standard_spelling(key), ()) if n.level != "county")
            names = [n for n in names if n.rule == "translit" and index.entry_for_zh(n.zh) is None]
            if suffix is not None:
                # the suffix kept must be one the place's own names carry: 장사성 is not 长沙 (市, 县)
                names = [n for n in names if suffix in base.suffixes.get(n.zh, ())]
            if names:
                return part, tuple(dict.fromkeys(names))
        return None


COMPOUND_REST = 2
"""Syllables a glued compound needs after a division's suffix (장춘시정부, 길림성당위) for its
leading name to be judged."""


def _division_prefix(stem: str) -> str | None:
    """The place name leading a compound glued to its suffix, as Korean-Chinese papers write
    institutions (장춘시정부 → 장춘, 길림성문화관광청 → 길림), or None."""
    for at in range(2, min(len(stem) - COMPOUND_REST, 5)):
        if stem[at] in SUFFIXES:
            return stem[:at]
    return None


KOREAN_PLACES = frozenset("영주 사천 양산 해남 함양".split())
"""Korean cities and counties whose names are also the Sino-Korean reading of a Chinese province or
city (영주 永州, 사천 四川, 해남 海南): glued to a Korean word (영주시청, 해남지역) they are Korea's."""


def _name_before_word(stem: str, base) -> str | None:
    """The Sino-Korean reading of a province or city glued to a Korean word after it (광동정부,
    항주이동: a word Kiwi knows, of two syllables or more), or None."""
    for at in range(2, min(len(stem) - COMPOUND_REST, 4) + 1):
        name = stem[:at]
        if name in base.by_sino and name not in KOREAN_PLACES and is_ordinary_word(stem[at:]):
            return name
    return None

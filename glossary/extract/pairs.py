"""Finding glossed term pairs — a Korean or Latin name followed by its Chinese — in a Document.

The forms found (all on one line):

* ``창저우(常州)``, ``허페이시 (合肥市)``, full-width ``（）``;
* Latin names: ``GAC GROUP(广汽集团)``, lists ``BAIC(北汽), CATL(宁德时代)``;
* a gloss after the Chinese: ``전정특신(專精特新, 전문화·…)``, ``JBD(Jade Bird Display, 上海…公司)``;
* labelled glosses: ``자금성(중국어 간체자: 紫禁城, 병음: Zǐjìnchéng)``, ``상하이(상해, 중국어: 上海)``;
* people with a title in brackets: ``장원타오[张文涛, …연구소(…研究院) 원장]``;
* Korean and Chinese run together inside a parenthesis: ``(청두•쑤이닝遂宁)``;
* a term in quotes or title marks: ``‘쌍순환’(双循环)``, ``《인민일보》(人民日报)``.

Where the term starts is decided by how well each candidate renders the Chinese
(``glossary.translit.judge.judge``): ``광저우시 판위창롱국제컨벤션센터(番禺长隆…)`` gives the
centre, not the city. Without the judge, simpler rules decide.

Work per bracket is bounded (contents over :data:`MAX_GROUP` characters and left
context over :data:`MAX_LEFT` characters are never read), so the scan is linear in
the document size whatever the nesting.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import asdict, dataclass
from typing import Iterator

from . import chinese_words
from ..text import korean
from ..translit.base import base_glossary
from ..translit.hanzi import lexicon_entries
from ..translit.judge import generic_words, judge
from .kinds import TITLES, classify, is_sino_rendering, likely_person_name, title_in
from ..sources.document import Document
from ..text.normalize import HAN, QUOTATION_MARKS, has_han, has_hangul, is_han, is_hangul, to_simplified
from ..text.normalize import HAN_CHAR as _HAN

MAX_GROUP = 300  # longest bracket content read; a gloss is short, a 10,000-deep nest is not
MAX_LEFT = 80  # how far left of a bracket a term may start
MAX_ZH = 40  # longest Chinese side

_OPENERS = {"(": ")", "（": "）", "[": "]", "［": "］"}
_SHAPE = {"(": "(", "（": "(", ")": "(", "）": "(", "[": "[", "［": "[", "]": "[", "］": "["}
"""A bracket's shape whatever its width: '스난 구 （市南区)' opens full-width and closes half-width."""
_BRACKET = re.compile(r"[()（）\[\]［］]")
_LINE_BREAK = re.compile(r"[\r\n]")
_HANGUL = re.compile(r"[\uac00-\ud7a3]")
_GLUED_SENTENCE_END = re.compile(r"^.*[\uac00-\ud7a3][.!?。](?=[\uac00-\ud7a3])")  # '했다.전전'
_SYLLABLE_AFTER_SYLLABLE = re.compile(r"(?<=[\uac00-\ud7a3])[\uac00-\ud7a3]")  # where a Korean word may be cut
_BRACKET_OR_SEPARATOR = re.compile(r"[()（）\[\]［］,，;；]")  # what _split_top looks at
_LABEL = re.compile(r"^([^:：]{1,16})[:：]\s*(.*)$", re.S)
_NUMBERISH = re.compile(r"^[\d\s.,~\-–/:년월일세기%]*$")
_RUN_TOGETHER = re.compile(
    r"([\uac00-\ud7a3]{1,12})([\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]{1,12})"
)
_RUN_ITEM_SPLIT = re.compile(r"[•·・,，/、]")
# Korean press often writes its middle dot as ㆍ (U+318D) or a full stop: '張茵ㆍ49억달러', '張茵.49.사진'
_INNER_SPLIT = re.compile(r"\s*[•·・/ㆍ.]\s*")
_AGE_AFTER_DOT = re.compile(r"\s*[·•・ㆍ]\s*\d{1,3}세?$")  # '런정페이(任正非·74)': the age, not the name
_DASH_NOTE = re.compile(r"\s+[-–—]\s*|\s*[–—]\s+")
# In reversed text: a run of the characters a term may hold (Hangul, ASCII letters and digits,
# the joiners & . - ' + and the full-width range Ａ..ｚ), then the blanks before it: one space
# (or the blanks left by markup) between words of a name, never a tab, at most three.
_WORD_AND_GAP = re.compile(r"([\uac00-\ud7a3A-Za-z0-9&.\-'+\uff21-\uff5a]+)( {0,3})")
# The letters (str.isalpha) among those characters.
_TERM_LETTER = re.compile(r"[\uac00-\ud7a3A-Za-z\uff21-\uff3a\uff41-\uff5a]")
# Latin words: ASCII or full-width (Ａ..ｚ) characters, and the letters among them.
_LATIN_CHARS = re.compile(r"[\x00-\x7f\uff21-\uff5a]*")
_LATIN_LETTER = re.compile(r"[A-Za-z\uff21-\uff3a\uff41-\uff5a]")
_LEADING_NUMBER = re.compile(r"^\d{1,3}[.)](?=\D)")
# What a zh side may hold: Han, and besides Han digits, Latin letters, spaces, dots and dashes
# ('中国制造2025', 'TCL科技', '阿里·巴巴').
_ZH_CHARS = re.compile(rf"[{HAN} 0-9A-Za-z·•・&.\-]+")
_CLOSE_QUOTES = {close: open_ for open_, close in QUOTATION_MARKS.items()} | {
    "]": "[", "》": "《", "〉": "〈", ">": "<", "」": "「", "』": "『",
}
_FOOTNOTE_MARKS = "*†‡¹²³⁴⁵⁶⁷⁸⁹⁰"
_LATIN_CONNECTORS = {"and", "of", "the", "de", "&", "for", "&amp;"}
# A footnote mark and the word it marks ('신싼반*'), matched in the reversed text so that the
# search only starts at a '*': the mark, not followed in the text by another mark or a bracket
# ('**' emphasis, '창저우*(常州)'), then the word backwards: a letter and up to 20 letters or digits.
_MARK_AND_WORD_BACKWARDS = re.compile(r"\*(?<![*(（]\*)([\uac00-\ud7a3A-Za-z0-9]{0,20}[\uac00-\ud7a3A-Za-z])")

# A whole token that is a generic head noun needs the name before it: '푸단 대학(复旦大学)',
# 'GAC 연구소(广汽研究院)'.
HEAD_NOUNS = frozenset(
    """대학 대학교 연구소 연구원 연구센터 실험실 그룹 센터 은행 회사 유한회사 위원회 협회 공사 단지
    재단 학원 병원 박물관 거래소 증권 펀드 캐피탈 테크놀로지 공장 호텔 공원 광장 빌딩 타워 신구 항""".split()
)
# A head noun that translates the end of the Chinese, a kind of speech or style: the name before it
# and the head are the term, however the name alone would align ('사오저우 방언(韶州土語)',
# '신당 양식(新唐风)', '고문화 거리(古文化街)').
TRANSLATED_HEADS = frozenset("방언 사투리 양식 요리 거리 궁전".split())
_HEADS = HEAD_NOUNS | TRANSLATED_HEADS
_GENERIC_SYLLABLES = korean.PLACE_SUFFIXES | frozenset("촌 강 산 호 섬".split())
"""One-syllable words that say what a place is (시, 강, 산): no two-character name alone."""
_PLACE_WORD_BEFORE_BRACKET = re.compile(
    rf"\s*(?:{'|'.join(sorted(_GENERIC_SYLLABLES))}|자치주|자치구)\s*[(\[（［]"
)
_PLACE_WORD_AFTER_BRACKET = re.compile(r"\s?(?:지역|지구|일대|구역|마을|동네|지방)(?:[은는이가을를의에도와과로]|(?![가-힣]))")
"""A word right after the bracket that says the name is a place ('명렴(明廉)지역은')."""
# A trailing token naming a channel, not the thing: '광저우판위홍보 위챗계정(广州番禺发布)'.
_DESCRIPTOR = re.compile(r"(?:계정|홈페이지|사이트|블로그|채널)$")
# Endings that mark a Korean word as inflected or followed by a particle ('…에서 연구소').
_BOUND_ENDINGS = set("은는을를에의와과로도서며고다면여해게지써된한할던던데")
_PARTICLES = korean.PARTICLES | {"님"}  # and the honorific after a title: 사장님
_PARTICLE_LENGTHS = sorted({len(p) for p in _PARTICLES}, reverse=True)  # longest first

@dataclass(frozen=True)
class Pair:
    """One glossed occurrence: a term and the Chinese written next to it.

    Attributes:
        term: The Korean or Latin side as written, edges trimmed.
        zh: The Chinese as written.
        kind: person, place, org, company, media, concept or other.
        gloss: Extra gloss text from the bracket (a full English name, a Korean
            alternative, an explanation), or None.
        path: The document's path.
        line: 1-based line of the term's first character.
        column: 1-based column (characters) of the term's first character.
        end_line: Line of the position just after the term.
        end_column: Column just after the term's last character (exclusive end).
        context: About 60 characters around the pair, on one line.
    """

    term: str
    zh: str
    kind: str
    gloss: str | None
    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    context: str

    def to_dict(self) -> dict:
        """The pair as a plain dict (JSON-ready)."""
        return asdict(self)


# ---------------------------------------------------------------------------
# the judge (it keeps the one cache of judgements)


def _judged(korean: str, chinese: str) -> tuple[str, float, float]:
    """(verdict, coverage, score) of the judge."""
    j = judge(korean, chinese)
    return j.verdict, float(j.coverage), float(j.score)


# ---------------------------------------------------------------------------
# scanning


def _groups(text: str) -> Iterator[tuple[int, int]]:
    """Yield (open, close) offsets of matched brackets, one line at a time, in order of closing.

    A stray closer is ignored; a closer that skips at most two unclosed openers
    ('(a [b)') closes the nearest opener of its own type.
    """
    stack: list[tuple[str, int]] = []
    after_previous = 0  # offset just after the previous bracket
    for m in _BRACKET.finditer(text):
        ch = m.group()
        pos = m.start()
        # nothing stays open across a line break (looked for only when something is open
        # and there is text since the previous bracket)
        if stack and pos > after_previous and _LINE_BREAK.search(text, after_previous, pos):
            stack.clear()
        after_previous = pos + 1
        if ch in _OPENERS:
            stack.append((ch, pos))
        else:
            want = _SHAPE[ch]
            for depth in range(1, min(3, len(stack)) + 1):
                if _SHAPE[stack[-depth][0]] == want:
                    opener = stack[-depth][1]
                    del stack[-depth:]
                    if pos - opener - 1 <= MAX_GROUP:
                        yield opener, pos
                    break


def _split_top(content: str) -> list[tuple[int, str]]:
    """Split bracket content at top-level commas/semicolons: [(offset in content, segment)]."""
    if not _BRACKET_OR_SEPARATOR.search(content):
        return [(0, content)]
    out: list[tuple[int, str]] = []
    depth = 0
    start = 0
    for m in _BRACKET_OR_SEPARATOR.finditer(content):
        ch = m.group()
        if ch in "([（［":
            depth += 1
        elif ch in ")]）］":
            depth = max(0, depth - 1)
        elif depth == 0:
            out.append((start, content[start : m.start()]))
            start = m.end()
    out.append((start, content[start:]))
    return out


def _is_zh(segment: str) -> bool:
    """True when the segment is a Chinese name: Han plus digits/Latin/dots, no Hangul, short."""
    s = segment.strip()
    if not s or len(s) > MAX_ZH or not _ZH_CHARS.fullmatch(s):
        return False
    han = len(_HAN.findall(s))
    return han > 0 and han * 2 >= len(s) - s.count(" ")


def _strip_particle(word: str) -> str:
    """The word without its longest particle ending, keeping at least two characters."""
    for n in _PARTICLE_LENGTHS:
        if len(word) - n >= 2 and word[-n:] in _PARTICLES:
            return word[:-n]
    return word


def _is_latin_token(tok: str) -> bool:
    """True for a word of ASCII or full-width Latin characters holding at least one letter."""
    return _LATIN_CHARS.fullmatch(tok) is not None and _LATIN_LETTER.search(tok) is not None


@dataclass
class _Tok:
    start: int
    end: int
    word: str


def _tokens_before(text: str, end: int, line_start: int) -> list[_Tok]:
    """Space-separated runs of term characters ending at ``end`` (rightmost last)."""
    toks: list[_Tok] = []
    limit = max(line_start, end - MAX_LEFT)
    # the readable window reversed, so that the words are matched right to left
    backwards = text[limit:end][::-1]
    walked = 0
    for run in _WORD_AND_GAP.finditer(backwards):
        if run.start() != walked:
            break  # the next word does not follow at once (a tab, a fourth blank, punctuation)
        walked = run.end()
        start, stop = end - run.end(1), end - run.start()
        word = text[start:stop]
        # '1.산업정보화부' (a list number glued on by PDF conversion): the walk ends there
        if word[0] in "0123456789":
            number = _LEADING_NUMBER.match(word)
            if number:
                start += number.end()
                word = word[number.end() :]
                if _TERM_LETTER.search(word):
                    toks.append(_Tok(start, stop, word))
                break
        # '성장했다.전전': a sentence end glued on by PDF conversion; the word starts after it
        sentence_end = _GLUED_SENTENCE_END.search(word)
        if sentence_end:
            start += sentence_end.end()
            word = word[sentence_end.end() :]
            if word and _TERM_LETTER.search(word):
                toks.append(_Tok(start, stop, word))
            break
        # leading dots and joiners, trailing joiners
        if word[0] in ".-&'+":
            stripped = word.lstrip(".-&'+")
            start += len(word) - len(stripped)
            word = stripped
        if word and word[-1] in "-&'+":
            stripped = word.rstrip("-&'+")
            stop -= len(word) - len(stripped)
            word = stripped
        if word:
            if not _TERM_LETTER.search(word):
                break  # a number is never part of a term, nor is anything left of it
            toks.append(_Tok(start, stop, word))
            if len(toks) == 6:
                break
        if run.start(2) == run.end(2):
            break  # no blank: the word is glued to whatever is left of it
    toks.reverse()
    return toks


def _bound(word: str) -> bool:
    """True when a Korean word ends in a particle or verb ending (so it is not part of a name)."""
    return bool(word) and is_hangul(word[-1]) and word[-1] in _BOUND_ENDINGS


def _choose_hangul(text: str, toks: list[_Tok], zh: str) -> tuple[int, int] | None:
    """Pick the term's span among the words before a bracket (Hangul mode)."""
    last = len(toks) - 1
    end_i = last
    if len(toks) >= 2 and _DESCRIPTOR.search(toks[last].word) and has_hangul(toks[last - 1].word):
        if not _bound(toks[last - 1].word):
            end_i = last - 1
    start_i = end_i
    han = "".join(_HAN.findall(zh))
    # a head noun, or one generic syllable that cannot be a longer name alone (추 강(曲江))
    head = toks[end_i].word in _HEADS or (toks[end_i].word in _GENERIC_SYLLABLES and len(han) >= 2)
    if head and start_i > 0:
        prev = toks[start_i - 1].word
        if _is_latin_token(prev) or (has_hangul(prev) and not _bound(prev)):
            start_i -= 1
    heuristic = toks[start_i].start, toks[end_i].end
    if start_i < end_i and toks[end_i].word in TRANSLATED_HEADS:
        return heuristic

    heuristic_cand = " ".join(text[heuristic[0] : heuristic[1]].split())
    # no other span can beat the heuristic by more than 0.1 when it already scores that near
    # the maximum (1.0), so the other spans need not even be listed
    if _HANGUL.search(heuristic_cand):
        j = _judged(heuristic_cand, han)
        if j is not None and 1.0 <= j[2] + 0.1:
            return heuristic
    cands: dict[tuple[int, int], str] = {heuristic: heuristic_cand}

    def add(s: int, e: int) -> None:
        if e > s and (s, e) not in cands:
            cands[(s, e)] = " ".join(text[s:e].split())

    # the last word is left out only when it says who or what the name is: a title (장원타오
    # 원장(张文涛)) or a generic word (연길 시(延吉), 진령 산맥(秦嶺)); a word of the translation
    # is kept (중국 국가 5A급 여행관광 풍치지구(中國國家5A級旅遊景區))
    ends = {last, end_i, max(0, last - 1)} if _says_what(toks[last].word) else {last, end_i}
    for e_i in ends:
        for k in range(0, min(4, e_i + 1)):
            if _TERM_LETTER.search(toks[e_i - k].word):
                add(toks[e_i - k].start, toks[e_i].end)
    # within the first word: suffixes at syllable boundaries ('광저우시판위구' → '판위구')
    for s, e in list(cands):
        word = text[s:e]
        if " " in word:
            continue  # only inside a single word: '투자협력국 쉰보' must not yield '력국 쉰보'
        # only after a prefix that evidently stands apart: a place with its suffix ('광저우시'), a
        # name the base glossary knows ('베이징'), a word ending ('통해'); otherwise the word is the
        # rendering, misspelt or not (유위츠 for 楡次, 아오베이 for 粵北), and is kept whole
        for cut in _SYLLABLE_AFTER_SYLLABLE.finditer(word, 2, len(word) - 1):
            if _prefix_stands_apart(word[: cut.start()]):
                cands.setdefault((s + cut.start(), e), word[cut.start() :])  # no blanks to normalize
    scored = []
    for (s, e), cand in cands.items():
        if not _HANGUL.search(cand) or (cand in _GENERIC_SYLLABLES and len(han) >= 2):
            continue  # (강 alone for 曲江 renders a part)
        j = _judged(cand, han)
        if j is None:
            continue
        if (s, e) != heuristic and j[0] == "unrelated":
            continue  # a better score from a chance match (국/鞠) is no reason to move the edge
        scored.append(((s, e), cand, j[2]))
    if not scored:
        return heuristic
    best = max(sc for _, _, sc in scored)
    base = next((sc for span, _, sc in scored if span == heuristic), 0.0)
    if best <= base + 0.1:
        return heuristic
    good = [(len(c), span) for span, c, sc in scored if sc >= best - 0.02]
    return min(good)[1]


def _says_what(word: str) -> bool:
    """A word after a name that says who or what it is: a title, a generic word of the lexicon
    (산맥, 자치주, 강), a place suffix, a channel (계정); or no Korean word at all (CEO)."""
    word = _strip_particle(word)
    return (
        title_in([word]) or word in _GENERIC_SYLLABLES or word in generic_words()
        or bool(_DESCRIPTOR.search(word)) or not has_hangul(word)
    )


_PLACE_SUFFIX_SYLLABLES = frozenset("시구성현진주도")


def _prefix_stands_apart(prefix: str) -> bool:
    """True for '광저우시' (a place with its suffix), '베이징' (a name the base glossary knows),
    '통해' (a word ending a missing space glued on: 통해항정) or '시작' (a common noun)."""
    if (prefix[-1] in _PLACE_SUFFIX_SYLLABLES and len(prefix) >= 3) or _bound(prefix):
        return True
    if base_glossary().knows(prefix):
        return True
    # common nouns glued on by a missing space ('시작조우마오화', '우주정거장톈궁'); not an interjection (아오)
    tags = korean.word_tags(prefix)[:-1]
    return bool(tags) and all(t == "NNG" for t in tags) and korean.is_common_word(prefix)


def _left_term(text: str, raw: str, o: int, line_start: int, zh: str) -> tuple[int, int, bool, bool] | None:
    """The term before the bracket at ``o``: (start, end, latin, spaced) or None.

    Blanked markup between term and bracket ('[항저우](https://…)(杭州)') is skipped;
    real spaces count, and more than two mean the bracket is not a gloss of the word.
    """
    p = o
    gap = 0
    limit = max(line_start, o - MAX_LEFT)
    while p > limit and text[p - 1] == " ":
        p -= 1
        if raw[p] in " \u3000":
            gap += 1
    if p <= limit or text[p - 1] == " " or gap > 2:
        return None
    colon = False
    if text[p - 1] in ":：" and gap:
        # '1 전정특신: (專精特新, …)' — a footnote defining its term; taken only on a sure match
        colon = True
        p -= 1
    while p > line_start and text[p - 1] in _FOOTNOTE_MARKS:
        p -= 1
    if p <= line_start:
        return None
    ch = text[p - 1]
    if ch in _CLOSE_QUOTES:
        opener = _CLOSE_QUOTES[ch]
        q = text.rfind(opener, max(line_start, p - 61), p - 1)
        if q < 0:
            return None
        inner = text[q + 1 : p - 1]
        s = q + 1 + (len(inner) - len(inner.lstrip()))
        e = p - 1 - (len(inner) - len(inner.rstrip()))
        word = text[s:e]
        if e <= s or has_han(word) or not any(ch.isalpha() for ch in word) or ch in "'\"" and " " in word.strip() and len(word) > 30:
            return None
        return s, e, _is_latin_token(word.replace(" ", "")), gap > 0
    toks = _tokens_before(text, p, line_start)
    if not toks:
        return None
    if _is_latin_token(toks[-1].word):
        i = len(toks) - 1
        while i > 0:
            w = toks[i - 1].word
            if not _is_latin_token(w) and w != "&":
                break
            if not (w[0].isupper() or w[0].isdigit() or w.lower() in _LATIN_CONNECTORS):
                break
            i -= 1
        while i < len(toks) - 1 and toks[i].word.lower() in _LATIN_CONNECTORS:
            i += 1
        span = (toks[i].start, toks[-1].end)
        latin = True
    else:
        span = _choose_hangul(text, toks, zh)
        latin = False
    if span is None:
        return None
    s, e = span
    if not latin and _added_place_word(text[s:e], zh):
        e -= 1  # '구랑위섬(鼓浪嶼)', '연길시(延吉)': the name is 구랑위, 연길
    if colon:
        term = text[s:e].replace(" ", "")
        j = _judged(term, zh)
        sure = is_sino_rendering(term, zh) or (j is not None and j[0] in ("standard", "sino") and j[1] >= 0.9)
        if latin or not sure:
            return None
    return s, e, latin, gap > 0


def _added_place_word(term: str, zh: str) -> bool:
    """True when a one-word term ends in a place word (섬, 시, 강 …) after a part that already
    renders the whole Chinese: the writer added what the place is, as '연길 시(延吉)' does with a
    space ('구랑위섬(鼓浪嶼)': 구랑위 renders 嶼 too)."""
    han = "".join(_HAN.findall(zh))
    if " " in term or len(term) < 3 or term[-1] not in _GENERIC_SYLLABLES or len(term) - 1 < len(han) or not han:
        return False
    j = _judged(term[:-1], han)
    if j[0] == "nonstandard" and len(term) - 1 == len(han):
        return j[1] >= 1.0  # a misspelt name, a syllable a character, and the place word (멘양시(綿陽))
    return j[0] in ("standard", "sino", "mixed") and j[1] >= 1.0 and j[2] >= 0.99


def _plausible(term: str, zh: str, spaced: bool) -> bool:
    """Reject a Korean term that renders only a small part of a long Chinese name.

    '중국 베이징 (北京方恒假日酒店)': 베이징 names the city, the parenthesis a hotel in it.
    """
    han = len(_HAN.findall(zh))
    if han >= 4:
        syllables = len(_HANGUL.findall(term)) + 2 * sum(1 for w in term.split() if _is_latin_token(w))
        if syllables * 2 < han:
            return False
    if spaced:
        j = _judged(term, zh)
        if j is not None and j[0] != "latin" and j[1] < 0.5:
            return False
    return True


_NOUN_SEEN = 20
"""A jieba dictionary frequency from which a two-character plain noun (tag n) is a word of the
language, not a name someone coined (家世 90, 陪都 60, 策论 32)."""

_EVERYDAY = 5000
"""A jieba dictionary frequency above which a common word is an everyday one (领导 31,739,
自治区 14,344), never a name's only reading (合肥 406, 石壁 599)."""


def _glosses_a_word(term: str, zh: str) -> bool:
    """True when the bracket gives the hanja of an ordinary Korean word rather than a name.

    Asked of renderings that are no transliteration (Sino-Korean, or unrelated) and of one
    syllable for one character (성(省), where both readings agree): Kiwi must
    read the Korean as one common word (수위, 자치구) or a verb (겹쳤다) and jieba the Chinese as
    one common word (首位 m, 自治区 n), so that 연길(延吉), 무한(武漢), 경제일보(经济日报) and
    전정특신(專精特新) stay.
    """
    word = term.replace(" ", "")
    if len(word) > 2 and word.endswith("나라"):
        return False  # a state named as such (명나라(明)), whatever else its character means
    j = _judged(word, zh)
    one_character = len(_HAN.findall(zh)) == 1 and len(term) == 1  # 성(省), 무(亩): both readings agree
    if j is None or (j[0] not in ("sino", "unrelated", "unknown") and not one_character):
        return False
    han = to_simplified("".join(_HAN.findall(zh)))  # jieba's dictionary is simplified (東晉 东晋)
    if len(han) > 1 and base_glossary().lookup(han) is not None:
        return False  # a name the base glossary knows (합비(合肥): Kiwi and jieba also know a noun)
    if j[0] == "sino" and chinese_words.word_class(han) == "t" and len(han) > 1:
        return False  # a period jieba knows by name, read in Sino-Korean: a dynasty (서진(西晉))
    common_chinese = chinese_words.is_common_word(han)
    if j[0] == "sino" and common_chinese and chinese_words.word_frequency(han) >= _EVERYDAY:
        return True  # 영도(領導): an everyday word, whatever else Kiwi knows by its reading (영도, Busan)
    if not korean.is_common_word(word):
        return False
    if len(han) == 3 and not common_chinese and likely_person_name(han):
        return False  # a surname and a two-character given name (贾丽娜), however Kiwi reads 가려나
    if j[0] == "sino" and len(han) == 2 and chinese_words.word_class(han) == "n" and (
        chinese_words.word_frequency(han) >= _NOUN_SEEN
    ):
        return True  # 가세(家世), 폐지(廢紙), 구지(舊址): a common noun read as Korean's own, however Kiwi cuts it
    tags = korean.word_tags(word)[:-1]
    if any(t in ("VV", "VA", "VX") for t in tags):
        return True
    if len(tags) != 1:
        return False  # 경제일보 (经济日报) is two words, a newspaper's name
    # one common word on each side; or a common Korean word that does not even read the Chinese,
    # a translation (집단(民系)), where a name that does not read it is a brand (텐센트, NNP)
    return common_chinese or (
        j[0] == "unrelated" and not chinese_words.word_class(han).startswith(("nr", "ns", "nz", "nt"))
    )


def _generic_or_counted(term: str, zh: str) -> bool:
    """True when the Chinese is only a generic word of the lexicon (自治州, 江, 省), or one
    character after a number (5만호(戶)): neither names anything."""
    han = "".join(_HAN.findall(zh))
    entry = lexicon_entries().get(han) or lexicon_entries().get(to_simplified(han))
    if entry is not None and entry[1] in ("suffix", "geo", "institution"):
        return True
    return len(han) == 1 and term[:1].isdigit()


def _kind_by_dictionary(zh: str) -> str | None:
    """'place' or 'person' when jieba's dictionary knows the whole Chinese as one (长春 ns,
    邓小平 nr), for names the suffix and title rules cannot class (南京, 西湖, 黑龙江)."""
    han = to_simplified("".join(_HAN.findall(zh)))  # jieba's dictionary is simplified (鄧小平)
    if len(han) < 2:
        return None  # one character (江 nr, 金 nr) says too little
    tag = chinese_words.word_class(han)
    if tag == "ns":
        return "place"
    # jieba tags some words nr (双循环): a person also needs a surname and a given name
    return "person" if tag == "nrfg" or (tag in ("nr", "nrt") and likely_person_name(han)) else None


def _renders(term: str, zh: str) -> bool:
    """True when the Korean term reads the Chinese (Sino-Korean or transliterated)."""
    if is_sino_rendering(term, zh):
        return True
    j = _judged(term, zh)
    return j is not None and j[0] not in ("unrelated", "latin")


# ---------------------------------------------------------------------------
# pairs


class _Builder:
    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.text = doc.text
        self.starts = doc._line_starts
        self.pairs: list[tuple[int, int, str, str, str | None, int, bool, bool, bool]] = []

    def line_of(self, pos: int) -> tuple[int, int, int]:
        """The line holding offset ``pos``: (1-based number, start offset, next line's start)."""
        i = bisect_right(self.starts, pos) - 1
        end = self.starts[i + 1] if i + 1 < len(self.starts) else len(self.text)
        return i + 1, self.starts[i], end

    def add(self, s: int, e: int, zh: str, gloss: str | None, after: int, *, person_form=False, latin=False):
        term = " ".join(self.text[s:e].split())
        if not any(map(str.isalpha, term)) or has_han(term):
            return
        if _OTHER_COUNTRY_BEFORE.search(self.text, max(0, s - 12), s):
            return  # 일본의 교토(京都), 대한민국의 서울(漢城): not a Chinese name
        if term in KOREAN_STATES:
            return  # 고구려(高句麗), 발해(渤海): Korea's own history
        if len(term) == 1 and self.text.startswith("씨", after):
            return  # 김(金)씨: a surname, no name
        if _korean_person(term, zh):
            return  # 김구(金九), 윤봉길(尹奉吉): a Korean's name in its own reading
        self.pairs.append((s, e, term, zh, gloss or None, after, person_form, latin, False))


KOREAN_STATES = frozenset("고조선 부여 고구려 백제 신라 가야 발해 고려 조선 대한제국".split())
"""Korea's own historic states: their hanja (高句麗, 渤海) are no Chinese name to render."""

KOREAN_PEOPLE = frozenset(
    """
    김구 윤봉길 안중근 이봉창 안창호 여운형 김규식 이승만 신채호 이동휘 김원봉 지청천 이범석 조소앙
    홍범도 김좌진 이시영 박은식 신규식 이회영 김동삼 나석주 이상설 양기탁 김성숙 유자명 노백린
    """.split()
)
"""Koreans active in China whose names a text glosses in hanja (김구(金九)): Korea's history, as
:data:`KOREAN_STATES`, not a Chinese name to transliterate."""


def _korean_person(term: str, zh: str) -> bool:
    """A Korean's name read as Koreans read it: one of :data:`KOREAN_PEOPLE`, or 金 read 김
    (Chinese 金 is 진, or 금 in Sino-Korean; 김 is the Korean surname), a syllable a character."""
    han = "".join(ch for ch in zh if is_han(ch))
    if not 2 <= len(han) <= 4 or len(term) != len(han):
        return False
    if term[0] == "김" and to_simplified(han[0]) == "金":
        return is_sino_rendering(term[1:], han[1:])
    return term in KOREAN_PEOPLE and is_sino_rendering(term, han)


_OTHER_COUNTRY_BEFORE = re.compile(r"(?<![가-힣])(?:일본|한국|대한민국|북한|베트남)의?\s+$")
"""A country named right before a bracketed name says whose name it is (일본의 교토(京都))."""


_NAME_WORD = re.compile(r"(?<![가-힣])(?:자|호|아명|필명|본명|별명|예명)(?:\([^()]{1,3}\))?[은는]\s+")
"""'자는', '호(號)는', '아명(兒名)은' …: what follows is a name of the person spoken of."""
_LISTED_PAIRS = re.compile(r"(?:[^\s(),]+\([^()]*[\u3400-\u9fff][^()]*\),\s*)*")


def _named_as_name(text: str, line_start: int, s: int) -> bool:
    """The term follows a word that introduces a person's courtesy name, pen name or childhood
    name, directly or after other names listed with theirs (호는 비비(飛飛), 관생(冠生))."""
    head = text[max(line_start, s - 80) : s]
    last = None
    for last in _NAME_WORD.finditer(head):
        pass
    return last is not None and _LISTED_PAIRS.fullmatch(head, last.end()) is not None


COMPANY_WORDS = frozenset("자회사 계열사 모회사 업체 기업 회사 상장사 운영사 제조사 브랜드 그룹사".split())
"""Words that say the name after them is a company ('자회사인 중면국제(中免國際)')."""


def _word_before(text: str, s: int, line_start: int) -> str:
    """The word right before the term on its line ('' when none is)."""
    before = text[max(line_start, s - 12) : s].split()
    return before[-1] if before else ""


def _company_before(text: str, s: int, line_start: int) -> bool:
    """The word right before the term says it is a company (자회사인, 업체, 기업 …)."""
    word = _word_before(text, s, line_start)
    return word in COMPANY_WORDS or (word[-1:] in "인의" and word[:-1] in COMPANY_WORDS)


def _title_near(text: str, s: int, after: int, line_start: int, line_end: int) -> bool:
    """A title right before the term or in the two words after the gloss."""
    if _word_before(text, s, line_start) in TITLES:
        return True
    following = text[after : min(line_end, after + 24)].split()[:2]
    return title_in([_strip_particle(w.strip("·,.\"'”’)")) for w in following])


def extract_pairs(doc: Document) -> list[Pair]:
    """Find every glossed pair in a document.

    Args:
        doc: A Document from :func:`glossary.sources.document.read_document` or
            :func:`glossary.sources.document.document_from_text`.

    Returns:
        Pairs in document order. Never raises on odd text (unbalanced or deep
        brackets, very long lines, binary noise).
    """
    text = doc.text
    b = _Builder(doc)
    for o, c in _groups(text):
        content = text[o + 1 : c]
        if not _HAN.search(content):
            continue
        _, line_start, _ = b.line_of(o)
        try:
            _handle_group(b, text, o, c, content, line_start)
        except RecursionError:  # pragma: no cover - defensive: nothing here recurses deeply
            continue
    b.pairs.sort(key=lambda p: (p[0], p[1]))
    _link_footnote_marks(b)
    return _finish(b)


def _handle_group(b: _Builder, text: str, o: int, c: int, content: str, line_start: int) -> None:
    opener = text[o]
    segments = _split_top(content)
    if opener in "[［":
        # 이름[汉字, 직함…]: a person with a title; the nested (…) pairs are found on their own
        first = segments[0][1].strip()
        if len(segments) >= 2 and 2 <= len(first) <= 5 and all(is_han(ch) or ch in "·•" for ch in first):
            left = _left_term(text, b.doc.raw, o, line_start, first)
            if left and not left[3] and has_hangul(text[left[0] : left[1]]):
                gloss = " ".join(content[segments[1][0] :].split()) or None
                b.add(left[0], left[1], first, gloss, c + 1, person_form=True)
        return
    zh = None
    glosses: list[str] = []
    note = None  # '司馬睿 - 동진[東晉]의 초대 황제': a note after a dash, which may name other Chinese
    for _, seg in segments:
        value = _AGE_AFTER_DOT.sub("", seg.strip())
        m = _LABEL.match(value)
        if m and not has_han(m.group(1)):
            value = m.group(2).strip()
        if zh is None:
            if _is_zh(value):
                zh = value
                continue
            if _HAN.search(value):
                # '字节跳动·ByteDance', '比亚迪·비야디': the Chinese and a gloss joined by a middle dot
                parts = [x.strip() for x in _INNER_SPLIT.split(value)]
                if len(parts) > 1 and _is_zh(parts[0]) and not any(_HAN.search(x) for x in parts[1:]):
                    zh = parts[0]
                    glosses.extend(x for x in parts[1:] if x)
                    continue
                head, *rest = _DASH_NOTE.split(value, maxsplit=1)
                if rest and _is_zh(head):
                    zh, note = head, rest[0]
                    continue
                # '舒淇 서기', '白酒 고량주': the Chinese and a Korean gloss after a space
                head, *rest = value.split(None, 1)
                if rest and _is_zh(head) and has_hangul(rest[0]) and not _HAN.search(rest[0]):
                    zh = head
                    glosses.append(rest[0])
                    continue
        if value and not _NUMBERISH.match(value):
            glosses.append(value)
    if zh is None:
        _run_together(b, text, o, c, content)
        return
    if glosses and (len(glosses) > 3 or any(has_han(g) and not _is_zh(g) for g in glosses)):
        return  # a sentence in brackets, not a gloss
    left = _left_term(text, b.doc.raw, o, line_start, zh)
    if left is None:
        return
    s, e, latin, spaced = left
    if not latin:
        s, e = _quoted_span(text, s, e, o, c, line_start, zh)
    term = " ".join(text[s:e].split())
    if not latin and not _plausible(term, zh, spaced):
        return
    if not latin and len(_HAN.findall(zh)) == 1 and not _renders(term, zh):
        return  # '그는(他)': a single character glosses only a word that reads it (성/省, 무/亩)
    if not latin and len(term) == 1 and len(_HAN.findall(zh)) > 1:
        return  # '조(穀子)': one syllable renders no name of several characters
    if not latin and _glosses_a_word(term, zh):
        return  # '수위(首位)', '자치구(自治區)': the hanja of an ordinary word, not a name
    if not latin and _generic_or_counted(term, zh):
        return  # '자치주(自治州)', '강(江)', '5만호(戶)': a generic word or a count, not a name
    gloss = ", ".join([g for g in glosses if g != zh and not _is_zh(g)] + ([note] if note else [])) or None
    b.add(s, e, zh, gloss, c + 1, latin=latin)


def _run_together(b: _Builder, text: str, o: int, c: int, content: str) -> None:
    """'(청두•쑤이닝遂宁)': Hangul immediately followed by Han inside a bracket item."""
    pos = 0
    for item in _RUN_ITEM_SPLIT.split(content):
        stripped = item.strip()
        m = _RUN_TOGETHER.fullmatch(stripped)
        if m:
            s = o + 1 + pos + (len(item) - len(item.lstrip())) + m.start(1)
            b.add(s, s + len(m.group(1)), m.group(2), None, s + len(stripped))
        pos += len(item) + 1


def _link_footnote_marks(b: _Builder) -> None:
    """'신싼반*' with '* 신싼반(新三板): …' elsewhere: the marked word gets the footnote's Chinese."""
    text = b.text
    if "*" not in text or not b.pairs:
        return
    marks = list(_MARK_AND_WORD_BACKWARDS.finditer(text[::-1]))  # the last mark first
    if not marks:
        return
    known = {}
    for s, e, term, zh, gloss, *_ in b.pairs:
        known.setdefault(term, (zh, gloss))
    taken = {p[0] for p in b.pairs}
    extra = []
    for m in marks:
        start, end = len(text) - m.end(1), len(text) - m.start(1)
        word = text[start:end]
        if word in known and start not in taken:
            zh, gloss = known[word]
            extra.append((start, end, word, zh, gloss, end + 1, False, False, True))
    if extra:
        b.pairs.extend(extra)
        b.pairs.sort(key=lambda p: (p[0], p[1]))


_LIST_GAP = re.compile(r"\s*(?:[,、·•]|와|과|및)\s*")
"""What separates two pairs of one list: '천합광에너지(天合光能), 동방일승(东方日升)'."""


def _kinds_of_lists(pairs: list, kinds: list[str], text: str) -> None:
    """One list, one kind: a pair no cue classes (concept, other) next to a named one in the same
    list takes its neighbour's kind (동방일승(东方日升) after 천합광에너지(天合光能), a company)."""
    named = ("person", "place", "org", "company", "media")
    for i in range(len(pairs)):
        if kinds[i] not in ("concept", "other"):
            continue
        for j in (i - 1, i + 1):
            if not 0 <= j < len(pairs) or kinds[j] not in named:
                continue
            first, second = (pairs[j], pairs[i]) if j < i else (pairs[i], pairs[j])
            if _LIST_GAP.fullmatch(text, first[5], second[0]):
                kinds[i] = kinds[j]
                break


MAX_QUOTED = 40
"""Longest quoted term, in characters, taken whole before its bracket."""


def _quoted_span(text: str, s: int, e: int, o: int, close: int, line_start: int, zh: str) -> tuple[int, int]:
    """The whole quoted phrase when quotation marks hold a translated name and its bracket ('해상
    제일의 산(海上名山第一)', “세계 건축 박람(万国建筑博览)”): the words the writer set apart are
    the term. A span that already renders the Chinese stays (‘중국의 베이징(北京)’ → 베이징)."""
    after = text[close + 1 : close + 2]
    for opener, closer in QUOTATION_MARKS.items():
        if after != closer:
            continue
        q = text.rfind(opener, max(line_start, o - MAX_QUOTED), s)
        inner = text[q + 1 : o] if q >= 0 else ""
        words = inner.split()
        if q < 0 or not words or any(ch in inner for ch in "'\"‘’“”()[],.") or not has_hangul(inner):
            continue
        if len(words) > 4 or _bound(words[-1]):
            break  # a quoted sentence ('경사가 두 번 겹쳤다(雙重喜慶)'), not a name
        verdict, coverage, _ = _judged(text[s:e].replace(" ", ""), zh)
        if verdict != "unrelated" and coverage >= 1.0:
            break  # the words before the bracket render the name by themselves
        return q + 1 + (len(inner) - len(inner.lstrip())), o - (len(inner) - len(inner.rstrip()))
    return s, e


def _quoted(text: str, start: int, after: int) -> bool:
    """The pair stands in quotation marks, term and bracket ('무협(武俠)'): a title or a term, which
    a surname at its start does not make a person (武 of 武俠)."""
    opener = text[start - 1 : start]
    return opener in QUOTATION_MARKS and text[after : after + 1] == QUOTATION_MARKS[opener]


def _finish(b: _Builder) -> list[Pair]:
    doc, text = b.doc, b.text
    out: list[Pair] = []
    kinds: list[str] = []
    lines: list[tuple[int, int, int]] = []  # each pair's line, as Builder.line_of gives it
    for s, e, term, zh, gloss, after, person_form, latin, _marked in b.pairs:
        line = b.line_of(s)
        lines.append(line)
        plain = classify(term, zh, person_form=person_form, title_near=False, latin=latin)
        titled = classify(term, zh, person_form=person_form, title_near=True, latin=latin)
        # the words around are read for a title only when a title would change the kind
        kind = titled if titled != plain and _title_near(text, s, after, line[1], line[2]) else plain
        if kind in ("other", "concept") and not latin and _PLACE_WORD_BEFORE_BRACKET.match(text, e):
            kind = "place"  # '도문 시(圖門)': the writer says what the name is
        if kind in ("other", "concept") and _company_before(text, s, line[1]):
            kind = "company"  # '자회사인 중면국제(中免國際)': so does a word before it
        if kind in ("other", "concept") and not latin and _PLACE_WORD_AFTER_BRACKET.match(text, after):
            kind = "place"  # '명렴(明廉)지역은', '서탑(西塔) 일대': or a word after it
        if kind in ("other", "concept", "place") and not latin and _named_as_name(text, line[1], s):
            kind = "person"  # '자는 상우(翔宇)이고 호는 비비(飛飛), 관생(冠生)': a person's other names
        person_by_text = kind == "person"  # the bracket form, a title or 자는/호는 said so
        if kind in ("other", "concept") and not latin and not _quoted(text, s, after):
            by_dictionary = _kind_by_dictionary(zh)
            han = to_simplified("".join(_HAN.findall(zh)))  # the surnames are simplified (張 张)
            if by_dictionary:
                kind = by_dictionary
            elif likely_person_name(han) and 2 <= len(term) <= 5 and not chinese_words.is_common_word(han):
                kind = "person"  # (白話, a surname and a character, is a word: not a person)
        if not latin and not person_by_text:
            known = base_glossary().lookup(zh)
            if known is not None and known.kind != kind:
                kind = known.kind  # a name the base glossary knows (石家庄 a city, 邓小平 a person)
        kinds.append(kind)
    _kinds_of_lists(b.pairs, kinds, text)
    # one Chinese name, one kind: a title on one mention makes every mention a person
    people = {b.pairs[i][3] for i, k in enumerate(kinds) if k == "person"}
    seen: set[tuple[int, int]] = set()
    for (s, e, term, zh, gloss, after, *_), kind, (line, line_start, line_end) in zip(b.pairs, kinds, lines):
        if (s, e) in seen:
            continue
        seen.add((s, e))
        if zh in people and kind in ("other", "concept"):
            kind = "person"
        end_line, end_line_start = (line, line_start) if e < line_end else b.line_of(e)[:2]
        column, end_column = s - line_start + 1, e - end_line_start + 1
        ctx = " ".join(text[max(line_start, s - 25) : min(line_end, after + 25)].split())
        out.append(Pair(term, zh, kind, gloss, doc.path, line, column, end_line, end_column, ctx))
    return out

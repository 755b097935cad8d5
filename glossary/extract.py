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
(``glossary.hanzi.judge``): ``광저우시 판위창롱국제컨벤션센터(番禺长隆…)`` gives the
centre, not the city. Without the judge, simpler rules decide.

Work per bracket is bounded (contents over :data:`MAX_GROUP` characters and left
context over :data:`MAX_LEFT` characters are never read), so the scan is linear in
the document size whatever the nesting.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import asdict, dataclass
from functools import lru_cache
from typing import Callable, Iterator

from .kinds import TITLES, classify, is_sino_rendering, likely_person_name, title_in
from .sources import Document
from .textnorm import has_han, has_hangul, is_han, is_hangul

MAX_GROUP = 300  # longest bracket content read; a gloss is short, a 10,000-deep nest is not
MAX_LEFT = 80  # how far left of a bracket a term may start
MAX_ZH = 40  # longest Chinese side

_OPENERS = {"(": ")", "（": "）", "[": "]", "［": "］"}
_CLOSERS = {v: k for k, v in _OPENERS.items()}
_BRACKET = re.compile(r"[()（）\[\]［］\r\n]")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
_SEPARATORS = ",，;；"
_LABEL = re.compile(r"^([^:：]{1,16})[:：]\s*(.*)$", re.S)
_NUMBERISH = re.compile(r"^[\d\s.,~\-–/:년월일세기%]*$")
_RUN_TOGETHER = re.compile(
    r"([\uac00-\ud7a3]{1,12})([\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]{1,12})"
)
_RUN_ITEM_SPLIT = re.compile(r"[•·・,，/、]")
_INNER_SPLIT = re.compile(r"\s*[•·・/]\s*")
_LEADING_NUMBER = re.compile(r"^\d{1,3}[.)](?=\D)")
# Characters a zh side may hold besides Han: '中国制造2025', 'TCL科技', '阿里·巴巴'.
_ZH_EXTRA = set("0123456789 ·•・-&.") | set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
_CLOSE_QUOTES = {"]": "[", "’": "‘", "'": "'", "”": "“", '"': '"', "》": "《", "〉": "〈", ">": "<", "」": "「", "』": "『"}
_FOOTNOTE_MARKS = "*†‡¹²³⁴⁵⁶⁷⁸⁹⁰"
_LATIN_CONNECTORS = {"and", "of", "the", "de", "&", "for", "&amp;"}

# A whole token that is a generic head noun needs the name before it: '푸단 대학(复旦大学)',
# 'GAC 연구소(广汽研究院)'.
HEAD_NOUNS = frozenset(
    """대학 대학교 연구소 연구원 연구센터 실험실 그룹 센터 은행 회사 유한회사 위원회 협회 공사 단지
    재단 학원 병원 박물관 거래소 증권 펀드 캐피탈 테크놀로지 공장 호텔 공원 광장 빌딩 타워 신구 항""".split()
)
# A trailing token naming a channel, not the thing: '광저우판위홍보 위챗계정(广州番禺发布)'.
_DESCRIPTOR = re.compile(r"(?:계정|홈페이지|사이트|블로그|채널)$")
# Endings that mark a Korean word as inflected or followed by a particle ('…에서 연구소').
_BOUND_ENDINGS = set("은는을를에의와과로도서며고다면여해게지써된한할던던데")
_PARTICLES = sorted(
    "은 는 이 가 을 를 의 와 과 에 에서 에는 에게 로 으로 도 만 께서 이며 이다 과의 와의 님".split(),
    key=len,
    reverse=True,
)

KINDS = ("person", "place", "org", "company", "media", "concept", "other")


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
# the judge (optional; cached because each new Chinese string costs a dictionary pass)

_JUDGE: list[Callable | None] = []


def _judge_fn() -> Callable | None:
    if not _JUDGE:
        try:
            from .hanzi import judge  # the reading engine; absent in a partial checkout
        except Exception:  # noqa: BLE001 - extraction still works on the simpler rules
            judge = None
        _JUDGE.append(judge)
    return _JUDGE[0]


@lru_cache(maxsize=200_000)
def _judged(korean: str, chinese: str) -> tuple[str, float, float] | None:
    """(verdict, coverage, score) of the judge, or None when no judge is installed."""
    fn = _judge_fn()
    if fn is None:
        return None
    try:
        j = fn(korean, chinese)
    except Exception:  # noqa: BLE001 - a judge failure must not stop extraction
        return None
    return j.verdict, float(j.coverage), float(j.score)


# ---------------------------------------------------------------------------
# scanning


def _groups(text: str) -> Iterator[tuple[int, int]]:
    """Yield (open, close) offsets of matched brackets, one line at a time, in order of closing.

    A stray closer is ignored; a closer that skips at most two unclosed openers
    ('(a [b)') closes the nearest opener of its own type.
    """
    stack: list[tuple[str, int]] = []
    for m in _BRACKET.finditer(text):
        ch = m.group()
        pos = m.start()
        if ch in "\r\n":
            stack.clear()
        elif ch in _OPENERS:
            stack.append((ch, pos))
        else:
            want = _CLOSERS[ch]
            for depth in range(1, min(3, len(stack)) + 1):
                if stack[-depth][0] == want:
                    opener = stack[-depth][1]
                    del stack[-depth:]
                    if pos - opener - 1 <= MAX_GROUP:
                        yield opener, pos
                    break


def _split_top(content: str) -> list[tuple[int, str]]:
    """Split bracket content at top-level commas/semicolons: [(offset in content, segment)]."""
    out: list[tuple[int, str]] = []
    depth = 0
    start = 0
    for i, ch in enumerate(content):
        if ch in "([（［":
            depth += 1
        elif ch in ")]）］":
            depth = max(0, depth - 1)
        elif ch in _SEPARATORS and depth == 0:
            out.append((start, content[start:i]))
            start = i + 1
    out.append((start, content[start:]))
    return out


def _is_zh(segment: str) -> bool:
    """True when the segment is a Chinese name: Han plus digits/Latin/dots, no Hangul, short."""
    s = segment.strip()
    if not s or len(s) > MAX_ZH:
        return False
    han = sum(1 for ch in s if is_han(ch))
    if not han:
        return False
    if any(not is_han(ch) and ch not in _ZH_EXTRA for ch in s):
        return False
    return han * 2 >= len(s.replace(" ", ""))


def _strip_particle(word: str) -> str:
    for p in _PARTICLES:
        if word.endswith(p) and len(word) - len(p) >= 2:
            return word[: -len(p)]
    return word


def _is_term_char(ch: str) -> bool:
    return is_hangul(ch) or (ch.isascii() and (ch.isalnum() or ch in "&.-'+")) or "Ａ" <= ch <= "ｚ"


def _is_latin_token(tok: str) -> bool:
    return all(ch.isascii() or "Ａ" <= ch <= "ｚ" for ch in tok) and any(ch.isalpha() for ch in tok)


@dataclass
class _Tok:
    start: int
    end: int
    word: str


def _tokens_before(text: str, end: int, line_start: int) -> list[_Tok]:
    """Space-separated runs of term characters ending at ``end`` (rightmost last)."""
    toks: list[_Tok] = []
    limit = max(line_start, end - MAX_LEFT)
    p = end
    while p > limit and len(toks) < 6:
        q = p
        while q > limit and _is_term_char(text[q - 1]):
            q -= 1
        if q == p:
            break
        word = text[q:p]
        # '1.산업정보화부' (a list number glued on by PDF conversion) and leading dots/dashes
        m = _LEADING_NUMBER.match(word)
        if m:
            q += m.end()
            word = word[m.end():]
            toks.append(_Tok(q, p, word))
            break
        lead = len(word) - len(word.lstrip(".-&'+"))
        q += lead
        word = word[lead:]
        tail = len(word) - len(word.rstrip("-&'+"))
        if tail:
            word = word[: len(word) - tail]
            p -= tail
        if word:
            toks.append(_Tok(q, p, word))
        # one space (or the blanks left by markup) between words of a name, never a tab
        r = q - lead if lead else q
        s = r
        while s > limit and text[s - 1] == " " and r - s < 3:
            s -= 1
        if s == r or s <= limit:
            break
        p = s
    toks.reverse()
    # a number is never part of a term: keep only the words right of the last bare number
    for i in range(len(toks) - 1, -1, -1):
        if not any(ch.isalpha() for ch in toks[i].word):
            toks = toks[i + 1 :]
            break
    return toks


def _bound(word: str) -> bool:
    """True when a Korean word ends in a particle or verb ending (so it is not part of a name)."""
    return bool(word) and is_hangul(word[-1]) and word[-1] in _BOUND_ENDINGS


def _span(toks: list[_Tok], i: int, j: int) -> tuple[int, int]:
    return toks[i].start, toks[j].end


def _choose_hangul(text: str, toks: list[_Tok], zh: str) -> tuple[int, int] | None:
    """Pick the term's span among the words before a bracket (Hangul mode)."""
    last = len(toks) - 1
    end_i = last
    if len(toks) >= 2 and _DESCRIPTOR.search(toks[last].word) and has_hangul(toks[last - 1].word):
        if not _bound(toks[last - 1].word):
            end_i = last - 1
    start_i = end_i
    if toks[end_i].word in HEAD_NOUNS and start_i > 0:
        prev = toks[start_i - 1].word
        if _is_latin_token(prev) or (has_hangul(prev) and not _bound(prev)):
            start_i -= 1
    heuristic = _span(toks, start_i, end_i)

    if _judge_fn() is None:
        return heuristic
    han = "".join(ch for ch in zh if is_han(ch))
    cands: dict[tuple[int, int], str] = {}

    def add(s: int, e: int) -> None:
        if e > s and (s, e) not in cands:
            cands[(s, e)] = " ".join(text[s:e].split())

    add(*heuristic)
    for e_i in {last, end_i, max(0, last - 1)}:
        for k in range(0, min(4, e_i + 1)):
            if any(ch.isalpha() for ch in toks[e_i - k].word):
                add(*_span(toks, e_i - k, e_i))
    # within the first word: suffixes at syllable boundaries ('광저우시판위구' → '판위구')
    for s, e in list(cands):
        first = text[s:e]
        if " " in first:
            continue  # only inside a single word: '투자협력국 쉰보' must not yield '력국 쉰보'
        for cut in range(1, len(first) - 1):
            if is_hangul(first[cut]) and is_hangul(first[cut - 1]):
                add(s + cut, e)
    # no other span can beat the heuristic by more than 0.1 when it already scores that near
    # the maximum (1.0), so the other spans need no judging
    heuristic_cand = cands[heuristic]
    if has_hangul(heuristic_cand):
        j = _judged(heuristic_cand, han)
        if j is not None and 1.0 <= j[2] + 0.1:
            return heuristic
    scored = []
    for (s, e), cand in cands.items():
        if not has_hangul(cand):
            continue
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
    if colon:
        term = text[s:e].replace(" ", "")
        j = _judged(term, zh)
        sure = is_sino_rendering(term, zh) or (j is not None and j[0] in ("standard", "sino") and j[1] >= 0.9)
        if latin or not sure:
            return None
    return s, e, latin, gap > 0


def _plausible(term: str, zh: str, spaced: bool) -> bool:
    """Reject a Korean term that renders only a small part of a long Chinese name.

    '중국 베이징 (北京方恒假日酒店)': 베이징 names the city, the parenthesis a hotel in it.
    """
    han = sum(1 for ch in zh if is_han(ch))
    syllables = sum(1 for ch in term if is_hangul(ch)) + 2 * sum(
        1 for w in term.split() if _is_latin_token(w)
    )
    if han >= 4 and syllables * 2 < han:
        return False
    if spaced:
        j = _judged(term, zh)
        if j is not None and j[0] != "latin" and j[1] < 0.5:
            return False
    return True


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

    def line_bounds(self, pos: int) -> tuple[int, int]:
        i = bisect_right(self.starts, pos) - 1
        start = self.starts[i]
        end = self.starts[i + 1] if i + 1 < len(self.starts) else len(self.text)
        return start, end

    def add(self, s: int, e: int, zh: str, gloss: str | None, after: int, *, person_form=False, latin=False):
        term = " ".join(self.text[s:e].split())
        if not term or not any(ch.isalpha() for ch in term) or has_han(term):
            return
        self.pairs.append((s, e, term, zh, gloss or None, after, person_form, latin, False))


def _title_near(text: str, s: int, after: int, line_start: int, line_end: int) -> bool:
    """A title right before the term or in the two words after the gloss."""
    following = text[after : min(line_end, after + 24)].split()[:2]
    words = [_strip_particle(w.strip("·,.\"'”’)")) for w in following]
    before = text[max(line_start, s - 12) : s].split()
    if before and before[-1] in TITLES:
        return True
    return title_in(words)


def extract_pairs(doc: Document) -> list[Pair]:
    """Find every glossed pair in a document.

    Args:
        doc: A Document from :func:`glossary.sources.read_document` or
            :func:`glossary.sources.document_from_text`.

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
        line_start, line_end = b.line_bounds(o)
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
    for _, seg in segments:
        value = seg.strip()
        m = _LABEL.match(value)
        if m and not has_han(m.group(1)):
            value = m.group(2).strip()
        if zh is None and not _is_zh(value) and _HAN.search(value):
            # '字节跳动·ByteDance', '比亚迪·비야디': the Chinese and a gloss joined by a middle dot
            parts = [x.strip() for x in _INNER_SPLIT.split(value)]
            if len(parts) > 1 and _is_zh(parts[0]) and not any(_HAN.search(x) for x in parts[1:]):
                zh = parts[0]
                glosses.extend(x for x in parts[1:] if x)
                continue
        if zh is None and _is_zh(value):
            zh = value
        elif value and not _NUMBERISH.match(value):
            glosses.append(value)
    if zh is None:
        _run_together(b, text, o, c, content)
        return
    if len(glosses) > 3 or any(has_han(g) and not _is_zh(g) for g in glosses):
        return  # a sentence in brackets, not a gloss
    left = _left_term(text, b.doc.raw, o, line_start, zh)
    if left is None:
        return
    s, e, latin, spaced = left
    term = " ".join(text[s:e].split())
    if not latin and not _plausible(term, zh, spaced):
        return
    if not latin and sum(1 for ch in zh if is_han(ch)) == 1 and not _renders(term, zh):
        return  # '그는(他)': a single character glosses only a word that reads it (성/省, 무/亩)
    gloss = ", ".join(g for g in glosses if g != zh and not _is_zh(g)) or None
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
    known = {}
    for s, e, term, zh, gloss, *_ in b.pairs:
        known.setdefault(term, (zh, gloss))
    if not known:
        return
    taken = {p[0] for p in b.pairs}
    extra = []
    for m in re.finditer(r"([\uac00-\ud7a3A-Za-z][\uac00-\ud7a3A-Za-z0-9]{0,20})\*(?![*(（])", b.text):
        word = m.group(1)
        if word in known and m.start(1) not in taken:
            zh, gloss = known[word]
            extra.append((m.start(1), m.end(1), word, zh, gloss, m.end(), False, False, True))
    if extra:
        b.pairs.extend(extra)
        b.pairs.sort(key=lambda p: (p[0], p[1]))


def _finish(b: _Builder) -> list[Pair]:
    doc, text = b.doc, b.text
    out: list[Pair] = []
    kinds: list[str] = []
    for s, e, term, zh, gloss, after, person_form, latin, _marked in b.pairs:
        line_start, line_end = b.line_bounds(s)
        near = _title_near(text, s, after, line_start, line_end)
        kind = classify(term, zh, person_form=person_form, title_near=near, latin=latin)
        if kind in ("other", "concept") and not latin and likely_person_name(zh) and 2 <= len(term) <= 5:
            kind = "person"
        kinds.append(kind)
    # one Chinese name, one kind: a title on one mention makes every mention a person
    people = {b.pairs[i][3] for i, k in enumerate(kinds) if k == "person"}
    seen: set[tuple[int, int]] = set()
    for (s, e, term, zh, gloss, after, *_), kind in zip(b.pairs, kinds):
        if (s, e) in seen:
            continue
        seen.add((s, e))
        if zh in people and kind in ("other", "concept"):
            kind = "person"
        line, col = doc.line_col(s)
        end_line, end_col = doc.line_col(e)
        line_start, line_end = b.line_bounds(s)
        ctx = " ".join(text[max(line_start, s - 25) : min(line_end, after + 25)].split())
        out.append(Pair(term, zh, kind, gloss, doc.path, line, col, end_line, end_col, ctx))
    return out

"""Judge a Korean rendering of a Chinese name: standard, Sino-Korean, mixed, non-standard or unrelated.

The Korean string is aligned to the Chinese characters by dynamic programming. Each character
(or lexicon word) consumes Korean syllables as

* ``standard`` — the official transliteration of any of its readings (周 저우, 长 창 or 장);
* ``sino`` — its Sino-Korean reading (国 국), with the initial-sound law at word start;
* ``translation`` — a lexicon translation (会展中心 컨벤션센터);
* ``near`` — a non-standard spelling of the same sound (조우 for 周 저우), found by comparing
  jamo strings with rapidfuzz;
* ``misread`` — in a transliterated name, another syllable at a character's place (쉰 for 鞠 쥐
  in 쉰보): the verdict is ``unknown`` (not a spelling of the same sound, so no evidence that a
  look-alike word is the name), with a suggestion that is never applied unasked;

and Korean syllables aligned to nothing are ``other``. Which reading is right depends on the
referent (외래어 표기법 제4장): modern people and places are transliterated, people before 1911
and historic places take the Sino-Korean reading; ``era`` says which applies.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path

from glossary.diskmemo import DiskMemo, library_stamp
from glossary.translit import hanzi
from glossary.translit.spellings import deviations
from glossary.text.korean import decompose, initial_sound_law
from glossary.text.normalize import fold_width, is_han, is_hangul

VERDICTS = ("standard", "sino", "mixed", "unknown", "nonstandard", "latin", "unrelated")

# Longest inputs the aligner takes; longer strings are not one name.
MAX_HAN = 80
MAX_HANGUL = 160

# DP costs: an exact reading costs (almost) nothing, a near spelling less than leaving the
# character and its syllables unaligned, so a near part is always preferred to a gap.
_SKIP_HAN = 1.0
_SKIP_KO = 0.6
_NEAR_BASE = 0.35
_NEAR_MAX = 0.34  # largest class-level jamo distance still called near
_EPS = 0.01

# Generic words that follow a single character: a river, lake or mountain (岷江 민강), a people
# (瑶族 야오족).
_AFTER_ONE_CHARACTER = {"江", "河", "山", "湖", "族"}

# Lexicon kinds whose words may be Sino-Korean or translated in any verdict.
_GENERIC = {"suffix", "institution", "geo"}


@dataclass(frozen=True)
class Part:
    """One aligned piece of the Korean rendering.

    Attributes:
        korean: the Korean syllables of this piece.
        chinese: the Chinese characters it renders ('' for ``other``).
        label: 'standard', 'sino', 'near', 'misread', 'translation' or 'other'.
        standard: the standard spelling of this piece ('' for translation/other); for ``near``
            the transliteration it approximates, for ``misread`` the one it replaces, for
            ``sino`` the reading itself.
        generic: the piece is a generic suffix or institutional word (市, 研究院), which may be
            Sino-Korean or translated in any verdict.
    """

    korean: str
    chinese: str
    label: str
    standard: str = ""
    generic: bool = False


@dataclass(frozen=True)
class Judgement:
    """The verdict on one Korean rendering of a Chinese term.

    Attributes:
        korean, chinese: the inputs.
        verdict: one of standard, sino, mixed, nonstandard, latin, unrelated.
        suggestion: the standard form when it differs from the input (near parts replaced; for a
            Sino-Korean rendering of a modern name, the transliteration; for a transliterated
            historic name, the Sino-Korean reading), else None.
        parts: the alignment.
        coverage: share of the Chinese characters accounted for (0..1).
        score: how well the Korean renders the Chinese overall (0..1).
        ok: the rendering is acceptable for the era (standard, or sino where allowed).
        confident: the suggestion is certain enough to apply without asking: every syllable
            it changes is a misspelling of a reading the whole name fixes.
    """

    korean: str
    chinese: str
    verdict: str
    suggestion: str | None
    parts: tuple[Part, ...]
    coverage: float
    score: float
    ok: bool = False
    confident: bool = False

    def to_dict(self) -> dict:
        """A JSON-ready dict (parts as a list of dicts)."""
        d = asdict(self)
        d["parts"] = [asdict(p) for p in self.parts]
        return d


# --- jamo ---------------------------------------------------------------------------------

# Initial consonants (19) and finals (28) as (exact symbol, class symbol); the class merges
# sounds Korean spellings of Chinese confuse: plain/aspirated/tense stops, ㅅ/ㅆ, final ㄱ/ㅇ.
_CHO = [
    ("g", "K"), ("kk", "K"), ("n", "N"), ("d", "T"), ("tt", "T"), ("r", "L"), ("m", "M"),
    ("b", "P"), ("pp", "P"), ("s", "S"), ("ss", "S"), ("", ""), ("j", "C"), ("jj", "C"),
    ("ch", "C"), ("k", "K"), ("t", "T"), ("p", "P"), ("h", "H"),
]
# Vowels decomposed into glide + base so that 룡 (r-y-o-ng) is near 룽 (r-u-ng); the rounded
# ㅗ/ㅜ share a class (롱 for 룽, 통 for 퉁).
_JUNG = [
    ("a", "A"), ("ae", "E"), ("ya", "yA"), ("yae", "yE"), ("eo", "O"), ("e", "E"), ("yeo", "yO"),
    ("ye", "yE"), ("o", "U"), ("wa", "wA"), ("wae", "wE"), ("oe", "wE"), ("yo", "yU"), ("u", "U"),
    ("wo", "wO"), ("we", "wE"), ("wi", "wI"), ("yu", "yU"), ("eu", "U"), ("ui", "UI"), ("i", "I"),
]
_JONG_CLASS = {0: "", 1: "G", 4: "N", 8: "L", 16: "M", 17: "B", 21: "G"}  # ㄱ ㄴ ㄹ ㅁ ㅂ ㅇ


def _syllable_symbols(syl: str) -> tuple[list[str], list[str]]:
    cho, jung, jong = decompose(syl)
    exact: list[str] = []
    cls: list[str] = []
    ce, cc = _CHO[cho]
    if ce:
        exact.append(ce)
        cls.append(cc)
    ve, vc = _JUNG[jung]
    # glides count as one symbol each, the base vowel as another
    if ve[0] in "yw" and len(ve) > 1:
        exact += [ve[0], ve[1:]]
    else:
        exact.append(ve)
    cls += list(vc) if vc not in ("UI",) else ["U", "I"]
    if jong:
        exact.append(f"_{jong}")
        cls.append(_JONG_CLASS.get(jong, f"_{jong}"))
    return exact, cls


@lru_cache(maxsize=65536)
def sound_symbols(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Hangul syllables → (exact jamo symbols, sound-class symbols).

    >>> sound_symbols("저우")[0], sound_symbols("롱")[1] == sound_symbols("룽")[1]
    (('j', 'eo', 'u'), True)
    """
    exact: list[str] = []
    cls: list[str] = []
    for syl in text:
        if is_hangul(syl):
            e, c = _syllable_symbols(syl)
            exact += e
            cls += c
    return tuple(exact), tuple(cls)


@lru_cache(maxsize=262144)
def _near_distance(korean: str, standard: str) -> float | None:
    """Normalised class-level distance when korean is a near spelling of standard, else None."""
    if korean == standard:
        return None
    if _glide_dropped(korean, standard):
        return _NEAR_MAX  # 추 for 취 (曲 qu), 두 for 둬 (朵 duo)
    from rapidfuzz.distance import Levenshtein

    ke, kc = sound_symbols(korean)
    se, sc = sound_symbols(standard)
    if not kc or not sc or kc[0] != sc[0]:
        return None  # the first sound must agree (카오/가오 share the class K)
    d_cls = Levenshtein.normalized_distance(kc, sc)
    if d_cls > _NEAR_MAX:
        return None
    d_exact = Levenshtein.normalized_distance(ke, se)
    return 0.5 * d_cls + 0.5 * d_exact


_TENSE_PAIRS = {(9, 10), (10, 9), (12, 13), (13, 12)}  # ㅅ/ㅆ, ㅈ/ㅉ: the tense rule of 쓰, 쯔 (initial indices)


def _same_initials(korean: str, standard: str) -> bool:
    """Each syllable starts with the standard's consonant, or its plain or tense twin (스 for 쓰,
    즈 for 쯔: the rule's tense consonants, a habit of spelling). 궁 for 쿵 is another consonant,
    which may be the Chinese mistyped (恐俐 for 巩俐 궁리) as well as the Korean: never certain."""
    for a, b in zip(korean, standard):
        if not (is_hangul(a) and is_hangul(b)):
            continue
        x, y = decompose(a)[0], decompose(b)[0]
        if x != y and (x, y) not in _TENSE_PAIRS:
            return False
    return True


_U, _WO, _WI = 13, 14, 16  # vowel indices of ㅜ, ㅝ, ㅟ


def _glide_dropped(korean: str, standard: str) -> bool:
    """One syllable written with ㅜ where the standard has ㅝ or ㅟ, the rest alike (추 for 취)."""
    if len(korean) != 1 or len(standard) != 1 or not is_hangul(korean) or not is_hangul(standard):
        return False
    a, b = decompose(korean), decompose(standard)
    return a[0] == b[0] and a[2] == b[2] and a[1] == _U and b[1] in (_WO, _WI)


# --- candidates ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _Cand:
    korean: str
    n_han: int
    label: str
    standard: str
    cost: float
    generic: bool = False


@lru_cache(maxsize=65536)
def _translit_options(char: str, best: str) -> tuple[str, ...]:
    """Standard Hangul of every reading of char, the best reading's first."""
    table = hanzi._syllable_table()
    out: list[str] = []
    for r in (best, *hanzi._char_heteronyms(char)):
        h = table.get(r)
        if h and h not in out:
            out.append(h)
    return tuple(out)


@lru_cache(maxsize=65536)
def _sino_options(trad_char: str, word_start: bool) -> tuple[str, ...]:
    out: list[str] = []
    for r in hanzi.sino_readings(trad_char):
        forms = (initial_sound_law(r),) if word_start else (r, initial_sound_law(r))
        for f in forms:
            if f not in out:
                out.append(f)
    return tuple(out)


@lru_cache(maxsize=1)
def _lexicon_by_first() -> dict[str, list[tuple[str, tuple[str, ...], str]]]:
    by_first: dict[str, list[tuple[str, tuple[str, ...], str]]] = {}
    for word, (forms, kind) in hanzi._lexicon_keyed().items():
        by_first.setdefault(word[0], []).append((word, forms, kind))
    return by_first


@lru_cache(maxsize=4096)
def _candidates(chinese: str, era: str | None) -> tuple[tuple[_Cand, ...], ...]:
    """For each Chinese position, the ways it can start a part.

    Cached: extraction judges one Chinese text against many Korean left edges.
    """
    trad = hanzi._traditional_aligned(chinese)
    best = hanzi.best_pinyin(chinese)
    fixed = hanzi.context_fixed(chinese)
    out: list[tuple[_Cand, ...]] = []
    for i, ch in enumerate(chinese):
        cands: list[_Cand] = []
        seen_words = set()
        for key in {ch, trad[i]}:
            for word, forms, kind in _lexicon_by_first().get(key, ()):
                n = len(word)
                if (word, kind) in seen_words or not (chinese.startswith(word, i) or trad.startswith(word, i)):
                    continue
                seen_words.add((word, kind))
                generic = kind in _GENERIC
                # a one-character generic word is a suffix only after a name (合肥市, not 上海);
                # a river, mountain or people may follow one character (岷江 민강, 瑶族 야오족)
                if generic and n == 1 and (i == 0 or (i == 1 and word not in _AFTER_ONE_CHARACTER and trad[i] not in _AFTER_ONE_CHARACTER)):
                    continue
                sino = hanzi.sino_korean(trad[i : i + n])
                for f in forms:
                    if kind == "exception" or (kind == "abbreviation" and f == forms[0]):
                        label, std = "standard", f
                    elif kind == "abbreviation":
                        label, std = "sino", f  # 장강삼각주 for 长三角: the long name's reading
                    elif f == sino or _is_sino(f, trad[i : i + n]):
                        label, std = "sino", f
                    elif kind == "customary":
                        label, std = "standard", f
                    else:
                        label, std = "translation", ""
                    # a generic word beats the same syllables read character by character, and an
                    # established name beats generic words (高山族 고산족, not 고 + 山 + 族)
                    cost = -_EPS if generic else -_EPS * n if kind == "exception" else 0.0
                    cands.append(_Cand(f, n, label, std, cost, generic))
        std_opts = _translit_options(ch, best[i])
        if fixed[i] and best[i] in hanzi._syllable_table():
            # the name fixes the reading: 장 for 长 in 长春 is the reading of another word
            std_opts = std_opts[:1]
        sino_opts = _sino_options(trad[i], i == 0)
        for h in std_opts:
            # the same syllable as a Sino-Korean reading (安 안, 新 신): decided after alignment
            label = "both" if h in sino_opts else "standard"
            cands.append(_Cand(h, 1, label, std_opts[0], 0.0))
        for h in sino_opts:
            if h not in std_opts:
                cands.append(_Cand(h, 1, "sino", h, _EPS))
        out.append(tuple(cands))
    return tuple(out)


def _is_sino(korean: str, trad: str) -> bool:
    return korean == hanzi.sino_korean(trad) or korean == "".join(
        (hanzi.sino_readings(c) or ("",))[0] for c in trad
    )


# --- alignment ----------------------------------------------------------------------------


@lru_cache(maxsize=4096)
def _align_options(chinese: str, era: str | None) -> tuple[tuple[tuple, tuple[str, ...]], ...]:
    """Per Chinese position: ((korean, n_han, cost, cand) for each candidate, near targets).

    The near targets are the one-character transliterations, first occurrence first.
    """
    out = []
    for cands in _candidates(chinese, era):
        near_targets: list[str] = []
        for cand in cands:
            if cand.label in ("standard", "both") and cand.n_han == 1 and cand.korean not in near_targets:
                near_targets.append(cand.korean)
        out.append((tuple((c.korean, c.n_han, c.cost, c) for c in cands), tuple(near_targets)))
    return tuple(out)


def _align(chinese: str, korean: str, era: str | None) -> list[Part]:
    n, m = len(chinese), len(korean)
    options = _align_options(chinese, era)
    inf = float("inf")
    cost = [[inf] * (m + 1) for _ in range(n + 1)]
    back: list[list[tuple | None]] = [[None] * (m + 1) for _ in range(n + 1)]
    cost[0][0] = 0.0
    startswith = korean.startswith
    near_distance = _near_distance
    deviants = deviations()
    for i in range(n + 1):
        row = cost[i]
        brow = back[i]
        if i < n:
            exact, near_targets = options[i]
            nrow = cost[i + 1]
            nbrow = back[i + 1]
        for j in range(m + 1):
            c = row[j]
            if c == inf:
                continue
            # Korean syllable aligned to nothing
            if j < m and c + _SKIP_KO < row[j + 1]:
                row[j + 1] = c + _SKIP_KO
                brow[j + 1] = (i, j, None)
            if i == n:
                continue
            # Chinese character left unrendered
            if c + _SKIP_HAN < nrow[j]:
                nrow[j] = c + _SKIP_HAN
                nbrow[j] = (i, j, None)
            for ko, n_han, ccost, cand in exact:
                if startswith(ko, j):
                    nc = c + ccost
                    ii, jj = i + n_han, j + len(ko)
                    if nc < cost[ii][jj]:
                        cost[ii][jj] = nc
                        back[ii][jj] = (i, j, cand)
            # near spellings of a transliteration: known deviants (티엔 for 톈), then len-1 to len
            # syllables (a longer chunk swallows a translated suffix: 어 of 광저우어 for 廣州話)
            for target in near_targets:
                for dev in deviants.get(target, ()):
                    if startswith(dev, j):
                        nc = c + _NEAR_BASE
                        if nc < nrow[j + len(dev)]:
                            nrow[j + len(dev)] = nc
                            nbrow[j + len(dev)] = (i, j, _Cand(dev, 1, "near", target, 0.0))
                for L in range(max(1, len(target) - 1), min(len(target), m - j) + 1):
                    chunk = korean[j : j + L]
                    d = near_distance(chunk, target)
                    if d is None:
                        continue
                    nc = c + _NEAR_BASE + d
                    if nc < nrow[j + L]:
                        nrow[j + L] = nc
                        nbrow[j + L] = (i, j, _Cand(chunk, 1, "near", target, d))
    # walk back
    steps = []
    i, j = n, m
    while (i, j) != (0, 0):
        pi, pj, cand = back[i][j]
        steps.append((pi, pj, i, j, cand))
        i, j = pi, pj
    steps.reverse()
    parts: list[tuple[int, Part]] = []
    pending_ko = ""
    pending_han = ""
    pending_at = 0
    for pi, pj, i, j, cand in steps:
        if cand is None:
            if not pending_ko and not pending_han:
                pending_at = pi
            pending_ko += korean[pj:j]
            pending_han += chinese[pi:i]
            continue
        if pending_ko:
            parts.append((pending_at, Part(pending_ko, pending_han, "other")))
        pending_ko = pending_han = ""
        parts.append((pi, Part(cand.korean, chinese[pi:i], cand.label, cand.standard, cand.generic)))
    if pending_ko:
        parts.append((pending_at, Part(pending_ko, pending_han, "other")))
    return _merge(_doubtful_near(_read_unaligned(_resolve(_mixed_within_name(parts, chinese), era), chinese)))


def _doubtful_near(parts: list[Part]) -> list[Part]:
    """A near part beside Korean that renders nothing is no evidence of a misspelling.

    광저우판위홍보 for 广州番禺发布: 홍보 ("publicity") translates 发布, so 보 is not a misspelt 부;
    천합광에너지 for 天合光能: 에너지 ("energy") translates 能. Such near parts become other,
    and so, in turn, do near parts beside them.
    """
    out = list(parts)
    changed = True
    while changed:
        changed = False
        for k, p in enumerate(out):
            if p.label != "near":
                continue
            # (one syllable between two Sino-Korean readings is a Korean word's too: 산 of 국가산림공원
            # for 国家森林公园, 산림 being the Korean word, not 森 misspelt)
            flanked = 0 < k < len(out) - 1 and len(p.korean) == 1 and out[k - 1].label == out[k + 1].label == "sino"
            if flanked or any(out[x].label == "other" and out[x].korean for x in (k - 1, k + 1) if 0 <= x < len(out)):
                out[k] = Part(p.korean, p.chinese, "other", "", p.generic)
                changed = True
    return out


def _mixed_within_name(parts: list[tuple[int, Part]], chinese: str) -> list[Part]:
    """Sino-Korean syllables read where a transliterated name goes on are misreadings: near.

    통저우 for 通州: 통 is the Sino-Korean reading of 通, but before the transliterated 저우 it is
    a non-standard spelling of 퉁, and 창 after 커 in 우웨펑커창 one of 촹 (创); 동애잉 for 董艾颖 is
    둥아이잉. A single syllable changes only when it sounds like the transliteration. A Sino-Korean
    stretch of two or more syllables after which only generic or translated parts follow is a
    Korean word inside a mixed name and stays: 삼각주 in 창장삼각주.
    """
    best = hanzi.best_pinyin(chinese)
    items = list(parts)

    def core_sino(p: Part) -> bool:
        return p.label == "sino" and not p.generic and len(p.chinese) == 1

    def transliterated(q: Part | None) -> bool:
        return q is not None and q.label in ("standard", "near") and not q.generic

    k = 0
    while k < len(items):
        if not core_sino(items[k][1]):
            k += 1
            continue
        end = k
        while end < len(items) and core_sino(items[end][1]):
            end += 1
        after = next((q for _, q in items[end:] if not q.generic and q.label != "other"), None)
        if after is not None and after.label == "near":
            # a near syllable with a Sino-Korean one right after it is no transliteration going on:
            # 산 of 국가산림공원 (森林, a Korean word written 산림) is a near 썬 only by its sound
            at = next(x for x in range(end, len(items)) if items[x][1] is after)
            if at + 1 < len(items) and items[at + 1][1].label == "sino":
                after = None
        before = items[k - 1][1] if k > 0 else None
        following = items[end][1] if end < len(items) else None
        # one syllable: before a transliterated one (통저우), or ending the name after one (커창);
        # not where characters left unread go on (대 of 베이징대 for 北京大学 is 大学 abbreviated)
        pos, p = items[k]
        ends_name = following is None and pos + len(p.chinese) == len(chinese) and transliterated(before)
        lone = end - k == 1 and (transliterated(following) or ends_name)
        # a two-character given name read in Sino-Korean after a transliterated surname (판진동 for
        # 樊振東 판전둥): a three-character name holds no Korean word
        last_pos, last = items[end - 1]
        given_name = (
            k == 1 and end - k == 2 and len(chinese) == 3 and following is None
            and last_pos + len(last.chinese) == len(chinese) and transliterated(before)
        )
        if lone or given_name or transliterated(after):
            for x in range(k, end):
                pos, p = items[x]
                opts = _translit_options(p.chinese, best[pos])
                target = next((t for t in opts if _near_distance(p.korean, t) is not None), None)
                if target is None and (end - k > 1 or not opts):
                    target = opts[0] if opts else None
                if target is None and lone and opts and _same_first_sound(p.korean, opts[0]):
                    target = opts[0]  # 장웨이지 for 張爲志: 지 is 志's Sino-Korean reading, 즈 its syllable
                if target:
                    items[x] = (pos, Part(p.korean, p.chinese, "near", target))
        k = end
    return [p for _, p in items]


def _same_first_sound(korean: str, standard: str) -> bool:
    """True when two syllables open with the same sound class (지 and 즈, 운 and 윈)."""
    a, b = sound_symbols(korean)[1], sound_symbols(standard)[1]
    return bool(a) and bool(b) and a[0] == b[0]


def _resolve(parts: list[Part], era: str | None) -> list[Part]:
    """Label the syllables that are both transliteration and Sino-Korean reading by context.

    专精特新 전정특신 is Sino-Korean throughout although 신 is also the transliteration of xin;
    an ambiguous part takes the label of its nearest unambiguous neighbour, else the era's default.
    """
    default = "sino" if era == "historic" else "standard"
    core = [(k, p.label) for k, p in enumerate(parts) if not p.generic and p.label in ("standard", "sino", "near")]
    out = []
    for k, p in enumerate(parts):
        if p.label != "both":
            out.append(p)
            continue
        label = default
        if core:
            nearest = min(core, key=lambda kl: (abs(kl[0] - k), kl[0] > k))
            label = "sino" if nearest[1] == "sino" else "standard"
        out.append(Part(p.korean, p.chinese, label, p.korean if label == "sino" else p.standard, p.generic))
    return out


def _merge(parts: list[Part]) -> list[Part]:
    """Join neighbouring parts of the same kind (판+위 → 판위) for a readable alignment."""
    out: list[Part] = []
    for p in parts:
        if (
            out
            and out[-1].label == p.label
            and p.label in ("standard", "sino")
            and out[-1].generic == p.generic
        ):
            q = out[-1]
            out[-1] = Part(q.korean + p.korean, q.chinese + p.chinese, p.label, q.standard + p.standard, p.generic)
        else:
            out.append(p)
    return out


# --- verdict ------------------------------------------------------------------------------


def _clean(text: str) -> str:
    return fold_width(text) if isinstance(text, str) else ""


def judge(korean: str, chinese: str, *, era: str | None = None, customary_ok: bool = True) -> Judgement:
    """Judge how a Korean string renders a Chinese term.

    Args:
        korean: the Korean rendering (spaces and punctuation are ignored).
        chinese: the Chinese term, simplified or traditional.
        era: 'modern' (transliteration is the standard), 'historic' (people before 1911 and
            historic places: the Sino-Korean reading is the standard, transliteration accepted),
            None (no referent known: both are accepted) or 'past' (like None, for a name in a
            sentence about the past, where a name led by a current place keeps its Sino-Korean
            reading too: 동완수어천호소 東莞守御千戶所, a Ming garrison).
        customary_ok: accept customary Sino-Korean forms of modern names (상해 for 上海).

    Returns:
        A :class:`Judgement`; garbage input gives a verdict (``latin`` or ``unrelated``), never an
        exception.

    >>> judge("조우마오화", "周茂华").suggestion
    '저우마오화'
    >>> judge("리커창", "李克强").verdict
    'standard'
    """
    key = (korean, chinese, era, customary_ok)
    try:
        return _JUDGEMENTS[key]
    except (KeyError, TypeError):  # not asked yet, or garbage that cannot be a key
        pass
    if not (type(korean) is str and type(chinese) is str and (era is None or type(era) is str)):
        return _judgement(korean, chinese, era, customary_ok)
    stored = _STORED.get(key)
    if stored is not None:
        judgement = _from_plain(stored)
    else:
        judgement = _judgement(korean, chinese, era, customary_ok)
        _STORED.put(key, _plain(judgement))
    if len(_JUDGEMENTS) >= _JUDGEMENTS_KEPT:
        _JUDGEMENTS.clear()
    _JUDGEMENTS[key] = judgement
    return judgement


# The one cache of judgements, keyed by the arguments as given: extraction asks about every
# bracket's candidate spans, lint about every pair and term of a draft and about the words near a
# name (the same few thousand pairs for every draft), and each new (Korean, Chinese) costs an
# alignment. The judge is a pure function of its arguments; its answers are also kept on disk
# between runs (:data:`_STORED`).
_JUDGEMENTS: dict[tuple, Judgement] = {}
_JUDGEMENTS_KEPT = 200_000


def _judge_stamp() -> str:
    """What the judge's answers depend on: the libraries it reads and its own code and tables
    (glossary/translit and glossary/text), by content, so an answer never outlives either."""
    digest = hashlib.sha1(library_stamp("pypinyin", "hanja", "opencc", "kiwipiepy", format=1).encode())
    here = Path(__file__).resolve().parent
    for path in sorted([*here.glob("*.py"), *(here / "tables").glob("*"), *(here.parent / "text").glob("*.py")]):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:12]


def _plain(j: Judgement) -> tuple:
    """A judgement as plain values (for the file of answers)."""
    parts = tuple((p.korean, p.chinese, p.label, p.standard, p.generic) for p in j.parts)
    return (j.korean, j.chinese, j.verdict, j.suggestion, parts, j.coverage, j.score, j.ok, j.confident)


def _from_plain(plain: tuple) -> Judgement:
    korean, chinese, verdict, suggestion, parts, coverage, score, ok, confident = plain
    return Judgement(korean, chinese, verdict, suggestion, tuple(Part(*p) for p in parts), coverage, score, ok, confident)


def _is_stored_judgement(key, value) -> bool:
    """``key`` and ``value`` have the shapes :func:`judge` stores."""
    if not (type(key) is tuple and len(key) == 4 and type(value) is tuple and len(value) == 9):
        return False
    korean, chinese, verdict, suggestion, parts, coverage, score, ok, confident = value
    return (
        type(korean) is str and type(chinese) is str and type(verdict) is str and type(parts) is tuple
        and (suggestion is None or type(suggestion) is str) and type(coverage) is float and type(score) is float
        and type(ok) is bool and type(confident) is bool
        and all(
            type(p) is tuple and len(p) == 5 and all(type(x) is str for x in p[:4]) and type(p[4]) is bool
            for p in parts
        )
    )


_STORED = DiskMemo("judgements", _judge_stamp, _is_stored_judgement, limit=50_000)
"""The judge's answers, kept between runs (see :mod:`glossary.diskmemo`): a cold ``kozh lint``
otherwise aligns the same two thousand pairs again."""


def _judgement(korean, chinese, era: str | None, customary_ok: bool) -> Judgement:
    """What :func:`judge` answers, worked out."""
    ko_raw, zh_raw = _clean(korean), _clean(chinese)
    ko = "".join(ch for ch in ko_raw if is_hangul(ch))
    zh = "".join(ch for ch in zh_raw if is_han(ch))
    if not ko or not zh:
        has_latin = any(ch.isascii() and ch.isalpha() for ch in ko_raw + zh_raw)
        verdict = "latin" if has_latin and not (zh and not ko and not has_latin) else "unrelated"
        return Judgement(ko_raw, zh_raw, verdict, None, (), 0.0, 0.0, verdict == "latin")
    if len(zh) > MAX_HAN or len(ko) > MAX_HANGUL:
        return Judgement(ko_raw, zh_raw, "unrelated", None, (), 0.0, 0.0, False)
    return _judge(ko, zh, ko_raw, zh_raw, era, customary_ok)


def _judge(ko: str, zh: str, ko_raw: str, zh_raw: str, era: str | None, customary_ok: bool) -> Judgement:
    parts = tuple(_align(zh, ko, era))
    aligned = [p for p in parts if p.label != "other"]
    han_done = sum(len(p.chinese) for p in aligned)
    ko_done = sum(len(p.korean) for p in aligned)
    coverage = han_done / len(zh)
    ko_share = ko_done / len(ko)
    near_share = sum(len(p.chinese) for p in parts if p.label == "near") / len(zh)
    score = round(coverage * ko_share * (1 - 0.3 * near_share), 3)

    core = [p for p in aligned if not p.generic and p.label in ("standard", "sino", "near", "misread")]
    labels = {p.label for p in core}
    unexplained = [p for p in parts if p.label == "other" and p.korean and not _generic_korean(p.korean)]
    if coverage < 0.5 or score < 0.3 or not aligned:
        verdict = "unrelated"
    elif "near" in labels or _stray_lead(parts):
        verdict = "nonstandard"
    elif "misread" in labels or (unexplained and "standard" in labels):
        # Korean that renders none of the characters by any reading (웬 for 元 in 류웬춘 is
        # caught above; 홍보 for 发布 is a translation the lexicon does not know): never standard
        verdict = "unknown"
    elif labels == {"standard", "sino"}:
        verdict = "mixed"
    elif labels == {"sino"} or (not labels and any(p.label == "sino" for p in aligned)):
        verdict = "sino"
    else:
        verdict = "standard"

    forms, kind = hanzi._lexicon_keyed().get(zh, ((), ""))
    if verdict in ("sino", "mixed") and kind in ("translation", "exception") and ko in forms:
        verdict = "standard"  # the lexicon's own Korean name for the whole, Sino-Korean as it reads (대만구 大湾区)
    pieces, confident = _suggest(parts, zh, verdict, era, ko_raw)
    confident = confident and coverage >= 1.0  # a character the rendering leaves out: never certain (조 for 穀子)
    suggestion = None
    if pieces is not None:
        suggestion = _onto_written(ko_raw, parts, pieces)
        if suggestion == ko_raw:
            suggestion, confident = None, False
    readings = _place_readings(zh)
    dropped = _dropped_inside(parts, zh)
    if dropped is not None and verdict in ("standard", "nonstandard") and all(
        p.label in ("standard", "near") and not p.generic for p in parts
    ):
        # a transliterated name with a character inside it left unrendered (할빈, 하빈 for 哈尔滨
        # 하얼빈): a syllable is missing, and mending the parts one by one would keep it missing
        lo, hi = dropped
        whole = "".join(_whole_name_reading(zh)[lo:hi])
        if readings is not None and (lo, hi) == (0, len(zh)):
            whole = readings[0]
        verdict = "nonstandard"
        suggestion = whole if ko_raw == ko else None
        confident = False
    if verdict == "sino" and suggestion is not None and " " not in ko_raw:
        # a whole current place: its rendering as the base glossary has it (西湖 시후, not 시호)
        if readings is not None and ko in readings[1]:
            suggestion = readings[0]
    if (
        verdict == "nonstandard" and readings is not None and suggestion not in (None, readings[0])
        and " " not in ko_raw and len(ko) in (len(zh), len(readings[0]))
    ):
        # a current place read partly by another reading (심천 for 深圳: 심 sino, 천 near 전): its
        # rendering is the base glossary's (선전), not the parts mended one by one (심전)
        suggestion, confident = readings[0], False
    if verdict in ("sino", "mixed", "unknown") and era not in ("historic", "past"):
        lead = _sino_place_lead(ko_raw, ko, zh)
        if lead is not None:
            # a whole name read in Sino-Korean is transliterated whole (흑룡강 흠달그룹 → 헤이룽장
            # 신다그룹); the lead alone where the rest is Korean (중관촌창업단지 → 중관춘창업단지)
            whole = (
                suggestion if verdict == "sino" and era == "modern" and zh.endswith(_COMPANY_FORMS) else None
            )
            verdict, suggestion, confident = "nonstandard", whole or lead, False
    if verdict in ("unrelated", "unknown") and suggestion is None and era not in ("historic", "past"):
        # a current place written a syllable a character, or as many as its rendering, and not
        # read right (함비 for 合肥 허페이): the standard is shown, never applied
        read = any(p.label in ("standard", "sino", "near") for p in parts)  # 비 of 함비; 광저우 for 北京 is another city
        if read and readings is not None and len(ko) in (len(zh), len(readings[0])) and ko not in (readings[0], *readings[1]):
            verdict, suggestion, confident = "unknown", readings[0], False
    if verdict in ("unrelated", "nonstandard"):
        ok = False
    elif verdict == "sino" and era == "modern":
        ok = customary_ok
    else:
        ok = True
    return Judgement(ko_raw, zh_raw, verdict, suggestion, parts, round(coverage, 3), score, ok, confident)


def _sino_place_lead(written: str, ko: str, zh: str) -> str | None:
    """The rendering with its leading place name transliterated, when a longer name begins with
    a current place the base glossary knows, read in Sino-Korean: 중관촌창업단지(中关村创智园)
    → 중관춘창업단지, 서호10경(西湖十景) → 시후10경. The rest stays as written (창업단지 is
    Korean); the place is modern whatever the name it leads (외래어 표기법 제4장 제2절 제2항:
    a historic place name that is also a current one is transliterated)."""
    # the place may follow one character read as such (신서호10경 for 新西湖十景: 신 is 新)
    first = {hanzi.sino_korean(zh[0]), hanzi.to_hangul(zh[0])}
    for skip in (0, 1):
        if skip and ko[:1] not in first:
            break
        # the rest is two characters or more: one (長江口 창장커우) is part of the name
        for k in range(len(zh) - 2, skip + 1, -1):
            readings = _place_readings(zh[skip:k])
            if readings is None:
                continue
            standard, sinos = readings
            sino = next((s for s in sinos if ko.startswith(s, skip)), None)
            if sino is None:
                continue  # 长春市 reads 장춘시, which 장춘정부 does not start with; 长春 may still lead it
            if ko.startswith(standard, skip) or len(ko) == skip + len(sino):
                break
            head, rest, count = [], [], 0
            for ch in written:
                if count < skip + len(sino):
                    if count < skip:
                        head.append(ch)
                    count += is_hangul(ch)
                    continue
                rest.append(ch)
            return "".join(head) + standard + "".join(rest)
    return None


@lru_cache(maxsize=65536)
def _place_readings(zh: str) -> tuple[str, tuple[str, ...]] | None:
    """(standard rendering, Sino-Korean readings) of a current place the base glossary knows, or
    of a place abbreviation of the lexicon (长三角: 창장삼각주, 장강삼각주); else None."""
    from glossary.translit.base import base_glossary

    forms, kind = hanzi._lexicon_keyed().get(zh, ((), ""))
    if kind == "abbreviation":
        return forms[0], forms[1:]
    base = base_glossary()
    name = base.place(zh)
    if name is None or not name.sino or name.sino in base.quiet:
        return None
    standard = base.standard_rendering(zh) or name.korean
    suffix = standard[len(name.korean):] if standard.startswith(name.korean) else ""
    return standard, (name.sino + suffix,)  # 甘肃省: 간쑤성, 감숙성


@lru_cache(maxsize=1)
def generic_words() -> frozenset[str]:
    """Korean words a mixed name may add or translate with: the lexicon's generic forms and the
    noun suffixes Korean puts after a name (시, 성, 측)."""
    from glossary.text.korean import SUFFIXES

    words = {f for forms, kind in hanzi.lexicon_entries().values() if kind in _GENERIC for f in forms}
    return frozenset(words | set(SUFFIXES))


def _generic_korean(korean: str) -> bool:
    return korean in generic_words()


def _stray_lead(parts: tuple[Part, ...]) -> bool:
    """One syllable before a name that is otherwise read exactly, rendering no character
    (유위츠 for 楡次): a misspelling, kept whole by extraction so that it can be reported."""
    if len(parts) < 2 or parts[0].label != "other" or parts[0].chinese or len(parts[0].korean) != 1:
        return False
    rest = parts[1:]
    return all(p.label == "standard" for p in rest) and not _generic_korean(parts[0].korean)


def _read_unaligned(parts: list[Part], chinese: str) -> list[Part]:
    """Korean aligned to nothing that still stands for a character becomes near or misread.

    * near: it sounds like the character's transliteration. 웬 for 元 in 류웬춘 (刘元春) is a
      known misspelling of 위안; 룡 beside a translated part is too. One character's worth only:
      longer stretches are translations (홍보 for 发布). A syllable read for a character plus a
      stray one after it can be one near spelling too (투우 for 投 터우 in 투우중왕).
    * misread: in a transliterated name (its neighbours read by the standard), a character left
      with as many syllables as its transliteration, give or take one, which are none of its
      readings (쉰 for 鞠 in 쉰보, 취 for 求 in 천취파, 아오 for 粤 웨): wrong syllables at the
      character's place.

    Each character is read as the whole name reads it (都 dū in 都江堰).
    """
    reading = _whole_name_reading(chinese)
    placed = _placed(parts, chinese)
    out: list[Part] = []
    k = 0
    while k < len(parts):
        at, p = placed[k]
        q = parts[k + 1] if k + 1 < len(parts) else None
        if (
            q is not None and p.label in ("sino", "standard") and not p.generic and len(p.chinese) == 1
            and q.label == "other" and not q.chinese and len(q.korean) == 1
        ):
            standard = reading[at]
            if standard != p.korean and _near_distance(p.korean + q.korean, standard) is not None:
                out.append(Part(p.korean + q.korean, p.chinese, "near", standard))
                k += 2
                continue
        if p.label == "other" and p.korean and len(p.chinese) == 1:
            standard = reading[at]
            if p.korean in deviations().get(standard, ()) or _sounds_alike(p.korean, standard):
                out.append(Part(p.korean, p.chinese, "near", standard))
                k += 1
                continue
            if _misread(parts, k, standard):
                out.append(Part(p.korean, p.chinese, "misread", standard))
                k += 1
                continue
        out.append(p)
        k += 1
    return out


def _misread(parts: list[Part], k: int, standard: str) -> bool:
    p = parts[k]
    if abs(len(p.korean) - len(standard)) > 1 or _generic_korean(p.korean) or not is_hangul(standard[:1]):
        return False
    neighbours = [parts[x] for x in (k - 1, k + 1) if 0 <= x < len(parts)]
    if not all(q.label == "standard" or q.generic for q in neighbours):
        return False  # beside another doubtful part it is more likely a translation (홍보 for 发布)
    core = [q for x, q in enumerate(parts) if x != k and not q.generic]
    # the rest of the name is read, and read by the standard somewhere (not a Sino-Korean name)
    return bool(core) and all(q.chinese and q.label in ("standard", "near") for q in core) and any(
        q.label == "standard" for q in core
    )


def _sounds_alike(found: str, standard: str) -> bool:
    """Same syllable count, same first consonant, close jamo (룡/룽, 송/슝; not 하오/타오)."""
    if len(found) != len(standard) or not found:
        return False
    from rapidfuzz.distance import Indel

    from glossary.text.korean import jamo as letters

    a, b = decompose(found[0]), decompose(standard[0])
    if a is None or b is None or a[0] != b[0]:
        return False
    return Indel.normalized_similarity(letters(found), letters(standard)) >= 0.6


def _suggest(
    parts: tuple[Part, ...], zh: str, verdict: str, era: str | None, written: str = ""
) -> tuple[list[str] | None, bool]:
    """(the standard form as one piece per part, whether a fix may apply it unasked).

    Only near parts (and a stray leading syllable) change in a non-standard rendering; Sino-Korean
    and translated parts are never touched (창장삼각주 keeps 삼각주). Confident when every changed
    part is at a character whose reading the whole name fixes, and is either a known misspelling
    (티엔 for 톈) or the same number of syllables as the standard (룡 for 룽).
    """
    if verdict == "nonstandard" or (verdict == "unknown" and any(p.label == "misread" for p in parts)):
        fixed = hanzi.context_fixed(zh)
        stray = _stray_lead(parts)
        pieces: list[str] = []
        confident = True
        for k, (at, p) in enumerate(_placed(parts, zh)):
            if p.label == "near":
                pieces.append(p.standard)
                known = p.korean in deviations().get(p.standard, ())
                certain = at >= 0 and all(fixed[at : at + len(p.chinese)])
                # another consonant is certain only as another reading of the character itself (장 for
                # 长 of 长隆 is its zhǎng): the Chinese is then surely what the writer meant
                other_reading = len(p.chinese) == 1 and p.korean in _translit_options(p.chinese, "")
                same_shape = len(p.korean) == len(p.standard) and (
                    _same_initials(p.korean, p.standard) or other_reading
                )
                confident = confident and certain and (known or same_shape)
            elif p.label == "misread":
                pieces.append(p.standard)  # a different syllable, not a spelling of it: asked
                confident = False
            elif k == 0 and stray:
                pieces.append("")
                confident = False
            else:
                pieces.append(p.standard if p.label == "standard" and p.standard else p.korean)
        if any(
            p.label == "near" and any(q.label == "sino" and not q.generic for q in parts[max(0, k - 1) : k + 2])
            for k, p in enumerate(parts)
        ):
            confident = False  # next to a Sino-Korean reading (제국 for 帝宮): maybe a word, not a misspelling
        return pieces, confident
    if verdict == "standard" and era == "historic":
        # the Sino-Korean reading of the whole name (initial-sound law at its start), a syllable a
        # character; Korean rendering no character is dropped, characters left unrendered at the
        # end are read with the last part (사오저우 for 韶州土語 → 소주토어)
        reading = hanzi.sino_korean(zh)
        pieces, at = [], 0
        for p in parts:
            pieces.append(reading[at : at + len(p.chinese)])
            at += len(p.chinese)
        if pieces:
            pieces[-1] += reading[at:]
        return pieces, False
    if verdict == "sino" and era == "modern" and not any(p.label == "other" and p.korean for p in parts):
        # (Korean beyond the characters, 장강삼각주 for 长三角, is an expansion: no suggestion)
        # each character as the whole name reads it (都 dū in 都江堰, not dōu); a generic word is
        # kept only where it ends the name (강 of 민강), not inside it (江 of 都江堰 두장옌)
        reading = _whole_name_reading(zh)
        name_end = _proper_name_end(zh, written)
        pieces = []
        for k, (at, p) in enumerate(_placed(parts, zh)):
            trailing = p.generic and all(q.generic for q in parts[k + 1 :])
            if p.label != "sino" or not p.chinese or trailing or at < 0 or at >= name_end:
                pieces.append(p.korean)
                continue
            end = at + len(p.chinese)
            if end > name_end and len(p.korean) == len(p.chinese):
                # what follows the proper name keeps the Sino-Korean reading written, laid one
                # piece per syllable so that the writer's spaces stay where they were
                name = ["".join(reading[at:name_end])] + [""] * (name_end - at - 1)
                pieces.append(tuple(name + list(p.korean[name_end - at :])))
            else:
                pieces.append("".join(reading[at:end]))
        return pieces, False
    return None, False


_COMPANY_FORMS = ("公司", "集团", "集團")


def _proper_name_end(zh: str, written: str) -> int:
    """Where the proper name ends in ``zh``, the part a Sino-Korean reading must transliterate; what
    follows (trade words, descriptors, the company form) may keep its Sino-Korean reading.

    A company: its place, if it opens with one, and the two characters of its brand (黑龙江|鑫达|集团,
    现岱|智能装备制造|有限公司). Another name the writer spaced: its first word, one character a
    syllable (동호 신기술개발구 for 东湖|新技术开发区). Else the whole name."""
    if zh.endswith(_COMPANY_FORMS):
        place = next((k for k in (3, 2) if len(zh) > k + 2 and _place_readings(zh[:k]) is not None), 0)
        return place + 2
    words = written.split()
    if len(words) > 1 and all(is_hangul(ch) for ch in words[0]) and len(words[0]) < len(zh):
        return len(words[0])
    return len(zh)


DROPPABLE = frozenset("市省县縣区區儿兒")
"""Characters a rendering may leave out inside a name: a division's suffix (상하이 푸둥신구 for
上海市浦东新区) and the r-colouring 儿."""


def _dropped_inside(parts, zh: str) -> tuple[int, int] | None:
    """(start, end) in ``zh`` of the characters the rendering reads, when a character between
    them is read by no part (the 尔 of 哈尔滨 in 하빈); else None."""
    read = [False] * len(zh)
    pos = 0
    for p in parts:
        for ch in p.chinese:  # a part's characters one by one (하빈 is one part for 哈滨)
            at = zh.find(ch, pos)
            if at < 0:
                break
            read[at], pos = p.label != "other", at + 1
    if True not in read:
        return None
    lo, hi = read.index(True), len(read) - read[::-1].index(True)
    if any(not read[i] and zh[i] not in DROPPABLE for i in range(lo, hi)):
        return lo, hi
    return None


def _placed(parts, zh: str) -> list[tuple[int, Part]]:
    """Each part with where its characters start in ``zh`` (-1 for Korean that renders none)."""
    out, pos = [], 0
    for p in parts:
        at = zh.find(p.chinese, pos) if p.chinese else -1
        if at >= 0:
            pos = at + len(p.chinese)
        out.append((at, p))
    return out


@lru_cache(maxsize=4096)
def _whole_name_reading(zh: str) -> tuple[str, ...]:
    """The standard Hangul of each character of ``zh`` as the whole name reads it (都 in 都江堰 is
    dū, 두; alone it is dōu, 더우); a character with no syllable in the table is read alone."""
    table = hanzi._syllable_table()
    return tuple(table.get(r) or hanzi.to_hangul(ch) for ch, r in zip(zh, hanzi.best_pinyin(zh)))


def _onto_written(written: str, parts: tuple[Part, ...], pieces: list[str | tuple[str, ...]]) -> str:
    """The suggestion laid onto the rendering as written: digits, Latin letters and spaces stay
    where they were (화롱1호 → 화룽1호, 상하이 티엔창 → 상하이 톈창). A changed part is written at
    its first syllable and its other syllables are dropped; a piece given per syllable (a tuple)
    is laid syllable by syllable."""
    if written == "".join(p.korean for p in parts):
        return "".join("".join(new) if isinstance(new, tuple) else new for new in pieces)
    per_syllable: list[str] = []
    for p, new in zip(parts, pieces):
        if len(new) == len(p.korean):
            per_syllable.extend(new)  # syllable by syllable, so a space inside the part stays (둥팅 비뤄춘)
            continue
        per_syllable.append("".join(new) if isinstance(new, tuple) else new)
        per_syllable.extend([""] * (len(p.korean) - 1))
    out = []
    k = 0
    for ch in written:
        if is_hangul(ch) and k < len(per_syllable):
            out.append(per_syllable[k])
            k += 1
        elif not is_hangul(ch):
            out.append(ch)
    return "".join(out).strip()

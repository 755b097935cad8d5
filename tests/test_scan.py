"""The glossary matcher against a plain restatement of what it promises, on random drafts.

``GlossaryIndex.scan`` squeezes only a few characters after each word start; the reference below
squeezes the whole rest of the text at every start and tries every term, so a shortcut that
loses a match (a long run of white space, a term across a line break, a full-width letter)
shows up as a difference.
"""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from glossary.lint.index import GlossaryIndex
from glossary.lint.scan import fold
from glossary.text.korean import tail_ok

TERMS = ["창저우", "저우", "KIC 중국", "광저우 대학시티", "광저우", "AB", "ab12", "중관춘창업단지", "중관춘", "우시"]
INDEX = GlossaryIndex.from_terms((term, f"词{n}") for n, term in enumerate(TERMS))
NORMS = {re.sub(r"\s+", "", fold(term)) for term in TERMS}


def reference_scan(text: str) -> list[tuple[int, int, str]]:
    """(start, end, norm) of every match: leftmost-longest at word starts, white space ignored."""
    folded = fold(text)
    out, resume = [], 0
    for start in range(len(text)):
        ch, before = text[start], text[start - 1] if start else ""
        hangul = "\uac00" <= ch <= "\ud7a3"
        latin = ch.isascii() and ch.isalnum()
        if start < resume or not (hangul or latin):
            continue
        if (hangul and "\uac00" <= before <= "\ud7a3") or (latin and before.isascii() and before.isalnum()):
            continue  # not a word start
        kept = [k for k in range(start, len(text)) if not folded[k].isspace()]  # offsets of the squeezed rest
        rest = "".join(folded[k] for k in kept)
        for norm in sorted((n for n in NORMS if rest.startswith(n)), key=len, reverse=True):
            end = kept[len(norm) - 1] + 1
            span = text[start:end]
            if span.count("\n") > 1 or "\n\n" in span:
                continue
            last = text[end - 1]
            if "\uac00" <= last <= "\ud7a3" and not tail_ok(text, end):
                continue
            if last.isascii() and last.isalnum() and end < len(text) and text[end].isascii() and text[end].isalnum():
                continue
            out.append((start, end, norm))
            resume = end
            break
    return out


GAPS = st.sampled_from(["", " ", "  ", " " * 70, "\n", "\n\n", " \n ", "\t", "\u3000"])
FILLER = st.sampled_from(["우시", "대학", "시티", "창업단지", "Kic", "ＫＩＣ", "AB", "ab", "12", "x", "는", "에서", "시",
                          "한국", "(", ")", "。"])


@st.composite
def term_with_gaps(draw) -> str:
    """A glossary term written with white space (or none) cut into it at one or two places."""
    term = draw(st.sampled_from(TERMS)).replace(" ", "")
    cuts = sorted(draw(st.lists(st.integers(1, len(term) - 1), max_size=2)))
    pieces = [term[i:j] for i, j in zip([0, *cuts], [*cuts, len(term)])]
    return "".join(piece + draw(GAPS) for piece in pieces[:-1]) + pieces[-1]


DRAFTS = st.lists(st.tuples(st.one_of(term_with_gaps(), FILLER), GAPS), max_size=12).map(
    lambda items: "".join(w + g for w, g in items)
)


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(DRAFTS)
def test_scan_finds_what_the_reference_finds(text):
    assert [(m.start, m.end, m.norm) for m in INDEX.scan(text)] == reference_scan(text)


def test_white_space_longer_than_the_window_between_the_words_of_a_term():
    text = "KIC" + " " * 70 + "중국은"
    (match,) = INDEX.scan(text)
    assert (match.start, match.end, match.norm, match.spaced) == (0, 75, "kic중국", True)

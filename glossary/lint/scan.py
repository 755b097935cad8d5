"""Finding glossary terms in a text: folding, squeezing and the leftmost-longest scan.

Terms are matched on the document text folded (width and case) with white space ignored, so
'KIC 중국' finds the term 'KIC중국'. For each first-two-characters key the index keeps the lengths
of the terms starting so; at each word start the few characters after it are squeezed (white
space dropped) and the candidate lengths tried longest first as dictionary probes, so a lookup
costs a handful of hash probes whatever the glossary size, and the whole document is one
left-to-right pass (leftmost-longest, like an Aho–Corasick automaton without the memory).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass

from ..store import Term
from ..text.korean import is_latin_alnum, tail_ok
from ..text.normalize import fold_width, is_hangul


@dataclass(frozen=True, slots=True)
class Match:
    """A glossary term found in a document."""

    start: int
    """Offset of the first character (in ``Document.raw``)."""
    end: int
    """Offset just past the term (particles excluded)."""
    norm: str
    terms: tuple[int, ...]
    """Ids of the terms with this matching form (several entries may share a rendering)."""
    spaced: bool
    """True when the text's spacing differs from the term's (KIC 중국 for KIC중국)."""


_WIDE = re.compile(r"[\uff01-\uff5e\u3000]")


def fold(text: str) -> str:
    """``text`` with width and case folded, character for character (same length, same offsets).

    A character that folds to several (ß → ss) is kept as it is.
    """
    if _WIDE.search(text) is not None or not unicodedata.is_normalized("NFC", text):
        folded = fold_width(text).casefold()
    else:
        folded = text.casefold()
    if len(folded) != len(text):
        folded = "".join(c2 if len(c2 := fold_width(c).casefold()) == 1 else c for c in text)
    return folded


def squeeze(text: str) -> str:
    """The folded text with every white space character removed: what terms are matched against."""
    return "".join(fold(text).split())


def starts_pattern(buckets: Mapping[str, tuple[int, ...]]) -> re.Pattern:
    """Where a term may start: the first character of a run of Hangul syllables, or of ASCII
    letters and digits, when that character begins some term (a Hangul syllable as itself, a
    letter in either case: terms are matched case-folded). ``buckets`` are the index's."""
    firsts = {key[0] for key in buckets}
    hangul = "".join(sorted(c for c in firsts if "\uac00" <= c <= "\ud7a3"))
    latin = {c for c in firsts if c.isascii() and c.isalnum()}
    latin = "".join(sorted(latin | {c.upper() for c in latin}))
    branches = []
    if hangul:
        branches.append(f"[{hangul}](?<![\uac00-\ud7a3][\uac00-\ud7a3])")
    if latin:
        branches.append(f"[{latin}](?<![A-Za-z0-9][A-Za-z0-9])")
    return re.compile("|".join(branches) or "(?!)")


def scan_text(
    text: str,
    *,
    buckets: Mapping[str, tuple[int, ...]],
    by_norm: Mapping[str, int | tuple[int, ...]],
    terms: Mapping[int, Term],
    starts: re.Pattern,
    spaced_memo: dict,
) -> list[Match]:
    """Every glossary term in ``text`` (a ``Document.text``), leftmost-longest, whole words only.

    A term matches at a word start (no Hangul syllable or Latin letter just before it); a
    Korean ending must be followed by nothing Hangul or by particles/suffixes (창저우는, 창저우시);
    a Latin ending must not be followed by another Latin letter or digit. White space inside
    the text is ignored, so 'KIC 중국' matches the term 'KIC중국' (flagged ``spaced``).

    ``buckets``, ``by_norm`` and ``terms`` are the index's (see
    :class:`~glossary.lint.index.GlossaryIndex`), ``starts`` its :func:`starts_pattern`, and
    ``spaced_memo`` keeps whether a span's spacing differs from its terms'.
    """
    folded = fold(text)
    matches: list[Match] = []
    n_text = len(text)
    resume = 0  # offset before which no new match may start
    for start in map(_match_start, starts.finditer(text)):
        if start < resume:
            continue
        # the first two characters of a term starting here (white space skipped)
        key = folded[start:start + 2]
        lengths = buckets.get(key)
        if lengths is None:
            if not key[1:].isspace():
                continue
            lengths = buckets.get(_squeezed_from(folded, start, 2)[:2])
            if lengths is None:
                continue
        longest = lengths[0]
        window = folded[start:start + 2 * longest]  # room for a few spaces
        squeezed = "".join(window.split())
        if len(squeezed) < longest and start + 2 * longest < n_text:
            squeezed = _squeezed_from(folded, start, longest)
        found = None
        for size in lengths:
            norm = squeezed[:size]
            if len(norm) != size or norm not in by_norm:
                continue
            end = start + size if window.startswith(norm) else _end_after(folded, start, size)
            span = text[start:end]
            if "\n" in span and (span.count("\n") > 1 or "\n\n" in span):
                continue
            last = text[end - 1]
            if is_hangul(last):
                if not tail_ok(text, end):
                    continue
            elif is_latin_alnum(last):
                if end < n_text and is_latin_alnum(text[end]):
                    continue
            found = (norm, end, span)
            break
        if found is None:
            continue
        norm, end, span = found
        ids = by_norm[norm]
        if type(ids) is not tuple:
            ids = (ids,)
        spaced = spaced_memo.get((norm, span))
        if spaced is None:
            spaced = spaced_memo[(norm, span)] = fold_width(span).replace("\n", " ").casefold() not in {
                fold_width(terms[i].text).casefold() for i in ids
            }
        matches.append(Match(start, end, norm, ids, spaced))
        resume = end
    return matches


_match_start = re.Match.start


def _squeezed_from(folded: str, start: int, size: int) -> str:
    """At least ``size`` characters of ``folded`` from ``start`` with white space removed (fewer
    only at the end of the text)."""
    reach = start + size
    out = "".join(folded[start:reach].split())
    while len(out) < size and reach < len(folded):
        step = max(size, 64)
        out += "".join(folded[reach:reach + step].split())
        reach += step
    return out


def _end_after(folded: str, start: int, size: int) -> int:
    """Offset just past the ``size``-th character from ``start`` that is not white space."""
    position = start
    while True:
        if not folded[position].isspace():
            size -= 1
            if not size:
                return position + 1
        position += 1


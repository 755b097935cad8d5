"""The lint rules: small named units that share one finding type.

Each rule is a class with ``code`` (``kozh/…``), ``default_severity`` and
``check(document, index, context) -> Iterator[Finding]``; its docstring follows ruff's layout
(What it does / Why is this bad? / Example / Use instead / Fix safety) and its first line is
the summary ``kozh rules`` prints. :data:`RULES` maps each code to an instance, in report order.
"""

from __future__ import annotations

import re
from functools import cached_property
from typing import TYPE_CHECKING, Iterator, Protocol

from ...errors import BadInput
from ..finding import Edit, Finding, Fix, Severity
from ...text.korean import replacement_with_particle
from ...text.normalize import has_han, has_hangul, is_hangul, norm_key
from ...extract.pairs import extract_pairs
from ...translit.judge import judge

if TYPE_CHECKING:  # pragma: no cover
    from ..index import GlossaryIndex
    from ..scan import Match
    from ...sources.document import Document


class Rule(Protocol):
    code: str
    default_severity: Severity

    def check(self, document: "Document", index: "GlossaryIndex", context: "LintContext") -> Iterator[Finding]: ...


def summary(rule: object) -> str:
    """The first line of a rule's docstring."""
    doc = (type(rule).__doc__ or "").strip()
    return doc.splitlines()[0].strip() if doc else ""


class LintContext:
    """What the rules of one lint run share: the document's matches, pairs and a judge cache.

    Everything is computed on first use, so a run with only some rules enabled pays only for
    what those rules read.
    """

    def __init__(
        self, document: "Document", index: "GlossaryIndex", *, source_text: str | None = None, use_base: bool = True
    ):
        self.document = document
        self.index = index
        self.source_text = source_text
        self.use_base = use_base

    @cached_property
    def base(self):
        """The bundled base glossary (:mod:`glossary.translit.base`), or None when ``base = false``."""
        if not self.use_base:
            return None
        from ...translit.base import base_glossary

        return base_glossary()

    @cached_property
    def squeezed(self) -> str:
        """The document text folded (width, case) with white space removed."""
        from ..scan import squeeze

        return squeeze(self.document.text)

    @cached_property
    def matches(self) -> list["Match"]:
        """Glossary terms found in the document (leftmost-longest, whole words)."""
        return self.index.scan(self.document.text)

    @cached_property
    def matched_spans(self) -> list[tuple[int, int]]:
        return [(m.start, m.end) for m in self.matches]

    @cached_property
    def covered(self) -> bytearray:
        """1 for every character inside a glossary match or the Korean side of a pair."""
        mask = bytearray(len(self.document.text) + 1)
        for s, e in (*self.matched_spans, *((s, e) for _, s, e in self.pairs)):
            mask[s:e] = b"\x01" * (e - s)
        return mask

    @cached_property
    def pairs(self) -> list[tuple[object, int, int]]:
        """``X(汉字)`` pairs of the document as ``(pair, start, end)`` of the Korean ``X``."""
        out = []
        doc = self.document
        for pair in extract_pairs(doc):
            span = _locate(doc, pair)
            if span is not None:
                out.append((pair, *span))
        return out

    @cached_property
    def words(self) -> set[str]:
        """The document's Hangul and Latin words, each once (see :func:`~glossary.text.korean.word_starts`
        for where one stands)."""
        from ...text.korean import distinct_words

        return distinct_words(self.document.text)

    @cached_property
    def stems(self) -> dict[str, str]:
        """Each of :attr:`words` with its stem (particles cut off: 류싱천은 → 류싱천)."""
        from ...text.korean import stems

        words = list(self.words)
        return dict(zip(words, stems(words)))

    @cached_property
    def hangul_stems(self) -> list[str]:
        """The draft's Hangul stems of two or more syllables (particles cut off), sorted."""
        known = _HANGUL_STEMS
        if len(known) > 200_000:
            known.clear()
        out = []
        for b in set(self.stems.values()):
            ok = known.get(b)
            if ok is None:
                ok = known[b] = len(b) >= 2 and all(map(is_hangul, b))
            if ok:
                out.append(b)
        out.sort()
        return out

    def positions_of(self, stem: str) -> list[int]:
        """Where a word with this stem starts, outside glossary matches and pairs (made per stem,
        only for the few stems a rule reports)."""
        got = self._positions.get(stem)
        if got is None:
            from ...text.korean import stem_starts

            covered = self.covered
            got = self._positions[stem] = [s for s in stem_starts(self.document.text, stem) if not covered[s]]
        return got

    @cached_property
    def _positions(self) -> dict[str, list[int]]:
        return {}

    def judge(self, korean: str, chinese: str, era: str | None = None):
        return judge(korean, chinese, era=era)

    def nonstandard_form(
        self, korean: str, zh: str, *, era: str | None = None, paired: bool = False
    ) -> tuple[str, bool] | None:
        """``(standard form, confident)`` when ``korean`` is a non-standard rendering of ``zh``, else None.

        The judge decides both (:func:`glossary.translit.judge.judge`, the same answer ``kozh judge`` prints):
        a ``nonstandard`` verdict, a Sino-Korean reading of a name marked modern, or a transliterated
        name marked historic; and, when the draft or the glossary pairs the two (``paired``: 쉰보(鞠博)),
        an ``unknown`` rendering with a syllable misread (쉰 for 鞠 쥐). Rules that find a word by its
        look (drift, base) leave ``paired`` off: a misread is no evidence that a word is the name.
        Confident means the fix may be applied unasked. The rules that report a non-standard
        rendering (nonstandard, inconsistent, drift, base) all ask here.
        """
        if not korean or len(zh) > 40 or not has_han(zh) or has_hangul(zh):
            return None
        j = self.judge(korean, zh, era)
        if j.suggestion is None or norm_key(j.suggestion) == norm_key(korean):
            return None
        if j.verdict == "nonstandard" or (j.verdict == "unknown" and paired) or (j.verdict == "sino" and era == "modern") or (
            j.verdict == "standard" and era == "historic"
        ):
            return j.suggestion, j.confident
        return None

    def finding(
        self,
        rule: "Rule",
        start: int,
        end: int,
        message: str,
        *,
        suggestions: tuple[str, ...] = (),
        replacement: str | None = None,
        safe: bool = True,
        entry_zh: str | None = None,
        severity: Severity | None = None,
    ) -> Finding:
        """A finding on ``raw[start:end]``; ``replacement`` makes it fixable (particle adjusted)."""
        doc = self.document
        line, column = doc.line_col(start)
        end_line, end_column = doc.line_col(end)
        fix = None
        if replacement is not None:
            # Markup inside the span (**KIC** 중국) would be lost by a rewrite: show, never apply.
            clean = doc.raw[start:end] == doc.text[start:end]
            s, e, new = replacement_with_particle(doc.raw, start, end, replacement)
            if doc.raw[s:e] != new:
                fix = Fix((Edit(s, e, new),), safe=safe and clean)
        return Finding(
            path=doc.path, line=line, column=column, end_line=end_line, end_column=end_column,
            rule=rule.code, severity=severity or rule.default_severity, message=message,
            found=doc.raw[start:end], suggestions=suggestions, fix=fix, start=start, end=end,
            entry_zh=entry_zh,
        )


_SPACES = re.compile(r"\s+")

_HANGUL_STEMS: dict[str, bool] = {}
"""Stem -> whether it is two or more Hangul syllables (kept between drafts: stems repeat)."""


def _locate(doc: "Document", pair) -> tuple[int, int] | None:
    """Offsets of a pair's Korean term in the document, from the line and column it reports."""
    term = pair.term
    try:
        start = doc.offset(pair.line, pair.column)
    except BadInput:  # a line the document does not have
        return None
    raw = doc.raw
    if raw.startswith(term, start):
        return start, start + len(term)
    # the term may have been normalized (spaces, width): search the reported line near the column
    line_start = doc.offset(pair.line, 1)
    line_end = raw.find("\n", line_start)
    line_end = len(raw) if line_end < 0 else line_end
    found = raw.find(term, line_start, line_end)
    if found >= 0:
        return found, found + len(term)
    # spacing may differ: match the term's characters with any white space between them
    pattern = r"\s*".join(re.escape(c) for c in _SPACES.sub("", term))
    m = re.compile(pattern).search(raw, line_start, line_end)
    return (m.start(), m.end()) if m else None


from .base_name import BaseNameRule  # noqa: E402
from .deprecated import Deprecated  # noqa: E402
from .drift import Drift  # noqa: E402
from .inconsistent import Inconsistent  # noqa: E402
from .missing_term import MissingTerm  # noqa: E402
from .nonstandard import Nonstandard  # noqa: E402
from .spacing import Spacing  # noqa: E402
from .unknown_pair import UnknownPair  # noqa: E402
from .variant import Variant  # noqa: E402

RULES: dict[str, Rule] = {
    rule.code: rule
    for rule in (
        Deprecated(), Inconsistent(), Variant(), Nonstandard(), Drift(), BaseNameRule(), Spacing(), UnknownPair(),
        MissingTerm(),
    )
}
"""Every rule by code."""

__all__ = ["RULES", "LintContext", "Rule", "summary"]

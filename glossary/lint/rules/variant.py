"""kozh/variant: a near-miss spelling of a known term."""

from __future__ import annotations

from itertools import compress, repeat
from operator import is_not
from typing import Iterator

from ..finding import Finding, Severity
from ...text.korean import is_ordinary_word, word_starts
from ...text.normalize import is_hangul, is_hangul_word, norm_key

_UNKNOWN = object()
"""The verdict of a stem not judged yet."""


class Variant:
    """Near-miss spelling of a known term (류썩천 for 류싱천, Dahooo for Dahoo).

    ## What it does
    Looks at every word of the draft that is not itself a glossary term:

    * a Korean word of three or more syllables that differs from a glossary rendering in exactly
      one syllable is reported only when it sounds the same: the judge, given the word and the
      term's Chinese, calls the word ``nonstandard`` and suggests that very term (류썩천 for
      刘星辰 → 류싱천), and the word is not an ordinary word of the language (Kiwi's dictionary
      knows 베이징, 선순환, 위치한; it is loaded only when a word gets that far). Distinct names
      that merely look alike (장원하오 beside 장원타오 for 张文涛) do not pass the judge;
      one- and two-syllable words are skipped;
    * a Latin word of five or more letters one edit away from a Latin term, where the edit
      doubles or undoubles a letter or swaps two neighbours (Dahooo, Dahoo; Tencnet, Tencent).

    When the glossary's own rendering is the non-standard one and the draft's word is standard,
    nothing is reported here: ``kozh/nonstandard`` reports the glossary's rendering instead.

    ## Why is this bad?
    A typo in a name makes a different name; readers and search engines cannot tell.

    ## Example
    ```markdown
    Dahooo 는 자체 개발한 DRS 시스템을 기반으로 …
    ```

    ## Use instead
    ```markdown
    Dahoo 는 자체 개발한 DRS 시스템을 기반으로 …
    ```

    ## Fix safety
    Safe when the suggestion is a preferred glossary term, or a Korean spelling the judge is sure
    is a misspelling of it (류썩천 for 류싱천); the particle after it is adjusted when the last
    syllable's 받침 changes. A near-miss of an extracted Latin name (Dahooo for Dahoo) is shown,
    not applied: either spelling may be the typo.
    """

    code = "kozh/variant"
    default_severity = Severity.WARNING

    def check(self, document, index, context) -> Iterator[Finding]:
        # glossary terms and the Korean side of X(汉字) pairs are other rules' business
        covered = context.covered
        text = document.text
        # verdicts depend only on the stem and the (immutable) index: kept with the index
        verdicts = index.__dict__.setdefault("_variant_verdicts", {})
        if len(verdicts) > 200_000:
            verdicts.clear()
        found = []
        # the words whose stem's verdict is a hit or not known yet
        stem_of = context.stems
        words, bases = list(stem_of), list(stem_of.values())
        hits = list(map(verdicts.get, bases, repeat(_UNKNOWN)))
        for word, base, hit in compress(zip(words, bases, hits), map(is_not, hits, repeat(None))):
            if hit is _UNKNOWN:
                hit = verdicts.get(base, _UNKNOWN)  # another word of this draft may share the stem
                if hit is _UNKNOWN:
                    hit = verdicts[base] = self._near(base, index, context)
                if hit is None:
                    continue
            spans = [(s, s + len(base)) for s in word_starts(text, word)]
            spans = [(s, e) for s, e in spans if not (covered[s] or covered[e - 1])]
            # 베이징, 선순환, 위치한: words of the language, not misspellings (Kiwi is asked last)
            if spans and not (is_hangul(base[0]) and is_ordinary_word(base)):
                found.extend((s, e, base, hit) for s, e in spans)
        for start, end, base, (term, entry) in sorted(found, key=lambda f: f[:2]):
            # applied unasked when a person chose the term, or the judge is sure of the misspelling;
            # an extracted Latin name (Dahoo / Dahooo) may itself be the typo
            safe = term.status == "preferred" or (
                is_hangul(base[0]) and context.judge(base, entry.zh, entry.era).confident
            )
            yield context.finding(
                self, start, end,
                f"{base} looks like a misspelling of {term.text} ({entry.zh})",
                suggestions=(term.text,), replacement=term.text, entry_zh=entry.zh, safe=safe,
            )

    def _near(self, stem: str, index, context):
        norm = norm_key(stem)
        if norm in index.by_norm:
            return None
        if is_hangul(stem[0]):
            if len(stem) < 3 or not is_hangul_word(stem):
                return None
            seen: set[int] = set()
            for i in range(len(norm)):
                for term_id in index.near.get(norm[:i] + "\0" + norm[i + 1:], ()):
                    if term_id in seen:
                        continue
                    seen.add(term_id)
                    term = index.terms[term_id]
                    if term.status == "deprecated":
                        continue
                    entry = index.entries[term.entry_id]
                    j = context.judge(stem, entry.zh, entry.era)
                    if j.verdict == "nonstandard" and j.suggestion and norm_key(j.suggestion) == term.norm:
                        return term, entry
            return None
        if len(norm) < 5 or not norm.isascii() or not norm.isalpha():
            return None
        for candidate in _latin_neighbours(norm):
            for term_id in index.latin.get(candidate, ()):
                term = index.terms[term_id]
                if term.status != "deprecated":
                    return term, index.entries[term.entry_id]
        return None


def _latin_neighbours(word: str) -> list[str]:
    """Words one doubled/undoubled letter or one neighbour swap away, in a fixed order."""
    out: list[str] = []
    for i in range(len(word)):
        if (i > 0 and word[i - 1] == word[i]) or (i + 1 < len(word) and word[i + 1] == word[i]):
            out.append(word[:i] + word[i + 1:])  # Dahooo -> Dahoo
        out.append(word[:i] + word[i] + word[i:])  # Dahoo -> Dahooo (the term doubles a letter)
        if i + 1 < len(word) and word[i] != word[i + 1]:
            out.append(word[:i] + word[i + 1] + word[i] + word[i + 2:])
    seen: set[str] = set()
    return [w for w in out if w != word and not (w in seen or seen.add(w))]

"""kozh/spacing: a known term written with other spacing."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from functools import lru_cache
from typing import Iterator

from ..finding import Finding, Severity
from ...text.korean import split_tail

_LATIN_HANGUL = re.compile(r"([A-Za-z](?<![A-Za-z0-9][A-Za-z])[A-Za-z0-9]*)([ \t]?)([\uac00-\ud7a3]+)")
"""A Latin word (no letter or digit before it) then, after at most one space or tab, Hangul; the
look-behind comes after the first letter so the search skips ahead to letters."""


class Spacing:
    """Known term written with other spacing (KIC중국 for KIC 중국).

    ## What it does
    Matches glossary terms across any spacing and reports occurrences whose spacing differs
    from the glossary's (the glossary keeps one spacing per rendering: the first recorded).
    Terms of fewer than three characters are left alone.

    Names that join a Latin acronym and Korean (KIC중국, KIC 중국) are often missing from an
    extracted glossary, which only records ``X(汉字)`` pairs; when the draft writes one of them
    both ways, the form the draft uses more often (then the one it uses first) is the reference
    and the others are reported.

    ## Why is this bad?
    The same name spaced two ways in one newsletter looks careless and splits searches. Both
    spacings are correct Korean (한글 맞춤법 제49항 lets a proper noun be written as one word or
    spaced by its units), so this is a note on consistency, reported as ``info`` by default.

    ## Example
    ```markdown
    KIC중국은 창업대회를 개최한다. 주최: 글로벌혁신센터(KIC 중국)
    ```

    ## Use instead
    ```markdown
    KIC 중국은 창업대회를 개최한다. 주최: 글로벌혁신센터(KIC 중국)
    ```

    ## Fix safety
    Safe when the glossary's form is a preferred term (a person chose that spacing): only white
    space changes (unless markup sits inside the term, then it is only shown). Otherwise shown,
    not applied, since both spacings are correct. For a draft's own Latin–Korean names the reference is a majority vote, so
    the fix is shown, not applied.
    """

    code = "kozh/spacing"
    default_severity = Severity.INFO

    def check(self, document, index, context) -> Iterator[Finding]:
        for m in context.matches:
            if not m.spaced or len(m.norm) < 3:
                continue
            texts = Counter(index.terms[t].text for t in m.terms)
            want = sorted(texts, key=lambda t: (-texts[t], t))[0]
            found = document.raw[m.start:m.end]
            # both spacings are correct Korean: apply unasked only what a person chose
            chosen = any(index.terms[t].text == want and index.terms[t].status == "preferred" for t in m.terms)
            yield context.finding(
                self, m.start, m.end, f"{found!r} is spaced differently from the glossary's {want!r}",
                suggestions=(want,), replacement=want, safe=chosen,
                entry_zh=index.entries[index.terms[m.terms[0]].entry_id].zh,
            )
        yield from self._latin_korean(document, context)

    def _latin_korean(self, document, context) -> Iterator[Finding]:
        text = document.text
        covered = context.covered
        seen: dict[tuple[str, str], list[tuple[int, int, bool]]] = defaultdict(list)
        for m in _LATIN_HANGUL.finditer(text):
            stem = _stem(m.group(3))
            if len(stem) < 2:
                continue
            start, end = m.start(1), m.start(3) + len(stem)
            if any(covered[start:end]):
                continue
            seen[(m.group(1).casefold(), stem)].append((start, end, bool(m.group(2))))
        for (latin, stem), found in sorted(seen.items()):
            spaced = sum(1 for *_, sp in found if sp)
            if spaced == 0 or spaced == len(found):
                continue
            first_spaced = found[0][2]
            want_spaced = spaced > len(found) - spaced or (spaced * 2 == len(found) and first_spaced)
            example = next((s, e) for s, e, sp in found if sp == want_spaced)
            want = document.raw[example[0]:example[1]]
            line = document.line_col(example[0])[0]
            for start, end, sp in found:
                if sp == want_spaced:
                    continue
                got = document.raw[start:end]
                yield context.finding(
                    self, start, end,
                    f"{got!r} is written {want!r} elsewhere in this draft (line {line})",
                    suggestions=(want,), replacement=want, safe=False,
                )


@lru_cache(maxsize=65536)
def _stem(hangul: str) -> str:
    """``hangul`` without its particles (the shortest prefix whose rest is a particle sequence)."""
    for cut in range(1, len(hangul)):
        if split_tail(hangul[cut:]) is not None:
            return hangul[:cut]
    return hangul

"""kozh/deprecated: a rendering the glossary marks deprecated."""

from __future__ import annotations

from typing import Iterator

from ..finding import Finding, Severity


class Deprecated:
    """Rendering marked deprecated in the glossary; use the entry's preferred form.

    ## What it does
    Finds every glossary term with status ``deprecated`` used in the draft (with or without
    particles: 산업정보화부는, 산업정보화부의) and suggests the entry's preferred rendering, or,
    when none is marked preferred, its most used admitted or candidate rendering.

    ## Why is this bad?
    A deprecated rendering was reviewed and rejected by the team: an old name, a mistranslation
    or a spelling the house no longer uses.

    ## Example
    ```markdown
    산업정보화부(工业和信息化部)는 중소기업 지원책을 발표했다.
    ```

    ## Use instead
    ```markdown
    공업정보화부(工业和信息化部)는 중소기업 지원책을 발표했다.
    ```

    ## Fix safety
    Safe when the entry has a preferred rendering (a person chose it); the particle after the
    term is adjusted to the new last syllable. Otherwise the suggestion is shown, not applied.
    """

    code = "kozh/deprecated"
    default_severity = Severity.ERROR

    def check(self, document, index, context) -> Iterator[Finding]:
        for m in context.matches:
            terms = index.ko_terms_of(m.terms)
            if not terms or any(t.status != "deprecated" for t in terms):
                continue  # a rendering deprecated for one entry but fine for another: not ours to judge
            entries = sorted({t.entry_id for t in terms})
            if len(entries) != 1:
                continue
            entry = index.entries[entries[0]]
            reference = entry.reference()
            found = document.raw[m.start:m.end]
            if reference is None:
                yield context.finding(
                    self, m.start, m.end, f"{found} is deprecated for {entry.zh} (no other rendering recorded)",
                    entry_zh=entry.zh,
                )
                continue
            yield context.finding(
                self, m.start, m.end,
                f"{found} is deprecated for {entry.zh}: use {reference.text}",
                suggestions=(reference.text,), replacement=reference.text,
                safe=reference.status == "preferred", entry_zh=entry.zh,
            )

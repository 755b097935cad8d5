"""kozh/unknown-pair: a ``X(汉字)`` pair the glossary lacks."""

from __future__ import annotations

from typing import Iterator

from ..finding import Finding, Severity


class UnknownPair:
    """Korean–Chinese pair not in the glossary; add it with `kozh extract`.

    ## What it does
    Reports every ``X(汉字)`` (or ``X[汉字, …]``) pair of the draft whose Chinese, simplified or
    traditional, has no glossary entry.

    ## Why is this bad?
    It is not wrong: it is a new name. Until it is in the glossary, later issues cannot be
    checked against this rendering, and a reviewer has not confirmed it.

    ## Example
    ```markdown
    동애잉(董艾颖) 전략기획부 부장이 센터 참관을 안내했다.
    ```

    ## Use instead
    Run ``kozh extract draft.md`` (or ``kozh terms add 동애잉 董艾颖 --kind person``) and review it.

    ## Fix safety
    No fix: the glossary, not the draft, changes.
    """

    code = "kozh/unknown-pair"
    default_severity = Severity.INFO

    def check(self, document, index, context) -> Iterator[Finding]:
        for pair, start, end in context.pairs:
            if index.entry_for_zh(pair.zh) is not None:
                continue
            yield context.finding(
                self, start, end,
                f"{pair.term}({pair.zh}) is not in the glossary: run `kozh extract {document.path}` to add it",
            )

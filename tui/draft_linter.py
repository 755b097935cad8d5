"""Linting the draft being edited, in a worker thread, with an index rebuilt when the glossary changes."""

from __future__ import annotations

import threading
from dataclasses import dataclass

from glossary.lint.finding import Finding
from glossary.store import Glossary

from .service import GlossaryService


@dataclass
class LintResult:
    findings: list[Finding]
    document: object | None
    generation: int
    error: str | None = None


class DraftLinter:
    """Lints draft text with the lint engine and an index compiled from the glossary.

    The index is rebuilt when the glossary's version changes. Runs in worker threads; one
    lint at a time (the app's workers are exclusive).
    """

    def __init__(self, service: GlossaryService, path: str, kind: str = "md"):
        self.service = service
        self.path = path
        self.kind = kind
        self._index = None
        self._version = -1
        self._lock = threading.Lock()

    def _index_for(self, g: Glossary):
        version = g.version
        if self._index is None or version != self._version:
            self._index = build_index(g)
            self._version = version
        return self._index

    def lint(self, text: str, generation: int = 0) -> LintResult:
        from glossary.sources.document import document_from_text

        with self._lock:
            doc = document_from_text(text, path=self.path, kind=self.kind)
            from glossary.lint.engine import lint_document

            with self.service.reader() as g:
                index = self._index_for(g)
            findings = sorted(lint_document(doc, index), key=lambda f: (f.start, f.end, f.rule))
            return LintResult(findings, doc, generation)


def build_index(g: Glossary):
    """The lint engine's compiled index of the glossary."""
    from glossary.lint import index as index_module

    return index_module.GlossaryIndex.for_glossary(g)

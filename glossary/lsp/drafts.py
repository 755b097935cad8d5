"""The drafts an editor has open, and the one place the language server calls the lint library.

A :class:`Draft` is the editor's text of one document (kept here, not read from disk: the editor's
buffer is what the user sees). :class:`Checker` lints it exactly as ``kozh lint`` would: the
``kozh.toml`` nearest the draft, the glossary chosen by ``--db``/``$KOZH_DB``/``kozh.toml``/
``./glossary.db`` (:func:`~glossary.lint.config.resolve_db`), :func:`~glossary.lint.engine.lint_document` with
the compiled :class:`~glossary.lint.index.GlossaryIndex`.

The index is reused between keystrokes and reloaded when the glossary changes: SQLite's
``PRAGMA data_version`` moves when another connection commits (``kozh extract`` in a terminal, the
TUI) and the glossary's own ``version`` when this server writes; only then is
:meth:`GlossaryIndex.for_glossary` asked again, and it answers from its memory or the on-disk
cache keyed on the glossary's data version, compiling only a glossary it has not seen.

A Checker is not thread-safe: the server calls it from one worker thread.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlparse

from ..lint.config import Config, load_config, resolve_db
from ..lint.finding import Finding
from ..lint.index import GlossaryIndex
from ..lint.engine import enabled_rules, lint_document
from ..sources.document import Document, document_from_text
from ..store import Glossary
from .positions import LineIndex

_KIND_BY_SUFFIX = {".md": "md", ".markdown": "md", ".txt": "txt", ".text": "txt", ".html": "html", ".htm": "html"}
_KIND_BY_LANGUAGE = {"markdown": "md", "plaintext": "txt", "text": "txt", "html": "html"}


def uri_to_path(uri: str) -> str | None:
    """The file system path of a ``file:`` URI, or None for other schemes (``untitled:``)."""
    parsed = urlparse(uri)
    if parsed.scheme != "file":
        return None
    path = unquote(parsed.path)
    if len(path) >= 3 and path[0] == "/" and path[2] == ":":  # file:///C:/… on Windows
        path = path[1:]
    return path


def draft_kind(path: str | None, language_id: str | None) -> str:
    """Which markup rules apply: by the file's suffix, else the editor's language id, else Markdown."""
    if path:
        kind = _KIND_BY_SUFFIX.get(Path(path).suffix.lower())
        if kind:
            return kind
    return _KIND_BY_LANGUAGE.get((language_id or "").lower(), "md")


@dataclass
class Draft:
    """One open document as the editor has it."""

    uri: str
    text: str
    version: int | None = None
    language_id: str | None = None

    @property
    def path(self) -> str | None:
        return uri_to_path(self.uri)

    @property
    def kind(self) -> str:
        return draft_kind(self.path, self.language_id)

    @property
    def folder(self) -> Path | None:
        """Where ``kozh.toml`` is looked for: the draft's folder (None: the server's folder)."""
        path = self.path
        return Path(path).parent if path else None


@dataclass
class Linted:
    """The result of linting one version of a draft."""

    draft: Draft
    version: int | None
    document: Document
    findings: list[Finding]
    lines: LineIndex
    glossary: Glossary
    index: GlossaryIndex
    config: Config = field(default_factory=Config)
    _matches: list | None = field(default=None, repr=False)
    _pairs: list | None = field(default=None, repr=False)

    @property
    def matches(self) -> list:
        """The glossary terms in the draft (:meth:`GlossaryIndex.scan`), scanned on first use."""
        if self._matches is None:
            self._matches = self.index.scan(self.document.text)
        return self._matches

    @property
    def pairs(self) -> list:
        """The draft's ``X(汉字)`` pairs as ``(pair, start, end)`` of ``X``, found on first use as the
        rules find them (:attr:`glossary.lint.rules.LintContext.pairs`)."""
        if self._pairs is None:
            from ..lint.rules import LintContext

            self._pairs = LintContext(self.document, self.index).pairs
        return self._pairs


class Checker:
    """Lints drafts against their glossary; keeps glossaries open and their indexes compiled.

    Args:
        db: The ``--db`` given to ``kozh lsp`` (wins over ``$KOZH_DB`` and ``kozh.toml``).
    """

    def __init__(self, db: str | None = None) -> None:
        self.db = db
        self._glossaries: dict[str, Glossary] = {}
        self._indexes: dict[str, tuple[tuple[int, int], GlossaryIndex]] = {}

    def close(self) -> None:
        for glossary in self._glossaries.values():
            glossary.close()
        self._glossaries.clear()
        self._indexes.clear()

    def settings(self, draft: Draft) -> tuple[Config, Glossary]:
        """The draft's ``kozh.toml`` and glossary.

        Raises:
            BadInput: ``kozh.toml`` is not valid TOML or names an unknown rule or severity.
            GlossaryError: the glossary does not exist or is not a kozh glossary.
        """
        folder = draft.folder
        config = load_config(folder)
        enabled_rules(config)  # an unknown rule in [rules] is reported now, not on every keystroke
        return config, self.glossary(resolve_db(self.db, folder))

    def glossary(self, path: str) -> Glossary:
        """The glossary at ``path``, opened once (never created: a missing one is an error)."""
        key = str(Path(path).resolve())
        glossary = self._glossaries.get(key)
        if glossary is None:
            glossary = self._glossaries[key] = Glossary.open(path, create=False)
        return glossary

    def index(self, glossary: Glossary) -> GlossaryIndex:
        """The glossary's compiled index, reloaded only when the glossary changed."""
        stamp = (glossary.conn.execute("PRAGMA data_version").fetchone()[0], glossary.version)
        kept = self._indexes.get(glossary.path)
        if kept is not None and kept[0] == stamp:
            return kept[1]
        index = GlossaryIndex.for_glossary(glossary)
        self._indexes[glossary.path] = (stamp, index)
        return index

    def lint(self, draft: Draft, encoding: str = "utf-16") -> Linted:
        """Lint the draft's current text as ``kozh lint`` would lint the file.

        Raises:
            KozhError: a bad ``kozh.toml`` or glossary (see :meth:`settings`).
        """
        config, glossary = self.settings(draft)
        index = self.index(glossary)
        doc = document_from_text(draft.text, path=draft.path or draft.uri, kind=draft.kind)
        findings = lint_document(doc, index, config)
        return Linted(draft, draft.version, doc, findings, LineIndex(draft.text, encoding), glossary, index, config)

    def add_term(self, draft: Draft, korean: str, chinese: str, status: str) -> str:
        """Add ``korean`` as a rendering of ``chinese`` with ``status``, as ``kozh terms add`` does;
        returns a one-line summary."""
        _, glossary = self.settings(draft)
        term, created = glossary.add_term(korean, chinese, status=status)
        entry = glossary.entry_by_id(term.entry_id)
        return f"{'added' if created else 'now'}: {term.text} = {entry.zh} [{term.status}]"


__all__ = ["Checker", "Draft", "Linted", "draft_kind", "uri_to_path"]

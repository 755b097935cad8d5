"""The LSP handlers of ``kozh lsp``: diagnostics, code actions, hover and the glossary commands.

The server keeps the editor's text of each open draft (:class:`~glossary.lsp.drafts.Draft`), lints
it on open and save at once and after a pause in typing (:data:`DEBOUNCE_S`), and publishes the
findings as diagnostics: the rule as ``code``, the severity from ``kozh.toml``, the range in the
negotiated position encoding (UTF-16 unless the client offered another; see
:mod:`~glossary.lsp.positions`).

Every call into the library runs on one worker thread, in order: the glossary's SQLite connection
stays in that thread, and the event loop keeps reading the editor's messages while a lint runs.
A lint result is published only if the draft has not changed since (a newer one is on its way).

Nothing a handler does may stop the server. A :class:`~glossary.errors.KozhError` (a missing
glossary, a broken ``kozh.toml``) becomes one ``window/showMessage`` error, shown once until it
changes; anything unexpected is shown as an error with its traceback in ``window/logMessage``.
"""

from __future__ import annotations

import asyncio
import functools
import sqlite3
import traceback
from concurrent.futures import ThreadPoolExecutor

from lsprotocol import types
from pygls.lsp.server import LanguageServer

from .. import __version__
from ..errors import KozhError
from ..lint.finding import Finding, Severity
from .actions import ACCEPT_ADMITTED, ADD_CANDIDATE, FIX_ALL, code_actions
from .drafts import Checker, Draft, Linted
from .hover import hover_text
from .positions import LineIndex, apply_change

DEBOUNCE_S = 0.3
"""Seconds of no typing before a draft is linted again."""

_SEVERITY = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFO: types.DiagnosticSeverity.Information,
}


class KozhLanguageServer(LanguageServer):
    """kozh's language server. ``db`` is ``kozh --db``; ``debounce`` the pause before re-linting."""

    def __init__(self, db: str | None = None, *, debounce: float = DEBOUNCE_S) -> None:
        super().__init__("kozh", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Incremental)
        self.checker = Checker(db)
        self.debounce = debounce
        self.drafts: dict[str, Draft] = {}
        self.linted: dict[str, Linted] = {}
        self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kozh-lint")
        self._timers: dict[str, asyncio.TimerHandle] = {}
        self._shown_error: str | None = None
        self._register()

    # plumbing -----------------------------------------------------------------------------

    def _register(self) -> None:
        # pygls marks the functions it registers, which a bound method does not allow: a partial does.
        def on(method):
            return functools.partial(method)

        self.feature(types.TEXT_DOCUMENT_DID_OPEN)(on(self.did_open))
        self.feature(types.TEXT_DOCUMENT_DID_CHANGE)(on(self.did_change))
        self.feature(types.TEXT_DOCUMENT_DID_SAVE)(on(self.did_save))
        self.feature(types.TEXT_DOCUMENT_DID_CLOSE)(on(self.did_close))
        self.feature(
            types.TEXT_DOCUMENT_CODE_ACTION,
            types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix, FIX_ALL]),
        )(on(self.code_action))
        self.feature(types.TEXT_DOCUMENT_HOVER)(on(self.hover))
        self.feature(types.SHUTDOWN)(on(self.on_shutdown))
        self.command(ADD_CANDIDATE)(on(self.add_candidate))
        self.command(ACCEPT_ADMITTED)(on(self.accept_admitted))

    @property
    def encoding(self) -> str:
        """The position encoding agreed with the client (``utf-16`` unless it offered another)."""
        try:
            encoding = self.workspace.position_encoding
        except Exception:  # no workspace before initialize
            return "utf-16"
        return getattr(encoding, "value", encoding) or "utf-16"

    async def _call(self, fn, *args):
        """Run a library call on the worker thread."""
        return await asyncio.get_running_loop().run_in_executor(self._worker, functools.partial(fn, *args))

    def _message(self, kind: types.MessageType, text: str) -> None:
        self.window_show_message(types.ShowMessageParams(type=kind, message=f"kozh: {text}"))

    def _log(self, kind: types.MessageType, text: str) -> None:
        self.window_log_message(types.LogMessageParams(type=kind, message=text))

    def _report(self, exc: BaseException, doing: str) -> None:
        """Tell the user about a failure, once per distinct message."""
        if isinstance(exc, KozhError):
            text = str(exc)
        elif isinstance(exc, sqlite3.DatabaseError):  # as the CLI words it
            text = f"glossary error: {exc}"
        elif isinstance(exc, OSError) and exc.filename:
            text = f"{exc.strerror or exc}: {exc.filename}"
        else:
            text = f"internal error while {doing}: {type(exc).__name__}: {exc}"
            self._log(types.MessageType.Error, "".join(traceback.format_exception(exc)))
        if text != self._shown_error:
            self._shown_error = text
            self._message(types.MessageType.Error, text)
            self._log(types.MessageType.Error, text)

    # diagnostics ----------------------------------------------------------------------------

    def diagnostic(self, f: Finding, lines: LineIndex) -> types.Diagnostic:
        """The LSP diagnostic of a finding."""
        (l1, c1), (l2, c2) = lines.range(f.start, f.end)
        data = {"start": f.start, "end": f.end}
        if f.suggestions:
            data["suggestions"] = list(f.suggestions)
        if f.entry_zh:
            data["entry"] = f.entry_zh
        return types.Diagnostic(
            range=types.Range(start=types.Position(line=l1, character=c1), end=types.Position(line=l2, character=c2)),
            message=f.message,
            severity=_SEVERITY[f.severity],
            code=f.rule,
            source="kozh",
            data=data,
        )

    def _publish(self, linted: Linted | None, uri: str, version: int | None) -> None:
        diagnostics = [] if linted is None else [self.diagnostic(f, linted.lines) for f in linted.findings]
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, diagnostics=diagnostics, version=version)
        )

    async def lint(self, uri: str) -> Linted | None:
        """Lint the draft now and publish its diagnostics; None when it is closed, changed or failed."""
        draft = self.drafts.get(uri)
        if draft is None:
            return None
        snapshot = Draft(draft.uri, draft.text, draft.version, draft.language_id)
        try:
            linted = await self._call(self.checker.lint, snapshot, self.encoding)
        except Exception as exc:  # noqa: BLE001 - reported to the user, the server keeps running
            self._report(exc, f"linting {uri}")
            self.linted.pop(uri, None)
            self._publish(None, uri, snapshot.version)
            return None
        self._shown_error = None
        current = self.drafts.get(uri)
        if current is None or current.version != snapshot.version or current.text != snapshot.text:
            return None  # the text changed meanwhile; its own lint follows
        self.linted[uri] = linted
        self._publish(linted, uri, snapshot.version)
        return linted

    def _lint_soon(self, uri: str, delay: float) -> None:
        """(Re)start the draft's timer: typing keeps pushing the lint back until a pause."""
        timer = self._timers.pop(uri, None)
        if timer is not None:
            timer.cancel()
        loop = asyncio.get_running_loop()
        if delay <= 0:
            loop.create_task(self.lint(uri))
        else:
            self._timers[uri] = loop.call_later(delay, self._timer_fired, uri)

    def _timer_fired(self, uri: str) -> None:
        self._timers.pop(uri, None)
        asyncio.get_running_loop().create_task(self.lint(uri))

    async def relint_all(self) -> None:
        for uri in list(self.drafts):
            await self.lint(uri)

    async def _latest(self, uri: str) -> Linted | None:
        """The lint of the draft's current text (linting now when the last one is stale)."""
        draft = self.drafts.get(uri)
        linted = self.linted.get(uri)
        if draft is None:
            return None
        if linted is not None and linted.version == draft.version and linted.draft.text == draft.text:
            return linted
        timer = self._timers.pop(uri, None)
        if timer is not None:
            timer.cancel()
        return await self.lint(uri)

    # document sync --------------------------------------------------------------------------

    def did_open(self, params: types.DidOpenTextDocumentParams) -> None:
        doc = params.text_document
        self.drafts[doc.uri] = Draft(doc.uri, doc.text, doc.version, doc.language_id)
        self._lint_soon(doc.uri, 0)

    def did_change(self, params: types.DidChangeTextDocumentParams) -> None:
        uri = params.text_document.uri
        draft = self.drafts.get(uri)
        if draft is None:
            return
        try:
            text = draft.text
            for change in params.content_changes:
                if isinstance(change, types.TextDocumentContentChangePartial):
                    r = change.range
                    text = apply_change(text, (r.start.line, r.start.character), (r.end.line, r.end.character),
                                        change.text, self.encoding)
                else:
                    text = change.text
        except Exception as exc:  # noqa: BLE001
            self._report(exc, f"applying an edit to {uri}")
            return
        draft.text = text
        draft.version = params.text_document.version
        self._lint_soon(uri, self.debounce)

    def did_save(self, params: types.DidSaveTextDocumentParams) -> None:
        uri = params.text_document.uri
        if uri in self.drafts:
            if params.text is not None:
                self.drafts[uri].text = params.text
            self._lint_soon(uri, 0)

    def did_close(self, params: types.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        timer = self._timers.pop(uri, None)
        if timer is not None:
            timer.cancel()
        self.drafts.pop(uri, None)
        self.linted.pop(uri, None)
        self._publish(None, uri, None)

    def on_shutdown(self, params=None) -> None:
        for timer in self._timers.values():
            timer.cancel()
        self._timers.clear()
        self._worker.submit(self.checker.close)
        self._worker.shutdown(wait=False)

    # requests -------------------------------------------------------------------------------

    async def code_action(self, params: types.CodeActionParams) -> list[types.CodeAction] | None:
        try:
            linted = await self._latest(params.text_document.uri)
            if linted is None:
                return None
            lines = linted.lines
            start = lines.offset(params.range.start.line, params.range.start.character)
            end = lines.offset(params.range.end.line, params.range.end.character)

            return await self._call(
                functools.partial(
                    code_actions, linted, start, end, functools.partial(self.diagnostic, lines=lines),
                    pairs=lambda: linted.pairs, versioned=self._versioned_edits(), only=params.context.only,
                )
            )
        except Exception as exc:  # noqa: BLE001
            self._report(exc, "listing code actions")
            return None

    def _versioned_edits(self) -> bool:
        caps = self.client_capabilities
        ws = caps.workspace if caps else None
        edit = ws.workspace_edit if ws else None
        return bool(edit and edit.document_changes)

    async def hover(self, params: types.HoverParams) -> types.Hover | None:
        try:
            linted = await self._latest(params.text_document.uri)
            if linted is None:
                return None
            lines = linted.lines
            offset = lines.offset(params.position.line, params.position.character)
            found = await self._call(hover_text, linted, offset)
            if not found or not found[0]:
                return None
            text, start, end = found
            (l1, c1), (l2, c2) = lines.range(start, end)
            return types.Hover(
                contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value=text),
                range=types.Range(start=types.Position(line=l1, character=c1), end=types.Position(line=l2, character=c2)),
            )
        except Exception as exc:  # noqa: BLE001
            self._report(exc, "preparing a hover")
            return None

    # commands -------------------------------------------------------------------------------

    async def add_candidate(self, *args) -> str | None:
        """``kozh.addCandidate [uri, korean, chinese]``."""
        return await self._add_term(args, "candidate")

    async def accept_admitted(self, *args) -> str | None:
        """``kozh.acceptAdmitted [uri, korean, chinese]``."""
        return await self._add_term(args, "admitted")

    async def _add_term(self, args, status: str) -> str | None:
        try:
            if len(args) != 3 or not all(isinstance(a, str) for a in args):
                raise KozhError("expected the arguments [uri, korean, chinese]")
            uri, korean, chinese = args
            draft = self.drafts.get(uri) or Draft(uri, "")
            summary = await self._call(self.checker.add_term, draft, korean, chinese, status)
        except Exception as exc:  # noqa: BLE001
            self._report(exc, "changing the glossary")
            return None
        self._message(types.MessageType.Info, summary)
        await self.relint_all()
        return summary


def serve(db: str | None = None) -> None:
    """Run the language server on standard input and output until the editor ends it."""
    import sys

    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    # Standard output carries the protocol: a stray print from a library would corrupt it.
    sys.stdout = sys.stderr
    KozhLanguageServer(db).start_io(stdin, stdout)

"""``kozh lsp``: the language server driven by a real LSP client over pipes.

The client is pygls's own (``BaseLanguageClient``) running ``python -m glossary lsp`` in a
subprocess. Tests wait for the diagnostics of a given document version, never for a time; the
timeout only stops a hung server from hanging the suite. Latency is measured in
``bench/bench_lsp.py``.
"""

from __future__ import annotations

import asyncio
import doctest
import os
import sys
import typing
from pathlib import Path

import pytest
from lsprotocol import types
from pygls.lsp.client import BaseLanguageClient
from pygls.protocol import default_converter

from glossary.lsp import actions, positions
from glossary.lsp.actions import suppression_edit
from glossary.lsp.drafts import draft_kind, uri_to_path
from glossary.lsp.positions import LineIndex, apply_change
from glossary.store import Glossary

WAIT_S = 120
"""Only a hung server takes this long; no test depends on how fast an answer comes."""

EMOJI_LINE = 2
DRAFT = (
    "# 주간 중국 창업\n"
    "\n"
    "😀 𠮷 이코노미스트 조우마오화(周茂华)는 \"올해 소비 회복세가 뚜렷할 것\"이라고 전망했다.\n"
    "\n"
    "텅쉰은 새 모델을 발표했다. KIC중국은 우시(无锡) 대표단과 만났다.\n"
    "\n"
    "Dahooo 는 DRS 시스템을 선보였다.\n"
)
# On line 2, 😀 and 𠮷 are two UTF-16 code units each: 😀␠𠮷␠이코노미스트␠ is 2+1+2+1+6+1 = 13.
NAME_START, NAME_END = 13, 18


# -- pure parts ----------------------------------------------------------------------------


def test_doctests():
    for module in (positions, actions):
        result = doctest.testmod(module)
        assert result.failed == 0 and result.attempted > 0, module.__name__


@pytest.mark.parametrize(
    "encoding, start, end",
    [("utf-16", 13, 18), ("utf-32", 11, 16), ("utf-8", 4 + 1 + 4 + 1 + 18 + 1, 4 + 1 + 4 + 1 + 18 + 1 + 15)],
    ids=["utf-16", "utf-32", "utf-8"],
)
def test_positions_count_code_units_of_the_encoding(encoding, start, end):
    lines = LineIndex(DRAFT, encoding)
    offset = DRAFT.index("조우마오화")
    assert lines.range(offset, offset + 5) == ((EMOJI_LINE, start), (EMOJI_LINE, end))
    assert lines.offset(EMOJI_LINE, start) == offset
    assert lines.offset(EMOJI_LINE, end) == offset + 5


def test_positions_inside_a_surrogate_pair_and_past_the_line_end():
    lines = LineIndex("😀저\r\n둘\r셋\u2028넷\n")
    assert lines.offset(0, 1) == 0  # inside 😀: the character it falls in
    assert lines.offset(0, 2) == 1
    assert lines.offset(0, 99) == 2  # clamped before \r\n
    assert lines.offset(1, 0) == 4 and lines.offset(2, 0) == 6
    assert lines.position(8) == (2, 2)  # U+2028 is not a line break for LSP
    assert lines.offset(9, 0) == len(lines.text)


def test_apply_change_replaces_a_utf16_range():
    text = "😀 조우마오화는\n둘\n"
    assert apply_change(text, (0, 3), (0, 8), "저우마오화") == "😀 저우마오화는\n둘\n"
    assert apply_change(text, (1, 0), (2, 0), "") == "😀 조우마오화는\n"
    assert apply_change(text, None, None, "새 글") == "새 글"


def test_suppression_extends_a_comment_above_and_spares_tables():
    raw = "<!-- kozh-disable-next-line kozh/variant -->\n조우마오화는\n| 조우마오화 | x |\n"
    starts = LineIndex(raw).starts
    edit = suppression_edit(raw, starts, 2, "kozh/nonstandard")
    assert raw[:edit.start] + edit.text + raw[edit.end:] == (
        "<!-- kozh-disable-next-line kozh/variant kozh/nonstandard -->\n조우마오화는\n| 조우마오화 | x |\n"
    )
    edit = suppression_edit(raw, starts, 3, "kozh/nonstandard")
    assert edit.text == " <!-- kozh-disable-line kozh/nonstandard -->" and edit.start == len(raw) - 1


def test_draft_kind_and_uri():
    assert draft_kind("/a/b.txt", "markdown") == "txt"
    assert draft_kind(None, "plaintext") == "txt"
    assert draft_kind("/a/b", None) == "md"
    assert uri_to_path("file:///tmp/%ED%95%9C%20b.md") == "/tmp/한 b.md"
    assert uri_to_path("untitled:Untitled-1") is None


# -- over pipes ----------------------------------------------------------------------------


def make_glossary(path: Path) -> None:
    with Glossary.open(path) as g:
        g.add_term("저우마오화", "周茂华", kind="person", status="preferred")
        g.add_term("텐센트", "腾讯", kind="company", status="preferred")
        g.add_term("텅쉰", "腾讯", status="deprecated")
        g.add_term("KIC 중국", "KIC中国", kind="org", status="preferred")
        g.add_term("Dahoo", "德火科技", kind="company", status="preferred")
        g.record_sighting(g.resolve_term("저우마오화").id, path="issues/318.md", line=22, column=30)


def client_converter():
    """pygls's converter, except that a code action carrying a command stays a CodeAction.

    lsprotocol reads any ``Command | CodeAction`` with a ``command`` key as a bare Command, which
    loses the title's action (and stringifies the nested command). Editors tell them apart by the
    type of ``command``, as the LSP specification does; so does this test client.
    """
    converter = default_converter()

    def structure(obj, _):
        kind = types.Command if isinstance(obj.get("command"), str) else types.CodeAction
        return converter.structure(obj, kind)

    converter.register_structure_hook(types.Command | types.CodeAction, structure)
    converter.register_structure_hook(typing.Union[types.Command, types.CodeAction], structure)
    return converter


class Session:
    """A kozh language server in a subprocess and what it has sent back."""

    def __init__(self, folder: Path, capabilities: types.ClientCapabilities | None = None):
        self.folder = folder
        self.capabilities = capabilities or types.ClientCapabilities(
            workspace=types.WorkspaceClientCapabilities(
                workspace_edit=types.WorkspaceEditClientCapabilities(document_changes=True)
            )
        )
        self.client = BaseLanguageClient("kozh-tests", "1", converter_factory=client_converter)
        self.diagnostics: dict[str, list[types.PublishDiagnosticsParams]] = {}
        self.messages: list[types.ShowMessageParams] = []
        self.logs: list[str] = []
        self.changed = asyncio.Event()
        self.texts: dict[str, str] = {}
        self.versions: dict[str, int] = {}

        @self.client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def on_diagnostics(params):
            self.diagnostics.setdefault(params.uri, []).append(params)
            self.changed.set()

        @self.client.feature(types.WINDOW_SHOW_MESSAGE)
        def on_message(params):
            self.messages.append(params)
            self.changed.set()

        @self.client.feature(types.WINDOW_LOG_MESSAGE)
        def on_log(params):
            self.logs.append(params.message)

    async def __aenter__(self) -> "Session":
        env = {k: v for k, v in os.environ.items() if k != "KOZH_DB"}
        await self.client.start_io(sys.executable, "-m", "glossary", "lsp", cwd=str(self.folder), env=env)
        self._drain = asyncio.create_task(self._read_stderr())
        result = await asyncio.wait_for(self.client.initialize_async(types.InitializeParams(
            capabilities=self.capabilities, root_uri=self.folder.as_uri(), process_id=os.getpid(),
        )), WAIT_S)
        self.server_capabilities = result.capabilities
        self.client.initialized(types.InitializedParams())
        return self

    async def _read_stderr(self) -> None:
        """Keep the server's stderr pipe from filling up; shown when a test fails."""
        self.stderr = b""
        async for line in self.client._server.stderr:
            self.stderr += line

    async def __aexit__(self, *exc) -> None:
        try:
            await asyncio.wait_for(self.client.shutdown_async(None), WAIT_S)
            self.client.exit(None)
            await asyncio.wait_for(self.client.stop(), WAIT_S)
            await asyncio.wait_for(self._drain, WAIT_S)
        finally:
            if exc[0] is not None:
                sys.stderr.write(self.stderr.decode("utf-8", "replace"))

    async def until(self, predicate):
        """Wait until ``predicate()`` is true (re-checked on every message from the server)."""
        async def loop():
            while not predicate():
                self.changed.clear()
                await self.changed.wait()
        await asyncio.wait_for(loop(), WAIT_S)

    def latest(self, uri: str) -> types.PublishDiagnosticsParams | None:
        got = self.diagnostics.get(uri)
        return got[-1] if got else None

    async def open(self, path: Path, text: str) -> list[types.Diagnostic]:
        path.write_text(text, encoding="utf-8")
        uri = path.as_uri()
        self.texts[uri], self.versions[uri] = text, 1
        self.client.text_document_did_open(types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(uri=uri, language_id="markdown", version=1, text=text)
        ))
        return await self.diagnostics_of(uri, 1)

    async def diagnostics_of(self, uri: str, version: int) -> list[types.Diagnostic]:
        await self.until(lambda: (p := self.latest(uri)) is not None and p.version == version)
        return list(self.latest(uri).diagnostics)

    async def edit(self, uri: str, edits: list[types.TextEdit]) -> list[types.Diagnostic]:
        """Apply ``edits`` as the editor would (one incremental change each, last first) and
        wait for the diagnostics of the new version."""
        changes = []
        text = self.texts[uri]
        for e in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
            text = splice(text, e.range, e.new_text)
            changes.append(types.TextDocumentContentChangePartial(range=e.range, text=e.new_text))
        self.texts[uri] = text
        self.versions[uri] += 1
        self.client.text_document_did_change(types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=self.versions[uri]),
            content_changes=changes,
        ))
        return await self.diagnostics_of(uri, self.versions[uri])

    async def actions(self, uri: str, diagnostic: types.Diagnostic) -> list[types.CodeAction]:
        got = await asyncio.wait_for(self.client.text_document_code_action_async(types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri), range=diagnostic.range,
            context=types.CodeActionContext(diagnostics=[diagnostic]),
        )), WAIT_S)
        return list(got or [])

    async def hover(self, uri: str, line: int, character: int) -> str | None:
        got = await asyncio.wait_for(self.client.text_document_hover_async(types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(line=line, character=character),
        )), WAIT_S)
        return got.contents.value if got else None

    async def apply(self, uri: str, action: types.CodeAction) -> list[types.Diagnostic]:
        """Apply a code action's edit, or execute its command, and wait for the re-lint."""
        if action.edit is not None:
            (change,) = action.edit.document_changes
            assert change.text_document.version == self.versions[uri]
            return await self.edit(uri, list(change.edits))
        before = len(self.diagnostics[uri])
        await asyncio.wait_for(self.client.workspace_execute_command_async(types.ExecuteCommandParams(
            command=action.command.command, arguments=action.command.arguments,
        )), WAIT_S)
        await self.until(lambda: len(self.diagnostics[uri]) > before)
        return list(self.latest(uri).diagnostics)


def splice(text: str, r: types.Range, new: str) -> str:
    """Replace an LSP range of ``text``, counting UTF-16 code units (independently of the server's code)."""
    def offset(pos: types.Position) -> int:
        lines = text.split("\n")
        before = sum(len(line) + 1 for line in lines[:pos.line])
        units = lines[pos.line].encode("utf-16-le")[: pos.character * 2]
        return before + len(units.decode("utf-16-le"))

    return text[:offset(r.start)] + new + text[offset(r.end):]


def by_rule(diagnostics, rule: str) -> list[types.Diagnostic]:
    return [d for d in diagnostics if d.code == rule]


def rng(line: int, start: int, end: int) -> types.Range:
    return types.Range(start=types.Position(line=line, character=start), end=types.Position(line=line, character=end))


@pytest.fixture()
def workspace(tmp_path):
    make_glossary(tmp_path / "team.db")
    (tmp_path / "kozh.toml").write_text('db = "team.db"\n\n[rules]\n"kozh/deprecated" = "info"\n', encoding="utf-8")
    return tmp_path


@pytest.mark.slow
def test_diagnostics_quick_fix_and_relint(workspace):
    async def scenario():
        async with Session(workspace) as s:
            assert s.server_capabilities.position_encoding in (None, "utf-16")
            draft = workspace / "draft.md"
            uri = draft.as_uri()
            diagnostics = await s.open(draft, DRAFT)

            (name,) = by_rule(diagnostics, "kozh/nonstandard")
            assert name.range == rng(EMOJI_LINE, NAME_START, NAME_END)
            assert name.source == "kozh" and name.severity == types.DiagnosticSeverity.Warning
            assert "저우마오화" in name.message
            (old,) = by_rule(diagnostics, "kozh/deprecated")
            assert old.range == rng(4, 0, 2)
            assert old.severity == types.DiagnosticSeverity.Information  # kozh.toml says info

            fixes = [a for a in await s.actions(uri, name) if a.is_preferred]
            assert [a.title for a in fixes] == ["Replace 조우마오화 with 저우마오화 (kozh/nonstandard)"]
            assert fixes[0].kind == types.CodeActionKind.QuickFix
            diagnostics = await s.apply(uri, fixes[0])
            assert by_rule(diagnostics, "kozh/nonstandard") == []
            assert "😀 𠮷 이코노미스트 저우마오화(周茂华)는" in s.texts[uri]
            assert by_rule(diagnostics, "kozh/deprecated")[0].range == rng(4, 0, 2)

            # the particle agrees with the new word, as `kozh lint --fix` makes it: 텅쉰은 → 텐센트는
            (old,) = by_rule(diagnostics, "kozh/deprecated")
            fix = next(a for a in await s.actions(uri, old) if a.is_preferred)
            assert fix.title == "Replace 텅쉰은 with 텐센트는 (kozh/deprecated)"
            diagnostics = await s.apply(uri, fix)
            assert "텐센트는 새 모델을 발표했다." in s.texts[uri]
            assert by_rule(diagnostics, "kozh/deprecated") == []
            assert s.messages == []

    asyncio.run(scenario())


@pytest.mark.slow
def test_glossary_actions_and_suppression(workspace):
    async def scenario():
        async with Session(workspace) as s:
            draft = workspace / "draft.md"
            uri = draft.as_uri()
            diagnostics = await s.open(draft, DRAFT)

            # unknown pair → add as candidate; the index is reloaded and the finding goes
            (pair,) = by_rule(diagnostics, "kozh/unknown-pair")
            add = next(a for a in await s.actions(uri, pair) if a.command)
            assert add.title == "Add 우시(无锡) to the glossary as candidate"
            diagnostics = await s.apply(uri, add)
            assert by_rule(diagnostics, "kozh/unknown-pair") == []
            assert any("우시 = 无锡 [candidate]" in m.message for m in s.messages)
            with Glossary.open(workspace / "team.db", create=False) as g:
                assert g.resolve_term("우시").status == "candidate"

            # near-miss spelling → accept as admitted
            (variant,) = by_rule(diagnostics, "kozh/variant")
            accept = next(a for a in await s.actions(uri, variant) if a.command and "admitted" in a.title)
            assert accept.title == "Accept Dahooo as an admitted rendering of 德火科技"
            diagnostics = await s.apply(uri, accept)
            assert by_rule(diagnostics, "kozh/variant") == []

            # suppress on this line → the comment kozh lint honours
            (name,) = by_rule(diagnostics, "kozh/nonstandard")
            suppress = next(a for a in await s.actions(uri, name) if a.title.startswith("Suppress"))
            diagnostics = await s.apply(uri, suppress)
            assert by_rule(diagnostics, "kozh/nonstandard") == []
            assert "\n<!-- kozh-disable-next-line kozh/nonstandard -->\n😀 𠮷" in s.texts[uri]
            assert [m.type for m in s.messages] == [types.MessageType.Info] * 2

    asyncio.run(scenario())


@pytest.mark.slow
def test_hover_shows_the_entry_and_the_readings(workspace):
    async def scenario():
        async with Session(workspace) as s:
            draft = workspace / "draft.md"
            uri = draft.as_uri()
            await s.open(draft, DRAFT.replace("조우마오화", "저우마오화"))
            entry = await s.hover(uri, EMOJI_LINE, NAME_START + 1)
            assert "**周茂华**" in entry and "Preferred: **저우마오화**" in entry
            assert "저우마오화 — preferred" in entry and "issues/318.md:22:30" in entry
            readings = await s.hover(uri, EMOJI_LINE, NAME_END + 2)  # on 茂, inside (周茂华)
            assert "Standard Hangul: **저우마오화**" in readings and "주무화" in readings
            assert await s.hover(uri, 0, 0) is None  # on '#'
            other = workspace / "other.md"
            await s.open(other, DRAFT)
            pair = await s.hover(other.as_uri(), EMOJI_LINE, NAME_START + 1)  # on 조우마오화 of 조우마오화(周茂华)
            assert pair.startswith("**周茂华**") and "Standard Hangul: **저우마오화**" in pair

    asyncio.run(scenario())


@pytest.mark.slow
def test_debounced_typing_ends_in_one_lint_of_the_last_text(workspace):
    async def scenario():
        async with Session(workspace) as s:
            draft = workspace / "draft.md"
            uri = draft.as_uri()
            await s.open(draft, "시작\n")
            for n, word in enumerate(["조", "우마", "오화(周茂华)는 말했다."], start=2):
                s.versions[uri] = n
                end = len(s.texts[uri].rstrip("\n"))
                s.texts[uri] = s.texts[uri].rstrip("\n") + word + "\n"
                s.client.text_document_did_change(types.DidChangeTextDocumentParams(
                    text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=n),
                    content_changes=[types.TextDocumentContentChangePartial(range=rng(0, end, end), text=word)],
                ))
            diagnostics = await s.diagnostics_of(uri, 4)
            assert [d.code for d in diagnostics] == ["kozh/nonstandard"]
            assert diagnostics[0].range == rng(0, 2, 7)

    asyncio.run(scenario())


@pytest.mark.parametrize(
    "toml, expected",
    [
        ('db = "missing/nowhere.db"\n', "folder"),
        ('db = "absent.db"\n', "no glossary at"),
        ('db = "kozh.toml"\n', "is not a SQLite glossary"),
        ("db = [unclosed\n", "not valid TOML"),
        ('[rules]\n"kozh/nope" = "info"\n', "unknown rule 'kozh/nope'"),
    ],
    ids=["missing-folder", "missing-db", "not-a-glossary", "broken-toml", "unknown-rule"],
)
def test_bad_settings_are_one_clear_message(tmp_path, toml, expected):
    (tmp_path / "kozh.toml").write_text(toml, encoding="utf-8")

    async def scenario():
        async with Session(tmp_path) as s:
            draft = tmp_path / "draft.md"
            assert await s.open(draft, DRAFT) == []
            await s.until(lambda: s.messages)
            (message,) = s.messages
            assert message.type == types.MessageType.Error
            assert message.message.startswith("kozh: ") and expected in message.message
            assert "Traceback" not in message.message
            # still serving: another edit, another (empty) answer, and no second message
            await s.edit(draft.as_uri(), [types.TextEdit(range=rng(0, 0, 0), new_text="x")])
            assert await s.hover(draft.as_uri(), EMOJI_LINE, NAME_START) is None
            assert len(s.messages) == 1

    asyncio.run(scenario())


@pytest.mark.slow
def test_a_client_offering_utf8_gets_utf8_positions(workspace):
    capabilities = types.ClientCapabilities(
        general=types.GeneralClientCapabilities(position_encodings=[types.PositionEncodingKind.Utf8])
    )

    async def scenario():
        async with Session(workspace, capabilities) as s:
            assert s.server_capabilities.position_encoding == types.PositionEncodingKind.Utf8
            diagnostics = await s.open(workspace / "draft.md", DRAFT)
            (name,) = by_rule(diagnostics, "kozh/nonstandard")
            before = "😀 𠮷 이코노미스트 ".encode("utf-8")
            assert name.range == rng(EMOJI_LINE, len(before), len(before) + len("조우마오화".encode("utf-8")))

    asyncio.run(scenario())


@pytest.mark.slow
def test_a_glossary_changed_elsewhere_is_reloaded_and_save_relints(workspace):
    async def scenario():
        async with Session(workspace) as s:
            draft = workspace / "draft.md"
            uri = draft.as_uri()
            diagnostics = await s.open(draft, DRAFT)
            assert len(by_rule(diagnostics, "kozh/unknown-pair")) == 1
            with Glossary.open(workspace / "team.db") as g:  # another writer, as `kozh extract` would be
                g.add_term("우시", "无锡", kind="place", status="preferred")
            before = len(s.diagnostics[uri])
            s.client.text_document_did_save(types.DidSaveTextDocumentParams(
                text_document=types.TextDocumentIdentifier(uri=uri)))
            await s.until(lambda: len(s.diagnostics[uri]) > before)
            assert by_rule(s.latest(uri).diagnostics, "kozh/unknown-pair") == []

    asyncio.run(scenario())

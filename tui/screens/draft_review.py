"""Draft review: the draft in an editor, its findings beside it, fixes one key each."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from rich.console import Group
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Header, Static
from textual.widgets.text_area import Selection
from textual.worker import get_current_worker

from glossary.lint.finding import Finding
from glossary.sources.document import Document

from ..draft_linter import DraftLinter, LintResult
from ..service import GlossaryService
from ..widgets.draft_editor import DraftEditor
from ..widgets.entry_detail import entry_renderable
from ..widgets.findings_list import SEVERITY_STYLE, FindingsList

RELINT_DELAY_S = 0.3


class DraftReviewScreen(Screen):
    TITLE = "Draft review"
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", priority=True),
        Binding("a", "apply", "Apply"),
        Binding("s", "skip", "Skip"),
        Binding("c", "accept", "Accept"),
        Binding("n", "add_pair", "New pair"),
        Binding("u", "undo", "Undo"),
    ]

    class Linted(Message):
        def __init__(self, result: LintResult) -> None:
            super().__init__()
            self.result = result

    def __init__(self, service: GlossaryService, doc: Document, **kwargs) -> None:
        super().__init__(**kwargs)
        self.service = service
        self.path = doc.path
        self.encoding = doc.encoding
        self.format = doc.format
        self.saved_raw = doc.raw
        """The file's text as last read or written: a save checks the file still holds it."""
        # the same markup rules as `kozh lint` read the file with (a .docx's paragraphs as text)
        self.linter = DraftLinter(service, doc.path, doc.kind)
        self.generation = 0
        self.result: LintResult | None = None
        self.findings: list[Finding] = []
        self.skipped: set[tuple] = set()
        self.undo_stack: list[str] = []
        self._timer: Timer | None = None
        self._lint_on_change = False
        self._initial = doc.raw

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False)
        with Horizontal(id="draft-body"):
            yield DraftEditor(self._initial, id="draft")
            with Vertical(id="draft-side"):
                yield FindingsList(id="findings")
                with VerticalScroll(id="finding-detail-box"):
                    yield Static("", id="finding-detail")
        yield Static("", id="draft-status")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = Path(self.path).name
        self.query_one(FindingsList).focus()
        self._status("linting…")
        self.relint()

    # linting ------------------------------------------------------------------------------

    @property
    def editor(self) -> DraftEditor:
        return self.query_one(DraftEditor)

    @on(DraftEditor.Changed, "#draft")
    def text_changed(self) -> None:
        self.generation += 1
        if self._timer is not None:
            self._timer.stop()
        if self._lint_on_change:  # a fix or an undo: no typing to wait for
            self._lint_on_change = False
            self.relint()
        else:
            self._timer = self.set_timer(RELINT_DELAY_S, self.relint)
        self._status()

    def relint(self) -> None:
        self._timer = None
        self.lint(self.editor.text, self.generation)

    @work(thread=True, exclusive=True, group="lint", exit_on_error=False)
    def lint(self, text: str, generation: int) -> None:
        try:
            result = self.linter.lint(text, generation)
        except Exception as exc:  # noqa: BLE001 - a failed lint is a message, not a crash
            result = LintResult([], None, generation, f"lint failed: {exc}")
        if not get_current_worker().is_cancelled:
            self.post_message(self.Linted(result))

    def on_draft_review_screen_linted(self, message: Linted) -> None:
        result = message.result
        if result.generation != self.generation:
            return  # the text changed since; a newer lint is on its way
        if result.error and (self.result is None or self.result.error != result.error):
            self.app.notify(result.error, severity="error")
        keep = self.query_one(FindingsList).highlighted
        self.result = result
        self.findings = [f for f in result.findings if self._skip_key(f, result.findings) not in self.skipped]
        self.query_one(FindingsList).show(self.findings, keep)
        self.editor.spans = [
            (f.line - 1, f.column - 1, f.end_line - 1, f.end_column - 1, f.severity) for f in self.findings
        ]
        if not self.findings:
            self.query_one("#finding-detail", Static).update(Text("No findings.", style="dim"))
        self._status()

    @staticmethod
    def _skip_key(f: Finding, among: list[Finding]) -> tuple:
        nth = sum(1 for g in among if g.rule == f.rule and g.found == f.found and g.start < f.start)
        return (f.rule, f.found, nth)

    @property
    def fresh(self) -> bool:
        return self.result is not None and self.result.generation == self.generation

    def _status(self, extra: str = "") -> None:
        modified = self.editor.text != self.saved_raw if self.is_mounted else False
        counts = Counter(str(f.severity) for f in self.findings)
        parts = [f"{len(self.findings)} findings"]
        parts += [f"{n} {name}" for name, n in sorted(counts.items())]
        parts.append("modified" if modified else "saved")
        parts.append("docx" if self.format == "docx" else self.encoding)
        if not self.fresh:
            parts.append(extra or "linting…")
        self.query_one("#draft-status", Static).update(" · ".join(parts))

    # the selected finding -----------------------------------------------------------------

    @property
    def current(self) -> Finding | None:
        index = self.query_one(FindingsList).highlighted
        if index is None or index >= len(self.findings):
            return None
        return self.findings[index]

    def _location(self, offset: int) -> tuple[int, int]:
        line, col = self.result.document.line_col(offset)
        return line - 1, col - 1

    @on(FindingsList.Highlighted)
    def finding_highlighted(self, message: FindingsList.Highlighted) -> None:
        f = self.current
        if f is None:
            return
        if self.fresh and self.result.document is not None:
            self.editor.selection = Selection(self._location(f.start), self._location(f.end))
            self.editor.scroll_cursor_visible(center=True)
        self._show_detail(f)

    @on(FindingsList.Chosen)
    def finding_chosen(self) -> None:
        self.editor.focus()

    def _show_detail(self, f: Finding) -> None:
        head = Text()
        head.append(f"{f.severity}", style=SEVERITY_STYLE.get(f.severity, "")).append(f"  {f.rule}", style="dim")
        parts = [head, Text(f.message)]
        if f.suggestions:
            parts.append(Text("suggest: ").append(", ".join(f.suggestions), style="bold"))
        if f.entry_zh:
            view = self.app.guard(self.service.entry_view_zh, f.entry_zh)
            parts.append(Text(""))
            parts.append(entry_renderable(view, f"{f.entry_zh}: not in the glossary"))
        self.query_one("#finding-detail", Static).update(Group(*parts))

    # actions ------------------------------------------------------------------------------

    def _need_fresh(self) -> Finding | None:
        f = self.current
        if f is None:
            self.app.notify("No finding selected.", severity="warning", timeout=2)
            return None
        if not self.fresh or self.result.document is None:
            self.app.notify("Still checking the latest edit; try again in a moment.", severity="warning", timeout=2)
            return None
        return f

    def action_apply(self) -> None:
        f = self._need_fresh()
        if f is None:
            return
        if f.fix is not None:
            edits = list(f.fix.edits)
        elif f.suggestions:
            from glossary.lint.finding import Edit

            edits = [Edit(f.start, f.end, f.suggestions[0])]
        else:
            self.app.notify("This finding has no suggestion to apply.", severity="warning", timeout=2)
            return
        editor = self.editor
        self._lint_on_change = True
        editor.history.checkpoint()
        for edit in sorted(edits, key=lambda e: e.start, reverse=True):
            editor.replace(edit.text, self._location(edit.start), self._location(edit.end))
        editor.history.checkpoint()
        self.undo_stack.append("text")

    def action_skip(self) -> None:
        f = self.current
        if f is None or self.result is None:
            return
        self.skipped.add(self._skip_key(f, self.result.findings))
        index = self.query_one(FindingsList).highlighted or 0
        self.findings.remove(f)
        self.query_one(FindingsList).show(self.findings, index)
        self.editor.spans = [
            (g.line - 1, g.column - 1, g.end_line - 1, g.end_column - 1, g.severity) for g in self.findings
        ]
        self._status()

    def action_accept(self) -> None:
        f = self.current
        if f is None:
            return
        if not f.entry_zh:
            self.app.notify("This finding names no glossary entry; use n to add a pair.", severity="warning")
            return
        if self.app.guard(self.service.add_term, f.found, f.entry_zh, "admitted") is not None:
            self.undo_stack.append("glossary")
            self.app.notify(f"{f.found} admitted for {f.entry_zh}", timeout=2)
            self._relint_now()

    def action_add_pair(self) -> None:
        from .prompt import PromptScreen

        editor = self.editor
        korean = editor.selected_text.strip() if editor.selected_text else ""
        if not korean and self.current is not None:
            korean = self.current.found
        zh = self.current.entry_zh or "" if self.current is not None else ""

        def add(answer: dict | None) -> None:
            if not answer or not answer.get("korean") or not answer.get("chinese"):
                return
            kind = answer.get("kind") or None
            if self.app.guard(self.service.add_term, answer["korean"], answer["chinese"], "preferred", kind) is not None:
                self.undo_stack.append("glossary")
                self.app.notify(f"Added {answer['korean']} = {answer['chinese']}", timeout=2)
                self._relint_now()

        self.app.push_screen(
            PromptScreen(
                "New glossary pair",
                [
                    ("korean", "Korean", korean, "한국어"),
                    ("chinese", "Chinese", zh, "中文"),
                    ("kind", "Kind", "", "person, place, org, company…"),
                ],
            ),
            add,
        )

    def action_undo(self) -> None:
        if not self.undo_stack:
            self.app.notify("Nothing to undo.", timeout=2)
            return
        what = self.undo_stack.pop()
        if what == "text":
            self._lint_on_change = True
            self.editor.undo()
        else:
            undone = self.app.guard(self.service.undo)
            if undone:
                self.app.notify(f"Undone: {undone}", timeout=2)
            self._relint_now()

    def _relint_now(self) -> None:
        if self._timer is not None:
            self._timer.stop()
        self.generation += 1
        self.relint()

    def action_save(self) -> None:
        text = self.editor.text
        from glossary.lint.fixes import write_atomically

        if self.app.guard(write_atomically, self.path, text, self.encoding, self.saved_raw, default=False) is False:
            return
        self.saved_raw = text
        self.app.notify(f"Saved {self.path}", timeout=2)
        self._status()

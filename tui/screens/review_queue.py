"""The review queue: candidate renderings with their sightings, the judge's verdict and, when the
base glossary renders the Chinese otherwise, its form."""

from __future__ import annotations

from rich.console import Group
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static
from textual.worker import get_current_worker

from glossary.errors import KozhError

from ..service import GlossaryService
from ..views import Candidate


VERDICT_STYLE = {"standard": "green", "sino": "cyan", "latin": "cyan", "mixed": "yellow", "nonstandard": "red"}


def judge_text(korean: str, chinese: str, era: str | None = None) -> Text:
    """The judge's verdict on a rendering, one line."""
    from glossary.translit.judge import judge

    try:
        j = judge(korean, chinese, era=era)
    except Exception as exc:  # noqa: BLE001
        return Text(f"verdict: cannot judge ({exc})", style="dim")
    verdict = str(getattr(j, "verdict", j))
    style = VERDICT_STYLE.get(verdict.lower(), "yellow")
    text = Text("verdict: ").append(verdict, style=f"bold {style}")
    suggestion = getattr(j, "suggestion", None)
    if suggestion and suggestion != korean:
        text.append(" → ").append(str(suggestion), style="bold")
    return text


def base_text(form: str, zh: str) -> Text:
    """The base glossary's form of ``zh``, one line."""
    return Text("base: ").append(form, style="bold").append(f"  (the base glossary's form of {zh})", style="dim")


class ReviewQueueScreen(Screen):
    TITLE = "Review queue"
    BINDINGS = [
        Binding("p", "approve('preferred')", "Preferred"),
        Binding("a", "approve('admitted')", "Admitted"),
        Binding("r", "reject", "Reject"),
        Binding("m", "merge", "Merge"),
        Binding("u", "undo", "Undo"),
    ]

    class Verdict(Message):
        def __init__(self, term_id: int, text: Text) -> None:
            super().__init__()
            self.term_id = term_id
            self.text = text

    class BaseForm(Message):
        def __init__(self, term_id: int, text: Text | None) -> None:
            super().__init__()
            self.term_id = term_id
            self.text = text

    def __init__(self, service: GlossaryService, **kwargs) -> None:
        super().__init__(**kwargs)
        self.service = service
        self.candidates: list[Candidate] = []
        self.verdict = Text("")
        self.base_line: Text | None = None

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False)
        with Horizontal(id="review-body"):
            yield DataTable(id="candidates", cursor_type="row", zebra_stripes=True)
            with VerticalScroll(id="review-detail-box"):
                yield Static("", id="review-detail")
        yield Static("", id="review-status")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#candidates", DataTable)
        table.add_column("한국어", key="ko", width=14)
        table.add_column("中文", key="zh", width=12)
        table.add_column("Seen", key="seen", width=5)
        self.reload()
        table.focus()

    def on_screen_resume(self) -> None:
        if self.is_mounted:
            self.reload()

    def reload(self) -> None:
        found = self.app.guard(self.service.candidates)
        self.candidates = found or []
        table = self.query_one("#candidates", DataTable)
        row = table.cursor_row
        table.clear()
        for c in self.candidates:
            table.add_row(c.term.text, c.entry.zh, Text(f"{c.term.frequency}×", justify="right"), key=str(c.term.id))
        if self.candidates:
            table.move_cursor(row=min(max(row, 0), len(self.candidates) - 1))
        self.query_one("#review-status", Static).update(f"{len(self.candidates)} candidates to review")
        self.show_current()

    @property
    def current(self) -> Candidate | None:
        table = self.query_one("#candidates", DataTable)
        if not self.candidates or not table.row_count:
            return None
        return self.candidates[min(table.cursor_row, len(self.candidates) - 1)]

    @on(DataTable.RowHighlighted, "#candidates")
    def highlighted(self) -> None:
        self.show_current()

    def show_current(self) -> None:
        c = self.current
        detail = self.query_one("#review-detail", Static)
        if c is None:
            detail.update(Text("Nothing to review.", style="dim"))
            return
        self.verdict = Text("verdict: …", style="dim")
        self.base_line = None
        self._render_candidate(c)
        self.judge(c.term.id, c.term.text, c.entry.zh, c.entry.era)
        self.find_base_form(c.term.id, c.term.text, c.entry.zh)

    def _render_candidate(self, c: Candidate) -> None:
        head = Text()
        head.append(c.term.text, style="bold").append("  =  ").append(c.entry.zh, style="bold")
        if c.entry.pinyin:
            head.append(f"  {c.entry.pinyin}", style="italic")
        parts = [head, Text(c.entry.kind or "kind unknown", style="dim"), self.verdict]
        if self.base_line is not None:
            parts.append(self.base_line)
        parts.append(Text(""))
        sightings = self.app.guard(self.service.sightings, c.term.id) or []
        if sightings:
            parts.append(Text("Seen in:", style="underline"))
        for s in sightings:
            line = Text(f"{s.path}:{s.line}  ", style="dim")
            context = s.context or ""
            at = context.find(c.term.text)
            if at >= 0:
                line.append(context[:at]).append(c.term.text, style="reverse").append(context[at + len(c.term.text):])
            else:
                line.append(context)
            parts.append(line)
        others = self.app.guard(self.service.entry_view, c.entry.id)
        if others and len(others.terms) > 1:
            parts.append(Text(""))
            parts.append(Text("Other renderings:", style="underline"))
            for tv in others.terms:
                if tv.term.id != c.term.id:
                    parts.append(Text(f"{tv.term.text}  ({tv.term.status})"))
        self.query_one("#review-detail", Static).update(Group(*parts))

    @work(thread=True, exclusive=True, group="judge", exit_on_error=False)
    def judge(self, term_id: int, korean: str, chinese: str, era: str | None) -> None:
        text = judge_text(korean, chinese, era)
        if not get_current_worker().is_cancelled:
            self.post_message(self.Verdict(term_id, text))

    def on_review_queue_screen_verdict(self, message: Verdict) -> None:
        c = self.current
        if c is not None and c.term.id == message.term_id:
            self.verdict = message.text
            self._render_candidate(c)

    @work(thread=True, exclusive=True, group="base", exit_on_error=False)
    def find_base_form(self, term_id: int, korean: str, chinese: str) -> None:
        try:
            form = self.service.base_form(korean, chinese)
        except KozhError as exc:
            text = Text(f"base: cannot consult the base glossary ({exc})", style="dim")
        else:
            text = base_text(form, chinese) if form else None
        if not get_current_worker().is_cancelled:
            self.post_message(self.BaseForm(term_id, text))

    def on_review_queue_screen_base_form(self, message: BaseForm) -> None:
        c = self.current
        if c is not None and c.term.id == message.term_id:
            self.base_line = message.text
            self._render_candidate(c)

    # actions: one key each, then the next candidate ------------------------------------------

    def action_approve(self, status: str) -> None:
        c = self.current
        if c is not None and self.app.guard(self.service.set_status, c.term.id, status) is not None:
            self.app.notify(f"{c.term.text} = {c.entry.zh}: {status}", timeout=2)
            self.reload()

    def action_reject(self) -> None:
        c = self.current
        if c is not None and self.app.guard(self.service.set_status, c.term.id, "deprecated") is not None:
            self.app.notify(f"{c.term.text} rejected", timeout=2)
            self.reload()

    def action_merge(self) -> None:
        c = self.current
        if c is None:
            return
        from .prompt import PromptScreen

        def merge(answer: dict | None) -> None:
            if not answer or not answer.get("target"):
                return
            if self.app.guard(self.service.merge, c.entry.zh, answer["target"]) is not None:
                self.app.notify(f"{c.entry.zh} merged into {answer['target']}", timeout=2)
                self.reload()

        self.app.push_screen(
            PromptScreen(f"Merge {c.entry.zh} ({c.term.text}) into", [("target", "Chinese", "", "e.g. 常州")]),
            merge,
        )

    def action_undo(self) -> None:
        undone = self.app.guard(self.service.undo)
        self.app.notify(f"Undone: {undone}" if undone else "Nothing to undo.", timeout=2)
        self.reload()

"""The editor of one entry: statuses of its renderings, house spelling, note, kind and era."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Footer, Input, Label, Select, Static

from glossary.store import ERAS, KINDS

from ..service import GlossaryService
from ..widgets.entry_detail import entry_renderable
from ..widgets.term_table import rendering_text


class EntryEditorScreen(ModalScreen[bool]):
    """Dismisses with True when anything changed."""

    BINDINGS = [
        Binding("p", "status('preferred')", "Preferred"),
        Binding("a", "status('admitted')", "Admitted"),
        Binding("d", "status('deprecated')", "Deprecate"),
        Binding("ctrl+z", "undo", "Undo"),
        Binding("escape", "close", "Close"),
    ]

    def __init__(self, service: GlossaryService, entry_id: int, **kwargs) -> None:
        super().__init__(**kwargs)
        self.service = service
        self.entry_id = entry_id
        self.changed = False

    def compose(self) -> ComposeResult:
        with Vertical(id="editor"):
            yield Static("", id="editor-head")
            yield DataTable(id="editor-terms", cursor_type="row")
            with Horizontal(classes="editor-row"):
                yield Label("House spelling", classes="editor-label")
                yield Input(id="house", placeholder="accepted house spelling")
            with Horizontal(classes="editor-row"):
                yield Label("Note", classes="editor-label")
                yield Input(id="note", placeholder="note")
            with Horizontal(classes="editor-row"):
                yield Select([(k, k) for k in KINDS], prompt="kind", id="edit-kind")
                yield Select([(e, e) for e in ERAS], prompt="era", id="edit-era")
            yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#editor-terms", DataTable)
        table.add_column("Rendering", key="text", width=20)
        table.add_column("Lang", key="lang", width=4)
        table.add_column("Status", key="status", width=10)
        table.add_column("Seen", key="seen", width=5)
        self.reload(fill_inputs=True)
        table.focus()

    def reload(self, fill_inputs: bool = False) -> None:
        view = self.app.guard(self.service.entry_view, self.entry_id)
        if view is None:
            self.dismiss(self.changed)
            return
        head = entry_renderable(view)
        self.query_one("#editor-head", Static).update(head.renderables[0] if hasattr(head, "renderables") else head)
        table = self.query_one("#editor-terms", DataTable)
        row = table.cursor_row
        table.clear()
        for tv in view.terms:
            t = tv.term
            table.add_row(rendering_text(t.text, t.status), t.lang, t.status, Text(f"{t.frequency}×"), key=str(t.id))
        if view.terms:
            table.move_cursor(row=min(row, len(view.terms) - 1))
        if fill_inputs:
            e = view.entry
            self.query_one("#house", Input).value = e.house_spelling or ""
            self.query_one("#note", Input).value = e.note or ""
            with self.prevent(Select.Changed):
                for select_id, value in (("#edit-kind", e.kind), ("#edit-era", e.era)):
                    select = self.query_one(select_id, Select)
                    if value:
                        select.value = value
                    else:
                        select.clear()
        self.zh = view.entry.zh

    def _current_term_id(self) -> int | None:
        table = self.query_one("#editor-terms", DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key
        return int(key.value)

    def action_status(self, status: str) -> None:
        term_id = self._current_term_id()
        if term_id is None:
            return
        if self.app.guard(self.service.set_status, term_id, status) is not None:
            self.changed = True
            self.reload()

    @on(Input.Submitted, "#house")
    def save_house(self, event: Input.Submitted) -> None:
        self._update(house_spelling=event.value.strip() or None)

    @on(Input.Submitted, "#note")
    def save_note(self, event: Input.Submitted) -> None:
        self._update(note=event.value.strip() or None)

    @on(Select.Changed, "#edit-kind")
    def save_kind(self, event: Select.Changed) -> None:
        if isinstance(event.value, str):
            self._update(kind=event.value)

    @on(Select.Changed, "#edit-era")
    def save_era(self, event: Select.Changed) -> None:
        self._update(era=event.value if isinstance(event.value, str) else None)

    def _update(self, **values) -> None:
        if self.app.guard(self.service.update_entry, self.zh, **values) is not None:
            self.changed = True
            self.app.notify("Saved.", timeout=2)
            self.reload()

    def action_undo(self) -> None:
        undone = self.app.guard(self.service.undo)
        if undone:
            self.changed = True
            self.app.notify(f"Undone: {undone}")
            self.reload(fill_inputs=True)
        elif undone is None:
            self.app.notify("Nothing to undo.")

    def action_close(self) -> None:
        self.dismiss(self.changed)

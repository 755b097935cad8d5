"""The glossary: a table of entries with instant fuzzy search and filters by kind and status."""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, Select, Static
from textual.worker import get_current_worker

from glossary.search import EntryRow, SearchIndex, make_row
from glossary.store import KINDS, STATUSES

from ..service import FIRST_PAGE, GlossaryService
from ..widgets.entry_detail import EntryDetail
from ..widgets.term_table import TermTable


SMALL_GLOSSARY = 5_000
"""Up to this many entries the search index is built at once; larger ones wait for the first paint."""
INDEX_DELAY_S = 0.5


class GlossaryScreen(Screen):
    """Entries of the glossary; Enter or ``e`` opens the entry editor."""

    TITLE = "Glossary"
    BINDINGS = [
        Binding("slash", "focus_search", "Search"),
        Binding("e", "edit", "Edit entry"),
        Binding("ctrl+z", "undo", "Undo"),
        Binding("escape", "clear_search", "Clear", show=False),
    ]

    class IndexReady(Message):
        def __init__(self, index: SearchIndex) -> None:
            super().__init__()
            self.index = index

    class Results(Message):
        def __init__(self, rows: list[EntryRow], query: str, total: int) -> None:
            super().__init__()
            self.rows = rows
            self.query = query
            self.total = total

    def __init__(self, service: GlossaryService, **kwargs) -> None:
        super().__init__(**kwargs)
        self.service = service
        self.index: SearchIndex | None = None
        self.total = 0

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False)
        with Horizontal(id="filters"):
            yield Input(placeholder="Search 한국어, 中文 or pinyin…", id="search")
            yield Select([(k, k) for k in KINDS], prompt="any kind", id="kind")
            yield Select([(s, s) for s in STATUSES], prompt="any status", id="status")
        with Horizontal(id="glossary-body"):
            yield TermTable(id="terms")
            yield EntryDetail(id="detail", empty="No entry selected.")
        yield Static("", id="glossary-status")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = ""
        self.app.guard(self._first_page)
        self.query_one(TermTable).focus()
        if self.total <= SMALL_GLOSSARY:
            self.build_index()
        else:  # after the first paint: building a big index competes with it for the interpreter
            self.set_timer(INDEX_DELAY_S, self.build_index)

    # loading ------------------------------------------------------------------------------

    def _first_page(self) -> None:
        self.total = self.service.count()
        rows = self.service.first_rows(FIRST_PAGE)
        self._show(rows, "")

    def _show(self, rows: list[EntryRow], query: str, matched: int | None = None) -> None:
        table = self.query_one(TermTable)
        table.show_rows(rows)
        if not rows:
            self.query_one(EntryDetail).view = None
        status = f"{len(rows)} shown of {self.total:,} entries"
        if query:
            status = f"{len(rows)} matching “{query}” · {self.total:,} entries"
        if self.index is None and self.total > FIRST_PAGE:
            status += " · indexing…"
        self.query_one("#glossary-status", Static).update(status)

    @work(thread=True, exclusive=True, group="glossary-index", exit_on_error=False)
    def build_index(self) -> None:
        try:
            with self.service.reader() as g:
                index = SearchIndex.build(g)
        except Exception as exc:  # noqa: BLE001 - shown, never a crash
            self.app.call_from_thread(self.app.notify, f"cannot index the glossary: {exc}", severity="error")
            return
        if not get_current_worker().is_cancelled:
            self.post_message(self.IndexReady(index))

    def on_glossary_screen_index_ready(self, message: IndexReady) -> None:
        self.index = message.index
        self.total = len(message.index.rows)
        self.refresh_results()

    # searching ----------------------------------------------------------------------------

    @property
    def filters(self) -> tuple[str, str | None, str | None]:
        query = self.query_one("#search", Input).value.strip()
        kind = self.query_one("#kind", Select).value
        status = self.query_one("#status", Select).value
        return (
            query,
            kind if isinstance(kind, str) else None,
            status if isinstance(status, str) else None,
        )

    @on(Input.Changed, "#search")
    @on(Select.Changed)
    def refresh_results(self) -> None:
        query, kind, status = self.filters
        self.search(query, kind, status, self.index)

    @work(thread=True, exclusive=True, group="glossary-search", exit_on_error=False)
    def search(self, query: str, kind: str | None, status: str | None, index: SearchIndex | None) -> None:
        try:
            if index is not None:
                rows = index.search(query, kind=kind, status=status)
            else:  # not indexed yet: the store's own search, on a connection of this thread
                with self.service.reader() as g:
                    if query:
                        entries = [
                            e for e in g.search(query, limit=FIRST_PAGE)
                            if not kind or e.kind == kind
                        ]
                    else:
                        entries = g.entries(kind=kind, status=status, limit=FIRST_PAGE)
                    rows = [make_row(e, g.terms_of(e.id)) for e in entries]
                    if status:
                        rows = [r for r in rows if status in r.statuses]
        except Exception as exc:  # noqa: BLE001
            self.app.call_from_thread(self.app.notify, f"search failed: {exc}", severity="error")
            return
        if not get_current_worker().is_cancelled:
            self.post_message(self.Results(rows, query, self.total))

    def on_glossary_screen_results(self, message: Results) -> None:
        if message.query != self.filters[0]:
            return  # an older query's answer
        self._show(message.rows, message.query)

    # the selected entry -------------------------------------------------------------------

    @on(TermTable.EntryHighlighted)
    def show_entry(self, message: TermTable.EntryHighlighted) -> None:
        view = self.app.guard(self.service.entry_view, message.entry_id)
        self.query_one(EntryDetail).view = view

    @on(TermTable.EntryChosen)
    def choose_entry(self, message: TermTable.EntryChosen) -> None:
        self.open_editor(message.entry_id)

    def action_edit(self) -> None:
        entry_id = self.query_one(TermTable).current_entry_id
        if entry_id is not None:
            self.open_editor(entry_id)

    def open_editor(self, entry_id: int) -> None:
        from .entry_editor import EntryEditorScreen

        self.app.push_screen(EntryEditorScreen(self.service, entry_id), self.after_change)

    def after_change(self, changed: bool | None = True) -> None:
        """Refresh what is shown after the glossary changed."""
        if not changed:
            return
        entry_id = self.query_one(TermTable).current_entry_id
        if self.index is not None and entry_id is not None:
            view = self.app.guard(self.service.entry_view, entry_id)
            if view is not None:
                self.index = self.index.replaced(make_row(view.entry, [t.term for t in view.terms]))
        if entry_id is not None:
            self.query_one(EntryDetail).view = self.app.guard(self.service.entry_view, entry_id)
        self.refresh_results()

    def action_focus_search(self) -> None:
        self.query_one("#search", Input).focus()

    def action_clear_search(self) -> None:
        search = self.query_one("#search", Input)
        if search.value:
            search.value = ""
        else:
            self.query_one(TermTable).focus()

    def action_undo(self) -> None:
        undone = self.app.guard(self.service.undo)
        if undone is None:
            self.app.notify("Nothing to undo.")
            return
        self.app.notify(f"Undone: {undone}")
        self.index = None
        self.build_index()
        entry_id = self.query_one(TermTable).current_entry_id
        if entry_id is not None:
            self.query_one(EntryDetail).view = self.app.guard(self.service.entry_view, entry_id)
        self.refresh_results()

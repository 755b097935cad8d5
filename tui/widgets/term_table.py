"""The table of glossary entries: Chinese, pinyin, kind and the Korean renderings with statuses."""

from __future__ import annotations

from rich.text import Text
from textual.message import Message
from textual.widgets import DataTable
from textual.widgets.data_table import CellDoesNotExist

from glossary.search import EntryRow


STATUS_STYLE = {
    "preferred": "bold",
    "admitted": "",
    "candidate": "italic $warning",
    "deprecated": "strike dim",
}
STATUS_MARK = {"preferred": "", "admitted": "", "candidate": "?", "deprecated": "✗"}
RICH_STATUS_STYLE = {
    "preferred": "bold",
    "admitted": "",
    "candidate": "italic yellow",
    "deprecated": "strike dim",
}


def rendering_text(text: str, status: str) -> Text:
    """A rendering styled by its status (the mark keeps statuses readable without colour)."""
    return Text(text + STATUS_MARK.get(status, ""), style=RICH_STATUS_STYLE.get(status, ""))


def renderings_text(renderings: tuple[tuple[str, str], ...], limit: int = 4) -> Text:
    out = Text()
    for i, (text, status) in enumerate(renderings[:limit]):
        if i:
            out.append(", ")
        out.append_text(rendering_text(text, status))
    if len(renderings) > limit:
        out.append(f" +{len(renderings) - limit}", style="dim")
    return out


class TermTable(DataTable):
    """Shows :class:`EntryRow` values; posts :class:`TermTable.EntryHighlighted` and
    :class:`TermTable.EntryChosen` with the entry id."""

    class EntryHighlighted(Message):
        def __init__(self, entry_id: int) -> None:
            super().__init__()
            self.entry_id = entry_id

    class EntryChosen(Message):
        def __init__(self, entry_id: int) -> None:
            super().__init__()
            self.entry_id = entry_id

    def __init__(self, **kwargs) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)

    def on_mount(self) -> None:
        self.add_column("中文", key="zh", width=12)
        self.add_column("Pinyin", key="pinyin", width=16)
        self.add_column("Kind", key="kind", width=8)
        self.add_column("한국어", key="ko")

    def show_rows(self, rows: list[EntryRow]) -> None:
        """Replace the rows, keeping the cursor on the same entry when it is still shown."""
        current = self.current_entry_id
        self.clear()
        for row in rows:
            self.add_row(
                row.zh, row.pinyin, row.kind or "-", renderings_text(row.renderings), key=str(row.entry_id)
            )
        if current is not None and str(current) in self.rows:
            self.move_cursor(row=self.get_row_index(str(current)))
        elif rows:
            self.move_cursor(row=0)

    @property
    def current_entry_id(self) -> int | None:
        if not self.row_count:
            return None
        try:
            key = self.coordinate_to_cell_key(self.cursor_coordinate).row_key
        except CellDoesNotExist:
            return None
        return int(key.value) if key and key.value else None

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        if event.row_key and event.row_key.value:
            self.post_message(self.EntryHighlighted(int(event.row_key.value)))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if event.row_key and event.row_key.value:
            self.post_message(self.EntryChosen(int(event.row_key.value)))

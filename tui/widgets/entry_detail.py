"""One glossary entry: Chinese, traditional form, pinyin, renderings with statuses and sightings."""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.widgets import Static

from ..views import EntryView
from .term_table import rendering_text


def entry_renderable(view: EntryView | None, empty: str = "No entry selected."):
    if view is None:
        return Text(empty, style="dim")
    e = view.entry
    head = Text()
    head.append(e.zh, style="bold")
    if e.zh_hant and e.zh_hant != e.zh:
        head.append(f"  {e.zh_hant}")
    if e.pinyin:
        head.append(f"  {e.pinyin}", style="italic")
    facts = " · ".join(x for x in (e.kind, e.era, "customary" if e.customary else None) if x)
    parts: list = [head]
    if facts:
        parts.append(Text(facts, style="dim"))
    table = Table.grid(padding=(0, 1))
    table.add_column()
    table.add_column()
    table.add_column(justify="right")
    seen: list[Text] = []
    for tv in view.terms:
        t = tv.term
        label = rendering_text(t.text, t.status)
        if t.lang != "ko":
            label = Text(f"[{t.lang}] ").append_text(label)
        table.add_row(label, Text(t.status, style="dim"), Text(f"{t.frequency}×", style="dim"))
        for s in tv.sightings[:3]:
            where = Text(f"{t.text} ", style="bold").append(f"{s.path}:{s.line}", style="dim")
            if s.context:
                where.append(f"  {s.context}")
            seen.append(where)
    if view.terms:
        parts.append(table)
    else:
        parts.append(Text("no renderings yet", style="dim"))
    if seen:
        parts.append(Text("seen in:", style="underline"))
        parts.extend(seen)
    if e.house_spelling:
        parts.append(Text(f"house spelling: {e.house_spelling}"))
    if e.note:
        parts.append(Text(f"note: {e.note}"))
    return Group(*parts)


class EntryDetail(Static):
    """Shows an :class:`EntryView`; set :attr:`view` (attributes down)."""

    def __init__(self, empty: str = "No entry selected.", **kwargs) -> None:
        super().__init__("", **kwargs)
        self.empty = empty
        self._view: EntryView | None = None

    def on_mount(self) -> None:
        self.update(entry_renderable(None, self.empty))

    @property
    def view(self) -> EntryView | None:
        return self._view

    @view.setter
    def view(self, value: EntryView | None) -> None:
        self._view = value
        self.update(entry_renderable(value, self.empty))

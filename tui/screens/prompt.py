"""A small form in a modal: a few labelled fields, Enter to accept, Esc to cancel."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static


class PromptScreen(ModalScreen[dict | None]):
    """Dismisses with {field: value} or None when cancelled.

    ``fields`` is a list of (name, label, initial value, placeholder).
    """

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, title: str, fields: list[tuple[str, str, str, str]], **kwargs) -> None:
        super().__init__(**kwargs)
        self.title_text = title
        self.fields = fields

    def compose(self) -> ComposeResult:
        with Vertical(id="prompt"):
            yield Static(self.title_text, id="prompt-title")
            for name, label, value, placeholder in self.fields:
                with Horizontal(classes="editor-row"):
                    yield Label(label, classes="editor-label")
                    yield Input(value=value, placeholder=placeholder, id=f"field-{name}")
            yield Static("Enter: accept · Esc: cancel", classes="hint")

    def on_mount(self) -> None:
        inputs = list(self.query(Input))
        empty = [i for i in inputs if not i.value]
        (empty or inputs)[0].focus()

    @on(Input.Submitted)
    def submitted(self, event: Input.Submitted) -> None:
        inputs = list(self.query(Input))
        index = inputs.index(event.input)
        if index + 1 < len(inputs) and not inputs[index + 1].value:
            inputs[index + 1].focus()
            return
        self.dismiss({name: self.query_one(f"#field-{name}", Input).value.strip() for name, *_ in self.fields})

    def action_cancel(self) -> None:
        self.dismiss(None)

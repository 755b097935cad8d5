"""The findings of the draft, one line each: severity, place, found form and first suggestion."""

from __future__ import annotations

from rich.text import Text
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from glossary.lint.finding import Finding, Severity

SEVERITY_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
SEVERITY_MARK = {Severity.ERROR: "E", Severity.WARNING: "W", Severity.INFO: "i"}


def finding_prompt(f: Finding) -> Text:
    text = Text()
    text.append(SEVERITY_MARK.get(f.severity, "?"), style=SEVERITY_STYLE.get(f.severity, ""))
    text.append(f" {f.line}:{f.column} ", style="dim")
    text.append(f.found)
    if f.suggestions:
        text.append(" → ", style="dim")
        text.append(f.suggestions[0], style="bold")
    return text


class FindingsList(OptionList):
    """Set :meth:`show` with findings; posts :class:`FindingsList.Highlighted` and
    :class:`FindingsList.Chosen` with the finding's index."""

    class Highlighted(Message):
        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    class Chosen(Message):
        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    def show(self, findings: list[Finding], keep: int | None = None) -> None:
        self.clear_options()
        self.add_options([Option(finding_prompt(f), id=str(i)) for i, f in enumerate(findings)])
        if findings:
            self.highlighted = min(keep or 0, len(findings) - 1)

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        if event.option_index is not None:
            self.post_message(self.Highlighted(event.option_index))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(self.Chosen(event.option_index))

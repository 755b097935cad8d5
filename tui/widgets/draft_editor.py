"""The draft in an editable text area, with the findings' spans highlighted by severity."""

from __future__ import annotations

from rich.style import Style
from textual.widgets import TextArea

from glossary.lint.finding import Severity

HIGHLIGHT_STYLES = {
    "kozh.error": Style(underline=True, color="red", bold=True),
    "kozh.warning": Style(underline=True, color="yellow"),
    "kozh.info": Style(underline=True, color="cyan"),
}
Span = tuple[int, int, int, int, Severity]
"""(row, column, end row, end column, severity), 0-based, columns in characters."""


class DraftEditor(TextArea):
    """A TextArea that underlines finding spans; set :attr:`spans` to change them."""

    def __init__(self, text: str = "", **kwargs) -> None:
        super().__init__(text, soft_wrap=True, show_line_numbers=True, tab_behavior="focus", **kwargs)
        self._spans: list[Span] = []

    @property
    def spans(self) -> list[Span]:
        return self._spans

    @spans.setter
    def spans(self, value: list[Span]) -> None:
        self._spans = list(value)
        self._build_highlight_map()
        self.refresh()

    def _set_theme(self, theme: str) -> None:
        super()._set_theme(theme)
        self._theme.syntax_styles = {**self._theme.syntax_styles, **HIGHLIGHT_STYLES}

    def _build_highlight_map(self) -> None:
        super()._build_highlight_map()
        spans = getattr(self, "_spans", None)
        if not spans:
            return
        lines = self.document.lines
        for row, col, end_row, end_col, severity in spans:
            name = f"kozh.{severity.name.lower()}"
            for r in range(row, min(end_row, len(lines) - 1) + 1):
                line = lines[r]
                start = col if r == row else 0
                end = end_col if r == end_row else len(line)
                # highlights are in UTF-8 bytes of the line
                b_start = len(line[:start].encode("utf-8"))
                b_end = len(line[:end].encode("utf-8"))
                if b_end > b_start:
                    self._highlights[r].append((b_start, b_end, name))

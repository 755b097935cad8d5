"""The one finding type shared by the lint engine, the CLI formatters and the TUI."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field


class Severity(enum.IntEnum):
    """How much a finding matters; ``--fail-on`` compares against this order."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @classmethod
    def parse(cls, name: str) -> "Severity":
        try:
            return cls[name.upper()]
        except KeyError:
            raise ValueError(f"unknown severity {name!r}; use error, warning or info") from None

    def __str__(self) -> str:
        return self.name.lower()


@dataclass(frozen=True)
class Edit:
    """Replace ``raw[start:end]`` of the document with ``text`` (character offsets)."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Fix:
    """What applying a suggestion changes; fixes are data, applied by ``apply_fixes``."""

    edits: tuple[Edit, ...]
    safe: bool = True
    """Safe fixes are applied by ``--fix``; unsafe ones are only shown."""


@dataclass(frozen=True)
class Finding:
    """One problem found in a document."""

    path: str
    line: int
    """1-based line of the first character."""
    column: int
    """1-based column (in characters) of the first character."""
    end_line: int
    end_column: int
    """1-based column just past the last character."""
    rule: str
    """Rule code, e.g. ``kozh/nonstandard``."""
    severity: Severity
    message: str
    found: str
    """The text as found in the document."""
    suggestions: tuple[str, ...] = ()
    fix: Fix | None = None
    start: int = 0
    """Character offset of the first character in the document."""
    end: int = 0
    entry_zh: str | None = None
    """The glossary entry (simplified Chinese key) the finding is about, when there is one."""
    extra: dict = field(default_factory=dict, compare=False, hash=False)

    @property
    def fixable(self) -> bool:
        return self.fix is not None and self.fix.safe

    def sort_key(self) -> tuple:
        return (self.path, self.start, self.end, self.rule, self.message)

    def to_dict(self) -> dict:
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "rule": self.rule,
            "severity": str(self.severity),
            "message": self.message,
            "found": self.found,
            "suggestions": list(self.suggestions),
            "fixable": self.fixable,
            "entry": self.entry_zh,
        }

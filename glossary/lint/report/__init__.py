"""Output formats of ``kozh lint``: each a function ``(findings, *, color=False) -> str``."""

from __future__ import annotations

from typing import Callable

from ..finding import Finding
from .github import format_github
from .json_format import format_json
from .sarif import format_sarif
from .text import format_text

Formatter = Callable[..., str]

FORMATTERS: dict[str, Formatter] = {
    "text": format_text,
    "json": format_json,
    "sarif": format_sarif,
    "github": format_github,
}
"""Format name -> formatter."""

__all__ = ["FORMATTERS", "Finding", "format_github", "format_json", "format_sarif", "format_text"]

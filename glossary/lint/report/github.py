"""GitHub Actions workflow-command annotations, one line per finding."""

from __future__ import annotations

from typing import Iterable

from ..finding import Finding, Severity

_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def _data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(value: str) -> str:
    return _data(value).replace(":", "%3A").replace(",", "%2C")


def format_github(findings: Iterable[Finding], **_) -> str:
    lines = []
    for f in findings:
        message = f.message + (f" (→ {', '.join(f.suggestions)})" if f.suggestions else "")
        lines.append(
            f"::{_LEVEL[f.severity]} file={_prop(f.path)},line={f.line},col={f.column},"
            f"endLine={f.end_line},endColumn={f.end_column},title={_prop(f.rule)}::{_data(message)}"
        )
    return "".join(line + "\n" for line in lines)

"""Human-readable lint output: ``path:line:col: severity [rule] message (→ suggestion)``."""

from __future__ import annotations

from collections import Counter
from typing import Iterable

import click

from ..finding import Finding, Severity

_COLORS = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def format_line(f: Finding, *, color: bool = False) -> str:
    where = f"{f.path}:{f.line}:{f.column}:"
    severity = str(f.severity)
    rule = f"[{f.rule}]"
    if color:
        where = click.style(where, bold=True)
        severity = click.style(severity, fg=_COLORS[f.severity], bold=True)
        rule = click.style(rule, dim=True)
    line = f"{where} {severity} {rule} {f.message}"
    if f.suggestions:
        line += f" (→ {', '.join(f.suggestions)})"
    if f.fixable:
        line += " [fixable]"
    return line


def summary(findings: list[Finding], files: int | None = None) -> str:
    """One line: how many findings of each severity, how many fixable."""
    if not findings:
        checked = f" in {files} file{'s' if files != 1 else ''}" if files is not None else ""
        return f"no findings{checked}"
    counts = Counter(f.severity for f in findings)
    parts = [
        f"{counts[s]} {s}{'s' if counts[s] != 1 and s != Severity.INFO else ''}"
        for s in (Severity.ERROR, Severity.WARNING, Severity.INFO)
        if counts[s]
    ]
    fixable = sum(1 for f in findings if f.fixable)
    n = len(findings)
    text = f"{n} finding{'s' if n != 1 else ''} ({', '.join(parts)})"
    if files is not None:
        text += f" in {files} file{'s' if files != 1 else ''}"
    if fixable:
        text += f"; {fixable} fixable with --fix"
    return text


def format_text(findings: Iterable[Finding], *, color: bool = False, files: int | None = None) -> str:
    findings = list(findings)
    lines = [format_line(f, color=color) for f in findings]
    lines.append(summary(findings, files))
    return "\n".join(lines) + "\n"

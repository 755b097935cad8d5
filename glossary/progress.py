"""Progress bars on a terminal for commands that read many files or import many entries."""

from __future__ import annotations

import sys
from contextlib import contextmanager
from typing import Iterator

# Below this many files a bar only flickers.
MIN_FILES_FOR_BAR = 4


@contextmanager
def file_progress(total: int, *, enabled: bool = True) -> Iterator:
    """Yields a callback to call once per file read; draws a rich bar on a terminal (stderr)."""
    if not enabled or total < MIN_FILES_FOR_BAR or not sys.stderr.isatty():
        yield None
        return
    from rich.progress import Progress  # only when a bar is drawn

    with Progress(transient=True) as progress:
        task = progress.add_task("reading", total=total)
        yield lambda report: progress.advance(task)


MIN_ROWS_FOR_BAR = 5000
"""Below this many entries an import finishes before a bar is worth drawing."""


@contextmanager
def row_progress(description: str, *, enabled: bool = True) -> Iterator:
    """Yields an ``on_progress(done, total)`` callback (what a bulk import calls after each batch);
    draws a rich bar on a terminal (stderr) once it learns that ``total`` is large enough."""
    if not enabled or not sys.stderr.isatty():
        yield None
        return
    state: dict = {}

    def on_progress(done: int, total: int) -> None:
        if total < MIN_ROWS_FOR_BAR:
            return
        if "bar" not in state:
            from rich.console import Console
            from rich.progress import Progress  # only when a bar is drawn

            state["bar"] = Progress(console=Console(stderr=True), transient=True)
            state["bar"].start()
            state["task"] = state["bar"].add_task(description, total=total)
        state["bar"].update(state["task"], completed=done)

    try:
        yield on_progress
    finally:
        if "bar" in state:
            state["bar"].stop()

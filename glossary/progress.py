"""A progress bar on a terminal for commands that read many files."""

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

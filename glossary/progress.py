"""A progress bar on a terminal for commands that read many files."""

from __future__ import annotations

import sys
from contextlib import contextmanager
from typing import Iterator

# Below this many files a bar only flickers.
MIN_FILES_FOR_BAR = 4


@contextmanager
def file_progress(paths, *, enabled: bool = True) -> Iterator:
    """Yields a callback to call once per file read; draws a rich bar on a terminal (stderr)."""
    from .sources import iter_source_files

    files = list(iter_source_files(paths)) if enabled and sys.stderr.isatty() else []
    if len(files) < MIN_FILES_FOR_BAR:
        yield None
        return
    from rich.progress import Progress  # only when a bar is drawn

    with Progress(transient=True) as progress:
        task = progress.add_task("reading", total=len(files))
        yield lambda report: progress.advance(task)

"""Replacing a file in one step: what a fixed draft, a backup, the index cache and the library
answers kept on disk are all written with.

The new content goes to a temporary file in the target's folder, which is renamed over the
target only once it is complete, so a reader (or a process killed halfway) never sees half a file.
"""

from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator


@contextmanager
def replacing(
    path: str | os.PathLike, *, prefix: str | None = None, suffix: str = ".tmp", mode: int | None = None
) -> Iterator[Path]:
    """Yields a new temporary file beside ``path``, renamed over ``path`` when the block ends.

    If the block raises, the temporary file is removed and ``path`` is left as it was.

    Args:
        path: The file to replace (or create).
        prefix: The temporary file's name starts with this; default ``.NAME.``.
        suffix: The temporary file's name ends with this (the clean-ups of left-overs look for it).
        mode: Permission bits to give the new file; default those of :func:`tempfile.mkstemp`.

    Raises:
        OSError: The folder cannot take the temporary file, or the rename fails.

    >>> import tempfile, pathlib
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "out.txt"
    >>> with replacing(target) as tmp:
    ...     _ = tmp.write_text("done")
    >>> target.read_text(), sorted(p.name for p in target.parent.iterdir())
    ('done', ['out.txt'])
    """
    target = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}." if prefix is None else prefix, suffix=suffix, dir=target.parent)
    os.close(fd)
    try:
        yield Path(tmp)
        if mode is not None:
            os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_bytes(
    path: str | os.PathLike, data: bytes, *, prefix: str | None = None, suffix: str = ".tmp",
    mode: int | None = None, durable: bool = False,
) -> None:
    """Replace ``path`` with ``data`` in one step (see :func:`replacing`).

    Args:
        durable: Flush the data to the disk before the rename (for the user's own files; a cache
            need not wait for the disk).

    Raises:
        OSError: As for :func:`replacing`.
    """
    with replacing(path, prefix=prefix, suffix=suffix, mode=mode) as tmp:
        with open(tmp, "wb") as fh:
            fh.write(data)
            if durable:
                fh.flush()
                os.fsync(fh.fileno())

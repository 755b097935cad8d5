"""The lint index's cache on disk, ``<db>.index-cache`` beside the glossary.

Written with :mod:`marshal` (plain strings, numbers, bytes, tuples and dicts: loading it never runs
code) and keyed on the cache format, the glossary's ``version`` and a fingerprint of its tables, so
a cache is never trusted across versions (nor across a database deleted and rebuilt).
"""

from __future__ import annotations

import marshal
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Callable, TypeVar

from ..atomic import replacing

if TYPE_CHECKING:  # pragma: no cover
    from ..store import Glossary

CACHE_FORMAT = 6
"""Bumped when the cached layout changes; an older cache is rebuilt."""

T = TypeVar("T")


def cache_path(glossary: "Glossary") -> Path | None:
    """Where the index of ``glossary`` is cached; None for an in-memory glossary."""
    return None if glossary.path == ":memory:" else Path(glossary.path + ".index-cache")


_MAGIC = b"kozh-index\n"


def _cache_header(version: int, fingerprint: tuple) -> tuple:
    return (CACHE_FORMAT, sys.byteorder, version, fingerprint)


def read_cache(path: Path, version: int, fingerprint: tuple, load: Callable[[tuple], T]) -> T | None:
    """The index the cache at ``path`` holds (``load`` makes it from the payload) when its header
    matches, else None (a damaged or foreign file too, and whatever ``load`` refuses).

    The file is read one section at a time (see :func:`write_cache`), so loading never holds the
    whole file and the objects made from it at once.
    """
    try:
        with open(path, "rb") as fh:
            if fh.read(len(_MAGIC)) != _MAGIC:
                return None

            def section():
                size = int.from_bytes(fh.read(8), "little")
                data = fh.read(size)
                if len(data) != size:
                    raise ValueError("truncated cache")
                return marshal.loads(data)

            if section() != _cache_header(version, fingerprint):
                return None
            count = section()
            if type(count) is not int or not 0 <= count < 1000:
                return None
            head = section()
            if type(head) is not tuple or len(head) != 3:
                return None
            version_, fingerprint_, n_columns = head
            table = dict(section() for _ in range(n_columns))
            rest = [section() for _ in range(count - 1 - n_columns)]
            if fh.read(1):
                return None
        if version_ != version or fingerprint_ != fingerprint:
            return None
        return load((version_, fingerprint_, table, *rest))
    except Exception:  # a damaged or foreign cache is rebuilt, never trusted
        return None


def write_cache(path: Path, payload: tuple) -> None:
    """Write an index's ``payload`` (``(version, fingerprint, table, *rest)``) to ``path``.

    Magic, then length-prefixed marshal sections: the header, the section count, then the
    payload with the table split by column (no section is more than a few tens of MB)."""
    try:
        with replacing(path, prefix=path.name + ".") as tmp, open(tmp, "wb") as fh:
            version, fingerprint, table, *rest = payload
            sections = [(version, fingerprint, len(table)), *table.items(), *rest]
            fh.write(_MAGIC)
            for obj in (_cache_header(version, fingerprint), len(sections), *sections):
                data = marshal.dumps(obj)
                fh.write(len(data).to_bytes(8, "little"))
                fh.write(data)
    except (OSError, ValueError):  # a cache that cannot be written is rebuilt next time
        pass

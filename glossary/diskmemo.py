"""Answers of slow libraries, remembered on disk between runs.

Loading pypinyin, the hanja table, OpenCC or Kiwi costs more than a whole lint, yet a run
usually asks them about strings an earlier run already asked about. A :class:`DiskMemo` keeps
those answers (plain values: strings, numbers, booleans and tuples of them) in a file in the
cache folder — ``$KOZH_CACHE_DIR``, else ``$XDG_CACHE_HOME/kozh`` (``~/.cache/kozh``);
``KOZH_CACHE_DIR=""`` keeps nothing on disk. The file is read with :mod:`marshal` on first use,
and new answers are merged into it atomically when the process exits (or on :func:`save_all`).

A file's name carries a *stamp* of what gives the answers (the installed libraries' files and
kozh's own tables), so an answer is never reused after either changes. A damaged or foreign
file is ignored and replaced.
"""

from __future__ import annotations

import atexit
import hashlib
import importlib.util
import marshal
import os
import tempfile
import threading
from pathlib import Path
from typing import Callable, Hashable

LIMIT = 200_000
"""Most answers a file keeps (the newest)."""

_MAGIC = b"kozh-memo 1\n"


def cache_dir() -> Path | None:
    """The folder answers are kept in, or None when ``KOZH_CACHE_DIR`` is set empty."""
    base = os.environ.get("KOZH_CACHE_DIR")
    if base is None:
        xdg = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
        base = os.path.join(xdg, "kozh")
    return Path(base) if base else None


def file_stamp(*paths: str | Path | None) -> str:
    """A short digest of the files' paths, sizes and modification times (missing ones count too)."""
    parts = []
    for path in paths:
        try:
            st = os.stat(path) if path is not None else None
        except OSError:
            st = None
        parts.append(f"{path}:{st.st_size}:{st.st_mtime_ns}" if st else f"{path}:-")
    return hashlib.sha1("\n".join(parts).encode()).hexdigest()[:12]


def package_files(*names: str) -> list[str | None]:
    """The ``__init__`` file of each installed package (found without importing it), None when absent.

    Installing another version rewrites it, which changes :func:`file_stamp`.
    """
    out: list[str | None] = []
    for name in names:
        try:
            spec = importlib.util.find_spec(name)
        except (ImportError, ValueError):
            spec = None
        out.append(spec.origin if spec is not None else None)
    return out


class DiskMemo:
    """A dict of answers kept in ``<cache folder>/<name>-<stamp>.memo``.

    Args:
        name: what the answers are (the file name's first part).
        stamp: called once, on first use: a digest of what gives the answers.
    """

    def __init__(self, name: str, stamp: Callable[[], str]) -> None:
        self.name = name
        self._stamp = stamp
        self._path: Path | None = None
        self._answers: dict | None = None
        self._new: dict = {}
        self._lock = threading.Lock()
        _ALL.append(self)

    @property
    def path(self) -> Path | None:
        """The memo's file, or None when nothing is kept on disk."""
        folder = cache_dir()
        if folder is None:
            return None
        if self._path is None or self._path.parent != folder:
            self._path = folder / f"{self.name}-{self._stamp()}.memo"
        return self._path

    def _loaded(self) -> dict:
        answers = self._answers
        if answers is None:
            with self._lock:
                if self._answers is None:
                    self._answers = _read(self.path)
                answers = self._answers
        return answers

    def get(self, key: Hashable, default=None):
        """The remembered answer for ``key``, or ``default``."""
        return self._loaded().get(key, default)

    def put(self, key: Hashable, value) -> None:
        """Remember ``value`` for ``key`` (written to disk at exit or by :meth:`save`)."""
        answers = self._loaded()
        with self._lock:
            answers[key] = value
            self._new[key] = value
        _save_at_exit()

    def save(self) -> None:
        """Merge this process's new answers into the file, atomically; quietly nothing on failure."""
        with self._lock:
            if not self._new:
                return
            new, self._new = self._new, {}
        path = self.path
        if path is None:
            return
        merged = _read(path)
        merged.update(new)
        if len(merged) > LIMIT:
            merged = dict(list(merged.items())[-LIMIT:])
        try:
            data = _MAGIC + marshal.dumps(merged)
        except ValueError:  # an answer marshal cannot write: keep nothing rather than fail
            return
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
        except OSError:
            return
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.replace(tmp, path)
        except OSError:
            try:
                os.unlink(tmp)
            except OSError:
                pass


def _read(path: Path | None) -> dict:
    """The answers in ``path``; an empty dict for a missing, damaged or foreign file."""
    if path is None:
        return {}
    try:
        data = path.read_bytes()
    except OSError:
        return {}
    if not data.startswith(_MAGIC):
        return {}
    try:
        answers = marshal.loads(data[len(_MAGIC):])
    except (EOFError, ValueError, TypeError):
        return {}
    return answers if type(answers) is dict else {}


_ALL: list[DiskMemo] = []
_REGISTERED: list[bool] = []


def _save_at_exit() -> None:
    if not _REGISTERED:
        _REGISTERED.append(True)
        atexit.register(save_all)


def save_all() -> None:
    """Write every memo's new answers to disk now."""
    for memo in list(_ALL):
        memo.save()

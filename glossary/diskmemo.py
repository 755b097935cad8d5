"""Answers of slow libraries, remembered on disk between runs.

Loading pypinyin, the hanja table, OpenCC or Kiwi costs more than a whole lint, yet a run
usually asks them about strings an earlier run already asked about. A :class:`DiskMemo` keeps
those answers (plain values: strings, numbers, booleans and tuples of them) in a file in the
cache folder — ``$KOZH_CACHE_DIR``, else ``$XDG_CACHE_HOME/kozh`` (``~/.cache/kozh``);
``KOZH_CACHE_DIR=""`` keeps nothing on disk. The file is read with :mod:`marshal` on first use;
new answers are merged into it atomically by :func:`save_all` (lint calls it after each draft)
and when the process exits.

A file's name carries a *stamp*: the installed versions of the libraries that give the answers
and the memo's own format number, so an answer is never reused after either changes (files of
other stamps are removed when a memo is saved). A damaged or foreign file, or an answer of the
wrong shape, is ignored.
"""

from __future__ import annotations

import atexit
import hashlib
import importlib.util
import marshal
import os
import re
import threading
import time
import weakref
from functools import lru_cache
from pathlib import Path
from typing import Callable, Hashable

from .atomic import write_bytes

LIMIT = 200_000
"""Most answers a file keeps (the newest), and most new answers a process records."""

_MAGIC = b"kozh-memo 1\n"


def cache_dir() -> Path | None:
    """The folder answers are kept in, or None when ``KOZH_CACHE_DIR`` is set empty."""
    base = os.environ.get("KOZH_CACHE_DIR")
    if base is None:
        xdg = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
        base = os.path.join(xdg, "kozh")
    return Path(base) if base else None


def library_stamp(*packages: str, format: int = 1) -> str:
    """A short digest of the installed versions of ``packages`` (import names) and ``format``.

    Versions are read from the ``<name>-<version>.dist-info`` folders beside the packages,
    without importing them; a package installed some other way counts by its ``__init__`` file's
    size and modification time, a missing one as missing.
    """
    parts = [f"format={format}"] + [f"{name}={_installed_version(name)}" for name in packages]
    return hashlib.sha1("\n".join(parts).encode()).hexdigest()[:12]


@lru_cache(maxsize=None)
def _installed_version(name: str) -> str:
    try:
        spec = importlib.util.find_spec(name)
    except (ImportError, ValueError):
        spec = None
    if spec is None or not spec.origin:
        return "missing"
    prefix = name.lower().replace("-", "_") + "-"
    try:
        for entry in os.listdir(Path(spec.origin).parent.parent):
            low = entry.lower()
            if low.startswith(prefix) and low.endswith(".dist-info"):
                version = entry[len(prefix):-len(".dist-info")]
                if "-" not in version:
                    return version
        st = os.stat(spec.origin)
    except OSError:
        return "unknown"
    return f"{spec.origin}:{st.st_size}:{st.st_mtime_ns}"


class DiskMemo:
    """A dict of answers kept in ``<cache folder>/<name>-<stamp>.memo``.

    Args:
        name: what the answers are (the file name's first part).
        stamp: called once, on first use: see :func:`library_stamp`.
        valid: whether a ``(key, answer)`` read from the file has the right shape.
        limit: most answers the file keeps and a process records, when fewer than :data:`LIMIT`.
    """

    def __init__(
        self, name: str, stamp: Callable[[], str], valid: Callable[[object, object], bool], *, limit: int | None = None
    ) -> None:
        self.name = name
        self._limit = limit
        self._stamp = stamp
        self._valid = valid
        self._path: Path | None = None
        self._answers: dict | None = None
        self._unchecked: dict = {}
        """Answers read from the file whose shape nobody has checked yet (each is checked when first
        asked for: a file may hold 200,000 answers and a run ask about a few thousand)."""
        self._new: dict = {}
        self._lock = threading.Lock()
        _ALL.add(self)

    @property
    def limit(self) -> int:
        """Most answers the file keeps (the newest), and most new answers a process records."""
        return LIMIT if self._limit is None else min(self._limit, LIMIT)

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
                    self._unchecked = _read(self.path)
                    self._answers = {}
                answers = self._answers
        return answers

    def _read(self, path: Path | None) -> dict:
        valid = self._valid
        return {k: v for k, v in _read(path).items() if valid(k, v)}

    def _lookup(self, key: Hashable):
        """The remembered answer for ``key`` (one of the right shape), or None."""
        answers = self._loaded()
        value = answers.get(key)
        if value is None and self._unchecked:
            with self._lock:
                value = self._unchecked.pop(key, None)
                if value is not None:
                    if self._valid(key, value):
                        answers[key] = value
                    else:
                        value = None
        return value

    def get(self, key: Hashable, default=None):
        """The remembered answer for ``key``, or ``default``."""
        value = self._lookup(key)
        return default if value is None else value

    def answer(self, key: Hashable, ask: Callable[[], object]):
        """The remembered answer for ``key``; otherwise ``ask()``, remembered."""
        value = self._lookup(key)
        if value is None:
            value = ask()
            self.put(key, value)
        return value

    def put(self, key: Hashable, value) -> None:
        """Remember ``value`` for ``key`` (written to disk by :meth:`save`).

        Past :attr:`limit` new answers in one process (a bulk import), further ones are not kept.
        """
        answers = self._loaded()
        with self._lock:
            if len(self._new) >= self.limit:
                return
            answers[key] = value
            self._new[key] = value
        _save_at_exit()

    def save(self) -> None:
        """Merge this process's new answers into the file, atomically, and remove files of other
        stamps; quietly nothing when the folder cannot be written."""
        with self._lock:
            if not self._new:
                return
            new, self._new = self._new, {}
        path = self.path
        if path is None:
            return
        merged = self._read(path)
        merged.update(new)
        if len(merged) > self.limit:
            merged = dict(list(merged.items())[-self.limit:])
        try:
            data = _MAGIC + marshal.dumps(merged)
        except ValueError:  # an answer marshal cannot write: keep nothing rather than fail
            return
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            write_bytes(path, data, prefix=path.name + ".")
        except OSError:
            return
        self._prune(path)

    def _prune(self, current: Path) -> None:
        """Remove this memo's files of other stamps, and temporary files left by a killed process."""
        stale = time.time() - 3600
        try:
            entries = list(current.parent.glob(f"{self.name}-*"))
        except OSError:
            return
        for entry in entries:
            if entry == current:
                continue
            if entry.suffix != ".tmp":
                _remove(entry)  # another stamp's answers (or an older format's file)
                continue
            try:
                if entry.stat().st_mtime < stale:
                    _remove(entry)
            except OSError:
                pass


def _remove(path: Path) -> None:
    try:
        path.unlink()
    except OSError:
        pass


def _read(path: Path | None) -> dict:
    """The answers in ``path``; an empty dict for a missing, damaged or foreign file."""
    if path is None:
        return {}
    try:
        data = path.read_bytes()
        if not data.startswith(_MAGIC):
            return {}
        answers = marshal.loads(data[len(_MAGIC):])
    except (OSError, EOFError, ValueError, TypeError):  # unreadable, or not marshal data: start afresh
        return {}
    return answers if type(answers) is dict else {}


_ALL: "weakref.WeakSet[DiskMemo]" = weakref.WeakSet()
_SAVE_AT_EXIT = False


def _save_at_exit() -> None:
    global _SAVE_AT_EXIT
    if not _SAVE_AT_EXIT:
        _SAVE_AT_EXIT = True
        atexit.register(save_all)


def save_all() -> None:
    """Write every memo's new answers to disk now (cheap when there is nothing new)."""
    for memo in list(_ALL):
        memo.save()

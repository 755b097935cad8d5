"""The lint index's entries, terms and key maps, stored by column and packed.

Rows become :class:`~glossary.store.Term` and :class:`~glossary.lint.entry_info.EntryInfo`
objects only when asked for (:class:`Rows`). Every column dumps to plain strings, bytes and tuples
(what :mod:`marshal` writes to the index cache) and loads back checked: ValueError when it is not
a column.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Mapping
from itertools import accumulate, islice
from operator import ge, gt
from typing import Iterable

from ..store import Term
from .entry_info import EntryInfo


_NONE = "\0"
"""How a missing text (no traditional form, no pinyin…) is stored in a packed column."""


class _Strings:
    """Many strings kept as one (plus their end offsets): ``self[i]`` is the i-th.

    A million short names cost one string and one array instead of a million objects, and load
    from the cache in a few milliseconds.
    """

    __slots__ = ("data", "ends")

    def __init__(self, data: str = "", ends: array | None = None) -> None:
        self.data = data
        self.ends = ends if ends is not None else array("q")

    @classmethod
    def of(cls, items: Iterable[str | None]) -> "_Strings":
        items = [_NONE if x is None else x for x in items]
        return cls("".join(items), _narrow(array("q", accumulate(map(len, items)))))

    def __len__(self) -> int:
        return len(self.ends)

    def __getitem__(self, i: int) -> str:
        ends = self.ends
        return self.data[ends[i - 1] if i else 0:ends[i]]

    def get(self, i: int) -> str | None:
        """The i-th string, None for a missing one."""
        value = self[i]
        return None if value == _NONE else value

    def find(self, key: str) -> int:
        """Position of ``key`` in these (sorted) strings, or -1."""
        data, ends = self.data, self.ends
        lo, hi = 0, len(ends)
        while lo < hi:
            mid = (lo + hi) >> 1
            value = data[ends[mid - 1] if mid else 0:ends[mid]]
            if value < key:
                lo = mid + 1
            elif value > key:
                hi = mid
            else:
                return mid
        return -1

    def dump(self) -> tuple:
        return (self.data, _int_bytes(self.ends))

    @classmethod
    def load(cls, dumped: tuple) -> "_Strings":
        data, raw = dumped
        if type(data) is not str or type(raw) is not bytes:
            raise ValueError("bad string column")
        ends = _ints(raw)
        if ends and ends[-1] != len(data):
            raise ValueError("bad string column")
        return cls(data, ends)


class _Codes:
    """A column of few distinct strings (kinds, statuses, languages): each row one small code.

    Same reading interface as :class:`_Strings`; a million rows cost a million bytes.
    """

    __slots__ = ("vocab", "codes")

    def __init__(self, vocab: tuple[str, ...], codes: array) -> None:
        self.vocab, self.codes = vocab, codes

    @classmethod
    def of(cls, items: Iterable[str | None]) -> "_Codes":
        items = [_NONE if x is None else x for x in items]
        vocab = tuple(sorted(set(items)))
        code = {v: k for k, v in enumerate(vocab)}
        typecode = "B" if len(vocab) <= 256 else "i"
        return cls(vocab, array(typecode, [code[x] for x in items]))

    def __len__(self) -> int:
        return len(self.codes)

    def __getitem__(self, i: int) -> str:
        return self.vocab[self.codes[i]]

    def get(self, i: int) -> str | None:
        value = self.vocab[self.codes[i]]
        return None if value == _NONE else value

    def dump(self) -> tuple:
        return (self.vocab, self.codes.typecode.encode() + self.codes.tobytes())

    @classmethod
    def load(cls, dumped: tuple) -> "_Codes":
        vocab, raw = dumped
        if type(vocab) is not tuple or not all(type(v) is str for v in vocab) or type(raw) is not bytes:
            raise ValueError("bad code column")
        if raw[:1] not in (b"B", b"i"):
            raise ValueError("bad code column")
        codes = array(raw[:1].decode())
        if (len(raw) - 1) % codes.itemsize:
            raise ValueError("bad code column")
        codes.frombytes(memoryview(raw)[1:])
        if codes and not (0 <= min(codes) and max(codes) < len(vocab)):
            raise ValueError("bad code column")
        return cls(vocab, codes)


def _narrow(values: array) -> array:
    """``values`` in 4-byte integers when they all fit (ids and offsets nearly always do)."""
    try:
        return array("i", values)
    except OverflowError:
        return values


def _int_bytes(values: array | memoryview) -> bytes:
    """An integer column as its type code and machine bytes (what :func:`_ints` reads back)."""
    typecode = values.format if type(values) is memoryview else values.typecode
    return typecode.encode() + values.tobytes()


def _ints(raw: bytes) -> memoryview:
    """The integer column ``raw`` holds (see :func:`_int_bytes`), read in place: a view of the
    bytes the cache was read into, not a copy (with a million entries, 100 MB less to hold)."""
    if type(raw) is not bytes or raw[:1] not in (b"i", b"q"):
        raise ValueError("bad integer column")
    typecode = raw[:1].decode()
    if (len(raw) - 1) % array(typecode).itemsize:
        raise ValueError("bad integer column")
    return memoryview(raw)[1:].cast(typecode)


class SortedMap(Mapping):
    """Sorted string keys -> tuples of ids, packed (a read-only dict without a million objects).

    ``self[key]`` is the ids of ``key``; the ids of key ``k`` are ``ids[starts[k]:starts[k + 1]]``.
    """

    __slots__ = ("keys_", "starts", "ids")

    def __init__(self, keys: _Strings, starts: array, ids: array) -> None:
        self.keys_, self.starts, self.ids = keys, starts, ids

    @classmethod
    def of(cls, items: dict[str, Iterable[int] | int]) -> "SortedMap":
        """From a dict of key -> ids (an int for a single id)."""
        keys = sorted(items)
        starts = array("q", [0])
        ids = array("q")
        for key in keys:
            got = items[key]
            if type(got) is int:
                ids.append(got)
            else:
                ids.extend(sorted(got))
            starts.append(len(ids))
        return cls(_Strings.of(keys), _narrow(starts), _narrow(ids))

    def __getitem__(self, key: str) -> tuple[int, ...]:
        k = self.keys_.find(key) if type(key) is str else -1
        if k < 0:
            raise KeyError(key)
        return tuple(self.ids[self.starts[k]:self.starts[k + 1]])

    def get(self, key, default=None):
        k = self.keys_.find(key) if type(key) is str else -1
        return default if k < 0 else tuple(self.ids[self.starts[k]:self.starts[k + 1]])

    def __contains__(self, key) -> bool:
        return type(key) is str and self.keys_.find(key) >= 0

    def __len__(self) -> int:
        return len(self.keys_)

    def __iter__(self):
        keys = self.keys_
        return (keys[i] for i in range(len(keys)))

    def dump(self) -> tuple:
        return (self.keys_.dump(), _int_bytes(self.starts), _int_bytes(self.ids))

    @classmethod
    def load(cls, dumped: tuple) -> "SortedMap":
        keys, starts, ids = dumped
        keys, starts, ids = _Strings.load(keys), _ints(starts), _ints(ids)
        if len(starts) != len(keys) + 1 or starts[-1] != len(ids):
            raise ValueError("bad map")
        return cls(keys, starts, ids)


class ZhMap(Mapping):
    """Chinese key -> entry id, packed (see :class:`SortedMap`); one id per key."""

    __slots__ = ("map",)

    def __init__(self, packed: SortedMap) -> None:
        self.map = packed

    def __getitem__(self, key: str) -> int:
        m = self.map
        k = m.keys_.find(key) if type(key) is str else -1
        if k < 0:
            raise KeyError(key)
        return m.ids[m.starts[k]]

    def get(self, key, default=None):
        m = self.map
        k = m.keys_.find(key) if type(key) is str else -1
        return default if k < 0 else m.ids[m.starts[k]]

    def __contains__(self, key) -> bool:
        return key in self.map

    def __len__(self) -> int:
        return len(self.map)

    def __iter__(self):
        return iter(self.map)


def _position(sorted_ids, key: int) -> int:
    """Where ``key`` stands in a sorted id column; KeyError when it is not there."""
    k = bisect_left(sorted_ids, key)
    if k == len(sorted_ids) or sorted_ids[k] != key:
        raise KeyError(key)
    return k


class Table:
    """The index's entries and terms, stored by column; rows become objects only when asked for.

    Entries are sorted by id; terms by ``(entry_id, id)``, so an entry's terms are one range.
    """

    __slots__ = (
        "e_id", "e_zh", "e_zh_hant", "e_pinyin", "e_kind", "e_era", "e_customary", "e_house",
        "t_id", "t_entry", "t_lang", "t_text", "t_norm", "t_status", "t_freq", "t_by_id", "t_row_by_id",
        "_entries", "_terms",
    )

    def __init__(self, columns: dict) -> None:
        for name, value in columns.items():
            setattr(self, name, value)
        self._entries: dict[int, EntryInfo] = {}
        self._terms: dict[int, Term] = {}

    _STRINGS = ("e_zh", "e_zh_hant", "e_pinyin", "e_kind", "e_era", "e_house", "t_lang", "t_text", "t_norm", "t_status")
    _INTS = ("e_id", "e_customary", "t_id", "t_entry", "t_freq", "t_by_id", "t_row_by_id")
    _CODED = ("e_kind", "e_era", "t_lang", "t_status")
    """String columns with few distinct values, kept as :class:`_Codes`."""

    @classmethod
    def _column(cls, name: str, values: list):
        if name in cls._INTS:
            return _narrow(array("q", values))
        return _Codes.of(values) if name in cls._CODED else _Strings.of(values)

    ENTRY_TEXT = ("e_zh", "e_zh_hant", "e_pinyin", "e_kind", "e_era", "e_house")
    """The entry columns that hold texts, in row order after ``e_id``."""

    @classmethod
    def of(cls, entries: dict[str, list | array], terms: dict[str, list | array]) -> "Table":
        """From columns, each keyed by its name: entries' (``e_*``) rows in id order, terms'
        (``t_*``, all but the two id maps) rows in id order. A column missing from both (an
        empty table) is empty."""
        t_id = terms.get("t_id", array("q"))
        t_entry = terms.get("t_entry", array("q"))
        if any(map(ge, t_id, islice(t_id, 1, None))):
            raise ValueError("terms must come in id order")
        n = len(t_id)
        # Terms are stored by (entry_id, id). Rows in id order usually are in entry order too (an
        # import writes an entry's terms together); else a stable sort on the entry keeps ids in order.
        order = None if not any(map(gt, t_entry, islice(t_entry, 1, None))) else sorted(range(n), key=t_entry.__getitem__)
        cols = {}
        for name in cls._STRINGS + cls._INTS:
            if name in ("t_by_id", "t_row_by_id"):
                continue
            values = entries.get(name) if name[0] == "e" else terms.get(name)
            if values is None:
                values = []
            elif order is not None and name[0] == "t":
                values = list(map(values.__getitem__, order))
            cols[name] = cls._column(name, values)
        cols["t_by_id"] = _narrow(array("q", t_id))
        row_by_id = array("q", range(n))
        if order is not None:
            for row, r in enumerate(order):
                row_by_id[r] = row
        cols["t_row_by_id"] = _narrow(row_by_id)
        return cls(cols)

    def dump(self) -> dict:
        return {
            name: _int_bytes(getattr(self, name)) if name in self._INTS else getattr(self, name).dump()
            for name in (*self._STRINGS, *self._INTS)
        }

    @classmethod
    def load(cls, dumped: dict) -> "Table":
        if type(dumped) is not dict or set(dumped) != {*cls._STRINGS, *cls._INTS}:
            raise ValueError("bad table")
        cols = {
            name: _ints(v) if name in cls._INTS else _Codes.load(v) if name in cls._CODED else _Strings.load(v)
            for name, v in dumped.items()
        }
        n_e, n_t = len(cols["e_id"]), len(cols["t_id"])
        if any(len(v) != (n_e if k[0] == "e" else n_t) for k, v in cols.items()):
            raise ValueError("bad table")
        return cls(cols)

    def term(self, term_id: int) -> Term:
        t = self._terms.get(term_id)
        if t is None:
            t = self._term_at(self.t_row_by_id[_position(self.t_by_id, term_id)])
        return t

    def _term_at(self, row: int) -> Term:
        term_id = self.t_id[row]
        t = self._terms.get(term_id)
        if t is None:
            t = Term(
                term_id, self.t_entry[row], self.t_lang[row], self.t_text[row], self.t_norm[row],
                self.t_status[row], self.t_freq[row],
            )
            self._terms[term_id] = t
        return t

    def entry(self, entry_id: int) -> EntryInfo:
        e = self._entries.get(entry_id)
        if e is None:
            row = _position(self.e_id, entry_id)
            lo, hi = bisect_left(self.t_entry, entry_id), bisect_right(self.t_entry, entry_id)
            e = EntryInfo(
                entry_id, self.e_zh[row], self.e_zh_hant.get(row), self.e_pinyin.get(row), self.e_kind.get(row),
                self.e_era.get(row), self.e_customary[row], self.e_house.get(row),
                [self._term_at(r) for r in range(lo, hi)],
            )
            self._entries[entry_id] = e
        return e


class Rows(Mapping):
    """``index.entries`` / ``index.terms``: id -> object, made on first access."""

    __slots__ = ("_get", "_ids")

    def __init__(self, get, ids: array) -> None:
        self._get, self._ids = get, ids

    def __getitem__(self, key: int):
        return self._get(key)

    def get(self, key, default=None):
        try:
            return self._get(key)
        except (KeyError, TypeError):
            return default

    def __contains__(self, key) -> bool:
        return self.get(key) is not None

    def __len__(self) -> int:
        return len(self._ids)

    def __iter__(self):
        return iter(sorted(self._ids))

"""The glossary store: the only module with SQL and table names.

The store is concept-oriented, like TBX:

- an *entry* is one concept, keyed by its Chinese form in simplified characters
  (專精特新 and 专精特新 are one entry), with its traditional form, pinyin, kind, era and note;
- a *term* is one rendering of an entry in one language (``ko``, ``zh``, ``en``, ``abbr``) with a
  status (``preferred``, ``admitted``, ``deprecated``, ``candidate``) and a normalized matching form;
- a *sighting* records where a term was seen (file, line, column, context, issue number and date);
- every write is logged in *history*, grouped in *changesets*, so any change can be undone: an
  update keeps the row before and after, a delete the row before, an insert only which row it was
  (its values are in the row, and a later update or delete logs them as ``old``).

Renderings as written in Korean text are ``ko`` terms whatever their script (``CALB`` is how a
Korean article renders 中创新航); ``en`` holds English glosses such as ``Jade Bird Display``.
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, fields
from datetime import datetime, timezone
from operator import itemgetter
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Iterator

from .errors import BadInput, GlossaryError, NotAGlossary, NotFound, SchemaTooNew
from .text.normalize import fold_width, has_han, norm_key, to_simplified, to_traditional

if TYPE_CHECKING:
    import sqlite_utils

SCHEMA_VERSION = 2
STATUSES = ("preferred", "admitted", "deprecated", "candidate")
STATUS_ORDER = {status: i for i, status in enumerate(("preferred", "admitted", "candidate", "deprecated"))}
"""Where a status sorts among an entry's renderings: the one to use first, a deprecated one last."""
_STATUS_ORDER_SQL = "CASE status " + " ".join(f"WHEN '{s}' THEN {i}" for s, i in STATUS_ORDER.items()) + " END"
KINDS = ("person", "place", "org", "company", "media", "concept", "other")
LANGS = ("ko", "zh", "en", "abbr")
ERAS = ("modern", "historic")
BUSY_TIMEOUT_S = 30.0
BULK_CACHE_KIB = 65536
"""SQLite page cache during a bulk changeset (KiB): the indexes' pages stay in memory between batches."""
BULK_UNDO_MIN = 2000
"""Changesets with at least this many history rows are undone with set-wide statements."""
BULK_FTS_REBUILD_SHARE = 5
"""A bulk write that adds at least 1/5 of the terms rebuilds the full-text index from scratch;
smaller ones add their rows to it directly (a rebuild reads the whole table)."""
BULK_INDEX_ROWS = 5000
"""A bulk write of at least this many new entries and terms drops the secondary indexes that only
searches read (pinyin key, term norm) and builds them once when the changeset closes."""
_IN_CHUNK = 500
"""Values per ``IN (...)`` list when reading rows for many keys."""


@dataclass(frozen=True)
class EntryFacts:
    """What the glossary knows of a concept, its note aside (what the lint index keeps too)."""

    id: int
    zh: str
    """Chinese key in simplified characters."""
    zh_hant: str | None
    """Traditional form."""
    pinyin: str | None
    """Toneless pinyin, syllables separated by spaces."""
    kind: str | None
    era: str | None
    """``modern`` or ``historic``: decides whether transliteration or Sino-Korean reading is standard."""
    customary: int
    """1 when a customary Sino-Korean form (상해 for 上海) is accepted beside the transliteration."""
    house_spelling: str | None
    """An accepted house spelling that silences the non-standard rule for this entry."""


@dataclass(frozen=True)
class Entry(EntryFacts):
    """One concept of the glossary."""

    note: str | None


@dataclass(frozen=True)
class Term:
    """One rendering of an entry in one language."""

    id: int
    entry_id: int
    lang: str
    text: str
    norm: str
    """Matching form: NFC, width-folded, case-folded, spaces removed."""
    status: str
    frequency: int
    """How many sightings have been recorded."""




@dataclass(frozen=True)
class Sighting:
    """Where a term was seen."""

    id: int
    term_id: int
    path: str
    line: int
    column: int
    context: str | None
    issue: str | None
    date: str | None


@dataclass(frozen=True)
class Changeset:
    """A group of changes made by one command; the unit of undo."""

    id: int
    command: str
    at: str
    changes: int


# Columns in dataclass order, so rows become objects positionally (fast for 100,000s of rows).
_ENTRY_COLS, _TERM_COLS, _SIGHTING_COLS = (", ".join(f.name for f in fields(c)) for c in (Entry, Term, Sighting))


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


# -- schema ---------------------------------------------------------------------------------


def _migrate_1(db: sqlite_utils.Database) -> None:
    """Entries, terms, sightings, history and changesets."""
    db["entries"].create(
        {
            "id": int, "zh": str, "zh_hant": str, "pinyin": str, "pinyin_key": str,
            "kind": str, "note": str, "created": str, "updated": str,
        },
        pk="id",
        not_null={"zh"},
    )
    db["entries"].create_index(["zh"], unique=True)
    db["entries"].create_index(["pinyin_key"])
    db["terms"].create(
        {
            "id": int, "entry_id": int, "lang": str, "text": str, "norm": str,
            "status": str, "frequency": int, "created": str, "updated": str,
        },
        pk="id",
        not_null={"entry_id", "lang", "text", "norm", "status"},
        defaults={"frequency": 0},
        foreign_keys=[("entry_id", "entries", "id")],
    )
    db["terms"].create_index(["entry_id", "lang", "norm"], unique=True)
    db["terms"].create_index(["norm"])
    db["sightings"].create(
        {
            "id": int, "term_id": int, "path": str, "line": int, "column": int,
            "context": str, "issue": str, "date": str,
        },
        pk="id",
        not_null={"term_id", "path"},
        foreign_keys=[("term_id", "terms", "id")],
    )
    db["sightings"].create_index(["term_id", "path", "line", "column"], unique=True)
    db["changesets"].create(
        {"id": int, "command": str, "at": str, "reverts": int}, pk="id"
    )
    db["history"].create(
        {
            "id": int, "changeset_id": int, "tbl": str, "row_id": int,
            "action": str, "old": str, "new": str,
        },
        pk="id",
        foreign_keys=[("changeset_id", "changesets", "id")],
    )
    db["history"].create_index(["changeset_id"])
    db["meta"].create({"key": str, "value": str}, pk="key")


def _migrate_2(db: sqlite_utils.Database) -> None:
    """Referent attributes on entries (era, customary, house spelling) and full-text search on terms."""
    db["entries"].add_column("era", str)
    db["entries"].add_column("customary", int, not_null_default=0)
    db["entries"].add_column("house_spelling", str)
    # Trigram tokens find Korean and Chinese substrings, which have no spaces to split on.
    db["terms"].enable_fts(["text", "norm"], tokenize="trigram", create_triggers=True)


MIGRATIONS = [_migrate_1, _migrate_2]


# -- the store ------------------------------------------------------------------------------


class Glossary:
    """A glossary database. Open with :meth:`open`; use as a context manager to close it.

    Every write goes through :meth:`changeset`, one transaction each, logged in ``history``.
    """

    def __init__(self, conn: sqlite3.Connection, path: str):
        self.conn = conn
        self._db = None
        self.path = path
        self._changeset: int | None = None
        self._lock = threading.RLock()

    # opening ----------------------------------------------------------------------------

    @classmethod
    def open(cls, path: str | os.PathLike, *, create: bool = True, migrate_to: int | None = None) -> "Glossary":
        """Open (and create or migrate) the glossary at ``path``.

        Raises:
            GlossaryError: the folder does not exist, or the file cannot be opened.
            NotAGlossary: the file is not SQLite, or is another program's database.
            SchemaTooNew: the glossary was written by a newer kozh.
        """
        path = str(path)
        if path != ":memory:":
            p = Path(path)
            if p.is_dir():
                raise BadInput(f"{path} is a folder, not a glossary file")
            if not p.parent.exists():
                raise GlossaryError(f"folder {p.parent} does not exist (glossary {path})")
            if not p.exists() and not create:
                raise GlossaryError(f"no glossary at {path} (run `kozh init`)")
        try:
            conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, isolation_level=None, check_same_thread=False)
            conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        except sqlite3.DatabaseError as exc:
            raise NotAGlossary(f"{path} is not a SQLite glossary ({exc})") from None
        if version == 0 and tables:
            conn.close()
            raise NotAGlossary(f"{path} is a SQLite database but not a kozh glossary")
        if version > SCHEMA_VERSION:
            conn.close()
            raise SchemaTooNew(
                f"{path} has schema version {version}; this kozh knows up to {SCHEMA_VERSION}: upgrade kozh"
            )
        glossary = cls(conn, path)
        try:
            conn.execute("PRAGMA foreign_keys = ON")
            if path != ":memory:":
                conn.execute("PRAGMA journal_mode = WAL")
            glossary._migrate(version, migrate_to or SCHEMA_VERSION)
        except sqlite3.OperationalError as exc:
            conn.close()
            raise GlossaryError(f"cannot open {path}: {exc}") from None
        return glossary

    def _migrate(self, current: int, target: int) -> None:
        for number in range(current + 1, target + 1):
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                MIGRATIONS[number - 1](self.db)
                self.conn.execute(f"PRAGMA user_version = {number}")
                self.conn.execute("COMMIT")
            except BaseException:
                self.conn.execute("ROLLBACK")
                raise

    @property
    def db(self) -> "sqlite_utils.Database":
        """The connection wrapped by sqlite-utils, for schema work (imported on first use: ~150 ms)."""
        if self._db is None:
            import sqlite_utils

            self._db = sqlite_utils.Database(self.conn)
        return self._db

    @property
    def schema_version(self) -> int:
        return self.conn.execute("PRAGMA user_version").fetchone()[0]

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> "Glossary":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # transactions and history -------------------------------------------------------------

    @contextmanager
    def changeset(self, command: str) -> Iterator[int]:
        """One transaction and one undo unit. Nested calls join the outer changeset."""
        with self._lock:
            if self._changeset is not None:
                yield self._changeset
                return
            self._begin()
            try:
                cur = self.conn.execute(
                    "INSERT INTO changesets (command, at) VALUES (?, ?)", (command, _now())
                )
                self._changeset = cur.lastrowid
                yield self._changeset
                changed = self.conn.execute(
                    "SELECT count(*) FROM history WHERE changeset_id = ?", (self._changeset,)
                ).fetchone()[0]
                if changed:
                    self._bump_version()
                else:  # nothing changed: leave no empty changeset to undo
                    self.conn.execute("DELETE FROM changesets WHERE id = ?", (self._changeset,))
                self.conn.execute("COMMIT")
            except BaseException:
                self.conn.execute("ROLLBACK")
                raise
            finally:
                self._changeset = None

    def _begin(self) -> None:
        # BEGIN IMMEDIATE takes the write lock up front; busy_timeout waits for other writers,
        # and a few retries cover the rare SQLITE_BUSY that the timeout does not absorb.
        for attempt in range(5):
            try:
                self.conn.execute("BEGIN IMMEDIATE")
                return
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) and "busy" not in str(exc):
                    raise GlossaryError(f"cannot write {self.path}: {exc}") from None
                time.sleep(0.2 * (attempt + 1))
        raise GlossaryError(f"{self.path} is locked by another writer; try again")

    def _bump_version(self) -> None:
        self.conn.execute(
            "INSERT INTO meta (key, value) VALUES ('data_version', '1') "
            "ON CONFLICT(key) DO UPDATE SET value = CAST(value AS INTEGER) + 1"
        )

    @property
    def version(self) -> int:
        """A counter bumped by every committed change; caches of compiled indexes key on it."""
        row = self.conn.execute("SELECT value FROM meta WHERE key = 'data_version'").fetchone()
        return int(row[0]) if row else 0

    def fingerprint(self) -> tuple:
        """Cheap summary of the entries and terms tables: a rebuilt database with the same
        :attr:`version` differs here."""
        terms = self.conn.execute("SELECT count(*), max(id), max(updated), sum(frequency) FROM terms").fetchone()
        entries = self.conn.execute("SELECT count(*), max(id), max(updated) FROM entries").fetchone()
        return tuple(terms) + tuple(entries)

    def _log(self, tbl: str, row_id: int, action: str, old: dict | None, new: dict | None) -> None:
        assert self._changeset is not None, "writes happen inside a changeset"
        self.conn.execute(
            "INSERT INTO history (changeset_id, tbl, row_id, action, old, new) VALUES (?, ?, ?, ?, ?, ?)",
            (
                self._changeset, tbl, row_id, action,
                json.dumps(old, ensure_ascii=False) if old is not None else None,
                json.dumps(new, ensure_ascii=False) if new is not None else None,
            ),
        )

    def _row(self, tbl: str, row_id: int) -> dict | None:
        cur = self.conn.execute(f"SELECT * FROM [{tbl}] WHERE id = ?", (row_id,))
        row = cur.fetchone()
        if row is None:
            return None
        return dict(zip([d[0] for d in cur.description], row))

    def _insert(self, tbl: str, values: dict) -> int:
        cols = ", ".join(f"[{k}]" for k in values)
        marks = ", ".join("?" for _ in values)
        cur = self.conn.execute(f"INSERT INTO [{tbl}] ({cols}) VALUES ({marks})", tuple(values.values()))
        row_id = cur.lastrowid
        self._log(tbl, row_id, "insert", None, None)
        return row_id

    def _update(self, tbl: str, row_id: int, values: dict) -> None:
        old = self._row(tbl, row_id)
        if old is None:
            raise NotFound(f"no {tbl} row {row_id}")
        changed = {k: v for k, v in values.items() if old.get(k) != v}
        if not changed:
            return
        sets = ", ".join(f"[{k}] = ?" for k in changed)
        self.conn.execute(f"UPDATE [{tbl}] SET {sets} WHERE id = ?", (*changed.values(), row_id))
        self._log(tbl, row_id, "update", old, self._row(tbl, row_id))

    def _delete(self, tbl: str, row_id: int) -> None:
        old = self._row(tbl, row_id)
        if old is None:
            return
        self.conn.execute(f"DELETE FROM [{tbl}] WHERE id = ?", (row_id,))
        self._log(tbl, row_id, "delete", old, None)

    def last_changeset(self) -> Changeset | None:
        """The newest changeset that has not been undone (undo changesets themselves excluded)."""
        row = self.conn.execute(
            "SELECT c.id, c.command, c.at, (SELECT count(*) FROM history h WHERE h.changeset_id = c.id) "
            "FROM changesets c WHERE c.reverts IS NULL "
            "AND NOT EXISTS (SELECT 1 FROM changesets u WHERE u.reverts = c.id) "
            "ORDER BY c.id DESC LIMIT 1"
        ).fetchone()
        return Changeset(*row) if row else None

    def undo(self) -> Changeset | None:
        """Revert the newest changeset; the reversal is itself logged, so nothing is lost.

        Returns the changeset that was undone, or None when there is nothing to undo.
        """
        with self._lock:
            target = self.last_changeset()
            if target is None:
                return None
            with self.changeset(f"undo {target.command}") as undo_id:
                rows = [] if self._undo_in_bulk(target.id) else self.conn.execute(
                    "SELECT tbl, row_id, action, old FROM history WHERE changeset_id = ? ORDER BY id DESC",
                    (target.id,),
                ).fetchall()
                for tbl, row_id, action, old in rows:
                    if action == "insert":
                        self._delete(tbl, row_id)
                    elif action == "delete":
                        self._insert(tbl, json.loads(old))
                    else:
                        values = json.loads(old)
                        values.pop("id", None)
                        self._update(tbl, row_id, values)
                self.conn.execute("UPDATE changesets SET reverts = ? WHERE id = ?", (target.id, undo_id))
            return target

    def history(self, limit: int = 20) -> list[Changeset]:
        """The newest changesets, newest first."""
        rows = self.conn.execute(
            "SELECT c.id, c.command, c.at, (SELECT count(*) FROM history h WHERE h.changeset_id = c.id) "
            "FROM changesets c ORDER BY c.id DESC LIMIT ?",
            (limit,),
        ).fetchall()
        return [Changeset(*r) for r in rows]

    # entries ----------------------------------------------------------------------------

    def entry(self, zh: str) -> Entry | None:
        """The entry for Chinese ``zh`` (simplified or traditional), or None."""
        key = to_simplified(fold_width(zh).strip())
        row = self.conn.execute(f"SELECT {_ENTRY_COLS} FROM entries WHERE zh = ?", (key,)).fetchone()
        return Entry(*row) if row else None

    def entry_by_id(self, entry_id: int) -> Entry | None:
        row = self.conn.execute(f"SELECT {_ENTRY_COLS} FROM entries WHERE id = ?", (entry_id,)).fetchone()
        return Entry(*row) if row else None

    def upsert_entry(
        self,
        zh: str,
        *,
        kind: str | None = None,
        note: str | None = None,
        overwrite_kind: bool = False,
    ) -> Entry:
        """The entry for ``zh``, created when missing. A kind is only filled in when none is set,
        unless ``overwrite_kind`` (a person's choice, not an extractor's guess)."""
        zh = fold_width(zh).strip()
        if not zh or not has_han(zh):
            raise BadInput(f"not Chinese: {zh!r}")
        if kind is not None and kind not in KINDS:
            raise BadInput(f"unknown kind {kind!r}; use one of {', '.join(KINDS)}")
        key = to_simplified(zh)
        existing = self.entry(key)
        with self.changeset(f"add entry {key}"):
            if existing is None:
                from .translit.pinyin import pinyin_key, pinyin_of

                pinyin = pinyin_of(key)
                now = _now()
                row_id = self._insert(
                    "entries",
                    {
                        "zh": key, "zh_hant": to_traditional(key), "pinyin": pinyin,
                        "pinyin_key": pinyin_key(pinyin),
                        "kind": kind, "note": note, "created": now, "updated": now,
                    },
                )
                return self.entry_by_id(row_id)
            values = {}
            if kind and (overwrite_kind or not existing.kind):
                values["kind"] = kind
            if note is not None:
                values["note"] = note
            if values:
                values["updated"] = _now()
                self._update("entries", existing.id, values)
            return self.entry_by_id(existing.id)

    def update_entry(self, zh: str, **values) -> Entry:
        """Set fields of an entry (kind, era, customary, house_spelling, note)."""
        allowed = {"kind", "era", "customary", "house_spelling", "note"}
        unknown = set(values) - allowed
        if unknown:
            raise BadInput(f"cannot set {', '.join(sorted(unknown))} on an entry")
        if values.get("kind") not in (None, *KINDS):
            raise BadInput(f"unknown kind {values['kind']!r}; use one of {', '.join(KINDS)}")
        if values.get("era") not in (None, *ERAS):
            raise BadInput(f"unknown era {values['era']!r}; use one of {', '.join(ERAS)}")
        entry = self.entry(zh)
        if entry is None:
            raise NotFound(f"no entry for {zh}")
        with self.changeset(f"edit entry {entry.zh}"):
            self._update("entries", entry.id, {**values, "updated": _now()})
        return self.entry_by_id(entry.id)

    def entries(
        self, *, kind: str | None = None, status: str | None = None, limit: int | None = None
    ) -> list[Entry]:
        """Entries in key order, optionally only those of a kind or having a term of a status."""
        sql = f"SELECT {_ENTRY_COLS} FROM entries e"
        where, args = [], []
        if kind:
            where.append("e.kind = ?")
            args.append(kind)
        if status:
            where.append("EXISTS (SELECT 1 FROM terms t WHERE t.entry_id = e.id AND t.status = ?)")
            args.append(status)
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY e.id"
        if limit:
            sql += f" LIMIT {int(limit)}"
        return [Entry(*r) for r in self.conn.execute(sql, args)]

    def count(self, table: str) -> int:
        if table not in ("entries", "terms", "sightings", "changesets"):
            raise ValueError(table)
        return self.conn.execute(f"SELECT count(*) FROM [{table}]").fetchone()[0]

    # terms ------------------------------------------------------------------------------

    def terms_of(self, entry_id: int) -> list[Term]:
        """The renderings of an entry, preferred first, then by frequency."""
        order = _STATUS_ORDER_SQL
        cur = self.conn.execute(
            f"SELECT {_TERM_COLS} FROM terms WHERE entry_id = ? ORDER BY lang, {order}, frequency DESC, id",
            (entry_id,),
        )
        return [Term(*r) for r in cur]

    def term(self, term_id: int) -> Term | None:
        row = self.conn.execute(f"SELECT {_TERM_COLS} FROM terms WHERE id = ?", (term_id,)).fetchone()
        return Term(*row) if row else None

    def find_terms(self, text: str) -> list[Term]:
        """Terms whose matching form equals that of ``text``."""
        cur = self.conn.execute(f"SELECT {_TERM_COLS} FROM terms WHERE norm = ? ORDER BY id", (norm_key(text),))
        return [Term(*r) for r in cur]

    def add_term(
        self,
        text: str,
        zh: str,
        *,
        lang: str = "ko",
        status: str = "candidate",
        kind: str | None = None,
    ) -> tuple[Term, bool]:
        """Add a rendering ``text`` of the entry ``zh``; returns (term, created).

        The same rendering twice is one term. A ``candidate`` never overwrites a status a person
        gave; any other status is applied (``preferred`` demotes the previous preferred term).
        """
        text = fold_width(text).strip()
        if not text:
            raise BadInput("empty term")
        _check(status, STATUSES, "status")
        _check(lang, LANGS, "language")
        with self.changeset(f"add {text} = {zh}"):
            entry = self.upsert_entry(zh, kind=kind)
            norm = norm_key(text)
            row = self.conn.execute(
                "SELECT id, status FROM terms WHERE entry_id = ? AND lang = ? AND norm = ?",
                (entry.id, lang, norm),
            ).fetchone()
            if row is not None:
                if status != "candidate" and row[1] != status:
                    self.set_status(row[0], status)
                return self.term(row[0]), False
            now = _now()
            term_id = self._insert(
                "terms",
                {
                    "entry_id": entry.id, "lang": lang, "text": text, "norm": norm,
                    "status": "candidate", "frequency": 0, "created": now, "updated": now,
                },
            )
            if status != "candidate":
                self.set_status(term_id, status)
            return self.term(term_id), True

    def set_status(self, term_id: int, status: str) -> Term:
        """Give a term a status; one preferred term per language per entry."""
        _check(status, STATUSES, "status")
        term = self.term(term_id)
        if term is None:
            raise NotFound(f"no term {term_id}")
        with self.changeset(f"set {term.text} {status}"):
            if status == "preferred":
                for (other,) in self.conn.execute(
                    "SELECT id FROM terms WHERE entry_id = ? AND lang = ? AND status = 'preferred' AND id != ?",
                    (term.entry_id, term.lang, term.id),
                ).fetchall():
                    self._update("terms", other, {"status": "admitted", "updated": _now()})
            self._update("terms", term.id, {"status": status, "updated": _now()})
        return self.term(term.id)

    def resolve_term(self, text: str, zh: str | None = None) -> Term:
        """The one term named by ``text`` (and its entry's ``zh`` when several entries share it)."""
        terms = self.find_terms(text)
        if zh is not None:
            entry = self.entry(zh)
            terms = [t for t in terms if entry and t.entry_id == entry.id]
        if not terms:
            raise NotFound(f"no term {text!r}" + (f" for {zh}" if zh else ""))
        if len(terms) > 1:
            keys = ", ".join(self.entry_by_id(t.entry_id).zh for t in terms)
            raise BadInput(f"{text!r} renders several entries ({keys}); name the Chinese too")
        return terms[0]

    def merge_entries(self, source_zh: str, target_zh: str) -> Entry:
        """Move every term of ``source_zh`` to ``target_zh`` and delete the source entry."""
        source, target = self.entry(source_zh), self.entry(target_zh)
        if source is None or target is None:
            raise NotFound(f"no entry for {source_zh if source is None else target_zh}")
        if source.id == target.id:
            return target
        with self.changeset(f"merge {source.zh} into {target.zh}"):
            for term in self.terms_of(source.id):
                clash = self.conn.execute(
                    "SELECT id FROM terms WHERE entry_id = ? AND lang = ? AND norm = ?",
                    (target.id, term.lang, term.norm),
                ).fetchone()
                if clash:
                    for (sid,) in self.conn.execute(
                        "SELECT id FROM sightings WHERE term_id = ?", (term.id,)
                    ).fetchall():
                        self._delete("sightings", sid)
                    self._delete("terms", term.id)
                else:
                    status = "admitted" if term.status == "preferred" else term.status
                    self._update("terms", term.id, {"entry_id": target.id, "status": status})
            self._delete("entries", source.id)
        return target

    def bulk_add(self, rows, *, command: str = "bulk add", pinyin=None) -> int:
        """Add many ``(text, zh, kind, status)`` renderings at once; returns how many terms were new.

        One changeset, logged like any other (so it can be undone), but written with
        ``executemany`` and without per-row look-ups: the path for imports of 100,000s of entries.
        Renderings already present are skipped; the first status given for a term wins.
        ``pinyin`` maps a simplified key to its pinyin (default: computed per entry).
        """
        from .translit.pinyin import pinyin_key, pinyin_of

        pinyin = pinyin or pinyin_of
        entry_ids = dict(self.conn.execute("SELECT zh, id FROM entries"))
        known = {(e, n) for e, n in self.conn.execute("SELECT entry_id, norm FROM terms WHERE lang = 'ko'")}
        preferred = {e for (e,) in self.conn.execute("SELECT entry_id FROM terms WHERE lang = 'ko' AND status = 'preferred'")}
        now = _now()
        with self.bulk_changeset(command) as bulk:
            entries, terms = [], []
            for text, zh, kind, status in rows:
                _check(status, STATUSES, "status")
                key = to_simplified(fold_width(zh).strip())
                entry_id = entry_ids.get(key)
                if entry_id is None:
                    entry_id = entry_ids[key] = bulk.new_id("entries")
                    p = pinyin(key)
                    entries.append(
                        (entry_id, key, to_traditional(key), p, pinyin_key(p), kind, None, now, now, None, 0, None)
                    )
                norm = norm_key(text)
                if (entry_id, norm) in known:
                    continue
                known.add((entry_id, norm))
                if status == "preferred":  # one preferred per entry: later ones are admitted
                    status = "admitted" if entry_id in preferred else status
                    preferred.add(entry_id)
                terms.append(
                    (bulk.new_id("terms"), entry_id, "ko", fold_width(text).strip(), norm, status, 0, now, now)
                )
            bulk.write(entries=entries, terms=terms)
            new_terms = len(terms)
        return new_terms

    # large changesets (imports of 100,000s of rows) ------------------------------------------

    def entries_for_keys(self, keys: Iterable[str]) -> dict[str, Entry]:
        """The entries of these simplified Chinese keys that exist, by key (one query: the keys
        go in as one JSON array)."""
        cur = self.conn.execute(
            f"SELECT {_ENTRY_COLS} FROM entries WHERE zh IN (SELECT value FROM json_each(?))",
            (json.dumps(list(dict.fromkeys(keys)), ensure_ascii=False),),
        )
        return {row[1]: Entry(*row) for row in cur}

    def terms_for_entries(self, entry_ids: Iterable[int]) -> dict[int, list[Term]]:
        """The terms of these entries, by entry id, each list in :meth:`terms_of` order."""
        found: dict[int, list[Term]] = {}
        order = _STATUS_ORDER_SQL
        for chunk in _chunks(list(dict.fromkeys(entry_ids)), _IN_CHUNK):
            marks = ", ".join("?" * len(chunk))
            cur = self.conn.execute(
                f"SELECT {_TERM_COLS} FROM terms WHERE entry_id IN ({marks}) "
                f"ORDER BY entry_id, lang, {order}, frequency DESC, id",
                chunk,
            )
            for row in cur:
                found.setdefault(row[1], []).append(Term(*row))
        return found

    def source_paths_for_terms(self, term_ids: Iterable[int]) -> dict[int, set[str]]:
        """The distinct files each of these terms was seen in (terms never seen are left out)."""
        found: dict[int, set[str]] = {}
        for chunk in _chunks(list(dict.fromkeys(term_ids)), _IN_CHUNK):
            marks = ", ".join("?" * len(chunk))
            for term_id, path in self.conn.execute(
                f"SELECT DISTINCT term_id, path FROM sightings WHERE term_id IN ({marks})", chunk
            ):
                found.setdefault(term_id, set()).add(path)
        return found

    @contextmanager
    def bulk_changeset(self, command: str) -> Iterator["BulkWriter"]:
        """One changeset for a large write, made in batches through the yielded :class:`BulkWriter`.

        Like :meth:`changeset` (one transaction, one undo unit, all or nothing), but rows go in
        with ``executemany``, their history is written by SQLite from the rows themselves, and the
        full-text index is brought up to date once at the end instead of by a trigger per row.
        """
        with self.changeset(command) as changeset_id:
            (cache_size,) = self.conn.execute("PRAGMA cache_size").fetchone()
            # B-tree pages of the indexes stay in memory across batches (default: 2 MB).
            self.conn.execute(f"PRAGMA cache_size = -{BULK_CACHE_KIB}")
            try:
                writer = BulkWriter(self, changeset_id)
                triggers = self._fts_triggers_off()
                yield writer
                writer._finish_fts()
                writer._finish_indexes()
                self._fts_triggers_on(triggers)
            finally:
                self.conn.execute(f"PRAGMA cache_size = {int(cache_size)}")

    def _fts_triggers_off(self) -> list[str]:
        """Drop the triggers that keep ``terms_fts`` in step with ``terms``; returns their SQL.

        Inside a transaction, so a rollback brings them back with everything else.
        """
        rows = self.conn.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'terms' AND sql LIKE '%terms_fts%'"
        ).fetchall()
        for name, _ in rows:
            self.conn.execute(f"DROP TRIGGER [{name}]")
        return [sql for _, sql in rows]

    def _search_indexes_off(self) -> list[str]:
        """Drop the non-unique indexes of ``entries`` and ``terms`` (searches use them, merging does
        not); returns their SQL. Inside the transaction, like :meth:`_fts_triggers_off`."""
        rows = self.conn.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('entries', 'terms') "
            "AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%'"
        ).fetchall()
        for name, _ in rows:
            self.conn.execute(f"DROP INDEX [{name}]")
        return [sql for _, sql in rows]

    def _fts_triggers_on(self, triggers: list[str]) -> None:
        for sql in triggers:
            self.conn.execute(sql)

    def _fts_rebuild(self) -> None:
        self.conn.execute("INSERT INTO terms_fts (terms_fts) VALUES ('rebuild')")

    def _json_row(self, tbl: str) -> str:
        """SQL for a row of ``tbl`` as the JSON object :meth:`_log` writes (columns in table order)."""
        cached = self.__dict__.setdefault("_json_rows", {})
        if tbl not in cached:
            columns = [r[1] for r in self.conn.execute(f"PRAGMA table_info([{tbl}])")]
            cached[tbl] = "json_object(" + ", ".join(f"'{c}', [{c}]" for c in columns) + ")"
        return cached[tbl]

    def _bulk_insert(self, tbl: str, columns: tuple[str, ...], rows: list[tuple | dict]) -> None:
        """Insert rows (each with its ``id``, as a tuple in ``columns`` order or a dict of them),
        logged as inserts of this changeset."""
        if not rows:
            return
        as_tuple = itemgetter(*columns)
        rows = [r if type(r) is tuple else as_tuple(r) for r in rows]
        # A column with one value in every row (the time stamps, NULLs, a language) is written
        # into the statement: each bound parameter costs about as much as inserting the row.
        values = []
        for i in range(len(columns)):
            column = list(map(itemgetter(i), rows)) if i else ()
            same = len(set(column)) == 1 and len(set(map(type, column))) == 1  # 1 and 1.0 are not the same value here
            values.append(_sql_literal(column[0]) if same else None)
        varying = [i for i, v in enumerate(values) if v is None]
        if len(varying) < len(columns):
            rows = list(map(itemgetter(*varying), rows)) if len(varying) > 1 else [(r[0],) for r in rows]
        self.conn.executemany(
            f"INSERT INTO [{tbl}] ({', '.join(f'[{c}]' for c in columns)}) VALUES ({', '.join(v or '?' for v in values)})",
            rows,
        )
        log = (
            "INSERT INTO history (changeset_id, tbl, row_id, action, old, new) "
            f"SELECT ?, ?, id, 'insert', NULL, NULL FROM [{tbl}] "
        )
        ids = [r[0] for r in rows]
        low, high = min(ids), max(ids)
        if high - low + 1 == len(ids):  # ids are unique, so these are all of low..high: one range scan
            self.conn.execute(log + "WHERE id BETWEEN ? AND ? ORDER BY id", (self._changeset, tbl, low, high))
        else:
            self.conn.executemany(log + "WHERE id = ?", [(self._changeset, tbl, i) for i in ids])

    def _bulk_update(self, tbl: str, updates: list[tuple[int, dict]]) -> None:
        """Set columns of existing rows, logged as updates (old and new row) of this changeset."""
        if not updates:
            return
        (first_log,) = self.conn.execute("SELECT coalesce(max(id), 0) + 1 FROM history").fetchone()
        groups: dict[tuple, list[tuple[int, dict]]] = {}
        for row_id, values in updates:
            groups.setdefault(tuple(values), []).append((row_id, values))
        for cols, group in groups.items():
            self.conn.executemany(
                "INSERT INTO history (changeset_id, tbl, row_id, action, old, new) "
                f"SELECT ?, ?, id, 'update', {self._json_row(tbl)}, NULL FROM [{tbl}] WHERE id = ?",
                [(self._changeset, tbl, row_id) for row_id, _ in group],
            )
            sets = ", ".join(f"[{c}] = ?" for c in cols)
            self.conn.executemany(
                f"UPDATE [{tbl}] SET {sets} WHERE id = ?",
                [(*(values[c] for c in cols), row_id) for row_id, values in group],
            )
        self.conn.execute(
            f"UPDATE history SET new = (SELECT {self._json_row(tbl)} FROM [{tbl}] WHERE id = history.row_id) "
            "WHERE id >= ? AND tbl = ? AND action = 'update'",
            (first_log, tbl),
        )

    def _undo_in_bulk(self, target: int) -> bool:
        """Revert a large changeset of inserts and updates with a few statements; False (nothing
        done) when it is small or deletes rows, which :meth:`undo` reverts row by row.

        Every row ends as it was before the changeset: rows it inserted are deleted (sightings,
        then terms, then entries), rows it updated get the values of their first update's ``old``.
        """
        changes, deletes = self.conn.execute(
            "SELECT count(*), count(*) FILTER (WHERE action = 'delete') FROM history WHERE changeset_id = ?",
            (target,),
        ).fetchone()
        if changes < BULK_UNDO_MIN or deletes:
            return False
        self.conn.execute("DROP TABLE IF EXISTS temp.undo_rows")
        self.conn.execute(
            "CREATE TEMP TABLE undo_rows AS SELECT h.tbl, h.row_id, h.action, h.old FROM history h "
            "JOIN (SELECT min(id) AS first FROM history WHERE changeset_id = ? GROUP BY tbl, row_id) f "
            "ON h.id = f.first",
            (target,),
        )
        try:
            tables = [t for (t,) in self.conn.execute("SELECT DISTINCT tbl FROM temp.undo_rows")]
            for tbl in tables:
                updates = []
                for row_id, old in self.conn.execute(
                    "SELECT row_id, old FROM temp.undo_rows WHERE tbl = ? AND action = 'update'", (tbl,)
                ):
                    values = json.loads(old)
                    values.pop("id", None)
                    updates.append((row_id, values))
                self._bulk_update(tbl, updates)
            (terms_now,) = self.conn.execute("SELECT count(*) FROM terms").fetchone()
            (terms_gone,) = self.conn.execute(
                "SELECT count(*) FROM temp.undo_rows WHERE tbl = 'terms' AND action = 'insert'"
            ).fetchone()
            rebuild = terms_gone * BULK_FTS_REBUILD_SHARE >= max(terms_now, 1)
            triggers = self._fts_triggers_off()
            order = ["sightings", "terms", "entries"]
            for tbl in sorted(tables, key=lambda t: order.index(t) if t in order else -1):
                inserted = f"SELECT row_id FROM temp.undo_rows WHERE tbl = '{tbl}' AND action = 'insert'"
                self.conn.execute(
                    "INSERT INTO history (changeset_id, tbl, row_id, action, old, new) "
                    f"SELECT ?, ?, id, 'delete', {self._json_row(tbl)}, NULL FROM [{tbl}] WHERE id IN ({inserted})",
                    (self._changeset, tbl),
                )
                if tbl == "terms" and not rebuild:
                    self.conn.execute(
                        "INSERT INTO terms_fts (terms_fts, rowid, text, norm) "
                        f"SELECT 'delete', id, text, norm FROM terms WHERE id IN ({inserted})"
                    )
                self.conn.execute(f"DELETE FROM [{tbl}] WHERE id IN ({inserted})")
            if rebuild:
                self._fts_rebuild()
            self._fts_triggers_on(triggers)
        finally:
            self.conn.execute("DROP TABLE IF EXISTS temp.undo_rows")
        return True

    # sightings --------------------------------------------------------------------------

    def record_sighting(
        self,
        term_id: int,
        *,
        path: str,
        line: int,
        column: int,
        context: str | None = None,
        issue: str | None = None,
        date: str | None = None,
    ) -> bool:
        """Record where a term was seen; the same place twice is one sighting. Returns True if new."""
        with self.changeset(f"sighting {path}:{line}:{column}"):
            exists = self.conn.execute(
                "SELECT 1 FROM sightings WHERE term_id = ? AND path = ? AND line = ? AND column = ?",
                (term_id, path, line, column),
            ).fetchone()
            if exists:
                return False
            self._insert(
                "sightings",
                {
                    "term_id": term_id, "path": path, "line": line, "column": column,
                    "context": context, "issue": issue, "date": date,
                },
            )
            term = self.term(term_id)
            self._update("terms", term_id, {"frequency": term.frequency + 1})
            return True

    def sightings_of(self, term_id: int, limit: int = 50) -> list[Sighting]:
        cur = self.conn.execute(
            f"SELECT {_SIGHTING_COLS} FROM sightings WHERE term_id = ? ORDER BY path, line, column LIMIT ?",
            (term_id, limit),
        )
        return [Sighting(*r) for r in cur]

    # reading everything at once (index compilation, export) -------------------------------

    def all_terms(self) -> Iterator[tuple[Term, Entry]]:
        """Every term with its entry, in id order: what the lint index and exports are built from."""
        entries = {e.id: e for e in self.entries()}
        for row in self.conn.execute(f"SELECT {_TERM_COLS} FROM terms ORDER BY id"):
            term = Term(*row)
            yield term, entries[term.entry_id]

    @contextmanager
    def snapshot(self) -> Iterator[None]:
        """Reads made inside see one state of the glossary, whatever other connections commit
        meanwhile: one read transaction (inside a changeset, that changeset's own). Writes from
        other threads through this object wait until it ends; a write inside it (a changeset
        opened within a snapshot) fails, as its transaction cannot begin inside the read one."""
        with self._lock:
            if self.conn.in_transaction:
                yield
                return
            self.conn.execute("BEGIN")
            try:
                yield
            finally:
                self.conn.execute("COMMIT")

    def index_rows(self) -> tuple[Iterator[tuple], Iterator[tuple]]:
        """What the lint index is compiled from, as plain rows read one at a time: entries, ``(id,
        zh, zh_hant, pinyin, kind, era, customary, house_spelling)``, and terms, ``(id, entry_id,
        lang, text, norm, status, frequency)``, each in id order. Each query runs when its rows
        are first asked for: read them inside :meth:`snapshot` to see one state in both."""
        def rows(sql: str) -> Iterator[tuple]:
            yield from self.conn.execute(sql)

        return (
            rows("SELECT id, zh, zh_hant, pinyin, kind, era, coalesce(customary, 0), house_spelling FROM entries ORDER BY id"),
            rows("SELECT id, entry_id, lang, text, norm, status, coalesce(frequency, 0) FROM terms ORDER BY id"),
        )

    # search -----------------------------------------------------------------------------

    def search(self, query: str, limit: int = 50) -> list[Entry]:
        """Entries matching a Korean, Chinese (simplified or traditional) or pinyin query."""
        query = fold_width(query).strip()
        if not query:
            raise BadInput("empty search")
        ids: list[int] = []

        def add(rows):
            for (entry_id,) in rows:
                if entry_id not in ids:
                    ids.append(entry_id)

        if has_han(query):
            key = to_simplified(query)
            add(self.conn.execute("SELECT id FROM entries WHERE zh = ?", (key,)))
            add(self.conn.execute("SELECT id FROM entries WHERE zh LIKE ? ORDER BY length(zh), id", (f"%{key}%",)))
        norm = norm_key(query)
        add(self.conn.execute("SELECT entry_id FROM terms WHERE norm = ?", (norm,)))
        if len(norm) >= 3:
            fts = '"' + norm.replace('"', '""') + '"'
            add(
                self.conn.execute(
                    "SELECT t.entry_id FROM terms t JOIN terms_fts f ON f.rowid = t.rowid "
                    "WHERE terms_fts MATCH ? ORDER BY rank LIMIT ?",
                    (fts, limit),
                )
            )
        else:
            add(self.conn.execute("SELECT entry_id FROM terms WHERE norm LIKE ? LIMIT ?", (f"%{norm}%", limit)))
        from .translit.pinyin import pinyin_query_key

        pkey = pinyin_query_key(query)
        if pkey:
            add(self.conn.execute("SELECT id FROM entries WHERE pinyin_key = ?", (pkey,)))
            add(self.conn.execute("SELECT id FROM entries WHERE pinyin_key LIKE ? LIMIT ?", (f"{pkey}%", limit)))
        return [self.entry_by_id(i) for i in ids[:limit]]

    # export and backup ------------------------------------------------------------------

    def source_paths_of(self, term_id: int) -> list[str]:
        """The distinct files a term was seen in, sorted: the ``sources`` of glossary exports."""
        rows = self.conn.execute(
            "SELECT DISTINCT path FROM sightings WHERE term_id = ? ORDER BY path", (term_id,)
        )
        return [r[0] for r in rows]

    def backup_to(self, path: str | os.PathLike) -> None:
        """Copy the glossary to a new SQLite file with the online backup API (safe while others write)."""
        target = sqlite3.connect(os.fspath(path))
        try:
            with self._lock:
                self.conn.backup(target)
        finally:
            target.close()


class BulkWriter:
    """The writes of one :meth:`Glossary.bulk_changeset`, made in batches.

    Ids of new rows come from :meth:`new_id` (the next free ones: the changeset holds the write
    lock), so a batch can refer to rows it creates. While the changeset is open, write only
    through the writer: the full-text triggers are off until it closes.
    """

    def __init__(self, glossary: Glossary, changeset_id: int) -> None:
        self.glossary = glossary
        self.changeset_id = changeset_id
        conn = glossary.conn
        self._next = {
            tbl: conn.execute(f"SELECT coalesce(max(id), 0) + 1 FROM [{tbl}]").fetchone()[0]
            for tbl in ("entries", "terms", "sightings")
        }
        self._first_term = self._next["terms"]
        self._fts_stale = False
        self._indexes: list[str] | None = None
        self.now = _now()
        """The time stamp of the rows this changeset creates or updates."""

    def new_id(self, tbl: str) -> int:
        """The id of a new row of ``entries``, ``terms`` or ``sightings``."""
        row_id = self._next[tbl]
        self._next[tbl] = row_id + 1
        return row_id

    ENTRY_COLUMNS = (
        "id", "zh", "zh_hant", "pinyin", "pinyin_key", "kind", "note", "created", "updated", "era", "customary",
        "house_spelling",
    )
    """The columns of a new ``entries`` row given as a tuple to :meth:`write`, in order."""
    TERM_COLUMNS = ("id", "entry_id", "lang", "text", "norm", "status", "frequency", "created", "updated")
    """The columns of a new ``terms`` row given as a tuple, in order."""
    SIGHTING_COLUMNS = ("id", "term_id", "path", "line", "column", "context", "issue", "date")
    """The columns of a new ``sightings`` row given as a tuple, in order."""

    def write(
        self,
        *,
        entries: list[tuple | dict] = (),
        terms: list[tuple | dict] = (),
        sightings: list[tuple | dict] = (),
        entry_updates: list[tuple[int, dict]] = (),
        term_updates: list[tuple[int, dict]] = (),
    ) -> None:
        """Insert new rows (whole rows, ids from :meth:`new_id`; tuples in ``*_COLUMNS`` order,
        or dicts with those keys) and set columns of existing ones.

        History is logged in the order undo needs: entries, terms, sightings, then updates.
        """
        g = self.glossary
        if self._indexes is None and len(entries) + len(terms) >= BULK_INDEX_ROWS:
            self._indexes = g._search_indexes_off()
        g._bulk_insert("entries", self.ENTRY_COLUMNS, entries)
        g._bulk_insert("terms", self.TERM_COLUMNS, terms)
        g._bulk_insert("sightings", self.SIGHTING_COLUMNS, sightings)
        g._bulk_update("entries", list(entry_updates))
        g._bulk_update("terms", list(term_updates))
        if any("text" in values or "norm" in values for _, values in term_updates):
            self._fts_stale = True

    def _finish_indexes(self) -> None:
        for sql in self._indexes or ():
            self.glossary.conn.execute(sql)

    def _finish_fts(self) -> None:
        added = self._next["terms"] - self._first_term
        if not added and not self._fts_stale:
            return
        conn = self.glossary.conn
        (total,) = conn.execute("SELECT count(*) FROM terms").fetchone()
        if self._fts_stale or added * BULK_FTS_REBUILD_SHARE >= total:
            self.glossary._fts_rebuild()
        else:
            conn.execute(
                "INSERT INTO terms_fts (rowid, text, norm) SELECT id, text, norm FROM terms WHERE id >= ?",
                (self._first_term,),
            )


def _sql_literal(value) -> str | None:
    """``value`` as an SQL literal, or None when it is better bound (a float, bytes, a text with NUL)."""
    if value is None:
        return "NULL"
    if type(value) is int and -(2**63) <= value < 2**63:
        return str(value)
    if type(value) is str and "\x00" not in value:
        return "'" + value.replace("'", "''") + "'"
    return None


def _chunks(items: list, size: int) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def _check(value: str, allowed: tuple[str, ...], what: str) -> None:
    if value not in allowed:
        raise BadInput(f"unknown {what} {value!r}; use one of {', '.join(allowed)}")

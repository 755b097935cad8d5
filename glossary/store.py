"""The glossary store: the only module with SQL and table names.

The store is concept-oriented, like TBX:

- an *entry* is one concept, keyed by its Chinese form in simplified characters
  (專精特新 and 专精特新 are one entry), with its traditional form, pinyin, kind, era and note;
- a *term* is one rendering of an entry in one language (``ko``, ``zh``, ``en``, ``abbr``) with a
  status (``preferred``, ``admitted``, ``deprecated``, ``candidate``) and a normalized matching form;
- a *sighting* records where a term was seen (file, line, column, context, issue number and date);
- every write is logged in *history*, grouped in *changesets*, so any change can be undone.

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
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

from .errors import BadInput, GlossaryError, NotAGlossary, NotFound, SchemaTooNew
from .textnorm import fold_width, has_han, norm_key, to_simplified, to_traditional

if TYPE_CHECKING:
    import sqlite_utils

SCHEMA_VERSION = 2
STATUSES = ("preferred", "admitted", "deprecated", "candidate")
KINDS = ("person", "place", "org", "company", "media", "concept", "other")
LANGS = ("ko", "zh", "en", "abbr")
ERAS = ("modern", "historic")
BUSY_TIMEOUT_S = 30.0


@dataclass(frozen=True)
class Entry:
    """One concept of the glossary."""

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


# Columns in dataclass order, so rows become objects positionally (fast for 100,000s of rows).
_ENTRY_COLS = ", ".join(f.name for f in fields(Entry))
_TERM_COLS = ", ".join(f.name for f in fields(Term))


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


_SIGHTING_COLS = ", ".join(f.name for f in fields(Sighting))


@dataclass(frozen=True)
class Changeset:
    """A group of changes made by one command; the unit of undo."""

    id: int
    command: str
    at: str
    changes: int


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
        self._log(tbl, row_id, "insert", None, self._row(tbl, row_id))
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
                rows = self.conn.execute(
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
                from .pinyin import pinyin_key, pinyin_of

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
        order = "CASE status WHEN 'preferred' THEN 0 WHEN 'admitted' THEN 1 WHEN 'candidate' THEN 2 ELSE 3 END"
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
        from .pinyin import pinyin_key, pinyin_of

        pinyin = pinyin or pinyin_of
        entry_ids = dict(self.conn.execute("SELECT zh, id FROM entries"))
        known = {(e, n) for e, n in self.conn.execute("SELECT entry_id, norm FROM terms WHERE lang = 'ko'")}
        preferred = {e for (e,) in self.conn.execute("SELECT entry_id FROM terms WHERE lang = 'ko' AND status = 'preferred'")}
        now = _now()
        new_terms = 0
        with self.changeset(command):
            next_entry = (self.conn.execute("SELECT max(id) FROM entries").fetchone()[0] or 0) + 1
            next_term = (self.conn.execute("SELECT max(id) FROM terms").fetchone()[0] or 0) + 1
            entries, terms, history = [], [], []
            for text, zh, kind, status in rows:
                _check(status, STATUSES, "status")
                key = to_simplified(fold_width(zh).strip())
                entry_id = entry_ids.get(key)
                if entry_id is None:
                    entry_id = entry_ids[key] = next_entry
                    next_entry += 1
                    p = pinyin(key)
                    row = {
                        "id": entry_id, "zh": key, "zh_hant": to_traditional(key), "pinyin": p,
                        "pinyin_key": pinyin_key(p), "kind": kind,
                        "note": None, "created": now, "updated": now,
                    }
                    entries.append(row)
                    history.append(("entries", entry_id, row))
                norm = norm_key(text)
                if (entry_id, norm) in known:
                    continue
                known.add((entry_id, norm))
                if status == "preferred":  # one preferred per entry: later ones are admitted
                    status = "admitted" if entry_id in preferred else status
                    preferred.add(entry_id)
                row = {
                    "id": next_term, "entry_id": entry_id, "lang": "ko", "text": fold_width(text).strip(),
                    "norm": norm, "status": status, "frequency": 0, "created": now, "updated": now,
                }
                next_term += 1
                terms.append(row)
                history.append(("terms", row["id"], row))
            for table, batch in (("entries", entries), ("terms", terms)):
                if batch:
                    cols = list(batch[0])
                    self.conn.executemany(
                        f"INSERT INTO [{table}] ({', '.join(cols)}) VALUES ({', '.join('?' for _ in cols)})",
                        [tuple(r[c] for c in cols) for r in batch],
                    )
            self.conn.executemany(
                "INSERT INTO history (changeset_id, tbl, row_id, action, old, new) VALUES (?, ?, ?, 'insert', NULL, ?)",
                [(self._changeset, t, i, json.dumps(r, ensure_ascii=False)) for t, i, r in history],
            )
            new_terms = len(terms)
        return new_terms

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
        from .pinyin import pinyin_query_key

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


def _check(value: str, allowed: tuple[str, ...], what: str) -> None:
    if value not in allowed:
        raise BadInput(f"unknown {what} {value!r}; use one of {', '.join(allowed)}")

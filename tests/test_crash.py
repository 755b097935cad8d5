"""Crash safety: `kozh extract` killed with SIGKILL part-way leaves a sound glossary holding exactly
the files it had committed (each file is one transaction)."""

import shutil
import sqlite3
from pathlib import Path

from glossary.extract.pairs import extract_pairs
from glossary.sources.document import read_document
from glossary.store import Glossary


def committed_files(db: Path) -> set[str]:
    conn = sqlite3.connect(db, timeout=30)
    try:
        return {c[len("extract "):] for (c,) in conn.execute("SELECT command FROM changesets")}
    except sqlite3.OperationalError:  # tables not created yet
        return set()
    finally:
        conn.close()


def test_sigkill_during_extract_keeps_exactly_the_committed_files(tmp_path, issue, sigkill, integrity):
    issues = tmp_path / "issues"
    issues.mkdir()
    for n in range(60):
        shutil.copy(issue, issues / f"issue-{n:03d}.md")
    db = tmp_path / "g.db"
    Glossary.open(db).close()
    sigkill(["--db", db, "extract", issues], ready=lambda: len(committed_files(db)) >= 3)

    assert integrity(db) == "ok"
    done = committed_files(db)
    assert 3 <= len(done) < 60
    expected_per_file = len({(p.line, p.column) for p in extract_pairs(read_document(issue))})
    with Glossary.open(db) as glossary:
        per_path = dict(glossary.conn.execute("SELECT path, count(*) FROM sightings GROUP BY path"))
    # Every committed file is whole; no other file left a trace.
    assert set(per_path) == done
    assert set(per_path.values()) == {expected_per_file}

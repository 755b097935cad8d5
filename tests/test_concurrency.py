"""Several writers at once: none fails with "database is locked", none loses a write."""

import subprocess
import sys
import textwrap

import pytest

from glossary.store import Glossary

pytestmark = pytest.mark.slow  # every test here starts a subprocess

WRITER = textwrap.dedent(
    """
    import sys
    from glossary.store import Glossary
    path, prefix, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
    with Glossary.open(path) as g:
        for i in range(count):
            with g.changeset(f"{prefix} {i}"):
                term, _ = g.add_term(f"{prefix}{i}", "常州")
                g.record_sighting(term.id, path=prefix, line=i + 1, column=1)
    """
)


def test_parallel_writers_lose_nothing(tmp_path):
    path = tmp_path / "g.db"
    Glossary.open(path).close()
    count = 150
    procs = [
        subprocess.Popen([sys.executable, "-c", WRITER, str(path), prefix, str(count)], stderr=subprocess.PIPE)
        for prefix in ("가", "나", "다")
    ]
    errors = [p.communicate(timeout=120)[1].decode() for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0], errors
    with Glossary.open(path) as g:
        assert g.count("terms") == 3 * count
        assert g.count("sightings") == 3 * count
        assert g.count("changesets") == 3 * count
        assert g.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"

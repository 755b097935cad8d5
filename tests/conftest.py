"""Test-wide settings and the fixtures several test files share.

Caches go to a temporary folder, never to the user's home. Tests that start kozh in a subprocess
(through the ``kozh``, ``kozh_argv`` or ``sigkill`` fixtures) are marked ``slow``:
``pytest -m "not slow"`` leaves them out.
"""

import os
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

# Set before any test imports glossary, and inherited by the subprocesses tests start.
os.environ["KOZH_CACHE_DIR"] = tempfile.mkdtemp(prefix="kozh-test-cache-")

ROOT = Path(__file__).resolve().parent.parent
KOZH = (sys.executable, "-m", "glossary")
WAIT_S = 60
"""How long a SIGKILL test waits for the moment to kill at (a loaded machine is slow)."""

_SUBPROCESS_FIXTURES = {"kozh", "kozh_argv", "sigkill"}


def pytest_collection_modifyitems(items):
    for item in items:
        if _SUBPROCESS_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)


@pytest.fixture
def issue() -> Path:
    """The bundled issue kozh's glossary is built from."""
    return ROOT / "data" / "issues" / "kic-china-weekly-318.md"


@pytest.fixture
def kozh_argv() -> list[str]:
    """The command line that runs kozh from this checkout (for ``subprocess.Popen``)."""
    return list(KOZH)


@pytest.fixture
def kozh():
    """Runs ``kozh ARGS…`` in a subprocess and returns ``(exit code, stdout, stderr)``."""

    def run(*args, input=None, **kwargs):
        proc = subprocess.run([*KOZH, *map(str, args)], input=input, capture_output=True, text=True, **kwargs)
        return proc.returncode, proc.stdout, proc.stderr

    return run


@pytest.fixture
def sigkill():
    """Starts ``kozh ARGS…``, waits until ``ready()`` is true, then kills it with SIGKILL.

    Fails when kozh finished before it could be killed (the test would then prove nothing).
    """

    def run(args, ready) -> None:
        proc = subprocess.Popen([*KOZH, *map(str, args)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + WAIT_S
        while time.monotonic() < deadline and proc.poll() is None and not ready():
            time.sleep(0.02)
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        assert proc.returncode == -signal.SIGKILL, f"kozh {args} finished before it could be killed"

    return run


@pytest.fixture
def integrity():
    """``PRAGMA integrity_check`` of a glossary file: ``"ok"`` when SQLite finds it sound."""

    def check(db: Path) -> str:
        conn = sqlite3.connect(db)
        try:
            return conn.execute("PRAGMA integrity_check").fetchone()[0]
        finally:
            conn.close()

    return check

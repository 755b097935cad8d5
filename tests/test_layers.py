"""The library never pulls in the terminal UI: glossary/ must not import tui/ or textual."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # every test here starts a subprocess

ROOT = Path(__file__).resolve().parent.parent


def test_library_imports_no_ui():
    code = (
        "import sys, glossary, glossary.cli, glossary.store\n"
        "bad = sorted(m for m in sys.modules if m == 'textual' or m.startswith(('textual.', 'tui')))\n"
        "assert not bad, bad\n"
        "print('ok')\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


def test_import_contracts():
    """pyproject's import-linter contracts hold: the UI contract and the subsystems' layers.

    import-linter is a test dependency, so a missing ``lint-imports`` fails rather than skips:
    ``make test`` (what CI runs) must check the contracts.
    """
    lint_imports = Path(sys.executable).with_name("lint-imports")
    if not lint_imports.exists():
        lint_imports = Path(shutil.which("lint-imports") or "lint-imports")
    assert lint_imports.exists(), "import-linter is not installed: pip install -e '.[test]'"
    result = subprocess.run([str(lint_imports)], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    out = " ".join(result.stdout.split())
    assert "The library does not import the terminal UI KEPT" in out
    assert "Subsystems are layered" in out and "Lint rules do not import each other" in out
    assert "3 kept, 0 broken" in out

"""``kozh serve``: the glossary read-only in a browser and over a JSON API, with Datasette.

Datasette runs as a child process (``python -m datasette``) given an argument list, never a shell
string. The glossary is served *mutable* on purpose: Datasette then opens it with ``mode=ro``
(read-only, and it sees the writes kozh makes meanwhile through the WAL), whereas ``--immutable``
would promise SQLite the file never changes and serve stale or inconsistent pages while a
translator edits. Full-text search on terms comes from the ``terms_fts`` table the store keeps.
"""

from __future__ import annotations

import ipaddress
import os
import subprocess
import sys
from pathlib import Path

from ..errors import BadInput

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8001
LOCAL_NAMES = ("localhost",)


def is_loopback(host: str) -> bool:
    """True for ``localhost`` and loopback addresses (127.0.0.0/8, ::1)."""
    if host.lower() in LOCAL_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def datasette_command(db_path: str | os.PathLike, *, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT,
                      public: bool = False) -> list[str]:
    """The argument list that serves ``db_path`` with Datasette.

    Raises:
        BadInput: The glossary file does not exist, or ``host`` is not a loopback address and
            ``public`` is not set.
    """
    path = Path(db_path)
    if not path.is_file():
        raise BadInput(f"no glossary at {path} (run `kozh init`)")
    if not is_loopback(host) and not public:
        raise BadInput(f"{host} is not a loopback address; add --public to serve the glossary to the network")
    command = [
        sys.executable, "-m", "datasette", "serve", str(path),
        "--host", host, "--port", str(port),
        "--setting", "default_page_size", "50",
        "--setting", "sql_time_limit_ms", "1000",
    ]
    if public:
        # Arbitrary SQL is read-only but can still be slow; keep it to the local machine.
        command += ["--setting", "default_allow_sql", "off"]
    return command


def start(db_path: str | os.PathLike, *, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT,
          public: bool = False, quiet: bool = False) -> subprocess.Popen:
    """Start Datasette in the background; the caller stops it (``terminate``/``wait``)."""
    command = datasette_command(db_path, host=host, port=port, public=public)
    output = subprocess.DEVNULL if quiet else None
    return subprocess.Popen(command, stdout=output, stderr=output)


def serve(db_path: str | os.PathLike, *, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT,
          public: bool = False) -> int:
    """Serve until interrupted; returns Datasette's exit code (0 after Ctrl-C)."""
    return run(datasette_command(db_path, host=host, port=port, public=public))


def run(command: list[str]) -> int:
    """Run a command from :func:`datasette_command` in the foreground until it ends or Ctrl-C."""
    process = subprocess.Popen(command)
    try:
        return process.wait()
    except KeyboardInterrupt:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
        return 0

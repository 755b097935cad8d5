"""kozh serve: Datasette on loopback, read-only, with full-text search on terms."""

import json
import socket
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest
from click.testing import CliRunner

from glossary.interchange import serve
from glossary.cli import cli
from glossary.errors import BadInput
from glossary.store import Glossary

START_TIMEOUT_S = 30


@pytest.fixture
def db_path(tmp_path):
    path = tmp_path / "glossary.db"
    with Glossary.open(path) as g:
        g.add_term("창저우", "常州", kind="place", status="preferred")
        g.add_term("저우마오화", "周茂华", kind="person", status="preferred")
        g.add_term("닝더스다이", "宁德时代", kind="company", status="preferred")
    return path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.parametrize(
    "host, loopback",
    [("127.0.0.1", True), ("127.0.0.2", True), ("localhost", True), ("::1", True), ("[::1]", True),
     ("0.0.0.0", False), ("192.168.0.10", False), ("::", False), ("example.org", False)],
)
def test_is_loopback(host, loopback):
    assert serve.is_loopback(host) is loopback


def test_command_is_an_argument_list(db_path):
    command = serve.datasette_command(db_path, port=8123)
    assert command[:5] == [sys.executable, "-m", "datasette", "serve", str(db_path)]
    assert command[command.index("--host") + 1] == "127.0.0.1"
    assert command[command.index("--port") + 1] == "8123"
    assert "-i" not in command and "--immutable" not in command  # see glossary/interchange/serve.py: mode=ro instead


def test_public_host_needs_public(db_path):
    with pytest.raises(BadInput, match="--public"):
        serve.datasette_command(db_path, host="0.0.0.0")
    command = serve.datasette_command(db_path, host="0.0.0.0", public=True)
    assert "default_allow_sql" in command


def test_cli_refuses_a_public_host(db_path):
    result = CliRunner().invoke(cli, ["--db", str(db_path), "serve", "--host", "0.0.0.0"])
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "--public" in result.stderr


def test_cli_needs_an_existing_glossary(tmp_path):
    result = CliRunner().invoke(cli, ["--db", str(tmp_path / "none.db"), "serve"])
    assert result.exit_code == 2
    assert not (tmp_path / "none.db").exists()


def get_json(url: str):
    with urllib.request.urlopen(url, timeout=5) as response:
        return json.loads(response.read())


@pytest.mark.slow
def test_serves_terms_with_full_text_search(db_path):
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    process = serve.start(db_path, port=port, quiet=True)
    try:
        deadline = time.monotonic() + START_TIMEOUT_S
        while True:
            try:
                get_json(f"{base}/-/versions.json")
                break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                assert process.poll() is None, "datasette exited"
                assert time.monotonic() < deadline, "datasette did not start"
                time.sleep(0.2)
        query = urllib.parse.urlencode({"_search": "창저우", "_shape": "array"})
        rows = get_json(f"{base}/glossary/terms.json?{query}")
        assert [r["text"] for r in rows] == ["창저우"]
        query = urllib.parse.urlencode({"_search": "저우", "_shape": "array"})
        assert get_json(f"{base}/glossary/terms.json?{query}") == []  # trigrams: 3 characters at least
        query = urllib.parse.urlencode({"_search": "더스다", "_shape": "array"})
        assert [r["text"] for r in get_json(f"{base}/glossary/terms.json?{query}")] == ["닝더스다이"]
        # Read-only: SQL that writes is refused.
        sql = urllib.parse.urlencode({"sql": "DELETE FROM terms", "_shape": "array"})
        with pytest.raises(urllib.error.HTTPError):
            get_json(f"{base}/glossary.json?{sql}")
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except Exception:
            process.kill()
            process.wait(timeout=10)
    with Glossary.open(db_path, create=False) as g:
        assert g.count("terms") == 3

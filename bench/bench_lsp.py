"""Language server latency: how long after a pause in typing the 63 KB issue's diagnostics arrive.

Prints figures (not a test). ``kozh lsp`` runs in a subprocess driven by pygls's client over
pipes, as an editor drives it. The draft is ``data/issues/kic-china-weekly-318.md``; the glossaries
are the 100,000-entry synthetic one of ``bench/synth.py`` (cached under ``build/bench/``) and the
one extracted from the bundled issue alone.

- open: from ``didOpen`` to the first diagnostics (cold: libraries, index and caches load);
- after the pause, warm: one keystroke, then nothing; the time from the server's debounce timer
  firing (keystroke + 300 ms) to the diagnostics arriving, per round. Target: ≤ 100 ms;
- a burst of 10 keystrokes 50 ms apart: how many diagnostics messages it produced (1 is right)
  and the same after-the-pause figure;
- hover and code action round trips, warm.

Run ``python bench/bench_lsp.py [ROUNDS]``.
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import tempfile
import time
import typing
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lsprotocol import types  # noqa: E402
from pygls.lsp.client import BaseLanguageClient  # noqa: E402

from bench.synth import build_glossary  # noqa: E402
from glossary.lsp.server import DEBOUNCE_S  # noqa: E402

ISSUE = ROOT / "data" / "issues" / "kic-china-weekly-318.md"
TARGET_MS = 100


class Bench:
    """A server and the diagnostics it publishes, with their arrival times."""

    def __init__(self, db: Path, folder: Path) -> None:
        self.db, self.folder = db, folder
        self.client = BaseLanguageClient("kozh-bench", "1")
        self.arrivals: dict[int, float] = {}
        self.count = 0
        self.event = asyncio.Event()
        self.messages: list[str] = []

        @self.client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def on_diagnostics(params):
            self.arrivals[params.version] = time.perf_counter()
            self.count += 1
            self.findings = len(params.diagnostics)
            self.event.set()

        @self.client.feature(types.WINDOW_SHOW_MESSAGE)
        def on_message(params):
            self.messages.append(params.message)

    async def start(self) -> None:
        await self.client.start_io(sys.executable, "-m", "glossary", "--db", str(self.db), "lsp", cwd=str(self.folder))
        self.drain = asyncio.create_task(self._drain())
        await self.client.initialize_async(types.InitializeParams(capabilities=types.ClientCapabilities()))
        self.client.initialized(types.InitializedParams())

    async def _drain(self) -> None:
        async for _ in self.client._server.stderr:
            pass

    async def stop(self) -> None:
        await self.client.shutdown_async(None)
        self.client.exit(None)
        await self.client.stop()

    async def version(self, version: int) -> float:
        while version not in self.arrivals:
            self.event.clear()
            await asyncio.wait_for(self.event.wait(), 120)
        return self.arrivals[version]


async def run(db: Path, rounds: int) -> dict[str, object]:
    text = ISSUE.read_text(encoding="utf-8")
    lines = text.split("\n")
    with tempfile.TemporaryDirectory(prefix="kozh-bench-lsp-") as folder:
        draft = Path(folder) / ISSUE.name
        draft.write_text(text, encoding="utf-8")
        uri = draft.as_uri()
        bench = Bench(db, Path(folder))
        await bench.start()
        sent = time.perf_counter()
        bench.client.text_document_did_open(types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(uri=uri, language_id="markdown", version=1, text=text)))
        open_s = await bench.version(1) - sent
        version = 1

        def keystroke(n: int) -> None:
            nonlocal version
            version += 1
            line = (n * 37) % len(lines)  # somewhere different each time, as an editor would
            end = len(lines[line].encode("utf-16-le")) // 2
            bench.client.text_document_did_change(types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
                content_changes=[types.TextDocumentContentChangePartial(
                    range=types.Range(start=types.Position(line=line, character=end),
                                      end=types.Position(line=line, character=end)),
                    text=" ")]))
            lines[line] += " "

        after_pause = []
        for n in range(rounds + 2):
            keystroke(n)
            sent = time.perf_counter()
            arrived = await bench.version(version)
            if n >= 2:  # the first rounds warm up what the open left cold
                after_pause.append(arrived - sent - DEBOUNCE_S)

        before = bench.count
        for n in range(10):
            keystroke(100 + n)
            last = time.perf_counter()
            await asyncio.sleep(0.05)
        burst = await bench.version(version) - last - DEBOUNCE_S
        await asyncio.sleep(DEBOUNCE_S * 2)  # anything else the burst would have caused arrives now
        burst_messages = bench.count - before

        hovers, actions = [], []
        line = next(i for i, l in enumerate(lines) if "(" in l and any("\u4e00" <= c <= "\u9fff" for c in l))
        for _ in range(rounds):
            started = time.perf_counter()
            await bench.client.text_document_hover_async(types.HoverParams(
                text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(line=line, character=0)))
            hovers.append(time.perf_counter() - started)
            started = time.perf_counter()
            await bench.client.text_document_code_action_async(types.CodeActionParams(
                text_document=types.TextDocumentIdentifier(uri=uri),
                range=types.Range(start=types.Position(line=line, character=0), end=types.Position(line=line + 1, character=0)),
                context=types.CodeActionContext(diagnostics=[])))
            actions.append(time.perf_counter() - started)
        findings = bench.findings
        messages = bench.messages
        await bench.stop()
    return {
        "open": open_s, "after_pause": after_pause, "burst": burst, "burst_messages": burst_messages,
        "hover": hovers, "actions": actions, "findings": findings, "messages": messages,
    }


def ms(values: typing.Sequence[float] | float) -> str:
    if isinstance(values, float):
        return f"{values * 1000:.0f} ms"
    return (f"median {statistics.median(values) * 1000:.1f} ms, max {max(values) * 1000:.1f} ms "
            f"({len(values)} rounds)")


def main(rounds: int = 15) -> None:
    print(f"draft {ISSUE.name} ({ISSUE.stat().st_size / 1000:.0f} KB); debounce {DEBOUNCE_S * 1000:.0f} ms; "
          f"target ≤ {TARGET_MS} ms after the pause")
    with tempfile.TemporaryDirectory(prefix="kozh-bench-issue-") as tmp:
        from glossary.extract.ingest import extract_into
        from glossary.store import Glossary

        small = Path(tmp) / "issue.db"
        with Glossary.open(small) as g:
            extract_into(g, [ISSUE])
        for name, db in (("100k entries", build_glossary(100_000)), ("the issue's own pairs", small)):
            got = asyncio.run(run(db, rounds))
            worst = max(got["after_pause"])
            print(f"-- glossary: {name}; {got['findings']} findings")
            print(f"open → first diagnostics (cold)      {ms(got['open'])}")
            print(f"after the pause, warm                {ms(got['after_pause'])}  "
                  f"{'ok' if worst * 1000 <= TARGET_MS else 'OVER TARGET'}")
            print(f"burst of 10 keystrokes               {got['burst_messages']} diagnostics message(s), "
                  f"{ms(got['burst'])} after the pause")
            print(f"hover, warm                          {ms(got['hover'])}")
            print(f"code actions on a line, warm         {ms(got['actions'])}")
            for message in got["messages"]:
                print(f"  server said: {message}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 15)

"""Lint speed with the base glossary and kozh/drift: warm lint of the 63 KB issue, 100,000 entries.

Prints the warm lint time (library, index loaded) of ``data/issues/kic-china-weekly-318.md`` with
the rules of today (``kozh/drift`` and ``kozh/base`` off, no base glossary) and with everything on,
and the ratio (target ≤ 1.2×), plus the base glossary's first load. Not a test.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.synth import build_glossary  # noqa: E402
from glossary.lint.config import Config  # noqa: E402
from glossary.lint.index import GlossaryIndex  # noqa: E402
from glossary.lint.engine import lint_document  # noqa: E402
from glossary.sources.document import read_document  # noqa: E402
from glossary.store import Glossary  # noqa: E402

ISSUE = ROOT / "data" / "issues" / "kic-china-weekly-318.md"


def warm(doc, index, configs, repeat: int = 15) -> list[tuple[float, int]]:
    """Median warm time and finding count per configuration, the runs interleaved so that a
    busy machine slows each alike."""
    counts = [len(lint_document(doc, index, config)) for config in configs]
    times: list[list[float]] = [[] for _ in configs]
    for _ in range(repeat):
        for k, config in enumerate(configs):
            started = time.perf_counter()
            lint_document(doc, index, config)
            times[k].append(time.perf_counter() - started)
    return [(statistics.median(t), c) for t, c in zip(times, counts)]


def main(n: int = 100_000) -> None:
    started = time.perf_counter()
    from glossary.translit.base import base_glossary

    base = base_glossary()
    load_s = time.perf_counter() - started
    with Glossary.open(build_glossary(n)) as glossary:
        index = GlossaryIndex.for_glossary(glossary)
    doc = read_document(ISSUE)
    today = Config(base=False, rules={"kozh/drift": False, "kozh/base": False})
    (before, n_before), (after, n_after) = warm(doc, index, [today, Config()])
    print(f"base glossary: {len(base.names):,} names, first load {load_s * 1000:.0f} ms")
    print(f"warm lint {ISSUE.name}, {n:,} entries: without drift/base {before * 1000:.1f} ms ({n_before} findings), "
          f"with {after * 1000:.1f} ms ({n_after} findings); ratio {after / before:.2f}× (target ≤ 1.2×)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000)

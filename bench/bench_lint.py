"""Lint speed: compile a 100,000-entry glossary, then lint the bundled 63 KB issue warm.

Prints figures (not a test): index compile time, cache load time, cold and warm lint times of
``data/issues/kic-china-weekly-318.md`` as a library call, and the finding count. The synthetic
glossary (realistic Chinese person, place and company names with their standard Hangul) comes
from ``bench/synth.py`` and is cached under ``build/bench/``.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.synth import build_glossary  # noqa: E402
from glossary.lint.index import GlossaryIndex  # noqa: E402
from glossary.lint.engine import lint_document  # noqa: E402
from glossary.sources.document import read_document  # noqa: E402
from glossary.store import Glossary  # noqa: E402

ISSUE = ROOT / "data" / "issues" / "kic-china-weekly-318.md"


def main(n: int = 100_000) -> None:
    path = build_glossary(n)
    cache = Path(f"{path}.index-cache")
    cache.unlink(missing_ok=True)
    with Glossary.open(path) as glossary:
        entries = glossary.count("entries")
        started = time.perf_counter()
        index = GlossaryIndex.for_glossary(glossary)
        compile_s = time.perf_counter() - started
        GlossaryIndex._memory.clear()
        started = time.perf_counter()
        GlossaryIndex.for_glossary(glossary)
        load_s = time.perf_counter() - started
    doc = read_document(ISSUE)
    started = time.perf_counter()
    findings = lint_document(doc, index)
    cold_s = time.perf_counter() - started
    warm = []
    for _ in range(7):
        started = time.perf_counter()
        lint_document(doc, index)
        warm.append(time.perf_counter() - started)
    print(f"glossary: {entries:,} entries, {len(index.terms):,} terms")
    print(f"index compile: {compile_s:.2f} s; load from {cache.name}: {load_s:.2f} s")
    print(f"lint {ISSUE.name} ({ISSUE.stat().st_size / 1000:.0f} KB): cold {cold_s * 1000:.0f} ms, "
          f"warm median {statistics.median(warm) * 1000:.1f} ms (min {min(warm) * 1000:.1f} ms)")
    print(f"findings: {len(findings)}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000)

"""Print the throughput of pair extraction on issue text, once warm (not a test).

Usage::

    .venv/bin/python bench/bench_extract.py [FILE_OR_FOLDER ...]   # default: data/issues/

The first pass fills the judge and classifier caches (its time is printed as 'cold');
then the files are extracted over and over for about two seconds.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from glossary.extract.pairs import extract_pairs  # noqa: E402
from glossary.sources.document import document_from_text, iter_source_files, read_document  # noqa: E402


def main(argv: list[str]) -> int:
    paths = argv or [str(ROOT / "data" / "issues")]
    docs = [read_document(p) for p in iter_source_files(paths)]
    if not docs:
        print("no source files found", file=sys.stderr)
        return 2
    size = sum(len(d.raw.encode("utf-8")) for d in docs)

    t0 = time.perf_counter()
    n_pairs = sum(len(extract_pairs(d)) for d in docs)
    cold = time.perf_counter() - t0

    rounds, spent = 0, 0.0
    while spent < 2.0:
        t = time.perf_counter()
        for d in docs:
            extract_pairs(d)
        spent += time.perf_counter() - t
        rounds += 1

    # the whole path a command takes: decoded text -> Document -> pairs
    rounds_full, spent_full = 0, 0.0
    while spent_full < 2.0:
        t = time.perf_counter()
        for d in docs:
            extract_pairs(document_from_text(d.raw, d.path, d.kind))
        spent_full += time.perf_counter() - t
        rounds_full += 1

    mb = size / 1e6
    print(f"{len(docs)} file(s), {size:,} bytes, {n_pairs} pairs")
    print(f"cold first pass      {cold:.3f} s ({mb / cold:.2f} MB/s)")
    print(f"extract_pairs, warm  {mb * rounds / spent:.2f} MB/s ({rounds} rounds)")
    print(f"document + extract   {mb * rounds_full / spent_full:.2f} MB/s ({rounds_full} rounds)")
    growth()
    return 0


def growth() -> None:
    """How the time grows with one long line: ten times the text should take about ten times as
    long, nowhere near a hundred (this was a test's wall-clock assert; timing belongs here)."""
    unit = "광저우시 판위구(番禺区)와 GAC GROUP(广汽集团)이 공동 건설할 예정이다. " + "그리고 평범한 문장이 이어진다. " * 6
    small = document_from_text((unit * (500_000 // len(unit) + 1))[:500_000])
    big = document_from_text((unit * (5_000_000 // len(unit) + 1))[:5_000_000])
    extract_pairs(small)  # warm the caches
    t0 = time.perf_counter()
    extract_pairs(small)
    t1 = time.perf_counter()
    extract_pairs(big)
    t2 = time.perf_counter()
    print(f"one line, 0.5 → 5 MB  {t1 - t0:.2f} s → {t2 - t1:.2f} s (×{(t2 - t1) / max(t1 - t0, 1e-9):.1f})")


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

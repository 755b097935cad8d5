"""Lint at scale: the figures of the performance targets, each printed as measured.

- warm lint (library, index loaded) of the 63 KB issue against 100,000 entries, and the ratio to a
  raw Aho–Corasick scan (ahocorasick-rs) of the same text for the same Korean terms;
- cold ``kozh lint`` wall time and peak memory with the 100,000-entry glossary (index cache and the
  libraries' answers on disk, as any run after the first finds them), and the very first run;
  against a bare Python process that builds nothing of kozh and scans with the raw matcher;
- a 6 MB draft (the issue repeated) against the 63 KB time: cost should grow linearly;
- 1,000,000 entries against 100,000: warm lint should grow sub-linearly; peak memory with 1M, with
  the index cache and with nothing cached at all (the first lint after an import).

Run ``python bench/bench_scale.py [--no-million]``; glossaries are cached under ``build/bench/``.
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.measure import print_figures, timed  # noqa: E402
from bench.synth import big_draft, build_glossary  # noqa: E402
from glossary.lint.index import GlossaryIndex  # noqa: E402
from glossary.lint.engine import lint_document  # noqa: E402
from glossary.sources.document import read_document  # noqa: E402
from glossary.store import Glossary  # noqa: E402

ISSUE = ROOT / "data" / "issues" / "kic-china-weekly-318.md"
KOZH = [sys.executable, "-m", "glossary"]



def index_of(path: Path) -> tuple[GlossaryIndex, float]:
    with Glossary.open(path) as glossary:
        GlossaryIndex.for_glossary(glossary)  # builds the cache file when missing
        GlossaryIndex._memory.clear()
        started = time.perf_counter()
        index = GlossaryIndex.for_glossary(glossary)
        return index, time.perf_counter() - started


def raw_scan_seconds(index: GlossaryIndex, text: str) -> float:
    """The same search lint's matcher does (the terms' matching forms in the squeezed text)."""
    import ahocorasick_rs

    from glossary.lint.scan import squeeze

    patterns = sorted(norm for norm in index.by_norm if norm)
    automaton = ahocorasick_rs.AhoCorasick(patterns, matchkind=ahocorasick_rs.MATCHKIND_LEFTMOST_LONGEST)
    squeezed = squeeze(text)  # folded once, outside the timed loop: the scan alone is timed
    return timed(lambda: automaton.find_matches_as_indexes(squeezed), repeat=7)


def cold_cli(path: Path, draft: Path, env: dict | None = None) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of one ``kozh lint`` process (its own peak, via ``time -v``
    semantics: the child's ru_maxrss read in a wrapper process)."""
    code = (
        "import resource,subprocess,sys,time;t=time.perf_counter();"
        "subprocess.run(sys.argv[1:],stdout=subprocess.DEVNULL,check=True);"
        "print(time.perf_counter()-t,resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    args = [*KOZH, "--db", str(path), "lint", "--fail-on", "none", "--format", "json", str(draft)]
    out = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, check=True,
                         env=env, cwd=ROOT)
    wall, peak = out.stdout.split()
    return float(wall), int(peak) / 1024


def bare_scan_cli(index: GlossaryIndex, draft: Path) -> float:
    """Wall seconds of a bare Python process that builds nothing of kozh: it reads the terms'
    matching forms (marshal), builds the ahocorasick-rs automaton and scans the squeezed draft.
    The floor a cold ``kozh lint`` is compared with (median of 3)."""
    import marshal

    from glossary.lint.scan import squeeze

    with tempfile.TemporaryDirectory() as folder:
        terms, text = Path(folder) / "terms.marshal", Path(folder) / "draft.txt"
        terms.write_bytes(marshal.dumps(sorted(norm for norm in index.by_norm if norm)))
        text.write_text(squeeze(read_document(draft).text), encoding="utf-8")
        code = (
            "import marshal,sys,ahocorasick_rs as ac;p=marshal.load(open(sys.argv[1],'rb'));"
            "a=ac.AhoCorasick(p,matchkind=ac.MATCHKIND_LEFTMOST_LONGEST);"
            "a.find_matches_as_indexes(open(sys.argv[2],encoding='utf-8').read())"
        )
        walls = []
        for _ in range(3):
            started = time.perf_counter()
            subprocess.run([sys.executable, "-c", code, str(terms), str(text)], check=True)
            walls.append(time.perf_counter() - started)
    return statistics.median(walls)


def peak_memory_of_index(path: Path, env: dict | None = None) -> float:
    """Peak RSS (MB) of a process that loads (or compiles) the index and lints the issue.

    Read as the child's ru_maxrss in a small wrapper process (as :func:`cold_cli` does): Linux
    keeps ru_maxrss across exec, so a process started straight from this one would report this
    process's own high-water mark (the 1M index loaded or built here) whenever that is higher.
    """
    code = (
        "from glossary.store import Glossary;from glossary.lint.index import GlossaryIndex;"
        "from glossary.lint.engine import lint_document;from glossary.sources.document import read_document;"
        f"g=Glossary.open({str(path)!r});i=GlossaryIndex.for_glossary(g);lint_document(read_document({str(ISSUE)!r}),i)"
    )
    wrapper = (
        "import resource,subprocess,sys;subprocess.run(sys.argv[1:],check=True);"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    out = subprocess.run([sys.executable, "-c", wrapper, sys.executable, "-c", code], capture_output=True,
                         text=True, check=True, cwd=ROOT, env=env)
    return int(out.stdout.strip()) / 1024


def nothing_cached(path: Path) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of :func:`peak_memory_of_index` on a copy of the glossary
    with no index cache beside it and no library answers on disk: the first lint after an import."""
    import shutil

    with tempfile.TemporaryDirectory() as folder, tempfile.TemporaryDirectory() as empty:
        copy = Path(folder) / path.name
        shutil.copyfile(path, copy)
        started = time.perf_counter()
        peak = peak_memory_of_index(copy, env={**os.environ, "KOZH_CACHE_DIR": empty})
        return time.perf_counter() - started, peak


def main(argv: list[str]) -> None:
    rows: list[tuple[str, str, str]] = []
    doc = read_document(ISSUE)
    path_100k = build_glossary(100_000)
    index, load_s = index_of(path_100k)
    rows.append(("glossary load (index from cache), 100k", f"{load_s * 1000:.0f} ms", ""))
    lint_document(doc, index)
    warm = timed(lambda: lint_document(doc, index), repeat=7)
    raw = raw_scan_seconds(index, doc.text)
    rows.append(("warm lint 63 KB, 100k entries", f"{warm * 1000:.1f} ms", "≤ 20 ms"))
    rows.append(("raw Aho–Corasick scan, same terms", f"{raw * 1000:.2f} ms", ""))
    rows.append(("ratio warm lint / raw scan", f"{warm / raw:.0f}×", "≤ 20×"))

    cold_cli(path_100k, ISSUE)  # once, so the runs below find the files a real second run finds
    walls, peaks = zip(*(cold_cli(path_100k, ISSUE) for _ in range(3)))
    rows.append(("cold `kozh lint` 63 KB, 100k (wall, median of 3)", f"{statistics.median(walls):.2f} s", "≤ 1.0 s"))
    rows.append(("cold `kozh lint` peak memory", f"{max(peaks):.0f} MB", ""))
    bare = bare_scan_cli(index, ISSUE)
    rows.append(("bare Python: read terms, build ahocorasick-rs, scan (wall)", f"{bare:.2f} s", ""))
    rows.append(("ratio cold `kozh lint` / bare Python scan", f"{statistics.median(walls) / bare:.1f}×", "≤ 2×"))
    with tempfile.TemporaryDirectory() as empty:  # no library answers on disk yet
        wall, peak = cold_cli(path_100k, ISSUE, env={**os.environ, "KOZH_CACHE_DIR": empty})
    rows.append(("  … first run ever (pypinyin, OpenCC, hanja, Kiwi load)", f"{wall:.2f} s", f"{peak:.0f} MB"))

    big = read_document(big_draft())
    lint_document(big, index)
    warm_big = timed(lambda: lint_document(big, index), repeat=3)
    size_ratio = len(big.raw.encode()) / len(doc.raw.encode())
    rows.append((f"warm lint {len(big.raw.encode()) / 1e6:.1f} MB draft, 100k", f"{warm_big:.2f} s",
                 f"≤ 100× 63 KB ({size_ratio:.0f}× the text)"))
    rows.append(("ratio 6 MB / 63 KB", f"{warm_big / warm:.0f}×", "≤ 100×"))

    if "--no-million" not in argv:
        path_1m = build_glossary(1_000_000)
        index_1m, load_1m = index_of(path_1m)
        rows.append(("glossary load (index from cache), 1M", f"{load_1m:.2f} s", ""))
        lint_document(doc, index_1m)
        warm_1m = timed(lambda: lint_document(doc, index_1m), repeat=7)
        rows.append(("warm lint 63 KB, 1M entries", f"{warm_1m * 1000:.1f} ms", ""))
        rows.append(("ratio 1M / 100k warm", f"{warm_1m / warm:.2f}×", "≤ 3×"))
        del index_1m
        peak_memory_of_index(path_1m)  # once, so the run below finds the answers a second run finds
        rows.append(("peak memory, 1M index + lint", f"{peak_memory_of_index(path_1m):.0f} MB", "≤ 500 MB"))
        with tempfile.TemporaryDirectory() as empty:  # no library answers on disk yet
            first = peak_memory_of_index(path_1m, env={**os.environ, "KOZH_CACHE_DIR": empty})
        rows.append(("  … first run ever (pypinyin, OpenCC, hanja, Kiwi load)", f"{first:.0f} MB", ""))
        wall, peak = nothing_cached(path_1m)
        rows.append(("  … nothing cached (the index compiled too): wall", f"{wall:.0f} s", ""))
        rows.append(("  … nothing cached: peak memory", f"{peak:.0f} MB", "≤ 500 MB"))

    print_figures(rows)


if __name__ == "__main__":
    main(sys.argv[1:])

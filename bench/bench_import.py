"""Import at scale: ``kozh import`` of a termbase CSV (zh-Hans, ko, kind) into an empty glossary.

Each figure is one ``kozh import`` process: its wall time, rows per second and peak memory (the
child's ru_maxrss read in a wrapper process, as ``bench_scale`` does), then ``kozh undo`` of it.
The CSVs are the synthetic names of ``bench/synth.py``, cached under ``build/bench/``.

Run ``python bench/bench_import.py [--no-million]``.
"""

from __future__ import annotations

import csv
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.measure import print_figures  # noqa: E402
from bench.synth import CACHE, synthetic_rows  # noqa: E402

KOZH = [sys.executable, "-m", "glossary"]


def termbase_csv(n: int) -> Path:
    """``n`` rows of zh-Hans, ko, kind (cached)."""
    CACHE.mkdir(parents=True, exist_ok=True)
    path = CACHE / f"termbase-{n}.csv"
    if not path.exists():
        tmp = path.with_suffix(".tmp")
        with open(tmp, "w", newline="", encoding="utf-8") as fh:
            writer = csv.writer(fh)
            writer.writerow(["zh-Hans", "ko", "kind"])
            for ko, zh, kind, _ in synthetic_rows(n):
                writer.writerow([zh, ko, kind])
        tmp.replace(path)
    return path


def run(args: list[str]) -> tuple[float, float, float, str]:
    """Wall seconds, peak RSS (MB), CPU seconds (user + system) and stdout of one kozh process."""
    code = (
        "import resource,subprocess,sys,time;t=time.perf_counter();"
        "p=subprocess.run(sys.argv[1:],capture_output=True,text=True,check=True);"
        "u=resource.getrusage(resource.RUSAGE_CHILDREN);"
        "print(time.perf_counter()-t,u.ru_maxrss,u.ru_utime+u.ru_stime);print(p.stdout)"
    )
    out = subprocess.run([sys.executable, "-c", code, *KOZH, *args], capture_output=True, text=True, check=True, cwd=ROOT)
    first, rest = out.stdout.split("\n", 1)
    wall, peak, cpu = first.split()
    return float(wall), int(peak) / 1024, float(cpu), rest.strip()


def main(argv: list[str]) -> None:
    sizes = [100_000] if "--no-million" in argv else [100_000, 1_000_000]
    targets = {100_000: ("≤ 3 s", "≤ 500 MB"), 1_000_000: ("≤ 40 s", "≤ 500 MB")}
    rows: list[tuple[str, str, str]] = []
    for n in sizes:
        path = termbase_csv(n)
        with tempfile.TemporaryDirectory() as folder:
            db = str(Path(folder) / "glossary.db")
            run(["--db", db, "init"])
            wall, peak, cpu, out = run(["--db", db, "import", str(path)])
            if f"{n} entries added" not in out:
                raise SystemExit(f"unexpected import result: {out}")
            label = f"{n // 1000}k" if n < 1_000_000 else f"{n // 1_000_000}M"
            rows.append((f"`kozh import` {label} rows (wall)", f"{wall:.1f} s", targets[n][0]))
            rows.append((f"  … CPU time (user + system)", f"{cpu:.1f} s", ""))
            rows.append((f"  … rows per second", f"{n / wall:,.0f}", ""))
            rows.append((f"  … peak memory", f"{peak:.0f} MB", targets[n][1]))
            wall, peak, _, _ = run(["--db", db, "undo"])
            rows.append((f"`kozh undo` of the {label} import (wall)", f"{wall:.1f} s", f"{peak:.0f} MB"))
    print_figures(rows)


if __name__ == "__main__":
    main(sys.argv[1:])

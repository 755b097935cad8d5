"""Run every benchmark in ``bench/`` and write ``bench/results.md`` (``make bench``).

Each ``bench_*.py`` is a script that prints its own figures; this runner collects what they print,
with the machine's CPU and the date, into one report. Each runs with an empty cache folder
(``KOZH_CACHE_DIR``), so "first pass" figures are a fresh machine's. Benchmarks are measurements,
not tests.
"""

from __future__ import annotations

import os
import platform
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent


def cpu_name() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def main(argv: list[str]) -> int:
    only = set(argv)
    scripts = [p for p in sorted(HERE.glob("bench_*.py")) if not only or p.stem in only]
    sections = []
    for script in scripts:
        print(f"== {script.stem}", flush=True)
        started = time.perf_counter()
        with tempfile.TemporaryDirectory(prefix="kozh-bench-cache-") as cache:
            # each benchmark starts with no library answers on disk, as on a fresh machine
            env = {**os.environ, "KOZH_CACHE_DIR": cache}
            proc = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, cwd=HERE.parent,
                                  env=env)
        took = time.perf_counter() - started
        output = proc.stdout.strip() or "(no output)"
        if proc.returncode:
            output += f"\n(exit {proc.returncode}) {proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else ''}"
        print(output, flush=True)
        sections.append(f"## {script.stem}\n\n```\n{output}\n```\n\n(ran in {took:.1f} s)\n")
    report = (
        f"# kozh benchmarks\n\n- date: {date.today().isoformat()}\n- CPU: {cpu_name()}\n"
        f"- Python: {platform.python_version()}\n\n" + "\n".join(sections)
    )
    if not only:
        (HERE / "results.md").write_text(report, encoding="utf-8")
        print(f"wrote {HERE / 'results.md'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

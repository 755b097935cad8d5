"""Does ``kozh import`` give the same glossary as another version of kozh? A check, not a test.

Each scenario runs in two fresh processes, one per source tree (``PYTHONPATH``): it builds a
glossary, imports files into it (with the command line, or with the library where a scenario
needs a seeded glossary or a batch size), undoes, and dumps every table (entries, terms,
sightings, changesets, history, meta, the full-text index's rows, the schema) after each step,
with the command's exit code, output and errors. Time stamps are replaced by ``<time>``. The two
dumps must be equal.

Run ``python -m bench.import_check OLD_SOURCE_TREE`` (e.g. a ``git archive main`` unpacked under
/tmp); the new tree is this one.
"""

from __future__ import annotations

import csv
import json
import os
import random
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "interop"
_TIME = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00")

# Runs inside the scenario process: dumps the glossary at sys.argv[1] as JSON on stdout.
DUMP = r"""
import json, sqlite3, sys
conn = sqlite3.connect(sys.argv[1])
out = {}
for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'terms_fts%' AND name NOT LIKE 'sqlite_%' ORDER BY name"):
    out[name] = conn.execute(f"SELECT * FROM [{name}] ORDER BY rowid").fetchall()
out["terms_fts"] = conn.execute("SELECT rowid, text, norm FROM terms_fts ORDER BY rowid").fetchall()
out["fts_check"] = conn.execute("INSERT INTO terms_fts (terms_fts, rank) VALUES ('integrity-check', 1)").fetchall()
out["schema"] = conn.execute("SELECT type, name, sql FROM sqlite_master ORDER BY type, name").fetchall()
print(json.dumps(out, ensure_ascii=False))
"""

# Runs inside the scenario process: seeds a glossary as tests/test_import_bulk.py does, then
# imports sys.argv[2] with bulk=True and batch size sys.argv[3].
LIBRARY_IMPORT = r"""
import sys
from glossary.interchange import interop
from glossary.store import Glossary
interop.BULK_BATCH = int(sys.argv[3])
with Glossary.open(sys.argv[1]) as g:
    if sys.argv[4] == "seed":
        g.add_term("창저우", "常州", kind="place", status="preferred")
        g.add_term("상주", "常州", status="candidate")
        g.add_term("허페이", "合肥", status="candidate")
        g.add_term("중창신항", "中创新航", status="deprecated")
        g.update_entry("合肥", note="省会")
        term, _ = g.add_term("선전", "深圳", status="admitted")
        g.record_sighting(term.id, path="issues/4.md", line=3, column=1)
    try:
        report = interop.import_glossary(g, sys.argv[2], bulk=True)
    except Exception as exc:
        print(type(exc).__name__, exc)
    else:
        print(report.summary())
        for c in report.conflicts:
            print(c)
"""


def _cases() -> str:
    """The merging cases of the test suite (tests/test_import_bulk.py), one definition for both."""
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from tests.test_import_bulk import CASES

    return CASES


def mixed_csv(source: Path, target: Path) -> Path:
    """The bench termbase changed so that a second import meets every merging case: other
    renderings and statuses, kinds in conflict, notes, eras and sources, rows repeated and in
    traditional characters, a few multi-term rows."""
    rng = random.Random(7)
    with open(source, encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))[1:]
    out = [["zh-Hans", "ko", "ko-admitted", "ko-candidate", "en", "kind", "era", "note", "sources"]]
    for zh, ko, kind in rows[: len(rows) // 2]:
        roll = rng.random()
        if roll < 0.2:
            out.append([zh, ko + "스", "", "", "", kind, "", "", ""])  # a second preferred rendering
        elif roll < 0.3:
            out.append([zh, "", ko, "", "", "company" if kind != "company" else "place", "modern", "메모", ""])
        elif roll < 0.4:
            out.append([zh, "", "", ko, "Name", "", "", "", f"issues/{rng.randint(1, 9)}.md"])
        elif roll < 0.45:
            out.append(["新" + zh, ko, ko + "이", "", "", kind, "", "", "a.md; b.md"])
            out.append(["新" + zh, "", "", ko, "", "", "historic", "", "a.md"])
        else:
            out.append([zh, ko, "", "", "", kind, "", "", ""])
    for zh, ko, kind in rows[-2000:]:  # new rows, some in traditional characters
        out.append(["國" + zh, ko, "", "", "", kind, "", "", ""])
        out.append(["国" + zh, ko, "", "", "", "", "", "", ""])
    with open(target, "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(out)
    return target


def scenarios(work: Path, termbase: Path) -> list[tuple[str, list[list[str]]]]:
    """(name, steps): a step is a kozh command line, or ``["lib", file, batch, seed]``."""
    cases = work / "cases.csv"
    cases.write_text(_cases(), encoding="utf-8")
    mixed = mixed_csv(termbase, work / "mixed.csv")
    bad = work / "bad.csv"
    bad.write_text(termbase.read_text(encoding="utf-8") + "北京,베이징,city\n", encoding="utf-8")
    out = [
        ("termbase into an empty glossary, undone", [["import", str(termbase)], ["undo"]]),
        ("termbase, then the mixed file, undone", [["import", str(termbase)], ["import", str(mixed)], ["undo"]]),
        ("termbase twice", [["import", str(termbase)], ["import", str(termbase)]]),
        ("a bad last row", [["import", str(termbase)], ["import", str(bad)]]),
    ]
    for batch in ("2", "3", "10000"):
        out.append((f"test cases, batch {batch}", [["lib", str(cases), batch, "seed"], ["undo"]]))
    for fixture in sorted(FIXTURES.iterdir()):
        out.append((f"fixture {fixture.name}", [["lib", str(fixture), "10000", "seed"], ["undo"]]))
    return out


def run(tree: Path, name: str, steps: list[list[str]], work: Path) -> list:
    env = {**os.environ, "PYTHONPATH": str(tree), "KOZH_CACHE_DIR": str(work / "cache")}
    db = str(work / f"{tree.name}-{abs(hash(name))}.db")
    subprocess.run([sys.executable, "-m", "glossary", "--db", db, "init"], env=env, cwd=work, check=True,
                   capture_output=True)
    results = []
    for step in steps:
        if step[0] == "lib":
            args = [sys.executable, "-c", LIBRARY_IMPORT, db, *step[1:]]
        else:
            args = [sys.executable, "-m", "glossary", "--db", db, *step]
        proc = subprocess.run(args, env=env, cwd=work, capture_output=True, text=True)
        dump = subprocess.run([sys.executable, "-c", DUMP, db], cwd=work, capture_output=True, text=True, check=True)
        results.append(_TIME.sub("<time>", json.dumps(
            {"step": step[0], "exit": proc.returncode, "out": proc.stdout, "err": proc.stderr[-2000:],
             "tables": json.loads(dump.stdout)}, ensure_ascii=False)))
    return results


def main(argv: list[str]) -> int:
    old = Path(argv[0]).resolve()
    sys.path.insert(0, str(ROOT))
    from bench.bench_import import termbase_csv

    size = int(argv[1]) if len(argv) > 1 else 100_000
    termbase = termbase_csv(size)
    failed = 0
    with tempfile.TemporaryDirectory(prefix="kozh-import-check-") as folder:
        work = Path(folder)
        for name, steps in scenarios(work, termbase):
            before, after = run(old, name, steps, work), run(ROOT, name, steps, work)
            same = before == after
            failed += not same
            print(f"{'same' if same else 'DIFFERENT'}: {name}", flush=True)
            if not same:
                for k, (a, b) in enumerate(zip(before, after)):
                    if a != b:
                        a, b = json.loads(a), json.loads(b)
                        for key in a:
                            if a[key] != b[key]:
                                print(f"  step {k} differs in {key}", flush=True)
                        for tbl in a["tables"]:
                            if a["tables"][tbl] != b["tables"][tbl]:
                                x, y = a["tables"][tbl], b["tables"][tbl]
                                diff = next((i for i, (p, q) in enumerate(zip(x, y)) if p != q), min(len(x), len(y)))
                                print(f"    {tbl}: {len(x)} vs {len(y)} rows; first difference at {diff}: "
                                      f"{x[diff:diff + 1]} vs {y[diff:diff + 1]}", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

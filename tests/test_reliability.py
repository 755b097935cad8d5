"""Reliability under load and failure: a killed import, writers at once, backups while writing,
and --fix output that needs no further fixing."""

import shutil
import sqlite3
import subprocess
import threading
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from glossary.extract.pairs import extract_pairs
from glossary.lint.fixes import apply_fixes
from glossary.lint.index import GlossaryIndex
from glossary.interchange.interop import export_glossary
from glossary.lint.engine import lint_document
from glossary.sources.document import document_from_text, read_document
from glossary.store import Glossary
from tui.service import GlossaryService


def counts(db: Path) -> tuple[int, int]:
    with Glossary.open(db) as g:
        return g.count("entries"), g.count("terms")


def test_sigkill_during_import_leaves_the_glossary_as_it_was(tmp_path, sigkill, integrity):
    big = tmp_path / "big.db"
    with Glossary.open(big) as g:
        g.bulk_add(
            ((f"이름{i:06d}", "".join(chr(0x4E00 + (i * 7 + k) % 20000) for k in range(4)), "person", "preferred")
             for i in range(60_000)),
            pinyin=lambda zh: None,
        )
        (tmp_path / "big.csv").write_bytes(export_glossary(g, "csv"))
    db = tmp_path / "g.db"
    with Glossary.open(db) as g:
        g.add_term("창저우", "常州", status="preferred")
    before = counts(db)
    conn = sqlite3.connect(db, timeout=0.01)

    def writing() -> bool:
        """True once the import holds the write lock, i.e. while its one transaction is open."""
        try:
            conn.execute("BEGIN IMMEDIATE")
            conn.execute("ROLLBACK")
            return False
        except sqlite3.OperationalError:  # locked: the import is writing
            return True

    sigkill(["--db", db, "import", tmp_path / "big.csv"], ready=writing)
    conn.close()
    assert integrity(db) == "ok"
    assert counts(db) == before  # all or nothing: nothing was committed


def test_tui_service_and_cli_extract_write_at_once(tmp_path, issue, kozh_argv, integrity):
    issues = tmp_path / "issues"
    issues.mkdir()
    for n in range(12):
        shutil.copy(issue, issues / f"issue-{n:02d}.md")
    db = tmp_path / "g.db"
    with Glossary.open(db) as g:
        ids = [g.add_term(f"테스트{i}", f"测试{i}", status="candidate")[0].id for i in range(60)]
    proc = subprocess.Popen([*kozh_argv, "--db", str(db), "extract", str(issues)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    service = GlossaryService(db)
    errors: list[Exception] = []

    def review():  # what the review queue does on "p": one status change per key press
        try:
            for term_id in ids:
                service.set_status(term_id, "preferred")
        except Exception as exc:  # noqa: BLE001 - the test reports any failure
            errors.append(exc)

    worker = threading.Thread(target=review)
    worker.start()
    out, err = proc.communicate(timeout=300)
    worker.join(timeout=300)
    service.close()
    assert proc.returncode == 0, err
    assert not errors, errors
    per_file = len(extract_pairs(read_document(issue)))
    assert f"12 files, {12 * per_file} pairs" in out  # every file whole, none lost to the writer
    with Glossary.open(db) as g:
        assert all(g.term(i).status == "preferred" for i in ids)
        paths = {p for (p,) in g.conn.execute("SELECT DISTINCT path FROM sightings")}
    assert len(paths) == 12
    assert integrity(db) == "ok"


def test_two_lint_fix_runs_at_once(tmp_path, kozh_argv):
    db = tmp_path / "g.db"
    with Glossary.open(db) as g:
        g.add_term("가오쑹", "高松", kind="person", status="preferred")
        g.add_term("카오쑹", "高松", status="deprecated")
        g.add_term("저우마오화", "周茂华", kind="person", status="preferred")
    drafts = []
    for n in range(2):
        path = tmp_path / f"draft-{n}.md"
        path.write_text("카오쑹이 말했다.\n조우마오화(周茂华)는 전망했다.\n" * 200, encoding="utf-8")
        drafts.append(path)
    procs = [
        subprocess.Popen([*kozh_argv, "--db", str(db), "lint", "--fix", "--fail-on", "none", str(p)],
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        for p in drafts
    ]
    results = [p.communicate(timeout=300) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], [r[1] for r in results]
    for path in drafts:
        assert path.read_text(encoding="utf-8") == "가오쑹이 말했다.\n저우마오화(周茂华)는 전망했다.\n" * 200


def test_backup_while_another_process_writes(tmp_path, issue, kozh_argv, integrity):
    db = tmp_path / "g.db"
    Glossary.open(db).close()
    writer = subprocess.Popen([*kozh_argv, "--db", str(db), "extract", str(issue)], stdout=subprocess.DEVNULL)
    copy = tmp_path / "backup.db"
    result = subprocess.run([*kozh_argv, "--db", str(db), "backup", str(copy)], capture_output=True, text=True)
    writer.wait(timeout=120)
    assert result.returncode == 0, result.stderr
    assert integrity(copy) == "ok"
    with Glossary.open(copy) as g:  # a consistent snapshot: before or after the extract, never half
        assert g.count("terms") in (0, counts(db)[1])


# -- --fix output re-linted has nothing left to fix ------------------------------------------------

_GLOSSARY = [
    ("가오쑹", "高松", "preferred"), ("카오쑹", "高松", "deprecated"), ("저우마오화", "周茂华", "preferred"),
    ("공업정보화부", "工业和信息化部", "preferred"), ("산업정보화부", "工业和信息化部", "admitted"),
    ("창저우", "常州", "preferred"), ("Dahoo", "德火科技", "preferred"), ("류싱천", "刘星辰", "preferred"),
]
_INDEX = None


def _index():
    global _INDEX
    if _INDEX is None:
        g = Glossary.open(":memory:")
        for ko, zh, status in _GLOSSARY:
            g.add_term(ko, zh, status=status, kind="person" if len(zh) == 3 else None)
        _INDEX = GlossaryIndex.for_glossary(g, use_cache=False)
    return _INDEX


WORDS = ["카오쑹", "가오쑹", "조우마오화(周茂华)", "산업정보화부", "공업정보화부(工业和信息化部)", "류썩천",
         "Dahooo", "창저우", "창저우시", "는", "이", "가", "을", "를", "와", "과", "으로", " ", "\n", "중국", "기업", "은"]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(st.sampled_from(WORDS), st.text(max_size=4)), max_size=40).map("".join))
def test_fixed_text_has_no_fixable_findings(text):
    index = _index()
    fixed = text
    for _ in range(3):  # overlapping fixes are left for the next run, as `kozh lint --fix` does
        findings = lint_document(document_from_text(fixed), index)
        fixed, applied = apply_fixes(fixed, findings)
        if not applied:
            break
    leftover = [f for f in lint_document(document_from_text(fixed), index) if f.fixable]
    assert leftover == []

"""Large imports: merged in batches with the store's bulk writer, with the same result as entry by
entry; all or nothing; one undo takes them back whole; full-text search and history kept."""

import sqlite3

import pytest

from glossary.interchange import interop
from glossary.errors import BadInput
from glossary.interchange.interop import BULK_MIN_ENTRIES, import_glossary
from glossary.store import Glossary

HEADER = "zh-Hans,zh-Hant,pinyin,ko,ko-admitted,ko-deprecated,ko-candidate,en,kind,note,sources"

# Every merging case: new entries, entries the glossary has (kind filled, kind and note in
# conflict), a second preferred rendering, a candidate promoted, a person's status kept, the same
# entry twice in the file (in simplified and traditional characters), sources per entry and per
# term, already-known sources.
CASES = f"""{HEADER}
常州,,,창조우,,,,,company,,issues/9.md
常州,,,,,창저우,,,,,
上海,,,상하이,상해,,,Shanghai,place,직할시,issues/1.md; issues/2.md
上海,,,,,,상하이,,,,issues/1.md
合肥,,,허페이,,,,,,,
合肥,,,,허비,,,,place,안후이성,issues/3.md
周茂華,,,저우마오화,,,,,person,대변인,
周茂华,,,,,,주무화,,,,
中创新航,,,CALB,중창신항,,,,company,,
深圳,,,선전,,,,,place,,issues/4.md
"""


def seed(g: Glossary) -> None:
    g.add_term("창저우", "常州", kind="place", status="preferred")
    g.add_term("상주", "常州", status="candidate")
    g.add_term("허페이", "合肥", status="candidate")
    g.add_term("중창신항", "中创新航", status="deprecated")
    g.update_entry("合肥", note="省会")
    term, _ = g.add_term("선전", "深圳", status="admitted")
    g.record_sighting(term.id, path="issues/4.md", line=3, column=1)


def tables(g: Glossary) -> dict[str, list[tuple]]:
    """Every row of the glossary tables, time stamps left out."""
    conn = g.conn
    return {
        "entries": conn.execute(
            "SELECT id, zh, zh_hant, pinyin, pinyin_key, kind, note, era, customary, house_spelling FROM entries ORDER BY id"
        ).fetchall(),
        "terms": conn.execute("SELECT id, entry_id, lang, text, norm, status, frequency FROM terms ORDER BY id").fetchall(),
        "sightings": conn.execute("SELECT * FROM sightings ORDER BY id").fetchall(),
    }


def triggers(g: Glossary) -> list[tuple]:
    return g.conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name").fetchall()


def indexes(g: Glossary) -> list[tuple]:
    return g.conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' ORDER BY name").fetchall()


def fts_ok(g: Glossary) -> None:
    """The full-text index holds exactly the terms table (SQLite's own check)."""
    g.conn.execute("INSERT INTO terms_fts (terms_fts, rank) VALUES ('integrity-check', 1)")


def big_csv(tmp_path, n: int, *, last: str | None = None):
    """``n`` distinct entries (two renderings each); ``last`` replaces the final row."""
    rows = [f"{chr(0x4E00 + k // 150)}{chr(0x4E00 + 300 + k % 150)}{chr(0x4E00 + 600 + k % 7)},,,가나{k:05d}다,라마{k:05d},,,,person,,"
            for k in range(n)]
    if last is not None:
        rows[-1] = last
    path = tmp_path / "big.csv"
    path.write_text("\n".join([HEADER, *rows, ""]), encoding="utf-8")
    return path


@pytest.mark.parametrize("batch", [2, 3, 10_000])
def test_bulk_merge_gives_the_same_glossary_and_report(tmp_path, monkeypatch, batch):
    monkeypatch.setattr(interop, "BULK_BATCH", batch)  # the same entry in two batches too
    path = tmp_path / "cases.csv"
    path.write_text(CASES, encoding="utf-8")
    results = []
    for bulk in (False, True):
        with Glossary.open(tmp_path / f"{bulk}.db") as g:
            seed(g)
            report = import_glossary(g, path, bulk=bulk)
            results.append((tables(g), report.summary(), [str(c) for c in report.conflicts]))
            fts_ok(g)
    assert results[0] == results[1]
    assert "2 conflicts" not in results[1][1]  # the cases do conflict: not a vacuous comparison
    assert len(results[1][2]) >= 3


def test_bulk_undo_restores_updated_rows(tmp_path, monkeypatch):
    monkeypatch.setattr("glossary.store.BULK_UNDO_MIN", 1)  # undo even this small import set-wide
    path = tmp_path / "cases.csv"
    path.write_text(CASES, encoding="utf-8")
    with Glossary.open(tmp_path / "g.db") as g:
        seed(g)
        before = tables(g)
        import_glossary(g, path, bulk=True)
        assert tables(g) != before
        g.undo()
        assert tables(g) == before
        assert g.last_changeset().command != "import cases.csv"
        fts_ok(g)
        assert g.search("창저우") and not g.search("저우마오화")


def test_large_import_is_one_changeset_with_history_and_search(tmp_path):
    n = BULK_MIN_ENTRIES + 500
    with Glossary.open(tmp_path / "g.db") as g:
        seed(g)
        before_triggers, before_indexes = triggers(g), indexes(g)
        report = import_glossary(g, big_csv(tmp_path, n))
        assert (report.entries_added, report.terms_added) == (n, 2 * n)
        change = g.last_changeset()
        assert change.command == "import big.csv"
        assert change.changes == 3 * n  # one history row per entry and per term
        logged = g.conn.execute(
            "SELECT tbl, count(*) FROM history WHERE changeset_id = ? AND action = 'insert' GROUP BY tbl", (change.id,)
        ).fetchall()
        assert dict(logged) == {"entries": n, "terms": 2 * n}
        assert triggers(g) == before_triggers
        assert indexes(g) == before_indexes  # the search indexes dropped for the write are back
        fts_ok(g)
        # Substrings of imported renderings are found through the trigram index.
        entry = g.entry_by_id(g.resolve_term("가나01234다").entry_id)
        assert [e.zh for e in g.search("라마01234")] == [entry.zh]
        assert entry.pinyin and entry.zh_hant and entry.kind == "person"


def test_large_import_does_not_go_entry_by_entry(tmp_path, monkeypatch):
    with Glossary.open(tmp_path / "g.db") as g:
        monkeypatch.setattr(g, "add_term", None)  # the entry-by-entry merge would call it
        report = import_glossary(g, big_csv(tmp_path, BULK_MIN_ENTRIES))
        assert report.terms_added == 2 * BULK_MIN_ENTRIES


def test_undo_of_a_large_import_removes_it_all(tmp_path):
    with Glossary.open(tmp_path / "g.db") as g:
        seed(g)
        before = tables(g)
        changesets = g.count("changesets")
        import_glossary(g, big_csv(tmp_path, BULK_MIN_ENTRIES + 10))
        undone = g.undo()
        assert undone.command == "import big.csv"
        assert tables(g) == before
        assert not g.search("라마00001")
        fts_ok(g)
        assert g.count("changesets") == changesets + 2  # the import and its undo, both kept


def test_a_bad_last_row_of_a_large_import_writes_nothing(tmp_path, monkeypatch):
    monkeypatch.setattr(interop, "BULK_BATCH", 1000)  # several batches are written before the bad row
    with Glossary.open(tmp_path / "g.db") as g:
        seed(g)
        before, before_triggers, changesets = tables(g), triggers(g), g.count("changesets")
        path = big_csv(tmp_path, BULK_MIN_ENTRIES + 10, last="北京,,,베이징,,,,,city,,")
        with pytest.raises(BadInput, match=r"line \d+: unknown kind 'city'"):
            import_glossary(g, path)
        assert tables(g) == before and g.count("changesets") == changesets


def test_a_failure_after_the_rows_are_written_rolls_back_everything(tmp_path, monkeypatch):
    monkeypatch.setattr(interop, "BULK_BATCH", 1000)

    def fail(self):
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr("glossary.store.BulkWriter._finish_fts", fail)
    monkeypatch.setattr("glossary.store.BULK_INDEX_ROWS", 1000)  # the search indexes are dropped too
    with Glossary.open(tmp_path / "g.db") as g:
        seed(g)
        before, before_triggers, before_indexes = tables(g), triggers(g), indexes(g)
        with pytest.raises(sqlite3.OperationalError):
            import_glossary(g, big_csv(tmp_path, BULK_MIN_ENTRIES + 10))
        assert tables(g) == before
        assert triggers(g) == before_triggers  # the dropped full-text triggers come back too
        assert indexes(g) == before_indexes  # and the dropped indexes
        monkeypatch.undo()
        g.add_term("가나다라", "北京")  # and work: the new term is searchable
        assert [e.zh for e in g.search("가나다라")] == ["北京"]
        fts_ok(g)


def test_a_small_bulk_write_into_a_larger_glossary_updates_the_index_in_place(tmp_path):
    with Glossary.open(tmp_path / "g.db") as g:
        import_glossary(g, big_csv(tmp_path, 100), bulk=True)  # rebuilt: all terms are new
        small = tmp_path / "small.csv"
        small.write_text(f"{HEADER}\n北京,,,베이징시청,,,,,place,,\n", encoding="utf-8")
        import_glossary(g, small, bulk=True)  # 1 term of 201: added to the index, not rebuilt
        assert [e.zh for e in g.search("이징시")] == ["北京"]
        fts_ok(g)

"""The glossary store: entries, terms, statuses, sightings, history and undo, migrations, errors."""

import sqlite3

import pytest

from glossary.errors import BadInput, GlossaryError, NotAGlossary, NotFound, SchemaTooNew
from glossary.store import MIGRATIONS, SCHEMA_VERSION, Glossary


@pytest.fixture
def glossary(tmp_path):
    with Glossary.open(tmp_path / "g.db") as g:
        yield g


def test_simplified_and_traditional_are_one_entry(glossary):
    glossary.add_term("전정특신", "專精特新", kind="concept")
    glossary.add_term("전문화정밀화", "专精特新")
    assert glossary.count("entries") == 1
    entry = glossary.entry("專精特新")
    assert entry.zh == "专精特新"
    assert entry.zh_hant == "專精特新"
    assert entry.pinyin == "zhuan jing te xin"
    assert [t.text for t in glossary.terms_of(entry.id)] == ["전정특신", "전문화정밀화"]


def test_same_term_twice_is_not_duplicated(glossary):
    first, created = glossary.add_term("창저우", "常州")
    again, created_again = glossary.add_term(" 창저우 ", "常州")
    width, _ = glossary.add_term("ＫＩＣ 중국", "韩国创新中心")
    assert created and not created_again
    assert first.id == again.id
    assert glossary.count("terms") == 2
    assert width.text == "KIC 중국" and width.norm == "kic중국"


def test_one_preferred_per_language_per_entry(glossary):
    a, _ = glossary.add_term("공업정보화부", "工业和信息化部", status="preferred")
    b, _ = glossary.add_term("산업정보화부", "工业和信息化部", status="preferred")
    en, _ = glossary.add_term("MIIT", "工业和信息化部", lang="en", status="preferred")
    statuses = {t.text: t.status for t in glossary.terms_of(a.entry_id)}
    assert statuses == {"공업정보화부": "admitted", "산업정보화부": "preferred", "MIIT": "preferred"}


def test_candidate_never_overwrites_a_human_status(glossary):
    term, _ = glossary.add_term("공업정보화부", "工业和信息化部", status="deprecated")
    again, _ = glossary.add_term("공업정보화부", "工业和信息化部", status="candidate")
    assert again.status == "deprecated"


def test_kind_from_extraction_does_not_replace_a_set_kind(glossary):
    glossary.add_term("창저우", "常州", kind="place")
    glossary.add_term("창저우", "常州", kind="company")
    assert glossary.entry("常州").kind == "place"


def test_sightings_are_recorded_once_and_count(glossary):
    term, _ = glossary.add_term("창저우", "常州")
    assert glossary.record_sighting(term.id, path="a.md", line=3, column=5, context="도시 창저우(常州)", issue="318")
    assert not glossary.record_sighting(term.id, path="a.md", line=3, column=5)
    assert glossary.record_sighting(term.id, path="a.md", line=9, column=1)
    assert glossary.term(term.id).frequency == 2
    seen = glossary.sightings_of(term.id)
    assert [(s.line, s.column, s.issue) for s in seen] == [(3, 5, "318"), (9, 1, None)]


def test_undo_reverts_the_last_changeset_and_keeps_history(glossary):
    term, _ = glossary.add_term("공업정보화부", "工业和信息化部", status="preferred")
    glossary.add_term("산업정보화부", "工业和信息化部", status="preferred")
    undone = glossary.undo()
    assert undone.command == "add 산업정보화부 = 工业和信息化部"
    assert {t.text: t.status for t in glossary.terms_of(term.entry_id)} == {"공업정보화부": "preferred"}
    glossary.undo()
    assert glossary.count("entries") == 0 and glossary.count("terms") == 0
    assert glossary.undo() is None
    # The undos are themselves in the history: nothing is lost.
    commands = [c.command for c in glossary.history()]
    assert commands[:2] == ["undo add 공업정보화부 = 工业和信息化部", "undo add 산업정보화부 = 工业和信息化部"]


def test_undo_of_a_multi_change_changeset(glossary):
    with glossary.changeset("extract a.md"):
        for ko, zh in [("창저우", "常州"), ("허페이시", "合肥市"), ("리커창", "李克强")]:
            term, _ = glossary.add_term(ko, zh)
            glossary.record_sighting(term.id, path="a.md", line=1, column=1)
    assert glossary.count("sightings") == 3
    assert glossary.undo().command == "extract a.md"
    assert glossary.count("entries") == glossary.count("terms") == glossary.count("sightings") == 0


def test_a_failed_changeset_writes_nothing(glossary):
    glossary.add_term("창저우", "常州")
    with pytest.raises(BadInput):
        with glossary.changeset("import"):
            glossary.add_term("허페이시", "合肥市")
            glossary.add_term("", "合肥市")
    assert glossary.count("entries") == 1


def test_version_moves_with_every_change(glossary):
    before = glossary.version
    glossary.add_term("창저우", "常州")
    assert glossary.version > before
    same = glossary.version
    glossary.add_term("창저우", "常州")  # nothing new
    assert glossary.version == same


def test_search_by_korean_chinese_traditional_and_pinyin(glossary):
    glossary.add_term("웨강아오대만구", "粤港澳大湾区", kind="place")
    glossary.add_term("창저우", "常州", kind="place")
    key = lambda q: [e.zh for e in glossary.search(q)]
    assert key("창저우") == ["常州"]
    assert key("대만구") == ["粤港澳大湾区"]
    assert key("粵港澳") == ["粤港澳大湾区"]
    assert key("Chángzhōu") == ["常州"]
    assert key("chang2 zhou1") == ["常州"]
    assert key("없는말") == []
    with pytest.raises(BadInput):
        glossary.search("  ")


def test_merge_moves_terms_and_sightings(glossary):
    a, _ = glossary.add_term("중관춘", "中关村", status="preferred")
    b, _ = glossary.add_term("중관촌", "中关村园")
    glossary.record_sighting(b.id, path="x.md", line=1, column=1)
    target = glossary.merge_entries("中关村园", "中关村")
    assert glossary.entry("中关村园") is None
    texts = {t.text: t.status for t in glossary.terms_of(target.id)}
    assert texts == {"중관춘": "preferred", "중관촌": "candidate"}
    glossary.undo()
    assert glossary.entry("中关村园") is not None


def test_bad_values_are_refused(glossary):
    with pytest.raises(BadInput):
        glossary.add_term("창저우", "常州", status="approved")
    with pytest.raises(BadInput):
        glossary.add_term("창저우", "Changzhou")
    with pytest.raises(BadInput):
        glossary.add_term("창저우", "常州", kind="city")
    with pytest.raises(NotFound):
        glossary.resolve_term("없음")


def test_open_errors(tmp_path):
    with pytest.raises(GlossaryError, match="does not exist"):
        Glossary.open(tmp_path / "missing" / "g.db")
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(NotAGlossary):
        Glossary.open(junk)
    assert junk.read_bytes() == b"this is not sqlite at all" * 100
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("CREATE TABLE notes (x)").connection.commit()
    with pytest.raises(NotAGlossary, match="not a kozh glossary"):
        Glossary.open(other)


def test_newer_schema_is_refused_untouched(tmp_path):
    path = tmp_path / "g.db"
    Glossary.open(path).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    before = path.read_bytes()
    with pytest.raises(SchemaTooNew):
        Glossary.open(path)
    assert path.read_bytes() == before


def test_migration_from_an_older_glossary_keeps_its_data(tmp_path):
    path = tmp_path / "old.db"
    with Glossary.open(path, migrate_to=1) as old:
        assert old.schema_version == 1
        conn = old.conn
        conn.execute("INSERT INTO entries (zh, kind) VALUES ('常州', 'place')")
        conn.execute("INSERT INTO terms (entry_id, lang, text, norm, status) VALUES (1, 'ko', '창저우', '창저우', 'preferred')")
    with Glossary.open(path) as new:
        assert new.schema_version == SCHEMA_VERSION == len(MIGRATIONS)
        entry = new.entry("常州")
        assert entry.kind == "place" and entry.customary == 0
        assert [e.zh for e in new.search("창저우")] == ["常州"]


def test_pragmas(glossary):
    conn = glossary.conn
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA busy_timeout").fetchone()[0] >= 5000


def test_bulk_add_skips_duplicates_keeps_one_preferred_and_undoes(glossary):
    glossary.add_term("창저우", "常州", status="preferred")
    new = glossary.bulk_add(
        [
            ("창저우", "常州", "place", "candidate"),
            ("창조우", "常州", "place", "preferred"),
            ("허페이", "合肥", "place", "preferred"),
            ("허페이", "合肥", "place", "preferred"),
        ]
    )
    assert new == 2
    assert {t.text: t.status for t in glossary.terms_of(glossary.entry("常州").id)} == {"창저우": "preferred", "창조우": "admitted"}
    assert glossary.entry("合肥").pinyin == "he fei"
    assert [e.zh for e in glossary.search("허페이")] == ["合肥"]
    glossary.undo()
    assert glossary.count("entries") == 1 and glossary.count("terms") == 1


def test_snapshot_reads_one_state_while_another_connection_writes(tmp_path):
    path = tmp_path / "g.db"
    with Glossary.open(path) as reader, Glossary.open(path) as writer:
        reader.add_term("창저우", "常州", status="preferred")
        with reader.snapshot():
            terms, version = reader.count("terms"), reader.version
            writer.add_term("저우마오화", "周茂华", status="preferred")  # commits while the snapshot is open
            assert (reader.count("terms"), reader.version) == (terms, version)
            assert reader.entry("周茂华") is None
        assert reader.count("terms") == terms + 1 and reader.entry("周茂华") is not None
        with reader.changeset("add inside a changeset"):
            reader.add_term("장원타오", "张文涛")
            with reader.snapshot():  # joins the changeset's own transaction: sees its writes
                assert reader.entry("张文涛") is not None

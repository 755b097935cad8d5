"""The translator's terminal UI, driven through ``App.run_test`` and its Pilot."""

from __future__ import annotations

import asyncio
import functools
import time
from pathlib import Path

import pytest

pytest.importorskip("textual")

from glossary.store import Glossary  # noqa: E402
from tui.app import KozhApp  # noqa: E402
from tui.screens.draft_review import RELINT_DELAY_S  # noqa: E402
from tui_helpers import DRAFT, SIZE, build_glossary, settle  # noqa: E402

@pytest.fixture
def db(tmp_path: Path) -> Path:
    return build_glossary(tmp_path / "glossary.db")


def terms(db: Path, zh: str) -> dict[str, str]:
    with Glossary.open(db) as g:
        entry = g.entry(zh)
        return {t.text: t.status for t in g.terms_of(entry.id)} if entry else {}


def run(coro_fn):
    """Run an async scenario to the end (no async plugin needed)."""

    @functools.wraps(coro_fn)
    def wrapper(*args, **kwargs):
        return asyncio.run(coro_fn(*args, **kwargs))

    return wrapper


# -- glossary ---------------------------------------------------------------------------------


@run
async def test_glossary_lists_entries_and_searches(db):
    app = KozhApp(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        from tui.widgets.term_table import TermTable

        table = app.screen.query_one(TermTable)
        assert table.row_count == 7
        await pilot.press("slash", *"changzhou")
        await settle(pilot)
        assert table.row_count >= 1
        assert table.get_row_at(0)[0] == "常州"
        # Korean, traditional Chinese
        app.screen.query_one("#search").value = ""
        await pilot.press(*"광저우")
        await settle(pilot)
        assert table.get_row_at(0)[0] == "广州"
        app.screen.query_one("#search").value = ""
        await pilot.press(*"廣州")
        await settle(pilot)
        assert table.get_row_at(0)[0] == "广州"


@run
async def test_glossary_filters_by_kind_and_status(db):
    app = KozhApp(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        from tui.widgets.term_table import TermTable

        table = app.screen.query_one(TermTable)
        app.screen.query_one("#kind").value = "person"
        await settle(pilot)
        assert [table.get_row_at(i)[0] for i in range(table.row_count)] == ["张文涛"]
        app.screen.query_one("#kind").clear()
        app.screen.query_one("#status").value = "candidate"
        await settle(pilot)
        assert {table.get_row_at(i)[0] for i in range(table.row_count)} == {"番禺", "粤港澳", "粤港澳大湾区"}


@run
async def test_entry_editor_changes_go_through_history(db):
    app = KozhApp(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"changzhou")
        await settle(pilot)
        app.screen.query_one("#terms").focus()
        await pilot.press("e")
        await settle(pilot)
        # rows: 창저우 (preferred), 상주 (deprecated); make 상주 preferred
        await pilot.press("down", "p")
        await settle(pilot)
        assert terms(db, "常州") == {"창저우": "admitted", "상주": "preferred"}
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert terms(db, "常州") == {"창저우": "preferred", "상주": "deprecated"}
        # deprecate the preferred rendering
        await pilot.press("up", "d")
        await settle(pilot)
        assert terms(db, "常州")["창저우"] == "deprecated"
        await pilot.press("ctrl+z")
        # house spelling and note
        app.screen.query_one("#house").focus()
        await pilot.press(*"창주", "enter")
        app.screen.query_one("#note").focus()
        await pilot.press(*"장쑤성", "enter")
        await settle(pilot)
        with Glossary.open(db) as g:
            entry = g.entry("常州")
            assert (entry.house_spelling, entry.note) == ("창주", "장쑤성")
        await pilot.press("escape")
        await settle(pilot)
        # undo from the glossary screen takes back the note
        await pilot.press("ctrl+z")
        await settle(pilot)
        with Glossary.open(db) as g:
            assert g.entry("常州").note is None
            assert g.entry("常州").house_spelling == "창주"


@run
async def test_glossary_search_with_more_entries_than_a_page(tmp_path):
    from glossary.store import Glossary as G

    path = tmp_path / "big.db"
    with G.open(path) as g:
        with g.changeset("many"):
            for i in range(150):
                g.add_term(f"가나{i}", f"中{chr(0x4E00 + i)}", status="preferred")
        g.add_term("창저우", "常州", status="preferred", kind="place")
    app = KozhApp(path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        from tui.widgets.term_table import TermTable

        table = app.screen.query_one(TermTable)
        assert table.row_count > 100  # the whole index once it is built, not the first page
        await pilot.press("slash", *"창저")
        await settle(pilot)
        assert table.get_row_at(0)[0] == "常州"


@run
async def test_lookup_shows_entry_or_transliteration_and_copies(db):
    app = KozhApp(db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f5")
        await settle(pilot)
        await pilot.press(*"常州")
        await settle(pilot)
        screen = app.screen
        assert screen.query_one("#lookup-entry").view.entry.zh == "常州"
        assert ("preferred", "창저우") in screen.pairs
        await pilot.press("enter")  # to the readings
        await pilot.press("enter")  # copy the first
        assert app.clipboard == "창저우"
        screen.query_one("#lookup-input").value = ""
        screen.query_one("#lookup-input").focus()
        await pilot.press(*"杭州")
        await settle(pilot)
        assert screen.query_one("#lookup-entry").view is None
        labels = dict((label, text) for label, text in screen.pairs)
        assert labels["standard"] == "항저우"
        assert labels["Sino-Korean"] == "항주"
        sino = [label for label, _ in screen.pairs].index("Sino-Korean")
        await pilot.press("enter", *["down"] * sino, "c")
        assert app.clipboard == "항주"
        # pinyin
        screen.query_one("#lookup-input").value = ""
        screen.query_one("#lookup-input").focus()
        await pilot.press(*"changzhou")
        await settle(pilot)
        assert screen.query_one("#lookup-entry").view.entry.zh == "常州"


# -- draft review -----------------------------------------------------------------------------


@pytest.fixture
def draft(tmp_path: Path) -> Path:
    path = tmp_path / "draft.md"
    path.write_text(DRAFT, encoding="utf-8")
    return path


async def draft_app(db: Path, draft: Path, pilot_fn):
    app = KozhApp(db, draft)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot_fn(app, pilot)


def plain(renderable) -> str:
    from rich.console import Console

    console = Console(width=80, record=True, file=__import__("io").StringIO())
    console.print(renderable)
    return console.export_text()


def rules(screen) -> list[tuple[str, str]]:
    return [(f.rule, f.found) for f in screen.findings]


@run
async def test_draft_findings_move_the_cursor_and_show_the_entry(db, draft):
    async def scenario(app, pilot):
        screen = app.screen
        assert screen.__class__.__name__ == "DraftReviewScreen"
        assert ("kozh/deprecated", "상주") in rules(screen)
        index = rules(screen).index(("kozh/deprecated", "상주"))
        screen.query_one("#findings").highlighted = index
        await settle(pilot)
        editor = screen.query_one("#draft")
        assert editor.selection.start == (2, 0) and editor.selection.end == (2, 2)
        detail = plain(screen.query_one("#finding-detail").content)
        assert "deprecated" in detail

    await draft_app(db, draft, scenario)


@run
async def test_draft_apply_undo_and_save(db, tmp_path):
    path = tmp_path / "cp949.txt"
    path.write_bytes(DRAFT.replace("\n", "\r\n").encode("cp949"))

    async def scenario(app, pilot):
        screen = app.screen
        assert screen.encoding == "cp949"
        screen.query_one("#findings").highlighted = rules(screen).index(("kozh/deprecated", "상주"))
        await pilot.press("a")
        await settle(pilot)
        text = screen.query_one("#draft").text
        assert "창저우(常州)" in text
        assert ("kozh/deprecated", "상주") not in rules(screen)
        await pilot.press("u")
        await settle(pilot)
        assert "상주(常州)" in screen.query_one("#draft").text
        screen.query_one("#findings").highlighted = rules(screen).index(("kozh/deprecated", "상주"))
        await pilot.press("a", "ctrl+s")
        await settle(pilot)

    await draft_app(db, path, scenario)
    saved = path.read_bytes()
    assert saved.decode("cp949") == DRAFT.replace("\n", "\r\n").replace("상주(常州)", "창저우(常州)")


@run
async def test_draft_skip_accept_and_undo_glossary_change(db, draft):
    async def scenario(app, pilot):
        screen = app.screen
        target = ("kozh/deprecated", "상주")
        screen.query_one("#findings").highlighted = rules(screen).index(target)
        await pilot.press("s")
        await settle(pilot)
        assert target not in rules(screen)
        # a skipped finding stays skipped after a re-lint
        screen.relint()
        await settle(pilot)
        assert target not in rules(screen)
        screen.skipped.clear()
        screen.relint()
        await settle(pilot)
        screen.query_one("#findings").highlighted = rules(screen).index(target)
        await pilot.press("c")
        await settle(pilot)
        assert terms(db, "常州")["상주"] == "admitted"
        assert target not in rules(screen)
        await pilot.press("u")
        await settle(pilot)
        assert terms(db, "常州")["상주"] == "deprecated"
        assert target in rules(screen)

    await draft_app(db, draft, scenario)


@run
async def test_draft_add_new_pair(db, draft):
    async def scenario(app, pilot):
        screen = app.screen
        await pilot.press("n")
        await settle(pilot)
        prompt = app.screen
        prompt.query_one("#field-korean").value = ""
        prompt.query_one("#field-chinese").value = ""
        prompt.query_one("#field-korean").focus()
        await pilot.press(*"판위구", "enter", *"番禺区", "enter", *"place", "enter")
        await settle(pilot)
        assert app.screen is screen
        assert terms(db, "番禺区") == {"판위구": "preferred"}
        with Glossary.open(db) as g:
            assert g.entry("番禺区").kind == "place"
        await pilot.press("u")
        await settle(pilot)
        assert terms(db, "番禺区") == {}

    await draft_app(db, draft, scenario)


def slow_linter_at_line_5(screen, seconds: float) -> int:
    """Put the cursor at line 5 of the draft and make each lint take ``seconds`` longer; returns
    how many times 상주 is flagged deprecated before any typing."""
    before = rules(screen).count(("kozh/deprecated", "상주"))
    editor = screen.query_one("#draft")
    editor.focus()
    editor.move_cursor((4, 0))
    lint = screen.linter.lint

    def slow_lint(text, generation):
        time.sleep(seconds)
        return lint(text, generation)

    screen.linter.lint = slow_lint
    return before


async def until_fresh(pilot, screen) -> None:
    """Wait for the findings to match the text (allowing a loaded machine ten seconds)."""
    for _ in range(100):
        await pilot.pause(0.1)
        await settle(pilot)
        if screen.fresh:
            break
    assert screen.fresh


@run
async def test_draft_edit_relints_after_a_pause(db, draft):
    async def scenario(app, pilot):
        screen = app.screen
        before = slow_linter_at_line_5(screen, 1.0)  # a lint slower than typing: keys must not wait for it
        await pilot.press(*"상주(常州) ")
        assert not screen.fresh  # typing never waits for the lint (which takes a second here)
        assert screen.query_one("#draft").text.count("상주(常州) ") == 1
        await until_fresh(pilot, screen)  # the re-lint runs after the pause, in a worker
        assert rules(screen).count(("kozh/deprecated", "상주")) == before + 1

    await draft_app(db, draft, scenario)


@run
async def test_a_lint_overtaken_by_more_typing_is_dropped(db, draft):
    async def scenario(app, pilot):
        screen = app.screen
        before = slow_linter_at_line_5(screen, 1.5)  # still running when the next lint replaces it
        await pilot.press(*"상주")
        await pilot.pause(RELINT_DELAY_S + 0.2)  # a lint of "상주" starts…
        await pilot.press(*"(常州) ")  # …and more typing overtakes it
        await until_fresh(pilot, screen)
        assert screen.result.generation == screen.generation
        assert rules(screen).count(("kozh/deprecated", "상주")) == before + 1

    await draft_app(db, draft, scenario)


@run
async def test_draft_save_refuses_a_file_changed_on_disk(db, draft):
    async def scenario(app, pilot):
        screen = app.screen
        draft.write_text("changed elsewhere\n", encoding="utf-8")
        screen.query_one("#findings").highlighted = 0
        await pilot.press("a", "ctrl+s")
        await settle(pilot)
        assert any(n.severity == "error" for n in app._notifications)

    await draft_app(db, draft, scenario)
    assert draft.read_text(encoding="utf-8") == "changed elsewhere\n"


@run
async def test_word_draft_reads_as_the_cli_reads_it_and_save_is_refused(db, tmp_path):
    from docx import Document as WordDocument

    from glossary.lint.engine import lint_document
    from glossary.lint.index import GlossaryIndex
    from glossary.sources.document import read_document

    word = WordDocument()
    # backquotes mean nothing in Word: read as Markdown, the name would be a skipped code span
    word.add_paragraph("상주(常州)에서 `조우마오화(周茂华)` 수석이 말했다.")
    path = tmp_path / "draft.docx"
    word.save(path)
    before = path.read_bytes()
    with Glossary.open(db) as g:
        expected = sorted((f.line, f.column, f.rule) for f in lint_document(read_document(path), GlossaryIndex.for_glossary(g)))

    async def scenario(app, pilot):
        screen = app.screen
        await until_fresh(pilot, screen)
        assert sorted((f.line, f.column, f.rule) for f in screen.findings) == expected
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert any("a Word draft is not rewritten in place" in n.message for n in app._notifications)

    await draft_app(db, path, scenario)
    assert path.read_bytes() == before


@run
async def test_unreadable_draft_is_a_notification(db, tmp_path):
    app = KozhApp(db, tmp_path / "missing.md")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.current_mode == "glossary"
        assert any("no such file" in n.message for n in app._notifications)


# -- review queue -----------------------------------------------------------------------------


def candidate_texts(screen) -> list[str]:
    return [c.term.text for c in screen.candidates]


@run
async def test_review_queue_approve_reject_merge_undo(db):
    app = KozhApp(db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f4")
        await settle(pilot)
        screen = app.screen
        assert sorted(candidate_texts(screen)) == ["웨강아오", "위에강아오", "판위"]
        first = screen.current
        assert first.term.text == "판위"  # most often seen first
        detail = plain(screen.query_one("#review-detail").content)
        assert "판위구(番禺区)" in detail and "verdict: standard" in detail
        await pilot.press("p")
        await settle(pilot)
        assert terms(db, "番禺") == {"판위": "preferred"}
        assert "판위" not in candidate_texts(screen)
        assert screen.current.term.text == "웨강아오"  # moved on to the next
        await pilot.press("u")
        await settle(pilot)
        assert terms(db, "番禺") == {"판위": "candidate"}
        await pilot.press("a")
        await settle(pilot)
        assert terms(db, "番禺") == {"판위": "admitted"}
        await pilot.press("r")  # 웨강아오
        await settle(pilot)
        assert terms(db, "粤港澳") == {"웨강아오": "deprecated"}
        assert candidate_texts(screen) == ["위에강아오"]
        await pilot.press("m")
        await settle(pilot)
        await pilot.press(*"粤港澳", "enter")
        await settle(pilot)
        with Glossary.open(db) as g:
            assert g.entry("粤港澳大湾区") is None
        assert terms(db, "粤港澳") == {"웨강아오": "deprecated", "위에강아오": "candidate"}
        assert candidate_texts(screen) == ["위에강아오"]


def changchun_glossary(path: Path, korean: str) -> Path:
    with Glossary.open(path) as g:
        cand, _ = g.add_term(korean, "长春", status="candidate", kind="place")
        g.record_sighting(cand.id, path="issue-320.md", line=8, column=1, context=f"{korean}(长春) 제일자동차")
    return path


async def review_detail(path: Path) -> str:
    app = KozhApp(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f4")
        await settle(pilot)
        screen = app.screen
        assert candidate_texts(screen) == [screen.current.term.text]
        return plain(screen.query_one("#review-detail").content)


@run
async def test_review_queue_shows_the_base_form_when_the_candidate_differs(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # no kozh.toml from the surroundings
    detail = await review_detail(changchun_glossary(tmp_path / "jangchun.db", "장춘"))
    assert "base: 창춘" in detail
    detail = await review_detail(changchun_glossary(tmp_path / "changchun.db", "창춘"))
    assert "base:" not in detail and "verdict:" in detail


@run
async def test_review_queue_base_form_follows_kozh_toml(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "kozh.toml").write_text("base = false\n", encoding="utf-8")
    detail = await review_detail(changchun_glossary(tmp_path / "jangchun.db", "장춘"))
    assert "base:" not in detail


@run
async def test_help_palette_theme_and_modes(db):
    app = KozhApp(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f1")
        await settle(pilot)
        assert app.screen.__class__.__name__ == "HelpScreen"
        await pilot.press("escape")
        assert app.screen.__class__.__name__ == "GlossaryScreen"
        theme = app.theme
        await pilot.press("f9")
        assert app.theme != theme
        await pilot.press("f2")  # no draft: a notification, not a crash
        await settle(pilot)
        assert app.current_mode == "glossary"
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*"Lookup")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(pilot)
        assert app.current_mode == "lookup"


@run
async def test_locked_glossary_is_a_notification(db):
    import sqlite3

    app = KozhApp(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)

        def locked(*args, **kwargs):
            raise sqlite3.OperationalError("database is locked")

        app.service.undo = locked
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert any("locked" in n.message for n in app._notifications)
        assert app.is_running


@run
async def test_usable_at_80_by_24(db, draft):
    app = KozhApp(db, draft)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        for key in ("f3", "f4", "f5", "f2"):
            await pilot.press(key)
            await settle(pilot)
            footer_region = app.screen.query_one("Footer").region
            assert footer_region.y == 23

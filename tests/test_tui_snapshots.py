"""SVG snapshots of every screen at 100×30 (update with ``pytest --snapshot-update``)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

pytest.importorskip("pytest_textual_snapshot")

sys.path.insert(0, str(Path(__file__).parent))

from tui_helpers import DRAFT, SIZE, build_glossary, settle  # noqa: E402

from tui.app import LIGHT, KozhApp  # noqa: E402


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return build_glossary(tmp_path / "glossary.db")


@pytest.fixture
def draft(tmp_path: Path) -> Path:
    path = tmp_path / "draft.md"
    path.write_text(DRAFT, encoding="utf-8")
    return path


def test_glossary_screen(snap_compare, db):
    assert snap_compare(KozhApp(db), terminal_size=SIZE, run_before=settle)


def test_glossary_screen_light(snap_compare, db):
    assert snap_compare(KozhApp(db, theme=LIGHT), terminal_size=SIZE, run_before=settle)


def test_entry_editor(snap_compare, db):
    async def open_editor(pilot):
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)

    assert snap_compare(KozhApp(db), terminal_size=SIZE, run_before=open_editor)


def test_draft_review(snap_compare, db, draft):
    async def select_first(pilot):
        await settle(pilot)
        pilot.app.screen.query_one("#draft").cursor_blink = False
        pilot.app.screen.query_one("#findings").highlighted = 0
        await settle(pilot)

    assert snap_compare(KozhApp(db, draft), terminal_size=SIZE, run_before=select_first)


def test_review_queue(snap_compare, db):
    async def open_queue(pilot):
        await pilot.press("f4")
        await settle(pilot)

    assert snap_compare(KozhApp(db), terminal_size=SIZE, run_before=open_queue)


def test_lookup(snap_compare, db):
    async def look_up(pilot):
        await pilot.press("f5")
        await settle(pilot)
        await pilot.press(*"杭州")
        await settle(pilot)
        pilot.app.screen.query_one("#lookup-input").cursor_blink = False

    assert snap_compare(KozhApp(db), terminal_size=SIZE, run_before=look_up)


def test_help(snap_compare, db):
    async def open_help(pilot):
        await settle(pilot)
        await pilot.press("f1")
        await settle(pilot)

    assert snap_compare(KozhApp(db), terminal_size=SIZE, run_before=open_help)

"""The translator's terminal UI, driven through ``App.run_test`` and its Pilot."""

from __future__ import annotations

import asyncio
import functools
from pathlib import Path

import pytest

pytest.importorskip("textual")

from glossary.store import Glossary  # noqa: E402
from tui.app import KozhApp  # noqa: E402

SIZE = (100, 30)

DRAFT = """\
# 주간 뉴스

상주(常州)는 새롭게 부상하는 혁신 도시다.
장원타오 원장은 광저우에서 판위구 정책을 소개했다.
"""


def build_glossary(path: Path) -> Path:
    """A small fixed glossary: statuses of every kind, sightings with context, candidates."""
    with Glossary.open(path) as g:
        g.add_term("창저우", "常州", status="preferred", kind="place")
        old, _ = g.add_term("상주", "常州", status="deprecated")
        g.record_sighting(old.id, path="issue-317.md", line=12, column=5, context="혁신 도시 상주(常州)의 부상")
        g.add_term("광저우", "广州", status="preferred", kind="place")
        g.add_term("장원타오", "张文涛", status="preferred", kind="person")
        g.add_term("CALB", "中创新航", status="preferred", kind="company")
        g.add_term("중창신항", "中创新航", status="admitted")
        cand, _ = g.add_term("판위", "番禺", status="candidate", kind="place")
        g.record_sighting(cand.id, path="issue-318.md", line=40, column=7, context="광저우시 판위구(番禺区)와 GAC")
        g.record_sighting(cand.id, path="issue-318.md", line=52, column=3, context="판위구 자동차산업 발전")
        cand2, _ = g.add_term("웨강아오", "粤港澳", status="candidate", kind="place")
        g.record_sighting(cand2.id, path="issue-318.md", line=30, column=1, context="웨강아오대만구(粤港澳大湾区)")
        g.add_term("위에강아오", "粤港澳大湾区", status="candidate", kind="place")
    return path


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


async def settle(pilot, rounds: int = 3) -> None:
    """Let worker threads finish and their messages be handled."""
    for _ in range(rounds):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


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

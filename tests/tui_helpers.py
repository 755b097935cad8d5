"""Helpers shared by the Textual app's tests."""

from __future__ import annotations

from pathlib import Path

from textual.worker import WorkerCancelled, WorkerState

from glossary.store import Glossary

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


async def settle(pilot, rounds: int = 3) -> None:
    """Let worker threads finish and their messages be handled.

    A worker replaced by a newer one of its exclusive group (typing while a lint runs) ends
    cancelled, and one not started yet cannot be waited for: neither is a failure, so only the
    others are waited for (a worker that raised still fails the test).
    """
    for _ in range(rounds):
        started = [w for w in pilot.app.workers if w.state not in (WorkerState.PENDING, WorkerState.CANCELLED)]
        if started:
            try:
                await pilot.app.workers.wait_for_complete(started)
            except WorkerCancelled:
                pass
        await pilot.pause()

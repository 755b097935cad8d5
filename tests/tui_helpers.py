"""Helpers shared by the Textual app's tests."""

from __future__ import annotations

from textual.worker import WorkerCancelled, WorkerState


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

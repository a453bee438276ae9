"""The history's hours view: taps by weekday and hour, the best block in words, the week's notes."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from textual.widgets import Static

from goaltui.store.goalsfile import starter_text, write_new
from goaltui.store.taplog import TapLog
from synthetic import SALES_DAY, generate_history
from tests.factories import Clock, wait_until


@pytest.fixture
def hours_app(data_dir: Path, clock: Clock, new_app):
    """Ten weeks of a salesperson's days, and a lead from this morning with a note added to it."""
    write_new(data_dir / "goals.toml", starter_text(date(2026, 9, 14)))
    generate_history(data_dir, start=date(2026, 9, 14), end=date(2026, 11, 24), seed=4, shape=SALES_DAY)
    log = TapLog(data_dir, device="laptop")
    lead = log.append("leads", now=clock.now)
    log.add_note(lead, "Anna, Acme, LinkedIn", now=clock.now + timedelta(seconds=4))
    clock.now = clock.now.replace(hour=11, minute=15)
    return new_app(poll_interval=0)


async def test_w_shows_the_best_hours_and_the_notes(hours_app) -> None:
    async with hours_app.run_test(size=(80, 24)) as pilot:
        await pilot.press("h", "w")
        assert await wait_until(pilot, lambda: "come most often" in str(hours_app.screen.query_one("#hours").render()))
        text = str(hours_app.screen.query_one("#hours", Static).render())
        assert "Your leads come most often between 10 and 12 on " in text
        assert "Anna, Acme, LinkedIn" in text
        await pilot.press("w")
        await pilot.pause()
        assert not hours_app.screen.query_one("#hours").display
        assert hours_app.screen.query_one("#heatmap").display


def test_hours_view_snapshot(snap_compare, hours_app) -> None:
    async def hours(pilot) -> None:
        await pilot.press("h", "w")
        await wait_until(pilot, lambda: "come most often" in str(pilot.app.screen.query_one("#hours").render()))
        await pilot.pause()

    assert snap_compare(hours_app, terminal_size=(80, 24), run_before=hours)

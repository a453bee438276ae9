"""SVG snapshots of the daily, goals and review screens in Swedish, at 80 x 24: the words must fit where English did."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from goaltui import lang
from goaltui.store.goalsfile import starter_text, write_new
from synthetic import generate_history
from tests.factories import Clock, settle


@pytest.fixture
def swedish_app(data_dir: Path, clock: Clock, new_app):
    """Eight weeks of history and a morning's taps, a user who speaks Swedish and started with Swedish seeds."""
    lang.use("sv", "sv_SE")
    write_new(data_dir / "goals.toml", starter_text(date(2026, 9, 28)) + '[metrics.revenue]\nkey = "v"\nunit = "kr"\n')
    generate_history(data_dir, start=date(2026, 9, 28), end=date(2026, 11, 24), seed=3)
    clock.now = clock.now.replace(hour=11, minute=15)
    return new_app(poll_interval=0)


async def _taps(pilot) -> None:
    await pilot.press(*"p" * 14, "l", "l", "l")
    await settle(pilot)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_daily_screen_in_swedish(snap_compare, swedish_app, size: tuple[int, int]) -> None:
    assert snap_compare(swedish_app, terminal_size=size, run_before=_taps)


def test_goals_screen_in_swedish(snap_compare, swedish_app) -> None:
    async def goals(pilot) -> None:
        await pilot.press("g")
        await settle(pilot)

    assert snap_compare(swedish_app, terminal_size=(80, 24), run_before=goals)


def test_review_screen_in_swedish(snap_compare, swedish_app) -> None:
    async def review(pilot) -> None:
        await pilot.press("r")
        await pilot.app.workers.wait_for_complete()
        await settle(pilot)

    assert snap_compare(swedish_app, terminal_size=(80, 24), run_before=review)

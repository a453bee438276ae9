"""SVG snapshots of the review and history screens: generated history, a fixed clock, 80x24."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from goaltui.store.goalsfile import starter_text, write_new
from synthetic import generate_history
from tests.factories import Clock

from .test_review import ONE_OFF


@pytest.fixture
def history_app(data_dir: Path, clock: Clock, new_app):
    """Four weeks of history before Wed 25 Nov 2026 (the clock's day)."""
    write_new(data_dir / "goals.toml", starter_text(date(2026, 10, 26)) + ONE_OFF)
    generate_history(data_dir, start=date(2026, 10, 26), end=date(2026, 11, 24), seed=3)
    return new_app(poll_interval=0)


@pytest.fixture
def year_app(data_dir: Path, clock: Clock, new_app):
    """A year and a half of history: the heatmap full."""
    write_new(data_dir / "goals.toml", starter_text(date(2025, 6, 2)))
    generate_history(data_dir, start=date(2025, 6, 2), end=date(2026, 11, 24), seed=5)
    return new_app(poll_interval=0)


def test_review_screen(snap_compare, history_app) -> None:
    assert snap_compare(history_app, terminal_size=(80, 24), press=["r"])


def test_review_lowering_waits(snap_compare, history_app) -> None:
    async def lower(pilot) -> None:
        await pilot.press("r", "down", "minus")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        pilot.app.clear_notifications()
        await pilot.pause()

    assert snap_compare(history_app, terminal_size=(80, 24), run_before=lower)


def test_history_screen(snap_compare, year_app) -> None:
    assert snap_compare(year_app, terminal_size=(80, 24), press=["h"])

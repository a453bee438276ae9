"""SVG snapshots of the daily screen: a fixed clock, generated history, two sizes."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from goaltui.store.goalsfile import starter_text, write_new
from synthetic import generate_history
from tests.factories import Clock, settle


@pytest.fixture
def busy_app(data_dir: Path, clock: Clock, new_app):
    """Eight weeks of history, then a morning's taps."""
    write_new(data_dir / "goals.toml", starter_text(date(2026, 9, 28)))
    generate_history(data_dir, start=date(2026, 9, 28), end=date(2026, 11, 24), seed=3)
    clock.now = clock.now.replace(hour=11, minute=15)
    return new_app(poll_interval=0)


@pytest.mark.parametrize("size", [(80, 24), (160, 48)], ids=["80x24", "160x48"])
def test_daily_screen(snap_compare, busy_app, size: tuple[int, int]) -> None:
    async def tap(pilot) -> None:
        await pilot.press(*"p" * 14, "l", "l", "l")
        for _ in range(50):
            await settle(pilot)
            if pilot.app.disk.idle:
                break

    assert snap_compare(busy_app, terminal_size=size, run_before=tap)


def test_backfilling_a_day(snap_compare, busy_app) -> None:
    assert snap_compare(busy_app, terminal_size=(100, 30), press=["left", "left"])


def test_a_note_for_the_tap_just_made(snap_compare, busy_app) -> None:
    """l counts a lead; enter opens a one-line note for it over the daily screen."""

    async def note(pilot) -> None:
        await pilot.press("l")
        await settle(pilot)
        await pilot.press("enter", *"Anna, Acme, LinkedIn")
        await pilot.pause()

    assert snap_compare(busy_app, terminal_size=(80, 24), run_before=note)

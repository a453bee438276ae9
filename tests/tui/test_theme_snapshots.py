"""The daily screen at 80x24 in every shipped theme, and with NO_COLOR: nothing clipped, every theme readable."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from goaltui.store.goalsfile import starter_text, write_new
from goaltui.store.themes import load_catalog, shipped_dir
from synthetic import generate_history
from tests.factories import Clock, settle

SHIPPED = sorted(p.stem for p in shipped_dir().glob("*.toml"))


@pytest.fixture
def history(data_dir: Path, clock: Clock) -> None:
    """Eight weeks of history and a late morning, as in the daily screen's own snapshots."""
    write_new(data_dir / "goals.toml", starter_text(date(2026, 9, 28)))
    generate_history(data_dir, start=date(2026, 9, 28), end=date(2026, 11, 24), seed=3)
    clock.now = clock.now.replace(hour=11, minute=15)


async def _tap(pilot) -> None:
    """A morning's taps, every one saved before the picture is taken."""
    await pilot.press(*"p" * 14, "l", "l", "l")
    await settle(pilot)


def test_every_shipped_theme_is_snapshotted() -> None:
    assert set(SHIPPED) == set(load_catalog().names) >= {"goaltui-dark", "goaltui-light", "goaltui-high-contrast"}


@pytest.mark.parametrize("theme", SHIPPED)
def test_daily_screen_in_theme(snap_compare, history, new_app, theme: str) -> None:
    app = new_app(theme=theme, poll_interval=0)
    assert app.theme == theme
    assert snap_compare(app, terminal_size=(80, 24), run_before=_tap)


def test_daily_screen_without_colour(snap_compare, history, new_app, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = new_app(poll_interval=0)
    assert app.no_color
    assert snap_compare(app, terminal_size=(80, 24), run_before=_tap)


@pytest.mark.parametrize("theme", SHIPPED)
@pytest.mark.parametrize("key", ["g", "r"], ids=["goals", "review"])
def test_goals_and_review_screens_in_theme(snap_compare, history, new_app, theme: str, key: str) -> None:
    app = new_app(theme=theme, poll_interval=0)

    async def open_screen(pilot) -> None:
        await pilot.press(key)
        await settle(pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=open_screen)

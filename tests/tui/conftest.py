"""Helpers for UI tests: a clock the test controls, and an app on a temp data dir."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from goaltui.store.goalsfile import starter_text, write_new
from goaltui.tui.app import GoalApp, make_app

TZ = timezone(timedelta(hours=1))
START = datetime(2026, 11, 25, 9, 0, tzinfo=TZ)  # a Wednesday


class Clock:
    """A clock the test moves by hand."""

    def __init__(self, now: datetime = START) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def new_app(data_dir: Path, clock: Clock):
    """Build an app on the test's data dir (starter goals unless goals.toml exists)."""

    def build(**kwargs: object) -> GoalApp:
        path = data_dir / "goals.toml"
        if not path.exists():
            write_new(path, starter_text(clock().date() - timedelta(days=2)))
        kwargs.setdefault("poll_interval", 0.05)
        return make_app(data_dir, clock=clock, device="test-device", **kwargs)  # type: ignore[arg-type]

    return build


def tap_lines(data_dir: Path) -> list[str]:
    return [line for p in sorted((data_dir / "taps").rglob("*.toml")) for line in p.read_text().splitlines()]

"""The app writes the prompt's status line at most once a second, and the last figures always reach it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

import goaltui.store.statusline as statusline
from goaltui.store.statusline import LineWrites, line_path
from goaltui.tui.app import GoalApp
from tests.factories import wait_until


class Seconds:
    """A monotonic clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_a_write_waits_for_the_second_since_the_last_one() -> None:
    seconds = Seconds()
    writes = LineWrites(every=1.0, clock=seconds)
    assert writes.ask() == 0  # the first: at once
    writes.done()
    seconds.now += 0.25
    assert writes.ask() == 0.75
    seconds.now += 0.75
    assert writes.ask() == 0
    writes.done()
    seconds.now += 5
    assert writes.ask() == 0


@pytest.fixture
def written(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every status line the app wrote, in order."""
    lines: list[str] = []
    real = statusline.write_line

    def recording(data: Path, line: str, *args: object, **kwargs: object) -> bool:
        lines.append(line)
        return real(data, line, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(statusline, "write_line", recording)
    return lines


async def test_taps_within_a_second_are_written_once_the_second_is_up(
    new_app: Callable[..., GoalApp], data_dir: Path, written: list[str]
) -> None:
    app = new_app(poll_interval=0)
    app.disk.line_writes = LineWrites(every=1.0, clock=Seconds())  # time stands still: only the timer moves on
    path = line_path(data_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("p")
        assert await wait_until(pilot, lambda: path.exists() and path.read_text().startswith("p 1/30"))
        await pilot.press("p", "p", "p")
        assert await wait_until(pilot, lambda: app.disk.idle and app.tracker.counts.on(app.today) == {"prospects": 4})
        assert len(written) == 1 and path.read_text().startswith("p 1/30")  # saved and shown; the line waits
        assert await wait_until(pilot, lambda: path.read_text().startswith("p 4/30"))
    assert [line[:6] for line in written] == ["p 1/30", "p 4/30"]


async def test_a_line_still_waiting_when_the_app_ends_is_written(
    new_app: Callable[..., GoalApp], data_dir: Path, written: list[str]
) -> None:
    app = new_app(poll_interval=0)
    app.disk.line_writes = LineWrites(every=3600.0, clock=Seconds())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("p", "p")
        assert await wait_until(pilot, lambda: app.disk.idle and app.tracker.counts.on(app.today) == {"prospects": 2})
    assert line_path(data_dir).read_text().startswith("p 2/30")
    assert len(written) <= 2

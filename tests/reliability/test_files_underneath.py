"""goals.toml replaced, deleted or unreadable while the app runs: a clear message, nothing lost."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest

from goaltui.store import goalsfile
from goaltui.tui.widgets.counter import MetricCounter
from tests.factories import Told, wait_until


async def test_goals_file_replaced_deleted_and_unreadable_while_running(
    new_app,
    data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    app = new_app()
    path = data_dir / "goals.toml"
    told = Told()
    async with app.run_test(size=(120, 40), message_hook=told) as pilot:
        # replaced, as editors and sync tools do: a new file renamed over the old one
        new = data_dir / "goals.toml.new"
        new.write_text(path.read_text().replace("target = 5\n", "target = 7\n"))
        os.replace(new, path)
        assert await wait_until(pilot, lambda: app.tracker.plan.goals["daily-leads"].target == 7)

        # deleted: the last good goals stay, the user is told, taps still count
        path.unlink()
        assert await wait_until(pilot, lambda: "not found" in told.text)
        await pilot.press("p")
        assert await wait_until(pilot, lambda: app.screen.query_one("#counter-prospects", MetricCounter).value == "1")
        assert app.tracker.plan.goals["daily-leads"].target == 7

        # unreadable (simulated: the suite may run as root)
        goalsfile.write_new(path, goalsfile.starter_text(date(2026, 11, 23)))
        assert await wait_until(pilot, lambda: app.tracker.plan.goals["daily-leads"].target == 5)

        def denied(path: Path, own: bool) -> tuple[bytes, os.stat_result]:
            raise PermissionError(13, "Permission denied", str(path))

        monkeypatch.setattr(goalsfile, "_read", denied)
        os.utime(path, ns=(1, 1))  # a new stamp makes the app look again
        assert await wait_until(pilot, lambda: "cannot be read" in told.text)
        await pilot.press("p")
        assert await wait_until(pilot, lambda: app.screen.query_one("#counter-prospects", MetricCounter).value == "2")
    taps = [line for p in (data_dir / "taps").rglob("*.toml") for line in p.read_text().splitlines()]
    assert len(taps) == 2

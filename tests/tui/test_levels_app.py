"""A level in the app: its key asks what it stands at, the reading shows once saved, undo takes it back."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from textual.widgets import Input, Label

from goaltui.store.taplog import TapLog
from goaltui.tui.widgets.gauge import PacePanel
from tests.factories import Clock, settle, tap_lines, wait_until
from tests.tui.test_daily import shown

GOALS = """\
[metrics.prospects]
key = "p"
funnel = 1
[metrics.downline]
key = "d"
kind = "level"
[goals.team]
title = "A downline of 200 by the end of next year"
metric = "downline"
target = 200
start = 2026-11-23
deadline = 2027-12-31
"""


async def test_the_key_of_a_level_asks_its_value_and_undo_takes_the_reading_back(new_app, data_dir: Path) -> None:
    (data_dir / "goals.toml").write_text(GOALS)
    app = new_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.focused, Input)
        assert "What does downline stand at today?" in str(app.screen.query_one(Label).render())
        await pilot.press(*"57", "enter")
        await settle(pilot)
        assert shown(app, "downline") == "57"
        await pilot.press("d", *"63", "enter")
        await settle(pilot)
        assert shown(app, "downline") == "63"  # the latest reading, never 57 + 63
        assert "63/200" in app.screen.query_one(PacePanel).gauge_text("team")
        await pilot.press("D")  # shift asks too: a level has nothing to take back but its readings
        await pilot.pause()
        await pilot.press("escape", "u")
        await settle(pilot)
        assert shown(app, "downline") == "57"
    lines = tap_lines(data_dir)
    assert len(lines) == 3
    assert lines[0].endswith('{ metric = "downline", n = 0, level = 57 }')
    assert lines[2].endswith(f'{{ metric = "downline", n = 0, undo = "{lines[1][1:30]}" }}')


async def test_two_devices_reading_at_once_is_shown(new_app, data_dir: Path, clock: Clock) -> None:
    (data_dir / "goals.toml").write_text(GOALS)
    app = new_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("d", *"57", "enter")
        await settle(pilot)
        TapLog(data_dir, device="phone").append("downline", 0, now=clock() + timedelta(seconds=20), level=58)
        banner = app.screen.query_one("#goals-banner", Label)
        assert await wait_until(pilot, lambda: "two devices read it" in str(banner.render()))
        assert banner.has_class("-shown")
        text = str(banner.render())
        assert "57 (test-device)" in text and "58 (phone)" in text and "the later, 58, counts" in text
        assert shown(app, "downline") == "58"


async def test_digits_before_a_levels_key_record_that_value_at_once(new_app, data_dir: Path) -> None:
    (data_dir / "goals.toml").write_text(GOALS)
    app = new_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press(*"57", "d")
        await settle(pilot)
        assert not isinstance(app.focused, Input)  # nothing asked: the value was typed before the key
        assert shown(app, "downline") == "57"
        await pilot.press(*"6", "D")  # shift takes nothing back by a count: it asks, as the key alone does
        await pilot.pause()
        assert isinstance(app.focused, Input)
        await pilot.press("escape")
    lines = tap_lines(data_dir)
    assert len(lines) == 1 and lines[0].endswith('{ metric = "downline", n = 0, level = 57 }')

"""Quitting while taps wait for a full disk: asked first, and a forced end keeps them for the next start."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Label, Static

from goaltui.store.spill import Kept, keep, spill_path, waiting
from goaltui.store.tap import Tap
from goaltui.tui.app import GoalApp
from goaltui.tui.screens.daily import DailyScreen
from goaltui.tui.screens.quit import QuitScreen
from tests.factories import Clock, tap_lines, wait_until


def ended(app: GoalApp) -> bool:
    return app._exit  # set by App.exit(), however it is asked for


async def asked_to_quit(pilot, app: GoalApp, quit_key: str = "q") -> None:
    """One tap the full disk refuses, then the quit key: the question is on screen."""
    await pilot.press("p")
    assert await wait_until(pilot, lambda: "1 tap waiting" in app.disk.save_error)
    await pilot.press(quit_key)
    assert await wait_until(pilot, lambda: isinstance(app.screen, QuitScreen))


def title(app: GoalApp) -> str:
    return str(app.screen.query_one("#quit-title", Label).render())


async def test_quit_asks_while_taps_wait_and_quit_anyway_keeps_them_for_the_next_start(
    new_app, data_dir: Path, clock: Clock, full_tap_log: dict[str, bool]
) -> None:
    app = new_app()
    full_tap_log["on"] = True
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("p", "p", "l")
        assert await wait_until(pilot, lambda: "3 taps waiting" in app.disk.save_error)
        await pilot.press("q")
        assert await wait_until(pilot, lambda: isinstance(app.screen, QuitScreen))
        assert title(app) == "3 taps not saved yet"
        assert "No space left on device" in str(app.screen.query_one("#quit-why", Static).render())
        choices = str(app.screen.query_one("#quit-choices", Static).render())
        assert "quit anyway" in choices and str(spill_path(data_dir)) in choices
        await pilot.press("escape")  # back: counting goes on
        assert await wait_until(pilot, lambda: isinstance(app.screen, DailyScreen))
        assert not ended(app)
        await pilot.press("c", "q")
        assert await wait_until(pilot, lambda: isinstance(app.screen, QuitScreen) and title(app).startswith("4 "))
        await pilot.press("q")  # quit anyway
        assert await wait_until(pilot, lambda: ended(app))
    assert app.return_code == 0
    assert tap_lines(data_dir) == []
    assert waiting(data_dir) == 4
    assert "4 taps not saved yet (No space left on device) are kept in" in app.disk.farewell

    full_tap_log["on"] = False
    clock.advance(hours=1)
    again = new_app()  # the next start writes them, with the times they were pressed
    assert waiting(data_dir) == 0 and not spill_path(data_dir).exists()
    assert len(tap_lines(data_dir)) == 4
    assert tap_lines(data_dir)[0].startswith('"2026-11-25T09:00:00.000+01:00" = { metric = "prospects" }')
    today = clock().date()
    assert again.tracker.counts.get(today, "prospects") == 2
    assert again.tracker.counts.get(today, "leads") == 1
    async with again.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert again.disk.pending == 0
    assert len(tap_lines(data_dir)) == 4  # once


async def test_quit_waits_for_the_taps_and_quits_once_they_are_saved(
    new_app, data_dir: Path, full_tap_log: dict[str, bool]
) -> None:
    app = new_app()
    app.disk.retry_interval = 0.05
    full_tap_log["on"] = True
    async with app.run_test(size=(120, 40)) as pilot:
        await asked_to_quit(pilot, app)
        assert not ended(app)
        full_tap_log["on"] = False
        assert await wait_until(pilot, lambda: ended(app))
    assert len(tap_lines(data_dir)) == 1
    assert not spill_path(data_dir).exists() and app.disk.farewell == ""


async def test_quit_with_nothing_waiting_quits_at_once(new_app, data_dir: Path) -> None:
    app = new_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("p")
        assert await wait_until(pilot, lambda: app.disk.idle)
        await pilot.press("q")
        assert await wait_until(pilot, lambda: ended(app))
    assert len(tap_lines(data_dir)) == 1 and not spill_path(data_dir).exists()


async def test_any_end_of_the_app_keeps_the_waiting_taps_and_their_notes(
    new_app, data_dir: Path, full_tap_log: dict[str, bool]
) -> None:
    app = new_app()
    full_tap_log["on"] = True
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("p", "enter", *"Ann", "enter", "l")
        assert await wait_until(pilot, lambda: "2 taps waiting" in app.disk.save_error)
        # no quit key: the app is simply ended (as by an error, or the browser tab closing)
    assert waiting(data_dir) == 2
    text = spill_path(data_dir).read_text()
    assert 'metric = "prospects", note = "Ann" }' in text and 'metric = "leads" }' in text


async def test_taps_kept_at_the_last_end_wait_again_while_the_disk_is_still_full(
    new_app, data_dir: Path, clock: Clock, full_tap_log: dict[str, bool]
) -> None:
    keep(data_dir, [Kept(Tap(clock(), "prospects")), Kept(Tap(clock(), "prospects"))])
    full_tap_log["on"] = True
    app = new_app()
    app.disk.retry_interval = 0.05
    async with app.run_test(size=(120, 40)) as pilot:
        assert await wait_until(pilot, lambda: "2 taps waiting" in app.disk.save_error)
        assert app.disk.pending == 2
        full_tap_log["on"] = False
        assert await wait_until(pilot, lambda: app.disk.pending == 0 and not app.disk.save_error)
        assert app.tracker.counts.get(clock().date(), "prospects") == 2
    assert len(tap_lines(data_dir)) == 2 and not spill_path(data_dir).exists()


async def test_when_even_the_spill_file_cannot_be_written_quit_anyway_says_so_and_nothing_is_hidden(
    new_app, data_dir: Path, full_disk: dict[str, bool]
) -> None:
    app = new_app()
    full_disk["on"] = True  # the whole disk: the state folder too
    async with app.run_test(size=(120, 40)) as pilot:
        await asked_to_quit(pilot, app)
        await pilot.press("q")
        error = app.screen.query_one("#quit-error", Label)
        assert await wait_until(pilot, lambda: "could not be kept" in str(error.render()))
        assert not ended(app) and app.disk.pending == 1
    assert app.disk.lost
    assert "could not be saved or kept" in app.disk.farewell and "prospects +1 at 2026-11-25 09:00" in app.disk.farewell


async def test_the_quit_key_says_what_it_does(new_app) -> None:
    app = new_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        rows = dict(app.screen.help_rows())
        assert rows["q"] == "Quit goaltui (while taps wait for the disk, it asks first)"
        assert not any("already saved" in words for words in rows.values())


async def test_ctrl_c_quits_as_the_quit_key_does(new_app, full_tap_log: dict[str, bool]) -> None:
    app = new_app()
    full_tap_log["on"] = True
    async with app.run_test(size=(120, 40)) as pilot:
        await asked_to_quit(pilot, app, "ctrl+c")
        await pilot.press("escape")
        full_tap_log["on"] = False
        assert await wait_until(pilot, lambda: app.disk.idle)
        await pilot.press("ctrl+c")
        assert await wait_until(pilot, lambda: ended(app))

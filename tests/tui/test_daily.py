"""The daily screen, driven by the keys a user presses; checked on screen and on disk."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from textual.geometry import Region
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Input, Label, Static

from goaltui.tui.app import GoalApp
from goaltui.tui.messages import DiskMessage
from goaltui.tui.widgets.counter import MetricCounter
from goaltui.tui.widgets.gauge import PacePanel
from tests.factories import Clock, Told, settle, tap_lines, wait_until

# Prospects, and revenue counted in amounts (key v).
WITH_REVENUE = '[metrics.prospects]\nkey = "p"\nfunnel = 1\n[metrics.revenue]\nkey = "v"\nunit = "EUR"\n'


def shown(app: GoalApp, metric: str) -> str:
    return app.screen.query_one(f"#counter-{metric}", MetricCounter).value


async def test_taps_count_subtract_and_undo(new_app, data_dir: Path) -> None:
    app = new_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press(*"ppppp", "l", "l")
        await settle(pilot)
        assert (shown(app, "prospects"), shown(app, "leads"), shown(app, "customers")) == ("5", "2", "0")
        await pilot.press("P")
        await settle(pilot)
        assert shown(app, "prospects") == "4"
        await pilot.press("l", "u")
        await settle(pilot)
        assert shown(app, "leads") == "2"
    lines = tap_lines(data_dir)
    assert len(lines) == 10
    assert lines[7].endswith('= { metric = "prospects", n = -1 }')
    assert 'metric = "leads", n = -1, note = "undo"' in lines[9]


async def test_counter_shows_quota_in_words(new_app) -> None:
    app = new_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press(*"p" * 12)
        await settle(pilot)
        counter = app.screen.query_one("#counter-prospects", MetricCounter)
        detail = counter.detail(counter.view)
        assert "18 more today" in detail and "target 30" in detail and "stretch 50" in detail
        text = app.screen.query_one(PacePanel).gauge_text("daily-prospects")
        assert "12/30" in text and "18 more today" in text
        assert "12/30" in app.screen.query_one(PacePanel).render().plain, "drawn on the screen too"


async def test_backfill_yesterday_and_refuse_the_future(new_app, data_dir: Path, clock: Clock) -> None:
    app = new_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("right")
        await pilot.pause()
        assert app.screen.day is None  # still today: the future is refused
        await pilot.press("left", "p", "p")
        await settle(pilot)
        assert shown(app, "prospects") == "2"
        await pilot.press("t")
        await settle(pilot)
        assert shown(app, "prospects") == "0"
        assert app.tracker.counts.get(date(2026, 11, 24), "prospects") == 2
    lines = tap_lines(data_dir)
    assert len(lines) == 2 and all("day = 2026-11-24" in line for line in lines)


async def test_an_amount_far_above_the_best_day_asks_first(new_app, data_dir: Path) -> None:
    (data_dir / "goals.toml").write_text(WITH_REVENUE)
    app = new_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("v", *"250", "enter", "enter")  # the first amount: no usual size yet
        await settle(pilot)
        assert shown(app, "revenue") == "250.00"
        await pilot.press("v", *"5000000", "enter", "enter")
        await pilot.pause()
        assert "over ten times a day: your best day so far is 250.00 EUR" in str(app.screen.query_one(Label).render())
        await pilot.press("escape")  # not sure: nothing counted
        await settle(pilot)
        assert shown(app, "revenue") == "250.00"
        await pilot.press("v", *"5000000", "enter", "enter", "y", "enter")
        await settle(pilot)
        assert shown(app, "revenue") == "5,000,250.00"
        await pilot.press("v", *"2000000000", "enter")
        await pilot.pause()
        assert "at most 1,000,000,000" in str(app.screen.query_one("#prompt-error").render())
    assert len(tap_lines(data_dir)) == 2


async def test_amount_prompt_for_metrics_with_a_unit(new_app, data_dir: Path) -> None:
    (data_dir / "goals.toml").write_text(WITH_REVENUE)
    app = new_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("v")
        await pilot.pause()
        assert isinstance(app.focused, Input)
        await pilot.press(*"abc", "enter")
        await pilot.pause()
        assert "number" in str(app.screen.query_one("#prompt-error").render())
        await pilot.press("backspace", "backspace", "backspace", *"250", "enter", *"Acme", "enter")
        await settle(pilot)
        assert shown(app, "revenue") == "250.00"
    assert tap_lines(data_dir)[0].endswith('= { metric = "revenue", n = 250, note = "Acme" }')


async def test_a_failing_write_keeps_the_tap_and_retries(new_app, data_dir: Path, full_disk: dict[str, bool]) -> None:
    app = new_app()
    app.disk.retry_interval = 0.05
    full_disk["on"] = True
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("p", "p")
        assert await wait_until(pilot, lambda: "2 taps waiting" in app.disk.save_error)
        assert "No space left on device" in app.disk.save_error
        assert shown(app, "prospects") == "0"  # the count shown is the count saved
        banner = app.screen.query_one("#save-error", Static)
        assert banner.display and "2 taps waiting" in str(banner.render())
        full_disk["on"] = False
        await settle(pilot)
        assert app.disk.save_error == ""
        assert shown(app, "prospects") == "2"
        assert not banner.display
        full_disk["on"] = True  # a second failure shows the same banner again
        await pilot.press("l")
        assert await wait_until(pilot, lambda: banner.display and "1 tap waiting" in str(banner.render()))
        full_disk["on"] = False
        await settle(pilot)
    assert len(tap_lines(data_dir)) == 3


@pytest.fixture
def disk_ready(monkeypatch: pytest.MonkeyPatch) -> Iterator[threading.Event]:
    """Every fsync waits until the returned event is set; it starts set. Clear it for a slow disk."""
    real_fsync = os.fsync
    ready = threading.Event()
    ready.set()

    def fsync(fd: int) -> None:
        ready.wait()
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    yield ready
    ready.set()  # never leave a writer waiting


def day_bar(app: GoalApp) -> str:
    return str(app.screen.query_one("#day-bar", Label).render())


async def test_taps_a_slow_disk_holds_say_how_many_wait(new_app, data_dir: Path, disk_ready: threading.Event) -> None:
    app = new_app()
    app.disk.slow_save = 0.05
    async with app.run_test(size=(120, 40)) as pilot:
        disk_ready.clear()
        await pilot.press("p", "p")
        assert await wait_until(pilot, lambda: "2 saving…" in day_bar(app))
        assert shown(app, "prospects") == "0"  # the count shown is the count saved
        disk_ready.set()
        await settle(pilot)
        assert shown(app, "prospects") == "2"
        assert "saving" not in day_bar(app)
    assert len(tap_lines(data_dir)) == 2


async def test_a_tap_saved_at_once_shows_only_its_count(new_app, monkeypatch: pytest.MonkeyPatch) -> None:
    """No "saving…" comes and goes with each tap: it shows only for taps that wait (here, a minute)."""
    app = new_app()
    app.disk.slow_save = 60.0
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        words: list[str] = []
        bar = app.screen.query_one("#day-bar", Label)
        real_update = bar.update

        def update(content: str = "", *, layout: bool = True) -> None:
            words.append(str(content))
            real_update(content, layout=layout)

        monkeypatch.setattr(bar, "update", update)
        await pilot.press(*"ppl")
        await settle(pilot)
        assert (shown(app, "prospects"), shown(app, "leads")) == ("2", "1")
    assert not any("saving" in w for w in words)


async def test_a_tap_repaints_only_what_it_changed(new_app, monkeypatch: pytest.MonkeyPatch) -> None:
    """A tap of p changes its counter, the pace panel and this week's figures; the rest stays as drawn, unmeasured."""
    app = new_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("p")
        await settle(pilot)
        asked: list[tuple[str, bool]] = []
        real_refresh = Widget.refresh

        def refresh(self: Widget, *regions: Region, repaint: bool = True, layout: bool = False, **kw: bool) -> Widget:
            asked.append((self.id or type(self).__name__, layout))
            return real_refresh(self, *regions, repaint=repaint, layout=layout, **kw)

        monkeypatch.setattr(Widget, "refresh", refresh)
        await pilot.press("p")
        await settle(pilot)
        monkeypatch.undo()
        assert shown(app, "prospects") == "2"
    repainted = {who for who, _ in asked}
    assert {"counter-prospects", "pace", "history"} <= repainted
    assert not repainted & {"counter-leads", "counter-customers", "day-bar"}, "unchanged: not painted again"
    # With this few taps the funnel's rates move with each prospect; its text wraps, so it alone may need a layout.
    assert {who for who, layout in asked if layout} <= {"funnel"}


async def test_what_the_disk_tells_goes_to_the_screens_only(new_app, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each screen is told once; the messages do not bubble on to the app (one copy a screen on the stack)."""
    app = new_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        at_app: list[object] = []
        real_post = app.post_message

        def post(message: Message) -> bool:
            at_app.append(message)
            return real_post(message)

        monkeypatch.setattr(app, "post_message", post)
        await pilot.press("p")
        await settle(pilot)
        assert shown(app, "prospects") == "1"
    assert at_app and not any(isinstance(m, DiskMessage) for m in at_app)


async def test_taps_from_another_process_appear(new_app, data_dir: Path, clock: Clock) -> None:
    app = new_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("p")
        await settle(pilot)
        env = dict(os.environ, GOALTUI_NOW=clock().isoformat())
        subprocess.run(
            [sys.executable, "-m", "goaltui", "--data-dir", str(data_dir), "log", "c"],
            env=env,
            check=True,
            capture_output=True,
        )
        assert await wait_until(pilot, lambda: shown(app, "customers") == "1")
        assert shown(app, "prospects") == "1"  # our own tap is not counted twice


async def test_goals_edited_on_disk_are_picked_up_and_a_broken_edit_keeps_the_last_good(
    new_app, data_dir: Path
) -> None:
    app = new_app()
    path = data_dir / "goals.toml"
    told = Told()
    async with app.run_test(size=(120, 40), message_hook=told) as pilot:
        path.write_text(path.read_text().replace("target = 30", "target = 40"))
        assert await wait_until(pilot, lambda: app.tracker.plan.goals["daily-prospects"].target == 40)
        await pilot.pause()
        assert "0/40" in app.screen.query_one(PacePanel).gauge_text("daily-prospects")
        path.write_text("this is = = not toml\n")
        assert await wait_until(
            pilot, lambda: any("goals.toml" in n.title and "mistake" in n.title for n in told.notes)
        )
        assert app.tracker.plan.goals["daily-prospects"].target == 40
        await pilot.press("p")
        await settle(pilot)
        assert shown(app, "prospects") == "1"


async def test_midnight_rollover(new_app, clock: Clock, data_dir: Path) -> None:
    clock.now = clock.now.replace(hour=23, minute=59, second=58)
    app = new_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("p", "p")
        await settle(pilot)
        assert shown(app, "prospects") == "2"
        clock.advance(seconds=5)
        assert await wait_until(pilot, lambda: app.today == date(2026, 11, 26))  # the app's minute tick sees it
        await settle(pilot)
        assert shown(app, "prospects") == "0"
        assert "Thursday 26 November 2026" in str(app.screen.query_one("#day-bar").render())
        await pilot.press("p")
        await settle(pilot)
        assert shown(app, "prospects") == "1"
    assert app.tracker.counts.get(date(2026, 11, 25), "prospects") == 2


async def test_help_and_palette_list_every_action(new_app) -> None:
    app = new_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        text = str(app.screen.query_one("#help-keys").render())
        assert "Take back the last tap" in text
        assert "count one prospect\n" in text and "take back one customer\n" in text, "one of a metric, singular"
        lines = text.splitlines()
        assert any(line.startswith("? f1 ") for line in lines), "keys as the key bar writes them"
        assert "question_mark" not in text
        await pilot.press("escape")
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert {"Count one prospect", "Take back one lead", "Undo", "Today", "Day before"} <= set(titles)
        assert len(titles) == len(set(titles)), "no action listed twice"


async def test_keymap_from_config_remaps_a_binding(new_app) -> None:
    app = new_app(keymap={"undo": "z"})
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("p", "p")
        await settle(pilot)
        await pilot.press("z")
        await settle(pilot)
        assert shown(app, "prospects") == "1"
        await pilot.press("question_mark")
        await pilot.pause()
        lines = str(app.screen.query_one("#help-keys").render()).splitlines()
        assert any(line.startswith("z ") and "Take back the last tap" in line for line in lines)
        assert not any(line.startswith("u ") for line in lines)


async def test_a_keymap_that_takes_a_metric_key_or_names_no_command_is_said_and_ignored(new_app) -> None:
    app = new_app(keymap={"quit": "p", "foo": "x", "help": "g", "undo": "z"})
    told = Told()
    async with app.run_test(size=(120, 40), message_hook=told) as pilot:
        said = "\n".join(n.message for n in told.notes)
        assert "quit = 'p': p counts a metric on the daily screen; ignored" in said
        assert "'foo': no command has this id" in said
        assert "help = 'g': g is already goals (Goals); ignored" in said
        await pilot.press("p", "p")
        await settle(pilot)
        assert shown(app, "prospects") == "2"  # p still counts
        await pilot.press("z")  # the remap that fits is applied
        await settle(pilot)
        assert shown(app, "prospects") == "1"
        bar = str(app.screen.query_one("KeyBar").render())
        assert "q Quit" in bar and "p Quit" not in bar
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0


async def test_a_remapped_key_shows_in_the_hints(new_app) -> None:
    app = new_app(keymap={"today": "y", "review": "w"})
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("left")
        await pilot.pause()
        bar = str(app.screen.query_one("#day-bar").render())
        assert "y: back to today" in bar and "t: back" not in bar
        await pilot.press("y")
        await pilot.pause()
        assert app.screen.day is None


async def test_keys_typed_faster_than_the_screen_keep_their_order(new_app, data_dir: Path) -> None:
    """`left` then `p` at once (a fast typist, a paste) counts p for the day before."""
    app = new_app()
    async with app.run_test(size=(120, 40)) as pilot:
        for key in ("left", "p", "u", "p", "t", "l"):
            app.simulate_key(key)
        assert await wait_until(pilot, lambda: app.tracker.counts.get(date(2026, 11, 25), "leads") == 1)
        await settle(pilot)
    lines = tap_lines(data_dir)
    # u takes back the first p: from the queue if it was not written yet, else with n = -1
    assert app.tracker.counts.get(date(2026, 11, 24), "prospects") == 1
    assert app.tracker.counts.get(date(2026, 11, 25), "leads") == 1
    assert app.tracker.counts.get(date(2026, 11, 25), "prospects") == 0
    assert all("day = 2026-11-24" in line for line in lines if "prospects" in line)
    assert "day =" not in lines[-1] and 'metric = "leads"' in lines[-1]


async def test_q_quits(new_app) -> None:
    app = new_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running


async def test_a_tap_pressed_before_midnight_waiting_for_the_disk_counts_for_its_day(
    new_app, clock: Clock, data_dir: Path, full_disk: dict[str, bool]
) -> None:
    """Pressed at 23:59:58 with the disk full, written after midnight: it counts for the day it was pressed."""
    clock.now = clock.now.replace(hour=23, minute=59, second=58)
    app = new_app()
    app.disk.retry_interval = 0.05
    full_disk["on"] = True
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("p")
        assert await wait_until(pilot, lambda: "1 tap waiting" in app.disk.save_error)
        clock.advance(seconds=5)  # 00:00:03 on Thursday
        assert await wait_until(pilot, lambda: app.today == date(2026, 11, 26))
        full_disk["on"] = False
        await settle(pilot)
        assert shown(app, "prospects") == "0"  # today (Thursday) has none
    assert app.tracker.counts.get(date(2026, 11, 25), "prospects") == 1
    (line,) = tap_lines(data_dir)
    assert line.startswith('"2026-11-25T23:59:58')  # the moment it was pressed


async def test_an_unreadable_config_is_reported_once(new_app) -> None:
    app = new_app(config_problem="config.toml:3:1: Invalid value: fix the line or remove the file")
    told = Told()
    async with app.run_test(size=(120, 40), message_hook=told) as pilot:
        await pilot.pause()
        said = [n for n in told.notes if "config.toml" in n.message]
        assert len(said) == 1 and said[0].title == "config.toml has a problem"


async def test_taking_back_below_zero_is_refused_with_a_notice(new_app, data_dir: Path) -> None:
    app = new_app()
    told = Told()
    async with app.run_test(size=(120, 40), message_hook=told) as pilot:
        await pilot.press("P")  # shift+p with nothing counted
        await settle(pilot)
        assert shown(app, "prospects") == "0"
        assert any("prospects today stands at 0" in n.message for n in told.notes)
        await pilot.press("p", "P", "P")  # the second take-back would go below zero, saved or not yet
        await settle(pilot)
        assert shown(app, "prospects") == "0"
        await pilot.press("left", "L")  # a backfilled day too
        await settle(pilot)
        assert any("leads on Tue 24 Nov stands at 0" in n.message for n in told.notes)
    lines = tap_lines(data_dir)
    assert len(lines) == 2 and lines[1].endswith("n = -1 }")

"""Keys typed in one burst (a slow SSH link, a fast typist, a paste) land where they were typed, in order."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input

from goaltui.store.tap import parse_line
from goaltui.tui.screens.daily import DailyScreen
from goaltui.tui.screens.goals import GoalsScreen
from goaltui.tui.widgets.counter import MetricCounter
from tests.factories import Told, burst, tap_lines, wait_until


def field(app, name: str) -> str:
    return app.screen.query_one(f"#{name}", Input).value


async def test_a_new_goal_typed_in_one_burst_fills_each_field(new_app) -> None:
    app = new_app(poll_interval=0)
    async with app.run_test(size=(120, 40)) as pilot:
        burst(app, "g", "n", *"my-goal", "tab", *"Sign 5 customers", "tab", *"customers", "tab", "tab", "5")
        assert await wait_until(pilot, lambda: app.screen.query("#f-target") and field(app, "f-target") == "5")
        assert field(app, "f-id") == "my-goal"
        assert field(app, "f-title") == "Sign 5 customers"
        assert field(app, "f-metric") == "customers"
        assert field(app, "f-key") == ""


async def test_keys_after_a_screen_change_go_to_the_new_screen(new_app, data_dir: Path) -> None:
    app = new_app(poll_interval=0)
    async with app.run_test(size=(120, 40)) as pilot:
        # p on the goals screen is no tap; after escape, p counts on the daily screen again
        burst(app, "g", "p", "escape", "p", "p")
        assert await wait_until(pilot, lambda: isinstance(app.screen, DailyScreen) and app.disk.idle)
        await pilot.pause()
        assert app.screen.query_one("#counter-prospects", MetricCounter).value == "2"
    assert len(tap_lines(data_dir)) == 2


async def test_a_milestone_typed_in_one_burst(new_app) -> None:
    app = new_app(poll_interval=0)
    async with app.run_test(size=(120, 40)) as pilot:
        burst(app, "g")
        assert await wait_until(pilot, lambda: isinstance(app.screen, GoalsScreen))
        burst(app, "m", *"First 10 customers", "enter", *"2026-12-31")
        assert await wait_until(pilot, lambda: app.screen.query("#m-due") and field(app, "m-due") == "2026-12-31")
        assert field(app, "m-title") == "First 10 customers"


async def test_keys_after_enter_closes_a_prompt_go_to_the_screen_below(new_app, data_dir: Path) -> None:
    """An amount, its note, enter, then taps, all in one burst: each lands where it was typed."""
    goals = data_dir / "goals.toml"
    new_app()  # writes the starter goals
    goals.write_text(goals.read_text() + '\n[metrics.revenue]\nkey = "v"\nunit = "EUR"\n')
    app = new_app(poll_interval=0)
    async with app.run_test(size=(120, 40)) as pilot:
        burst(app, "v", *"250", "enter", *"Acme", "enter", "p", "p")
        assert await wait_until(pilot, lambda: isinstance(app.screen, DailyScreen) and len(tap_lines(data_dir)) == 3)
        assert await wait_until(pilot, lambda: app.disk.idle)
    lines = tap_lines(data_dir)
    assert lines[0].endswith('{ metric = "revenue", n = 250, note = "Acme" }')
    assert [line.endswith('{ metric = "prospects" }') for line in lines[1:]] == [True, True]


async def test_a_note_typed_in_one_burst_goes_with_the_tap_just_made(new_app, data_dir: Path) -> None:
    """l, enter, the note, enter, then more taps: the note names the lead's line; the taps go on counting."""
    app = new_app(poll_interval=0)
    async with app.run_test(size=(80, 24)) as pilot:
        burst(app, "l", "enter", *"Anna, Acme, LinkedIn", "enter", "p", "p")
        done = await wait_until(pilot, lambda: isinstance(app.screen, DailyScreen) and len(tap_lines(data_dir)) == 4)
        assert done, (app.screen, tap_lines(data_dir))
        assert await wait_until(pilot, lambda: app.disk.idle)
        await pilot.pause()
        assert app.screen.query_one("#counter-leads", MetricCounter).value == "1"
        assert app.screen.query_one("#counter-prospects", MetricCounter).value == "2"
    lead, *rest = (parse_line(line) for line in tap_lines(data_dir))
    assert lead.metric == "leads" and lead.note == ""  # the tap's own line stays as it was written
    [note] = [t for t in rest if t.for_key]
    assert (note.for_key, note.note, note.n, note.day) == (lead.key, "Anna, Acme, LinkedIn", 0, lead.counts_for)
    assert [t.metric for t in rest if not t.for_key] == ["prospects", "prospects"]


async def test_a_note_with_no_tap_yet_says_so(new_app) -> None:
    app = new_app(poll_interval=0)
    told = Told()
    async with app.run_test(size=(80, 24), message_hook=told) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, DailyScreen)
        assert told.lines == ["Tap first: a note goes with the last tap made on this screen"]


async def test_a_burst_of_taps_is_saved_in_a_few_writes_and_shown_once_saved(
    new_app, data_dir: Path, monkeypatch
) -> None:
    from goaltui.store.taplog import TapLog

    writes: list[int] = []
    shown_before_saved: list[str] = []
    real = TapLog.append_all

    def counting(self: TapLog, taps: list) -> list:
        value = app.screen.query_one("#counter-prospects", MetricCounter).value
        if int(value) > len(tap_lines(data_dir)):
            shown_before_saved.append(value)
        writes.append(len(taps))
        return real(self, taps)

    monkeypatch.setattr(TapLog, "append_all", counting)
    app = new_app(poll_interval=0)
    async with app.run_test(size=(120, 40)) as pilot:
        burst(app, *"p" * 60)
        counter = app.screen.query_one("#counter-prospects", MetricCounter)
        assert await wait_until(pilot, lambda: counter.value == "60" and app.disk.idle)
    assert sum(writes) == 60 and len(tap_lines(data_dir)) == 60
    assert len(writes) < 30  # one write and one fsync for the taps queued by then, not one a tap
    assert shown_before_saved == []  # every count on screen was on disk first
    keys = [parse_line(line).at for line in tap_lines(data_dir)]
    assert keys == sorted(keys) and len(set(keys)) == 60


async def test_taps_go_out_at_once_and_a_key_that_opens_a_screen_still_waits(new_app, data_dir: Path) -> None:
    """Taps of a count open nothing, so the keys behind them follow at once; an amount's key, digits typed
    before a key, and a key that opens a screen still hold the keys behind them until they have landed."""
    goals = data_dir / "goals.toml"
    new_app()  # writes the starter goals
    goals.write_text(goals.read_text() + '\n[metrics.revenue]\nkey = "v"\nunit = "EUR"\n')
    app = new_app(poll_interval=0)
    async with app.run_test(size=(120, 40)) as pilot:
        burst(app, "p", "p", "v", *"250", "enter", "enter", "l", *"12", "p", "p", "g", "n", *"my-goal")
        assert await wait_until(pilot, lambda: app.screen.query("#f-id") and field(app, "f-id") == "my-goal")
        assert await wait_until(pilot, lambda: app.disk.idle)
    lines = tap_lines(data_dir)
    assert [parse_line(line).metric for line in lines] == ["prospects", "prospects", "revenue", "leads"] + [
        "prospects"
    ] * 2
    assert [parse_line(line).n for line in lines] == [1, 1, 250, 1, 12, 1]

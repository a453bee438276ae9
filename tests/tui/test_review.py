"""Pilot tests of the review and history screens: a full review, saved, reopened and saved again."""

from __future__ import annotations

import stat
import tomllib
from datetime import date
from pathlib import Path

import pytest

from goaltui.store.goalsfile import starter_text, write_new
from synthetic import generate_history
from tests.factories import Clock, settle

ONE_OFF = """
[goals.q4-customers]
title = "Sign 12 new customers by the end of the quarter"
metric = "customers"
target = 12
start = 2026-10-26
deadline = 2026-11-20
why = "Quarter's quota"
[[goals.q4-customers.milestones]]
title = "First 5 customers"
due = 2026-11-18
done = false

[goals.monthly-leads]
title = "Find 120 leads every month"
metric = "leads"
target = 120
every = "month"
why = "Keeps the pipeline full"
start = 2026-10-26
"""


@pytest.fixture
def review_app(data_dir: Path, clock: Clock, new_app):
    """Four weeks of history before Wed 25 Nov 2026, the starter goals plus a one-off and a monthly goal."""
    write_new(data_dir / "goals.toml", starter_text(date(2026, 10, 26)) + ONE_OFF)
    generate_history(data_dir, start=date(2026, 10, 26), end=date(2026, 11, 24), seed=3)
    return new_app(poll_interval=0)


async def _decide(pilot, row: int, *keys: str) -> None:
    table = pilot.app.screen.query_one("DataTable")
    table.move_cursor(row=row)
    await pilot.pause()
    await pilot.press(*keys)
    await pilot.pause()


def _goals(data_dir: Path) -> dict:
    return tomllib.loads((data_dir / "goals.toml").read_text())["goals"]


async def test_full_review_saved_reopened_and_saved_again(review_app, data_dir: Path) -> None:
    async with review_app.run_test(size=(100, 40)) as pilot:
        await pilot.press("r")
        await pilot.pause()
        screen = pilot.app.screen
        assert type(screen).__name__ == "ReviewScreen"
        assert screen.review.label == "2026-W47"
        ids = [g.goal_id for g in screen.review.goals]
        assert ids == ["daily-prospects", "daily-leads", "weekly-customers", "q4-customers", "monthly-leads"]
        # raise (value typed over the offer), lower (offered value accepted), carry, extend, archive, keep
        await _decide(pilot, 0, "plus")
        await pilot.press(*"35", "enter")
        await _decide(pilot, 1, "minus")
        offered = pilot.app.screen.query_one("#value").value
        await pilot.press("enter")
        await _decide(pilot, 2, "k")
        await _decide(pilot, 3, "e")
        await pilot.press(*"2026-12-18", "enter")
        await _decide(pilot, 4, "x")
        await _decide(pilot, 1)
        assert "waits for the next window" in str(screen.query_one("#review-hint").render())
        await pilot.press("tab")
        for key, text in [
            ("went_well", "Booked calls the same day"),
            ("went_badly", "Slow Monday"),
            ("to_change", "Prospect before 10"),
        ]:
            screen.query_one(f"#note-{key}").focus()
            await pilot.press(*text)
        await pilot.press("ctrl+s")
        await settle(pilot)

        goals = _goals(data_dir)
        assert goals["daily-prospects"]["target"] == 35
        assert goals["daily-leads"]["target"] == 5  # today is still measured against 5
        lower, stretch, title = goals["daily-leads"]["changes"][-3:]  # the stretch and title come down with it
        assert lower["what"] == "target" and lower["new"] == int(offered) < 5
        assert lower["effective"] == title["effective"] == date(2026, 11, 26)
        target = str(screen.query_one("DataTable").get_cell("daily-leads", "target"))
        assert target == "25*"  # the week's target; the coming one is told beneath the table
        beneath = str(screen.query_one("#review-targets").render())
        assert f"* daily-leads 25, {offered} from Thu 26 Nov" in beneath
        assert stretch["what"] == "stretch" and stretch["effective"] == date(2026, 11, 26)
        assert goals["q4-customers"]["deadline"] == date(2026, 12, 18)
        assert goals["monthly-leads"]["status"] == "archived"
        assert "changes" not in goals["weekly-customers"]
        path = data_dir / "reviews" / "2026-W47.toml"
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        saved = tomllib.loads(path.read_text())
        assert saved["notes"]["went_well"] == "Booked calls the same day"
        assert saved["decisions"]["daily-prospects"] == {"kind": "raise", "value": 35, "applied": True}
        assert saved["decisions"]["monthly-leads"]["kind"] == "dropped"
        assert saved["results"]["weekly-customers"]["result"] in ("hit", "stretch", "missed")

        # leave, reopen: the saved review shows again; saving again changes nothing
        goals_before, review_before = (data_dir / "goals.toml").read_bytes(), path.read_bytes()
        mtimes = ((data_dir / "goals.toml").stat().st_mtime_ns, path.stat().st_mtime_ns)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        screen = pilot.app.screen
        assert screen.notes["to_change"] == "Prospect before 10"
        assert screen.decisions["daily-prospects"].kind == "raise"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert (data_dir / "goals.toml").read_bytes() == goals_before
        assert path.read_text() == review_before.decode()
        assert ((data_dir / "goals.toml").stat().st_mtime_ns, path.stat().st_mtime_ns) == mtimes


async def test_carry_and_changed_decision_applied_once(review_app, data_dir: Path) -> None:
    async with review_app.run_test(size=(100, 40)) as pilot:
        await pilot.press("r", "left_square_bracket")
        await pilot.pause()
        screen = pilot.app.screen
        assert screen.review.label == "2026-W46"
        missed = [i for i, g in enumerate(screen.review.goals) if g.verdict == "missed"]
        assert missed, "the generated week should have a missed goal"
        row = missed[0]
        goal_id = screen.review.goals[row].goal_id
        await _decide(pilot, row, "o")
        await pilot.press("ctrl+s")
        await settle(pilot)
        changes = _goals(data_dir)[goal_id]["changes"]
        assert [c["what"] for c in changes] == ["carry"]
        # a different decision on re-save is applied; the carry is not applied again
        await _decide(pilot, 0, "plus")
        await pilot.press("enter")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert [c["what"] for c in _goals(data_dir)[goal_id]["changes"]] == ["carry"]
        assert "changes" in _goals(data_dir)[screen.review.goals[0].goal_id]


async def test_weeks_move_and_history_opens(review_app) -> None:
    async with review_app.run_test(size=(80, 24)) as pilot:
        await pilot.press("r")
        await pilot.pause()
        assert pilot.app.screen.review.label == "2026-W47"
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert pilot.app.screen.review.label == "2026-W46"
        await pilot.press("right_square_bracket", "right_square_bracket")
        await pilot.pause()
        assert pilot.app.screen.review.label == "2026-W47"  # W48 is not over yet
        await pilot.press("h")
        await pilot.pause()
        assert type(pilot.app.screen).__name__ == "HistoryScreen"
        await pilot.press("m")
        await pilot.pause()
        assert pilot.app.screen.metric == 1
        await pilot.press("escape", "escape")
        await pilot.pause()
        assert type(pilot.app.screen).__name__ == "DailyScreen"


async def test_friday_review_opens_the_week_it_closes(data_dir: Path, clock: Clock, new_app) -> None:
    write_new(data_dir / "goals.toml", starter_text(date(2026, 10, 26)))
    clock.advance(days=2, hours=6)  # Friday 27 Nov, late afternoon
    async with new_app(poll_interval=0).run_test(size=(100, 30)) as pilot:
        await settle(pilot)  # the reviewed weeks are read after the first frame, in a worker
        assert "2026-W48 not reviewed yet: r" in str(pilot.app.screen.query_one("#day-bar").render())
        await pilot.press("r")
        await pilot.pause()
        assert pilot.app.screen.review.label == "2026-W48"
        await pilot.press("left_square_bracket", "right_square_bracket")
        await pilot.pause()
        assert pilot.app.screen.review.label == "2026-W48"


async def test_reminder_until_last_week_is_reviewed(review_app) -> None:
    async with review_app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)  # the reviewed weeks are read after the first frame, in a worker
        bar = pilot.app.screen.query_one("#day-bar")
        assert "2026-W47 not reviewed yet: r" in str(bar.render())
        await pilot.press("r")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)  # read again as the daily screen comes back
        assert "not reviewed" not in str(pilot.app.screen.query_one("#day-bar").render())


async def test_goaltui_review_opens_the_review_over_the_daily_screen(data_dir: Path, clock: Clock, new_app) -> None:
    from goaltui.model.weeks import review_week
    from goaltui.tui.screens.daily import DailyScreen
    from goaltui.tui.screens.review import ReviewScreen

    write_new(data_dir / "goals.toml", starter_text(date(2026, 10, 26)))
    app = new_app(poll_interval=0)
    week = review_week(clock().date(), app.tracker.plan.settings)
    app = new_app(poll_interval=0, review_week=week)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        assert app.screen.review.label == "2026-W47"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, DailyScreen)


async def test_a_value_that_is_not_a_number_is_refused_in_the_prompt(review_app, data_dir: Path) -> None:
    before = (data_dir / "goals.toml").read_text()
    async with review_app.run_test(size=(100, 40)) as pilot:
        await pilot.press("r")
        await pilot.pause()
        await _decide(pilot, 0, "plus")
        prompt = pilot.app.screen
        prompt.query_one("#value").value = ""
        await pilot.press(*"lots", "enter")
        await pilot.pause()
        assert pilot.app.screen is prompt, "the prompt stays open"
        assert "'lots' is not a number" in str(prompt.query_one("#prompt-error").render())
        await pilot.press("escape")
        await pilot.pause()
        assert pilot.app.screen.decisions["daily-prospects"].kind == "keep"
    assert (data_dir / "goals.toml").read_text() == before


async def test_typing_a_note_never_changes_a_decision(review_app) -> None:
    """Tab goes round the notes, never back into the goals table, where letters are decisions."""
    from goaltui.tui.screens.review import ReviewScreen
    from tests.factories import burst, wait_until

    async with review_app.run_test(size=(100, 40)) as pilot:
        await pilot.press("r")
        assert await wait_until(pilot, lambda: isinstance(review_app.screen, ReviewScreen))
        screen = review_app.screen
        before = dict(screen.decisions)
        burst(review_app, "tab", *"ok", "tab", *"a slow week", "tab", *"keep calling", "tab", *" extra")
        notes = screen.query("Input.note")
        assert await wait_until(pilot, lambda: notes.first().value == "ok extra")
        assert [n.value for n in notes] == ["ok extra", "a slow week", "keep calling"]
        assert screen.decisions == before
        await pilot.press("escape")  # from a note: back to the goals, the review stays open
        await pilot.pause()
        assert review_app.screen is screen and screen.focused is screen.query_one("DataTable")
        assert screen.notes["went_well"] == "ok extra"


async def test_raising_a_target_names_what_the_goals_under_it_would_need(review_app) -> None:
    async with review_app.run_test(size=(100, 40)) as pilot:
        await pilot.press("r")
        await settle(pilot)
        await _decide(pilot, 2, "plus")  # weekly-customers, fed by daily prospects and daily leads
        await pilot.press(*"10", "enter")
        await pilot.pause()
        hint = str(pilot.app.screen.query_one("#review-hint").render())
        assert hint.startswith("At 10, at your rates: daily-prospects about ")
        assert "a day (now 30); daily-leads about " in hint


async def test_a_lowering_that_has_begun_is_the_target_the_prompt_starts_from(data_dir: Path, new_app) -> None:
    path = data_dir / "goals.toml"
    text = starter_text(date(2026, 10, 26))
    waiting = (
        '\n[[goals.weekly-customers.changes]]\non = 2026-11-20\nwhat = "target"\nold = 3\nnew = 2\n'
        'effective = 2026-11-23\nnote = "lower at review (2026-W46)"\n'
    )
    write_new(path, text + waiting)  # a lowering from W46 that has begun, not yet written into target
    async with new_app(poll_interval=0).run_test(size=(100, 40)) as pilot:
        await pilot.press("r")
        await pilot.pause()
        ids = [g.goal_id for g in pilot.app.screen.review.goals]
        await _decide(pilot, ids.index("weekly-customers"), "minus")
        question = str(pilot.app.screen.query_one("Label").render())
        assert "Lower the target of weekly-customers (now 2) to:" in question

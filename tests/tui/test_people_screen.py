"""The People screen: everyone by next follow-up, a person's timeline, and follow-ups set from the keys."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from textual.widgets import DataTable, Static

from goaltui.store.goalsfile import starter_text, write_new
from goaltui.store.peoplelog import PeopleLog
from goaltui.store.taplog import TapLog
from goaltui.tui.screens.daily import DailyScreen
from goaltui.tui.screens.people import PeopleScreen
from tests.factories import Clock, wait_until


@pytest.fixture
def people_app(data_dir: Path, clock: Clock, new_app):
    """Ben a lead overdue a follow-up, Ann a prospect due today, Cy with none and stale, a name with markup."""
    write_new(data_dir / "goals.toml", starter_text(date(2026, 11, 2)))
    taps, people = TapLog(data_dir, "laptop"), PeopleLog(data_dir, "laptop")
    earlier = clock.now - timedelta(days=10)
    taps.append("prospects", now=earlier, who="Ben Ortiz", note="met at the fair")
    taps.append("leads", now=earlier + timedelta(hours=1), who="Ben Ortiz")
    taps.append("leads", now=earlier + timedelta(hours=2), who="Cy Young")
    taps.append("prospects", now=clock.now - timedelta(hours=1), who="Ann Lee")
    taps.append("prospects", now=clock.now - timedelta(minutes=30), who="[b]Dee[/b]")
    people.append("Ben Ortiz", "follow-up", now=earlier, due=clock.now.date() - timedelta(days=2), note="pricing")
    people.append("Ann Lee", "follow-up", now=clock.now - timedelta(minutes=50), due=clock.now.date())
    people.append("Ben Ortiz", "details", now=earlier, details=(("company", "Acme"),))
    return new_app(poll_interval=0)


def rows(app) -> list[list[str]]:
    table = app.screen.query_one(DataTable)
    return [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]


async def test_everyone_by_follow_up_with_the_timeline_and_a_follow_up_set(people_app, data_dir: Path) -> None:
    async with people_app.run_test(size=(100, 30)) as pilot:
        await pilot.press("@")
        assert await wait_until(pilot, lambda: isinstance(people_app.screen, PeopleScreen) and rows(people_app))
        shown = rows(people_app)
        assert [r[:3] for r in shown] == [
            ["overdue 2d", "Ben Ortiz", "leads"],
            ["today", "Ann Lee", "prospects"],
            ["-", "[b]Dee[/b]", "prospects"],  # a name is never markup
            ["-", "Cy Young", "leads"],
        ]
        assert shown[3][4] == "stale"
        timeline = str(people_app.screen.query_one("#people-timeline", Static).render())
        assert "Ben Ortiz" in timeline and "company: Acme" in timeline and "met at the fair" in timeline
        await pilot.press("f")
        await pilot.press(*"tomorrow", "enter", *"call back", "enter")
        assert await wait_until(pilot, lambda: rows(people_app)[0][1] == "Ann Lee")
        touches = PeopleLog(data_dir, "laptop").read().touches
        assert (touches[-1].who, touches[-1].kind, touches[-1].note) == ("Ben Ortiz", "follow-up", "call back")
        assert touches[-1].due == people_app.today + timedelta(days=1)
        await pilot.press("n")  # the selection follows Ben to his new row
        assert await wait_until(pilot, lambda: PeopleLog(data_dir, "laptop").read().touches[-1].kind == "no-answer")
        assert PeopleLog(data_dir, "laptop").read().touches[-1].who == "Ben Ortiz"
        await pilot.press("plus")  # Ben, a lead, counted as a customer
        assert await wait_until(pilot, lambda: rows(people_app)[1][1:3] == ["Ben Ortiz", "customers"])
        assert TapLog(data_dir, "laptop").read().counts.get(people_app.today, "customers") == 1  # the app polls it
        assert TapLog(data_dir, "laptop").taps()[-1][1].who == "Ben Ortiz"
        await pilot.press("slash", *"cy")
        assert await wait_until(pilot, lambda: [r[1] for r in rows(people_app)] == ["Cy Young"])
        await pilot.press("enter", "x")
        assert await wait_until(pilot, lambda: "lost" in rows(people_app)[0][4])
        await pilot.press("escape")
        assert await wait_until(pilot, lambda: isinstance(people_app.screen, DailyScreen))


async def test_the_daily_screen_names_the_most_overdue_and_opens_the_people(people_app) -> None:
    async with people_app.run_test(size=(100, 30)) as pilot:
        line = people_app.screen.query_one("#due-line", Static)
        assert await wait_until(pilot, lambda: line.display)
        assert str(line.render()) == "2 follow-ups due · most overdue: Ben Ortiz, 2 days · @ people"
        await pilot.click("#due-line")
        assert await wait_until(pilot, lambda: isinstance(people_app.screen, PeopleScreen))


async def test_no_due_line_when_nothing_is_due(new_app) -> None:
    app = new_app(poll_interval=0)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not app.screen.query_one("#due-line").display

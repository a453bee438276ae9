"""The People screen: everyone by next follow-up, a person's timeline, and follow-ups set from the keys."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from textual.widgets import DataTable, Label, Static

from goaltui.store.goalsfile import starter_text, write_new
from goaltui.store.peoplelog import PeopleLog
from goaltui.store.taplog import TapLog
from goaltui.tui.screens.daily import DailyScreen
from goaltui.tui.screens.people import PeopleScreen
from goaltui.tui.widgets.funnel import FunnelPanel
from tests.factories import Clock, settle, wait_until


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
        await settle(pilot)
        assert not app.screen.query_one("#due-line").display


def screen_words(app) -> str:
    return " ".join(str(label.render()) for label in app.screen.query(Label))


def people_read(data_dir: Path) -> dict:
    from goaltui.store.peoplelog import read_people

    return read_people(data_dir, ["prospects", "leads", "customers"], "laptop").people


async def test_the_note_prompt_names_who_the_tap_was_about_completed_from_the_people_known(
    people_app, data_dir: Path
) -> None:
    """l, enter, a note, tab, the start of a name and right arrow: the lead is Ann Lee's, and she is a lead now."""
    async with people_app.run_test(size=(100, 30)) as pilot:
        assert await wait_until(pilot, lambda: people_app.screen.query_one("#due-line").display)  # people read
        await pilot.press("l", "enter", *"wants a demo", "tab", *"an", "right")
        assert people_app.screen.query_one("#who").value == "Ann Lee"  # completed from the known names
        await pilot.press("enter")
        assert await wait_until(pilot, lambda: "ann lee" in people_read(data_dir) and people_app.disk.idle)
        ann = people_read(data_dir)["ann lee"]
        assert (ann.stage, ann.counted["leads"]) == ("leads", 1)
        assert "leads: wants a demo" in [e.text for e in ann.events]
        await pilot.press("p", "enter", "tab", *"Zoe Park", "enter")  # a new name, no note: fine
        assert await wait_until(pilot, lambda: "zoe park" in people_read(data_dir))
        assert people_read(data_dir)["zoe park"].stage == "prospects"
        await pilot.press("p", "enter", "enter")  # neither a note nor a name: says what to do
        assert "Type a note or a name" in str(people_app.screen.query_one("#prompt-error").render())
        await pilot.press("escape")
        assert await wait_until(pilot, lambda: isinstance(people_app.screen, DailyScreen))
    counts = TapLog(data_dir, "laptop").read().counts
    assert (counts.get(people_app.today, "leads"), counts.get(people_app.today, "prospects")) == (1, 4)


async def test_a_second_lead_for_someone_already_a_lead_is_asked_about(people_app, data_dir: Path) -> None:
    """Ben is a lead: naming him on another lead asks; escape takes the tap back and keeps the note as a touch."""
    async with people_app.run_test(size=(100, 30)) as pilot:
        assert await wait_until(pilot, lambda: people_app.screen.query_one("#due-line").display)
        await pilot.press("l", "enter", *"second call", "tab", *"ben ortiz", "enter")
        assert await wait_until(pilot, lambda: "already one of your leads" in screen_words(people_app))
        await pilot.press("escape")
        assert await wait_until(pilot, lambda: people_app.disk.idle and isinstance(people_app.screen, DailyScreen))
        assert await wait_until(
            pilot, lambda: [t.note for t in PeopleLog(data_dir, "laptop").read().touches][-1:] == ["second call"]
        )
        assert TapLog(data_dir, "laptop").read().counts.get(people_app.today, "leads") == 0
        assert people_read(data_dir)["ben ortiz"].counted["leads"] == 1
        await pilot.press("l", "enter", "tab", *"Ben Ortiz", "enter")
        assert await wait_until(pilot, lambda: "already one of your leads" in screen_words(people_app))
        await pilot.press("y", "enter")  # asked for: a second lead for Ben
        assert await wait_until(pilot, lambda: people_read(data_dir)["ben ortiz"].counted["leads"] == 2)
        assert TapLog(data_dir, "laptop").read().counts.get(people_app.today, "leads") == 1


async def test_the_daily_funnel_shows_the_cohorts_and_the_customer_gauge_the_pipeline(
    data_dir: Path, clock: Clock, new_app
) -> None:
    """20 named prospects three weeks ago, 12 became leads, 4 customers; 3 leads still open (touched this week)."""
    write_new(data_dir / "goals.toml", starter_text(date(2026, 11, 2)))
    taps, people = TapLog(data_dir, "laptop"), PeopleLog(data_dir, "laptop")
    start = clock.now - timedelta(days=21)
    for i in range(20):
        taps.append("prospects", now=start + timedelta(minutes=i), who=f"Person {i}")
    for i in range(12):
        taps.append("leads", now=start + timedelta(days=2, minutes=i), who=f"Person {i}")
    for i in range(4):
        taps.append("customers", now=start + timedelta(days=6, minutes=i), who=f"Person {i}")
    for i in (4, 5, 6):  # open: touched yesterday, so not stale
        people.append(f"Person {i}", "no-answer", now=clock.now - timedelta(days=1))
    app = new_app(poll_interval=0)
    async with app.run_test(size=(140, 40)) as pilot:
        funnel = app.screen.query_one("#funnel", FunnelPanel)
        assert await wait_until(pilot, lambda: "Named people" in str(funnel.render()))
        words = " ".join(str(funnel.render()).split())
        assert "Named people, last 8 weeks: prospects → leads 60 %" in words
        assert "median 2 days" in words and "leads → customers 33 %" in words and "median 4 days" in words
        gauges = app.screen.query_one("#pace")
        customer_goal = next(g.goal.id for g in gauges.gauges if g.goal.metric == "customers")
        assert gauges.gauge_text(customer_goal, 200).endswith("· 3 open leads ≈ 1.0 more this week")
        prospect_goal = next(g.goal.id for g in gauges.gauges if g.goal.metric == "prospects")
        assert "open" not in gauges.gauge_text(prospect_goal, 200)


async def test_a_long_list_shows_the_most_pressing_first_and_the_rest_by_search(people_app, monkeypatch) -> None:
    from goaltui.tui.screens import people

    monkeypatch.setattr(people, "MAX_ROWS", 2)
    async with people_app.run_test(size=(100, 30)) as pilot:
        await pilot.press("@")
        assert await wait_until(pilot, lambda: isinstance(people_app.screen, PeopleScreen) and rows(people_app))
        assert [r[1] for r in rows(people_app)] == ["Ben Ortiz", "Ann Lee"]
        summary = str(people_app.screen.query_one("#people-summary", Static).render())
        assert summary.startswith("4 people · showing the first 2 of 4: type a name · 2 follow-ups due")
        await pilot.press("slash", *"cy")
        assert await wait_until(pilot, lambda: [r[1] for r in rows(people_app)] == ["Cy Young"])


async def test_the_due_line_and_the_people_screen_share_one_read_until_a_file_changes(
    people_app, data_dir: Path, clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    from goaltui.store import peoplelog

    reads: list[Path] = []
    read_people = peoplelog.read_people

    def counted(data: Path, funnel: list[str], device: str | None = None) -> peoplelog.PeopleFound:
        reads.append(data)
        return read_people(data, funnel, device)

    monkeypatch.setattr(peoplelog, "read_people", counted)
    async with people_app.run_test(size=(100, 30)) as pilot:
        line = people_app.screen.query_one("#due-line", Static)
        assert await wait_until(pilot, lambda: line.display)
        await pilot.press("@")
        assert await wait_until(pilot, lambda: isinstance(people_app.screen, PeopleScreen) and rows(people_app))
        assert len(reads) == 1  # the due line's read, taken again
        await pilot.press("escape")
        # Another device's follow-up arrives (a sync): the next look reads again and shows it.
        PeopleLog(data_dir, "phone").append("Cy Young", "follow-up", now=clock.now, due=clock.now.date())
        await pilot.press("@")
        assert await wait_until(pilot, lambda: isinstance(people_app.screen, PeopleScreen) and rows(people_app))
        assert await wait_until(pilot, lambda: [r[:2] for r in rows(people_app)][1] == ["today", "Ann Lee"])
        assert ["today", "Cy Young"] in [r[:2] for r in rows(people_app)]
        assert len(reads) == 2

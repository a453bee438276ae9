"""The goals screen, driven by keys: create, edit, refuse bad input, milestones, archive; then read goals.toml."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from textual.widgets import Input, Label, Static, Tree

from goaltui.store.goalsfile import starter_text, write_new
from goaltui.tui.app import GoalApp
from goaltui.tui.screens.goal_form import GoalForm
from goaltui.tui.screens.goals import GoalsScreen
from goaltui.tui.screens.milestones import MilestonesScreen
from goaltui.tui.widgets.gauge import PacePanel
from tests.factories import Told, settle, wait_until

HAND = "# My own note: keep this line\n"
INLINE = "# weekly on purpose"


@pytest.fixture
def goals_file(data_dir: Path) -> Path:
    """The starter goals with a comment line and an inline comment written by hand."""
    text = starter_text(date(2026, 11, 23))
    text = text.replace("[goals.weekly-customers]", HAND + "[goals.weekly-customers]")
    text = text.replace('every = "week"\n', f'every = "week"   {INLINE}\n')
    path = data_dir / "goals.toml"
    write_new(path, text)
    return path


def comments_intact(path: Path) -> bool:
    text = path.read_text()
    return HAND in text and INLINE in text and "# goaltui goals. Edit by hand" in text


async def open_goals(pilot) -> GoalsScreen:
    await pilot.press("g")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, GoalsScreen)
    return screen


async def select(pilot, goal_id: str) -> None:
    tree = pilot.app.screen.query_one("#ladder", Tree)
    node = next(n for n in _nodes(tree.root) if n.data == goal_id)
    tree.move_cursor(node)
    await pilot.pause()
    assert pilot.app.screen.selected == goal_id


def _nodes(node):
    for child in node.children:
        yield child
        yield from _nodes(child)


def ladder(app: GoalApp) -> dict[str, str | None]:
    """Goal id -> the id of the node above it in the tree."""
    tree = app.screen.query_one("#ladder", Tree)
    return {n.data: (n.parent.data if n.parent is not tree.root else None) for n in _nodes(tree.root)}


async def fill(pilot, values: dict[str, str]) -> None:
    form = pilot.app.screen
    assert isinstance(form, GoalForm)
    for name, text in values.items():
        field = form.query_one(f"#f-{name}", Input)
        field.focus()
        field.value = ""
        await pilot.press(*text) if text else await pilot.pause()
    await pilot.pause()


def error(app: GoalApp, name: str) -> str:
    return str(app.screen.query_one(f"#e-{name}", Label).render())


Q1 = {
    "id": "q1-customers",
    "title": "Sign 20 new customers by 31 March",
    "metric": "customers",
    "target": "20",
    "deadline": "2027-03-31",
    "why": "A team of 20 by spring",
    "how": "Weekly customers add up",
}


async def test_g_opens_the_ladder_and_escape_goes_back(new_app, goals_file) -> None:
    app = new_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_goals(pilot)
        assert ladder(app) == {
            "weekly-customers": None,
            "daily-prospects": "weekly-customers",
            "daily-leads": "weekly-customers",
        }
        detail = str(app.screen.query_one("#detail", Static).render())
        assert "SMART check" in detail and "Customers are the income" in detail
        await pilot.press("escape")
        assert app.screen.__class__.__name__ == "DailyScreen"
        titles = [c.title for c in app.screen.palette_commands()]
        assert "Goals" in titles


async def test_create_a_goal_then_put_the_weekly_goal_under_it(new_app, goals_file: Path) -> None:
    app = new_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_goals(pilot)
        await pilot.press("n")
        await fill(pilot, Q1)
        smart = str(app.screen.query_one("#smart", Static).render())
        assert "S ok" in smart and "T ok" in smart
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, GoalsScreen)
        plan = app.tracker.plan
        assert plan.goals["q1-customers"].target == 20
        assert plan.goals["q1-customers"].deadline == date(2027, 3, 31)
        text = goals_file.read_text()
        assert '[goals.q1-customers]\ntitle = "Sign 20 new customers by 31 March"' in text
        assert "target = 20\n" in text and "start = 2026-11-25" in text
        assert comments_intact(goals_file)

        await select(pilot, "weekly-customers")
        await pilot.press("e")
        await fill(pilot, {"parent": "q1-customers", "stretch": "6"})
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert ladder(app)["weekly-customers"] == "q1-customers"
        assert ladder(app)["daily-leads"] == "weekly-customers"
        weekly = goals_file.read_text().split("[goals.weekly-customers]")[1].split("[goals.")[0]
        assert 'parent = "q1-customers"' in weekly and "stretch = 6\n" in weekly
        assert comments_intact(goals_file)
        await pilot.press("escape")
        await settle(pilot)
        panel = app.screen.query_one(PacePanel)
        assert panel.gauge("q1-customers"), "the daily screen shows the new goal's gauge"
        assert panel.size.height == 1 + 2 * len(panel.gauges) == 9, "the panel grew to fit the new goal"
        assert "Sign 20 new customers" in "\n".join(s.text for s in panel.render_lines(panel.region.reset_offset))


@pytest.mark.parametrize(
    ("values", "field", "words"),
    [
        ({"target": "twenty"}, "target", "not a number"),
        ({"target": "0"}, "target", "must be a positive number"),
        ({"target": "-3"}, "target", "must be a positive number"),
        ({"target": "20", "stretch": "10"}, "stretch", "at least the target"),
        ({"start": "2027-04-01", "deadline": "2027-03-31"}, "deadline", "is before start"),
        ({"deadline": "31 March"}, "deadline", "YYYY-MM-DD"),
        ({"metric": "calls", "key": "p"}, "key", "already used by metric 'prospects'"),
        ({"metric": "calls", "key": "g"}, "key", "reserved for goals"),
        ({"metric": "calls"}, "key", "give it a key"),
        ({"id": "daily-leads"}, "id", "already in use"),
        ({"id": "Q1 Customers"}, "id", "lower-case letters"),
        ({"every": "fortnight"}, "every", "use one of day, week"),
        ({"parent": "nope"}, "parent", "does not exist"),
    ],
)
async def test_bad_input_is_refused_at_the_field(new_app, goals_file: Path, values, field, words) -> None:
    before = goals_file.read_text()
    app = new_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_goals(pilot)
        await pilot.press("n")
        await fill(
            pilot,
            {
                "id": "new-one",
                "title": "Sign 5 customers a week",
                "metric": "customers",
                "target": "5",
                "every": "week",
                **values,
            },
        )
        assert words in error(app, field)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, GoalForm), "a form with a bad field must not close"
        assert words in str(app.screen.query_one("#confirm", Static).render())
        assert app.screen.focused is app.screen.query_one(f"#f-{field}", Input)
    assert goals_file.read_text() == before


async def test_a_parent_that_makes_a_cycle_is_refused(new_app, goals_file: Path) -> None:
    before = goals_file.read_text()
    app = new_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_goals(pilot)
        await select(pilot, "weekly-customers")
        await pilot.press("e")
        await fill(pilot, {"parent": "daily-prospects"})
        assert "cycle" in error(app, "parent")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, GoalForm)
    assert goals_file.read_text() == before


async def test_a_failing_goal_is_saved_only_after_confirming(new_app, goals_file: Path) -> None:
    app = new_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_goals(pilot)
        await pilot.press("n")
        await fill(pilot, {"id": "more-sales", "title": "More sales"})
        smart = str(app.screen.query_one("#smart", Static).render())
        assert "S fail" in smart and "M fail" in smart and "T fail" in smart and "fix:" in smart
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, GoalForm)
        assert "Press ^s again" in str(app.screen.query_one("#confirm", Static).render())
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, GoalsScreen)
        await select(pilot, "more-sales")
        detail = str(app.screen.query_one("#detail", Static).render())
        assert "S fail" in detail and "No metric" in detail
    assert '[goals.more-sales]\ntitle = "More sales"' in goals_file.read_text()
    assert comments_intact(goals_file)


async def test_milestones_add_tick_remove(new_app, goals_file: Path) -> None:
    app = new_app()
    told = Told()
    async with app.run_test(size=(120, 40), message_hook=told) as pilot:
        await open_goals(pilot)
        await select(pilot, "weekly-customers")
        for title, due in (("First 10 customers", "2026-11-20"), ("First 20 customers", "")):
            await pilot.press("m")
            await pilot.pause()
            assert isinstance(app.screen, MilestonesScreen)
            app.screen.query_one("#m-title", Input).focus()
            await pilot.press(*title, "enter", *due, "enter")
            await settle(pilot)
        goal = app.tracker.plan.goals["weekly-customers"]
        assert [(m.title, m.due, m.done) for m in goal.milestones] == [
            ("First 10 customers", date(2026, 11, 20), False),
            ("First 20 customers", None, False),
        ]
        detail = str(app.screen.query_one("#detail", Static).render())
        assert "OVERDUE by 5 days" in detail
        assert comments_intact(goals_file)

        await pilot.press("m")
        await pilot.pause()
        app.screen.query_one("#milestone-list").focus()
        await pilot.press("space")
        await settle(pilot)
        assert app.tracker.plan.goals["weekly-customers"].milestones[0].done
        assert any("Milestone reached: First 10 customers" in s for s in told.lines)
        assert "done = true" in goals_file.read_text()
        assert comments_intact(goals_file)

        await pilot.press("m")
        await pilot.pause()
        app.screen.query_one("#milestone-list").focus()
        await pilot.press("down", "delete")
        await settle(pilot)
        goal = app.tracker.plan.goals["weekly-customers"]
        assert [m.title for m in goal.milestones] == ["First 10 customers"]
    assert comments_intact(goals_file)


async def test_archive_hides_and_restore_brings_back(new_app, goals_file: Path) -> None:
    app = new_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_goals(pilot)
        await select(pilot, "daily-leads")
        await pilot.press("x")
        await settle(pilot)
        assert 'status = "archived"' in goals_file.read_text()
        assert "daily-leads" not in ladder(app)
        await pilot.press("a")
        await pilot.pause()
        assert "daily-leads" in ladder(app)
        await select(pilot, "daily-leads")
        await pilot.press("x")
        await settle(pilot)
        assert app.tracker.plan.goals["daily-leads"].active
        assert "status" not in goals_file.read_text()
    assert "[goals.daily-leads]" in goals_file.read_text()
    assert comments_intact(goals_file)


async def test_an_edit_on_disk_while_the_screen_is_open_is_kept(new_app, goals_file: Path, monkeypatch) -> None:
    app = new_app(poll_interval=0)  # no polling: the save itself finds the change
    told = Told()
    async with app.run_test(size=(120, 40), message_hook=told) as pilot:
        await open_goals(pilot)
        await select(pilot, "weekly-customers")
        await pilot.press("e")
        text = goals_file.read_text().replace("target = 5\n", "target = 7\n")
        goals_file.write_text(text + '\n# added in an editor\n[goals.side-project]\ntitle = "Side"\n')
        await fill(pilot, {"stretch": "8"})
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert any("changed on disk" in s and "added side-project" in s for s in told.lines)
        assert "side-project" in ladder(app)
    text = goals_file.read_text()
    assert "# added in an editor\n[goals.side-project]" in text
    leads = text.split("[goals.daily-leads]")[1].split("[goals.")[0]
    assert "target = 7\n" in leads
    assert "stretch = 8" in text.split("[goals.weekly-customers]")[1].split("[goals.")[0]
    assert comments_intact(goals_file)


async def test_polling_reloads_the_ladder_and_says_what_changed(new_app, goals_file: Path, monkeypatch) -> None:
    app = new_app()
    told = Told()
    async with app.run_test(size=(120, 40), message_hook=told) as pilot:
        await open_goals(pilot)
        extra = '\n[goals.side-project]\ntitle = "Side"\nparent = "daily-leads"\n'
        goals_file.write_text(goals_file.read_text() + extra)
        assert await wait_until(pilot, lambda: "side-project" in ladder(app))
        assert ladder(app)["side-project"] == "daily-leads"
        assert any("added side-project" in s for s in told.lines)


async def test_leaving_a_changed_form_asks_first(new_app, goals_file: Path) -> None:
    before = goals_file.read_text()
    app = new_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_goals(pilot)
        await pilot.press("n")
        await pilot.press("escape")  # nothing typed: closes at once
        await settle(pilot)
        assert isinstance(app.screen, GoalsScreen)
        await pilot.press("n")
        await fill(pilot, {"id": "big-deal", "title": "Close the big deal"})
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, GoalForm)
        assert "Discard what you typed? Press esc again" in str(app.screen.query_one("#confirm", Static).render())
        await pilot.press("x")  # typing on goes back to the form, and asks again next time
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, GoalForm)
        assert app.screen.query_one("#f-title", Input).value == "Close the big dealx"
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, GoalsScreen)
    assert goals_file.read_text() == before


async def test_quitting_from_a_changed_form_asks_first(new_app, goals_file: Path) -> None:
    before = goals_file.read_text()
    app = new_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_goals(pilot)
        await pilot.press("n")
        await fill(pilot, {"id": "big-deal", "title": "Close the big deal"})
        await pilot.press("ctrl+q")
        await settle(pilot)
        assert isinstance(app.screen, GoalForm)
        assert "Quit and lose what you typed? Press ctrl+q again" in str(
            app.screen.query_one("#confirm", Static).render()
        )
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert app.return_code == 0
    assert goals_file.read_text() == before


async def test_a_goal_removed_on_disk_is_not_saved_and_the_input_is_kept(new_app, goals_file: Path) -> None:
    app = new_app(poll_interval=0)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_goals(pilot)
        await select(pilot, "daily-leads")
        await pilot.press("e")
        await fill(pilot, {"title": "Find 6 interested leads every working day"})
        changed = goals_file.read_text().replace("[goals.daily-leads]", "[goals.renamed-leads]")
        goals_file.write_text(changed)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, GoalForm)
        assert "no longer in the file" in str(app.screen.query_one("#form-problem", Static).render())
        assert app.screen.query_one("#f-title", Input).value == "Find 6 interested leads every working day"
        await pilot.press("escape")
        await pilot.pause()
        assert "renamed-leads" in ladder(app)
    assert goals_file.read_text() == changed


async def test_d_opens_the_road_only_when_asked_and_escape_goes_back(new_app, goals_file) -> None:
    app = new_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_goals(pilot)
        detail = str(app.screen.query_one("#detail", Static).render())
        assert "The road to the end of the window: d" in detail
        await pilot.press("d")
        await pilot.pause()
        assert app.screen.__class__.__name__ == "RoadScreen"
        assert "RoadChart" in {type(w).__name__ for w in app.screen.walk_children()}
        await pilot.press("escape")
        assert app.screen.__class__.__name__ == "GoalsScreen"


def test_the_ladder_says_why_a_window_asks_other_than_the_target() -> None:
    """A carried shortfall and a goal begun inside its window: the figure measured, and why, on the goal's line."""
    from goaltui.model.counts import DailyCounts
    from goaltui.model.goals import Change, Goal
    from goaltui.model.pace import goal_pace
    from goaltui.tui.screens.goal_words import goal_label
    from tests.factories import WEEKDAYS

    march = date(2027, 3, 2)
    carry = Change(date(2027, 2, 26), "carry", None, 3, date(2027, 3, 1), "shortfall carried over (2027-W08)")
    recruits = Goal(
        "recruits", "Recruit 8 a month", "recruits", 8, every="month", start=date(2027, 2, 1), changes=(carry,)
    )
    income = Goal("income", "Earn 100,000 this year", "income", 100000, every="year", start=date(2027, 2, 1))
    for goal, words in (
        (recruits, "0/11 this month (8 a month + 3 carried) recruits"),
        (income, "0/91,954 this year (100,000 a year, prorated from Mon 1 Feb) income"),
    ):
        pace = goal_pace(goal, WEEKDAYS, DailyCounts(), march)
        assert words in goal_label(goal, pace, smart="ok", today=march).plain

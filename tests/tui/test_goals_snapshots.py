"""SVG snapshots of the goals screen: a four-level ladder with milestones and history, two sizes, and the form."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from goaltui.store.goalsfile import starter_text, write_new
from synthetic import generate_history
from tests.factories import Clock, settle

LADDER = """
[goals.retire]
title = "Retire in 10 years on the business income"
why = "Time for family"
start = 2026-01-01
deadline = 2036-01-01

[goals.q1-customers]
title = "Sign 20 new customers by 31 March"
metric = "customers"
target = 60
stretch = 80
start = 2026-10-01
deadline = 2027-03-31
why = "A team of 20 by spring"
how = "Three a week from the weekly goal"
parent = "retire"
[[goals.q1-customers.milestones]]
title = "First 5 customers"
due = 2026-11-15
done = true
[[goals.q1-customers.milestones]]
title = "First 10 customers"
due = 2026-11-20
done = false
[[goals.q1-customers.milestones]]
title = "First 15 customers"
due = 2027-02-01
done = false
[[goals.q1-customers.changes]]
on = 2026-11-02
what = "target"
old = 15
new = 20
note = "the first month went well"

[goals.old-idea]
title = "Cold-call 100 people a day"
metric = "prospects"
target = 100
every = "day"
status = "archived"
"""


@pytest.fixture
def ladder_app(data_dir: Path, clock: Clock, new_app):
    """The starter goals under a business goal under a personal goal, with eight weeks of history."""
    text = starter_text(date(2026, 9, 28)).replace(
        'how = "Book a call with every lead within a day"\n',
        'how = "Book a call with every lead within a day"\nparent = "q1-customers"\n',
    )
    write_new(data_dir / "goals.toml", text + LADDER)
    generate_history(data_dir, start=date(2026, 9, 28), end=date(2026, 11, 24), seed=3)
    clock.now = clock.now.replace(hour=11, minute=15)
    return new_app(poll_interval=0)


async def _open(pilot) -> None:
    await pilot.press("g")
    await settle(pilot)


@pytest.mark.parametrize("size", [(80, 24), (160, 48)], ids=["80x24", "160x48"])
def test_goals_ladder(snap_compare, ladder_app, size: tuple[int, int]) -> None:
    async def select_q1(pilot) -> None:
        await _open(pilot)
        await pilot.press("down")
        await pilot.pause()

    assert snap_compare(ladder_app, terminal_size=size, run_before=select_q1)


def test_goals_form_with_a_vague_goal(snap_compare, ladder_app) -> None:
    async def vague(pilot) -> None:
        await _open(pilot)
        await pilot.press("n")
        await pilot.pause()
        await pilot.press(*"more-sales", "enter", *"More sales", "enter", *"customers")
        await pilot.pause()

    assert snap_compare(ladder_app, terminal_size=(80, 24), run_before=vague)


@pytest.mark.parametrize("downs", [1, 2], ids=["one-off", "recurring"])
def test_goals_road(snap_compare, ladder_app, downs: int) -> None:
    """The road of Q1's customers (start to deadline, with stretch), and of the weekly goal with its last 12 weeks."""

    async def road(pilot) -> None:
        await _open(pilot)
        await pilot.press(*["down"] * downs, "d")
        await pilot.pause()

    assert snap_compare(ladder_app, terminal_size=(80, 24), run_before=road)

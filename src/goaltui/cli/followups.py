"""The people a command reads, and who is due: what `status`, `remind` and the people commands share.

Kept apart from :mod:`goaltui.cli.people` so that `goaltui status` and `remind`
load the people log's reader and no more (not the cohorts, the team's rows or
the CSV import).
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

from goaltui.cli.common import warning
from goaltui.lang import _, ngettext
from goaltui.model.goals import Plan
from goaltui.model.numbers import count
from goaltui.model.people import Person, due_people
from goaltui.model.shown import shown
from goaltui.store.peoplelog import read_people


def people_of(data: Path, plan: Plan) -> dict[str, Person]:
    """Everyone in the people log, each problem in it said as a warning on stderr."""
    found = read_people(data, [m.id for m in plan.funnel()])
    for problem in found.problems:
        print(warning(shown(problem)), file=sys.stderr)
    return found.people


def due_count(data: Path, plan: Plan, today: date) -> int:
    """How many follow-ups are due today or overdue (a number: no name leaves here)."""

    return len(due_people(people_of(data, plan).values(), today))


def due_today(data: Path, plan: Plan, today: date) -> str:
    """``remind``'s words for the follow-ups due: who today, and how many overdue; "" when none."""

    due = due_people(people_of(data, plan).values(), today)
    if not due:
        return ""
    names = [shown(p.name) for p in due if p.follow_up == today]
    overdue = len(due) - len(names)
    parts = [_("follow up today: {names}").format(names=", ".join(names))] if names else []
    if overdue:
        parts.append(ngettext("{n} follow-up overdue", "{n} follow-ups overdue", overdue).format(n=count(overdue)))
    return "; ".join(parts) + " (goaltui due)"

"""`goaltui status` (today's counts and pace, --json) and `status --line` (the prompt's line), and the
status-line file rewritten after a tap.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from datetime import date
from pathlib import Path

from goaltui.cli.common import (
    Clock,
    UsageError,
    load_goals,
    read_counts,
    replay_spill,
    say,
    say_unknown_keys,
    warning,
)
from goaltui.cli.followups import due_count
from goaltui.lang import _
from goaltui.model.calendar import full_date
from goaltui.model.counts import DailyCounts
from goaltui.model.format import describe_pace, quantity, unit_of
from goaltui.model.goals import Plan
from goaltui.model.pace import plan_paces
from goaltui.model.status import status, todays_counts
from goaltui.model.statusline import LineFormatError, MetricFigure, figures, fill, render
from goaltui.model.vision import plan_roads, road_summary
from goaltui.store.goalsfile import GoalsFileError, goals_path, load_or_kept
from goaltui.store.statusline import data_stamp, line_path, write_line
from goaltui.store.taplog import TapLog


def run(args: argparse.Namespace, data: Path, clock: Clock) -> int:
    if args.line_file:
        say(line_path(data))
        return 0
    if args.line or args.format:
        return status_line(args, data, clock)

    today = clock().date()
    file = load_goals(data, today, kept=True)
    say_unknown_keys(file)

    replay_spill(TapLog(data))
    counts = read_counts(data).counts
    plan = file.plan
    if args.json:
        say(json.dumps(status(plan, counts, today), indent=2))
        return 0
    todays = todays_counts(plan, counts, today)
    paces = plan_paces(plan, counts, today)
    if plan.settings.is_workday(today):
        say(full_date(today))
    else:
        say(_("{date}  (day off: no pace expected)").format(date=full_date(today)))
    say("  ".join(f"{m}: {quantity(n, unit_of(plan, m))}" for m, n in todays.items()))
    for p in paces:
        goal = plan.goals[p.goal_id]
        say(f"{goal.id}: {describe_pace(p, goal.every)}")
    for found in plan_roads(plan, counts, today):
        say(f"{found.goal.id}: {road_summary(found)}")
    return 0


def refresh_status_line(data: Path, today: date, *, replacing: str | None = None) -> None:
    """Rewrite the prompt's status line, and the quick path's state, from the files; never fails the tap.

    ``replacing``: see store.statusline.write_line (a refresh after a quick tap).
    """

    try:
        stamp, plan, device, counts = _line_inputs(data)
        _keep_line(data, today, stamp, plan, device, counts, replacing=replacing)
    except GoalsFileError:
        pass  # edited since the tap: `status --line` says so, and the next tap writes the line again
    except OSError as err:
        say(warning(_("the status line was not updated: {why}").format(why=err.strerror or err)), file=sys.stderr)


def _line_inputs(data: Path) -> tuple[str | None, Plan, str, DailyCounts]:
    """The data stamp (taken first), the plan (the last good one while goals.toml has a mistake), device, counts."""

    stamp = data_stamp(data)
    file = load_or_kept(goals_path(data))
    log = TapLog(data)
    # While goals.toml has a mistake, no stamp: every tap goes the full way, which says what to fix.
    return (None if file.broken else stamp), file.plan, log.device, log.read().counts


def _keep_line(
    data: Path,
    today: date,
    stamp: str | None,
    plan: Plan,
    device: str,
    counts: DailyCounts,
    *,
    replacing: str | None = None,
) -> list[MetricFigure]:
    """Keep the line and today's totals for the prompt and the quick path; the line's figures."""

    items = figures(plan, counts, today)
    totals = (device, list(plan.metrics.values()), counts.on(today))
    write_line(data, render(items), today, stamp, totals=totals, figures=items, replacing=replacing)
    return items


def status_line(args: argparse.Namespace, data: Path, clock: Clock) -> int:
    """One line for a prompt: a broken file gives a short marker, never a traceback or many lines."""

    today = clock().date()
    try:
        stamp, plan, device, counts = _line_inputs(data)
    except (GoalsFileError, OSError):
        say("goaltui: " + _("goals.toml needs a look (goaltui status says why)"))
        return 1
    items = _keep_line(data, today, stamp, plan, device, counts)  # the prompt's file is fresh too
    if args.format:
        try:
            print(
                fill(args.format, items, today, _due_count(data, plan, today, args.format))
            )  # figures escaped in fill
        except LineFormatError as err:
            raise UsageError(str(err)) from None
    else:
        # Escaped in render; the colours are its own.
        print(render(items, colour=sys.stdout.isatty() and not os.environ.get("NO_COLOR")))
    return 0


def _due_count(data: Path, plan: Plan, today: date, template: str) -> int | None:
    """How many follow-ups are due, only when ``template`` asks (the people log is read for it alone)."""
    if "{due" not in template:
        return None

    return due_count(data, plan, today)


def refresh_after_quick_tap(data: str, day: str, counts: str) -> None:
    """After a tap on the quick path: the status line and the state, unless a newer tap has kept its own."""
    refresh_status_line(Path(data), date.fromisoformat(day), replacing=counts)

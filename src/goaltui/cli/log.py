"""`goaltui log METRIC [N]` the full way: a past --date, an amount, a note, who it was about, and the checks
against a typo or a slip (the quick path in goaltui.store.quick takes the plain taps).
"""

from __future__ import annotations

import argparse
import sys
from datetime import date, datetime, timedelta
from pathlib import Path

from goaltui.cli.common import (
    Clock,
    UsageError,
    is_text,
    load_goals,
    parse_amount,
    past_day,
    read_counts,
    replay_spill,
    say,
)
from goaltui.cli.people import check_who, say_stage
from goaltui.cli.status import refresh_status_line
from goaltui.model.calendar import long_date
from goaltui.model.entry import read_number
from goaltui.model.format import quantity
from goaltui.model.goals import Metric, Plan
from goaltui.model.numbers import MAX_N, SURE_N, is_slip
from goaltui.store.taplog import TapLog


def check_not_a_typo(day: date, plan: Plan, data: Path, today: date) -> None:
    """Refuse a --date that is very likely a typo: before 2000, or over a year before every goal and tap."""

    starts = [g.start for g in plan.goals.values() if g.start is not None]
    first_goal = min(starts, default=today)
    year = timedelta(days=365)
    if day.year >= 2000 and day >= first_goal - year:
        return
    first_tap = read_counts(data).counts.first_day() or today  # only read for a suspicious day
    if day.year >= 2000 and day >= first_tap - year:
        return
    since = min(first_goal, first_tap)
    raise UsageError(
        f"--date {day} is long before anything you track (it begins {long_date(since)}): a typo? "
        "Add --force to count it anyway"
    )


def check_not_a_slip(n: float, metric: Metric, data: Path, typed: str) -> None:
    """A count over ten times the user's best day for ``metric`` (and over SURE_N) is a slip until --force says not."""

    best = TapLog(data).read().counts.best(metric.id)
    if is_slip(n, best, amount=metric.is_amount):
        name = metric.id
        best_words = quantity(best, metric.unit)
        before = f"your best day for {name} is {best_words}" if best else f"you have no {name} counted yet"
        raise UsageError(f"{typed} {name} at once? {before}: add --force if you really mean {quantity(n, metric.unit)}")


def read_level(args: argparse.Namespace, data: Path, metric: Metric, now: datetime, day: date) -> int:
    """`goaltui log METRIC =VALUE` or `goaltui set METRIC VALUE`: a reading of a level; the latest one counts."""
    if not metric.is_level:
        raise UsageError(
            f"{metric.id} is counted, not read off: count it like goaltui log {metric.id} 3; to record what it "
            f'stands at instead, make it a level: kind = "level" under [metrics.{metric.id}] in goals.toml'
        )
    text = args.n.removeprefix("=")
    try:
        value = read_number(text)
    except ValueError as err:
        raise UsageError(f"{metric.id} ={text}: {err}") from None
    if abs(value) > MAX_N:
        raise UsageError(f"{metric.id} ={text}: a level goes up to {MAX_N:,}: check the number")
    if args.who is not None:
        raise UsageError(f"--who goes with a contact counted; a reading of {metric.id} is about no one")
    if args.note and not is_text(args.note):
        raise UsageError("--note has bytes that are not text (UTF-8): type the note again")
    log = TapLog(data)
    replay_spill(log)
    today = now.date()
    before = log.read().counts
    was = before.level(metric.id, day)
    log.append(metric.id, 0, now=now, day=day if day != today else None, note=args.note, level=value)
    for notice in log.notices:
        print(f"goaltui: warning: {notice}", file=sys.stderr)
    when = "today" if day == today else f"on {long_date(day)}"
    since = ""
    if was is not None:
        last = before.reading_days(metric.id, date.min, day)[-1]
        since = f" (was {quantity(was, metric.unit)}" + (")" if last == day else f" on {long_date(last)})")
    say(f"{metric.id}: {quantity(value, metric.unit)} {when}{since}", flush=True)
    refresh_status_line(data, today)
    return 0


def run(args: argparse.Namespace, data: Path, clock: Clock) -> int:
    now = clock()
    today = now.date()
    day = past_day(args.date, today) if args.date else today
    file = load_goals(data, today, kept=True)
    if day != today and not args.force:
        check_not_a_typo(day, file.plan, data, today)
    try:
        metric = file.plan.resolve_metric(args.metric)
    except LookupError as err:
        raise UsageError(str(err)) from None
    if args.command == "set" or args.n.startswith("="):
        return read_level(args, data, metric, now, day)
    if metric.is_level:
        raise UsageError(
            f"{metric.id} is a level, read off rather than counted: record what it stands at now, "
            f"like goaltui log {metric.id} =57 (or goaltui set {metric.id} 57)"
        )
    n = parse_amount(args.n, whole=not metric.is_amount)
    if args.note and not is_text(args.note):
        raise UsageError("--note has bytes that are not text (UTF-8): type the note again")
    if abs(n) > SURE_N and not args.force:
        check_not_a_slip(n, metric, data, args.n)
    who, stage_before = "", ""
    if args.who is not None:
        who, stage_before = check_who(args.who, data, file.plan, metric, n, again=args.again)

    log = TapLog(data)
    replay_spill(log)  # taps the app kept aside when it ended go first, with their own times
    when = "today" if day == today else f"on {long_date(day)}"
    if n < 0:
        held = log.day_total(metric.id, day, today)
        if held + n < 0:
            raise UsageError(
                f"{metric.id} {when} stands at {quantity(held, metric.unit)}: {quantity(n, metric.unit)} would take it "
                f"below zero (take back at most {quantity(held, metric.unit)})"
            )
    log.append(metric.id, n, now=now, day=day if day != today else None, note=args.note, who=who)
    for notice in log.notices:
        print(f"goaltui: warning: {notice}", file=sys.stderr)
    total = log.day_total(metric.id, day, today)
    say(f"{metric.id}: {quantity(total, metric.unit)} {when}", flush=True)  # saved: say so before the prompt's line
    if who:
        say_stage(who, stage_before, file.plan, metric, n)
    refresh_status_line(data, today)
    return 0

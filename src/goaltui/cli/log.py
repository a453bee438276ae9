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
    warning,
)
from goaltui.cli.people import check_who, say_stage
from goaltui.cli.status import refresh_status_line
from goaltui.lang import _
from goaltui.model.calendar import long_date
from goaltui.model.entry import read_number
from goaltui.model.format import quantity
from goaltui.model.goals import Metric, Plan
from goaltui.model.numbers import MAX_N, SURE_N, count, is_slip
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
        _(
            "--date {day} is long before anything you track (it begins {since}): a typo? Add --force to count it anyway"
        ).format(day=day, since=long_date(since))
    )


def check_not_a_slip(n: float, metric: Metric, data: Path, typed: str) -> None:
    """A count over ten times the user's best day for ``metric`` (and over SURE_N) is a slip until --force says not."""

    best = TapLog(data).read().counts.best(metric.id)
    if is_slip(n, best, amount=metric.is_amount):
        name = metric.id
        best_words = quantity(best, metric.unit)
        meant = quantity(n, metric.unit)
        if best:
            words = _(
                "{typed} {metric} at once? your best day for {metric} is {best}: add --force if you really mean {n}"
            )
        else:
            words = _("{typed} {metric} at once? you have no {metric} counted yet: add --force if you really mean {n}")
        raise UsageError(words.format(typed=typed, metric=name, best=best_words, n=meant))


def when_words(day: date, today: date) -> str:
    """When a count or a reading is for: "today", or "on Tue 1 Dec 2026"."""
    return _("today") if day == today else _("on {day}").format(day=long_date(day))


def check_note(note: str) -> None:
    if note and not is_text(note):
        raise UsageError(_("--note has bytes that are not text (UTF-8): type the note again"))


def read_level(args: argparse.Namespace, data: Path, metric: Metric, now: datetime, day: date) -> int:
    """`goaltui log METRIC =VALUE` or `goaltui set METRIC VALUE`: a reading of a level; the latest one counts."""
    if not metric.is_level:
        raise UsageError(
            _(
                "{metric} is counted, not read off: count it like goaltui log {metric} 3; to record what it "
                'stands at instead, make it a level: kind = "level" under [metrics.{metric}] in goals.toml'
            ).format(metric=metric.id)
        )
    text = args.n.removeprefix("=")
    try:
        value = read_number(text)
    except ValueError as err:
        raise UsageError(f"{metric.id} ={text}: {err}") from None
    if abs(value) > MAX_N:
        raise UsageError(
            _("{metric} ={text}: a level goes up to {most}: check the number").format(
                metric=metric.id, text=text, most=count(MAX_N)
            )
        )
    if args.who is not None:
        raise UsageError(
            _("--who goes with a contact counted; a reading of {metric} is about no one").format(metric=metric.id)
        )
    check_note(args.note)
    log = TapLog(data)
    replay_spill(log)
    today = now.date()
    before = log.read().counts
    was = before.level(metric.id, day)
    log.append(metric.id, 0, now=now, day=day if day != today else None, note=args.note, level=value)
    for notice in log.notices:
        print(warning(notice), file=sys.stderr)
    value_words = quantity(value, metric.unit)
    when = when_words(day, today)
    if was is None:
        say(f"{metric.id}: {value_words} {when}", flush=True)
    else:
        last = before.reading_days(metric.id, date.min, day)[-1]
        words = (
            _("{metric}: {value} {when} (was {was})")
            if last == day
            else _("{metric}: {value} {when} (was {was} on {day})")
        )
        say(
            words.format(
                metric=metric.id, value=value_words, when=when, was=quantity(was, metric.unit), day=long_date(last)
            ),
            flush=True,
        )
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
            _(
                "{metric} is a level, read off rather than counted: record what it stands at now, "
                "like goaltui log {metric} =57 (or goaltui set {metric} 57)"
            ).format(metric=metric.id)
        )
    n = parse_amount(args.n, whole=not metric.is_amount)
    check_note(args.note)
    if abs(n) > SURE_N and not args.force:
        check_not_a_slip(n, metric, data, args.n)
    who, stage_before = "", ""
    if args.who is not None:
        who, stage_before = check_who(args.who, data, file.plan, metric, n, again=args.again)

    log = TapLog(data)
    replay_spill(log)  # taps the app kept aside when it ended go first, with their own times
    when = when_words(day, today)
    if n < 0:
        held = log.day_total(metric.id, day, today)
        if held + n < 0:
            raise UsageError(
                _("{metric} {when} stands at {held}: {n} would take it below zero (take back at most {held})").format(
                    metric=metric.id, when=when, held=quantity(held, metric.unit), n=quantity(n, metric.unit)
                )
            )
    log.append(metric.id, n, now=now, day=day if day != today else None, note=args.note, who=who)
    for notice in log.notices:
        print(warning(notice), file=sys.stderr)
    total = log.day_total(metric.id, day, today)
    say(f"{metric.id}: {quantity(total, metric.unit)} {when}", flush=True)  # saved: say so before the prompt's line
    if who:
        say_stage(who, stage_before, file.plan, metric, n)
    refresh_status_line(data, today)
    return 0

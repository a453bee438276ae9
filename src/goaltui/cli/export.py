"""`goaltui export`: daily counts as CSV, the taps, the people, or a week's Markdown report."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from goaltui.cli.common import Clock, DataError, UsageError, load_goals, parse_day, read_counts
from goaltui.cli.people import export_people
from goaltui.cli.team import cmd_team_report
from goaltui.cli.weeks import asked_week
from goaltui.lang import _
from goaltui.model.goals import Plan
from goaltui.model.month_report import MonthError, month_report, parse_month
from goaltui.model.report import csv_text, default_span, markdown_report
from goaltui.store.notes import taps_csv, with_notes
from goaltui.store.reports import saved_notes, tap_notes
from goaltui.store.reviews import ReviewFileError
from goaltui.store.taplog import TapLog


def run(args: argparse.Namespace, data: Path, clock: Clock) -> int:
    if args.team:
        return cmd_team_report(args, clock)
    today = clock().date()
    file = load_goals(data, today, kept=True)
    plan = file.plan
    start = parse_day("--from", args.start, today) if args.start else None
    end = parse_day("--to", args.end, today) if args.end else None
    if args.month:
        return export_month(args, data, plan, today)
    if args.week:
        if args.format != "md":
            raise UsageError(_("--week goes with --format md (a week's report): for csv or taps use --from and --to"))
        if start or end:
            raise UsageError(_("--week names the whole span: give either --week or --from/--to, not both"))
        week = asked_week(args.week, plan.settings)
        start, end = (week.start, week.end) if week else (start, end)
    if args.format == "taps":
        return export_taps(data, start, end)
    if args.format == "people":
        return export_people(data, plan, today)
    counts = read_counts(data).counts
    if args.format == "csv":
        start = start or counts.first_day() or today
        end = end or today
    else:
        first, last = default_span(today, plan)
        start, end = start or first, end or (last if start is None else today)
    if end < start:
        raise UsageError(swap_them(start, end))
    if args.format == "csv":
        sys.stdout.write(csv_text(plan, counts, start, end))
        return 0
    try:
        saved = saved_notes(data, plan, start, end)
    except ReviewFileError as err:
        raise DataError(str(err)) from None
    sys.stdout.write(markdown_report(plan, counts, start, end, today, saved))
    return 0


def swap_them(start: date, end: date) -> str:
    return _("--from {start} is after --to {end}: swap them").format(start=start, end=end)


def export_month(args: argparse.Namespace, data: Path, plan: Plan, today: date) -> int:
    """`--month YYYY-MM`: the month's report in Markdown."""
    if args.format != "md":
        raise UsageError(_("--month goes with --format md (a month's report): for csv or taps use --from and --to"))
    if args.week or args.start or args.end:
        raise UsageError(_("--month names the whole span: give --month alone, not with --week, --from or --to"))
    try:
        month = parse_month(args.month)
    except MonthError as err:
        raise UsageError(f"--month: {err}") from None
    counts = read_counts(data).counts
    try:
        saved = saved_notes(data, plan, month.start, month.end)
    except ReviewFileError as err:
        raise DataError(str(err)) from None
    sys.stdout.write(month_report(plan, counts, month, today, saved, tap_notes(data, month)))
    return 0


def export_taps(data: Path, start: date | None, end: date | None) -> int:
    """One CSV row per tap, with its notes: time, day counted, metric, n, note, device."""

    if start and end and end < start:
        raise UsageError(swap_them(start, end))
    taps = TapLog(data).taps(since=start)
    sys.stdout.write(taps_csv(with_notes(taps), start, end))
    return 0

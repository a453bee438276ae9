"""`goaltui team` (the Team screen, --json, add) and the team's weekly report: members' folders read, never written."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date, datetime
from pathlib import Path

from goaltui.cli.common import Clock, DataError, UsageError, load, say, warning
from goaltui.cli.people import with_people
from goaltui.cli.weeks import asked_week
from goaltui.lang import _
from goaltui.model.calendar import long_date
from goaltui.model.report import ReviewNotes
from goaltui.model.team import MemberRow, member_row, team_json, team_view
from goaltui.model.team_report import team_report
from goaltui.model.weeks import review_week, week_label
from goaltui.store.reviews import ReviewFileError, load_review
from goaltui.store.team import TeamFileError, add_member, folder_member, folder_updated, load_team, read_member


def team_rows(folders: list[str], now: datetime) -> list[MemberRow]:
    """Every member's row: the folders given, else team.toml's members. Writes nothing in their folders."""

    try:
        members = [folder_member(f) for f in folders] if folders else load_team()
    except TeamFileError as err:
        raise DataError(str(err)) from None
    if not members:
        raise UsageError(_("no team yet: give members' folders, or add one with 'goaltui team add NAME FOLDER'"))
    rows = []
    for member in members:
        data = read_member(member)
        for problem in data.warnings:
            say(warning(f"{member.name}: {problem}"), file=sys.stderr)
        row = member_row(
            member.name,
            str(member.folder),
            data.plan,
            data.counts,
            now.date(),
            error=data.error,
            stale=data.stale(now),
        )
        rows.append(_with_people(row, Path(member.folder), now.date()))
    return rows


def _with_people(row: MemberRow, folder: Path, today: date) -> MemberRow:
    return with_people(row, folder, today)


def run(args: argparse.Namespace, data: Path, clock: Clock) -> int:
    if args.folders[:1] == ["add"]:
        if len(args.folders) != 3:
            raise UsageError(_("write it as: goaltui team add NAME FOLDER"))

        try:
            member = add_member(args.folders[1], Path(args.folders[2]))
        except TeamFileError as err:
            raise DataError(str(err)) from None
        say(_("{name}: {folder} (as [members.{id}])").format(name=member.name, folder=member.folder, id=member.id))
        return 0

    now = clock()
    view = team_view(team_rows(args.folders, now), now.date())
    if args.json:
        say(json.dumps(team_json(view), indent=2))
        return 0

    code: int = load("goaltui.tui.team").run(view, theme=args.theme, clock=clock)  # Textual only for the screen
    return code


def cmd_team_report(args: argparse.Namespace, clock: Clock) -> int:
    if args.format != "md":
        raise UsageError(_("--team makes the weekly report: use --format md"))
    now = clock()
    today = now.date()
    rows = team_rows([], now)
    settings = next((row.plan.settings for row in rows if row.plan is not None), None)
    if settings is None:
        problems = "; ".join(row.error or "" for row in rows)
        raise DataError(_("no member's folder could be read: {problems}").format(problems=problems))
    week = asked_week(args.week, settings) or review_week(today, settings)
    notes: dict[str, ReviewNotes | None] = {}
    updated = {}
    for row in rows:
        if row.error is None:
            try:
                saved = load_review(Path(row.folder), week_label(week))
            except ReviewFileError as err:
                say(warning(f"{row.name}: {err}"), file=sys.stderr)
                saved = None
            notes[row.name] = ReviewNotes(saved.notes, saved.decisions) if saved else None
        if row.stale:
            when = folder_updated(Path(row.folder))
            updated[row.name] = long_date(when.date()) if when else _("never")
    sys.stdout.write(team_report(rows, week, today, notes, updated))  # escaped as it is written
    return 0

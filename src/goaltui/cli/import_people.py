"""`goaltui import people FILE.csv`: contacts from a spreadsheet, idempotent, bad rows named and skipped."""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from pathlib import Path

from goaltui.cli.common import Clock, DataError, UsageError, load_goals
from goaltui.cli.people import append_touch, people_of
from goaltui.model.calendar import long_date
from goaltui.model.names import name_key
from goaltui.model.people_import import TEMPLATE, Change, changes, parse_rows
from goaltui.model.shown import shown

IMPORT_LIMIT = 16 * 1024 * 1024


def run(args: argparse.Namespace, data: Path, clock: Clock) -> int:
    if args.template:
        sys.stdout.write(TEMPLATE)
        return 0
    if not args.file:
        raise UsageError("give the file: goaltui import people FILE.csv (or --template for a sample)")
    now = clock()
    plan = load_goals(data, now.date(), kept=True).plan
    text = _read_csv(Path(args.file))
    funnel = plan.funnel()
    stages = {m.id: m.id for m in funnel} | {m.key: m.id for m in funnel}
    parsed = parse_rows(text, stages)
    people = people_of(data, plan)
    found = changes(parsed.rows, people, [m.id for m in funnel])
    for problem in parsed.problems:
        print(f"goaltui: {args.file}: {shown(problem)}", file=sys.stderr)
    written = 0
    for change in found:
        if change.empty:
            continue
        person = people.get(name_key(change.row.name))
        who = person.name if person else change.row.name
        print(f"line {change.row.line}: {shown(who)}: {_change_words(change)}")
        if not args.dry_run:
            _apply(data, who, change, now)
            written += 1
    same = sum(c.empty for c in found)
    verb = "would change" if args.dry_run else "changed"
    print(
        f"{len(found)} row(s) read: {verb} {sum(not c.empty for c in found)}, {same} already as the file says, "
        f"{sum(p.endswith('skipped') for p in parsed.problems)} skipped"
    )
    return 1 if any(p.endswith("skipped") for p in parsed.problems) else 0


def _read_csv(path: Path) -> str:
    try:
        size = path.stat().st_size
        if size > IMPORT_LIMIT:
            raise DataError(f"{path}: {size // (1024 * 1024)} MB is more than a contact list holds: split it")
        raw = path.read_bytes()
    except FileNotFoundError:
        raise UsageError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise UsageError(f"{path}: a folder, not a CSV file") from None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        raise DataError(f"{path}: not UTF-8 text: save it from the spreadsheet as CSV UTF-8") from None


def _change_words(change: Change) -> str:
    parts = ["new"] if change.new else []
    if change.stage:
        parts.append(f"stage {change.stage}")
    if change.follow_up:
        parts.append(f"follow up {long_date(change.follow_up)}")
    if change.details:
        parts.append("details " + ", ".join(k for k, _ in change.details))
    if change.note:
        parts.append("a note")
    return ", ".join(parts)


def _apply(data: Path, who: str, change: Change, now: datetime) -> None:
    if change.stage:
        append_touch(data, who, "stage", now, stage=change.stage)
    if change.details:
        append_touch(data, who, "details", now, details=change.details)
    if change.follow_up:
        append_touch(data, who, "follow-up", now, due=change.follow_up)
    if change.note:
        append_touch(data, who, "note", now, note=change.note)

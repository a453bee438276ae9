"""`goaltui import people FILE.csv`: contacts from a spreadsheet, idempotent, bad rows named and skipped."""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from pathlib import Path

from goaltui.cli.common import Clock, DataError, UsageError, load_goals
from goaltui.cli.followups import people_of
from goaltui.cli.people import append_touch
from goaltui.lang import _, pgettext
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
        raise UsageError(_("give the file: goaltui import people FILE.csv (or --template for a sample)"))
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
        print(
            _("line {n}: {name}: {changes}").format(n=change.row.line, name=shown(who), changes=_change_words(change))
        )
        if not args.dry_run:
            _apply(data, who, change, now)
            written += 1
    same = sum(c.empty for c in found)
    if args.dry_run:
        words = _("{rows} row(s) read: would change {changed}, {same} already as the file says, {skipped} skipped")
    else:
        words = _("{rows} row(s) read: changed {changed}, {same} already as the file says, {skipped} skipped")
    changed = sum(not c.empty for c in found)
    skipped = sum(p.endswith("skipped") for p in parsed.problems)
    print(words.format(rows=len(found), changed=changed, same=same, skipped=skipped))
    return 1 if any(p.endswith("skipped") for p in parsed.problems) else 0


def _read_csv(path: Path) -> str:
    try:
        size = path.stat().st_size
        if size > IMPORT_LIMIT:
            raise DataError(
                _("{path}: {size} MB is more than a contact list holds: split it").format(
                    path=path, size=size // (1024 * 1024)
                )
            )
        raw = path.read_bytes()
    except FileNotFoundError:
        raise UsageError(_("{path}: no such file").format(path=path)) from None
    except IsADirectoryError:
        raise UsageError(_("{path}: a folder, not a CSV file").format(path=path)) from None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        raise DataError(
            _("{path}: not UTF-8 text: save it from the spreadsheet as CSV UTF-8").format(path=path)
        ) from None


def _change_words(change: Change) -> str:
    parts = [pgettext("person", "new")] if change.new else []
    if change.stage:
        parts.append(_("stage {stage}").format(stage=change.stage))
    if change.follow_up:
        parts.append(_("follow up {day}").format(day=long_date(change.follow_up)))
    if change.details:
        parts.append(_("details {fields}").format(fields=", ".join(key for key, _value in change.details)))
    if change.note:
        parts.append(_("a note"))
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

"""The people commands: `goaltui due`, `people`, `follow`, `touch`, and `log --who`'s checks.

Everything a person typed (names, notes, details) is shown through ``shown``:
control characters escaped, whatever a synced file holds.
"""

from __future__ import annotations

import sys
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from goaltui.cli import Clock, DataError, UsageError, _load_goals
from goaltui.model.names import name_key
from goaltui.model.people import DETAIL_FIELDS, Person
from goaltui.model.shown import shown

if TYPE_CHECKING:
    import argparse

    from goaltui.model.goals import Metric, Plan
    from goaltui.model.people import TouchKind
    from goaltui.model.people_import import Change
    from goaltui.model.team import MemberRow


def add_parsers(sub: argparse._SubParsersAction[Any]) -> None:
    """The people commands' parsers, beside the others."""
    due = sub.add_parser(
        "due",
        help="follow-ups due today and overdue",
        description="Who to follow up today: everyone whose next follow-up is today or past, the most overdue first.",
    )
    due.add_argument("--json", action="store_true", help="print one JSON object instead of text")
    people = sub.add_parser(
        "people",
        help="everyone you have named, by next follow-up",
        description="Everyone named on a tap or a touch: stage (the furthest funnel metric counted with their "
        "name), next follow-up, last touch, and whether they have gone stale (settings.stale_after).",
    )
    people.add_argument("--stage", metavar="METRIC", help="only those at this stage (a funnel metric: l, leads, ...)")
    people.add_argument("--stale", action="store_true", help="only those with no touch for stale_after days")
    people.add_argument("--json", action="store_true", help="print one JSON object instead of text")
    people.add_argument(
        "--funnel",
        action="store_true",
        help="the funnel as people move: cohorts of the last 8 weeks, and the pipeline of open leads",
    )
    follow = sub.add_parser(
        "follow",
        help="set when to follow someone up (or mark it done)",
        description="Set NAME's next follow-up: WHEN is today, tomorrow, a weekday (fri: the next one), +N days "
        "or YYYY-MM-DD; 'done' marks the follow-up done.",
    )
    follow.add_argument("name", metavar="NAME")
    follow.add_argument("when", metavar="WHEN", help="tomorrow, fri, +3, 2026-12-01, or done")
    follow.add_argument("--note", metavar="TEXT", default="", help="what to follow up about")
    follow.add_argument("--new", action="store_true", help="NAME is someone new, not a typo of a known name")
    touch = sub.add_parser(
        "touch",
        help="note a touch that counts nothing: no answer, a note, lost, details",
        description="Note something done with NAME that counts nothing: no-answer, note (with --note), lost, "
        "or details (with --company, --phone, --email, --source; an empty value clears one).",
    )
    touch.add_argument("name", metavar="NAME")
    touch.add_argument("kind", metavar="WHAT", choices=("no-answer", "note", "lost", "details"))
    touch.add_argument("--note", metavar="TEXT", default="")
    touch.add_argument("--new", action="store_true", help="NAME is someone new, not a typo of a known name")
    for field in DETAIL_FIELDS:
        touch.add_argument(f"--{field}", metavar="TEXT")
    forget = sub.add_parser(
        "forget",
        help="erase a person's name, details and notes from this device's files",
        description="Erase NAME from every tap and people file this device wrote (the counts stay, without the "
        "name), and from this device's caches; a marker (a salted hash, never the name) makes every other device "
        "do the same at its next start.",
    )
    forget.add_argument("name", metavar="NAME")
    load = sub.add_parser(
        "import",
        help="import people from a spreadsheet (CSV)",
        description="Import contacts from a CSV with a header row (name, stage, next follow-up, company, phone, "
        "email, source, note; comma or semicolon; UTF-8). Only what differs is written, so importing the same file "
        "again changes nothing; a bad row is named by its line and skipped. A stage from the file counts nothing.",
    )
    load.add_argument("what", choices=("people",), metavar="people")
    load.add_argument("file", metavar="FILE.csv", nargs="?")
    load.add_argument("--dry-run", action="store_true", help="say what would change; write nothing")
    load.add_argument("--template", action="store_true", help="print a sample file to start from")


# --------------------------------------------------------------------------- reading


def _people(data: Path, plan: Plan) -> dict[str, Person]:
    from goaltui.store.peoplelog import read_people

    found = read_people(data, [m.id for m in plan.funnel()])
    for problem in found.problems:
        print(f"goaltui: warning: {shown(problem)}", file=sys.stderr)
    return found.people


def checked_name(text: str, flag: str) -> str:
    from goaltui.model.names import clean_name

    try:
        return clean_name(text)
    except ValueError as err:
        raise UsageError(f"{flag} {shown(text)[:90]!r}: {err}: type the name again") from None


def known(people: dict[str, Person], name: str, *, new: bool) -> Person | None:
    """The person named, or None for someone new; a name that is neither is refused unless ``new``."""
    from goaltui.model.people import find

    person = find(people, name)
    if person is not None or new:
        return person
    import difflib

    names = {p.name.casefold(): p.name for p in people.values()}
    near = difflib.get_close_matches(name.casefold(), list(names), n=1, cutoff=0.6)
    hint = f"did you mean {shown(names[near[0]])!r}? Or " if near else ""
    raise UsageError(f"no one named {shown(name)!r} yet: {hint}add --new to start a new person")


# --------------------------------------------------------------------------- log --who


def check_who(text: str, data: Path, plan: Plan, metric: Metric, n: float, *, again: bool) -> tuple[str, str]:
    """``log --who``: the name as kept, and the person's stage before this tap.

    Counting a funnel stage for someone already counted at it makes no second
    lead: refused unless ``again``.
    """
    from goaltui.model.calendar import long_date
    from goaltui.model.format import singular
    from goaltui.model.people import counted_as, find

    name = checked_name(text, "--who")
    person = find(_people(data, plan), name)
    if person is None:
        return name, ""
    first = counted_as(person, metric.id)
    if metric.funnel is not None and n > 0 and first is not None and not again:
        when = f" (first on {long_date(first)})"
        raise DataError(
            f"{shown(person.name)} is already counted as one of your {metric.id}{when}: not counted again; "
            f"add --again to count another {singular(metric.id)} for them"
        )
    return person.name, person.stage


def say_stage(name: str, before: str, plan: Plan, metric: Metric, n: float) -> None:
    """One line after a tap with a name: where the person stands now (worked out, not read again)."""
    rank = {m.id: i for i, m in enumerate(plan.funnel())}
    after = before
    if n > 0 and metric.id in rank and rank[metric.id] > rank.get(before, -1):
        after = metric.id
    if after == before:
        return
    was = f" (was {before})" if before else ""
    print(f"{shown(name)}: {after}{was}")


# --------------------------------------------------------------------------- due, people


def due_count(data: Path, plan: Plan, today: date) -> int:
    """How many follow-ups are due today or overdue (a number: no name leaves here)."""
    from goaltui.model.people import due_people

    return len(due_people(_people(data, plan).values(), today))


def due_today(data: Path, plan: Plan, today: date) -> str:
    """``remind``'s words for the follow-ups due: who today, and how many overdue; "" when none."""
    from goaltui.model.people import due_people

    due = due_people(_people(data, plan).values(), today)
    if not due:
        return ""
    names = [shown(p.name) for p in due if p.follow_up == today]
    overdue = len(due) - len(names)
    parts = [f"follow up today: {', '.join(names)}"] if names else []
    if overdue:
        parts.append(f"{overdue} follow-up{'s' if overdue != 1 else ''} overdue")
    return "; ".join(parts) + " (goaltui due)"


def cmd_due(args: argparse.Namespace, data: Path, clock: Clock) -> int:
    from goaltui.model.calendar import short_date
    from goaltui.model.people import by_follow_up, due_people, week_end

    today = clock().date()
    plan = _load_goals(data, today, kept=True).plan
    people = _people(data, plan)
    due = due_people(people.values(), today)
    end = week_end(today, plan.settings.week_starts)
    later = [p for p in people.values() if p.due(today, end) == "week"]
    if args.json:
        import json

        rows = [_due_json(p, today) for p in due]
        print(json.dumps({"date": today.isoformat(), "due": rows, "later_this_week": len(later)}, indent=2))
        return 0
    if not due:
        upcoming = [p for p in by_follow_up(people.values()) if p.follow_up and not p.lost]
        first = upcoming[0] if upcoming else None
        nxt = (
            f" (next: {shown(first.name)} on {short_date(first.follow_up, today)})" if first and first.follow_up else ""
        )
        print(f"no follow-ups due today{nxt}")
        return 0
    for person in due:
        assert person.follow_up is not None
        late = (today - person.follow_up).days
        when = "today" if late == 0 else f"{late} day{'s' if late != 1 else ''} overdue"
        note = f"  {shown(person.follow_note)}" if person.follow_note else ""
        stage = f" ({person.stage})" if person.stage else ""
        print(f"{when:<18}{shown(person.name)}{stage}{note}")
    if later:
        print(f"{len(later)} more later this week: goaltui people")
    return 0


def _due_json(person: Person, today: date) -> dict[str, object]:
    assert person.follow_up is not None
    return {
        "name": person.name,
        "stage": person.stage,
        "follow_up": person.follow_up.isoformat(),
        "days_overdue": (today - person.follow_up).days,
        "note": person.follow_note,
    }


def cmd_people(args: argparse.Namespace, data: Path, clock: Clock) -> int:
    from goaltui.model.calendar import short_date
    from goaltui.model.people import by_follow_up, week_end

    today = clock().date()
    plan = _load_goals(data, today, kept=True).plan
    stage = _stage(plan, args.stage) if args.stage else None
    stale_after = dict(plan.settings.stale_after)
    end = week_end(today, plan.settings.week_starts)
    everyone = _people(data, plan)
    if args.funnel:
        return _funnel(plan, everyone, today, stale_after, as_json=args.json)
    chosen = [
        p
        for p in by_follow_up(everyone.values())
        if (stage is None or p.stage == stage) and (not args.stale or p.stale(today, stale_after))
    ]
    if args.json:
        import json

        rows = [_person_json(p, today, end, stale_after) for p in chosen]
        print(json.dumps({"date": today.isoformat(), "people": rows}, indent=2, ensure_ascii=False))
        return 0
    if not chosen:
        print(
            'no one yet: name someone on a tap, like goaltui log p --who "Ben Ortiz"'
            if not args.stage and not args.stale
            else "no one matches"
        )
        return 0
    width = min(30, max(len(shown(p.name)) for p in chosen))
    for p in chosen:
        follow = f"follow up {short_date(p.follow_up, today)}" if p.follow_up and not p.lost else ""
        flags = (("lost", p.lost), ("overdue", p.due(today, end) == "overdue"), ("stale", p.stale(today, stale_after)))
        marks = [mark for mark, on in flags if on]
        last = f"last touch {short_date(p.last_touch, today)}" if p.last_touch else ""
        print(f"{shown(p.name)[:30]:<{width}}  {p.stage or '-':<10} {follow:<24} {last:<22} {' '.join(marks)}".rstrip())
    return 0


def _funnel(plan: Plan, everyone: dict[str, Person], today: date, stale_after: dict[str, int], *, as_json: bool) -> int:
    from goaltui.model.cohort import cohorts, pipeline

    funnel = [m.id for m in plan.funnel()]
    found = cohorts(everyone.values(), funnel, today)
    flow = pipeline(everyone.values(), funnel, found, today, stale_after)
    if as_json:
        import json

        rows = [
            {
                "source": c.source,
                "target": c.target,
                "people": c.people,
                "moved": c.moved,
                "rate": c.rate.rate if c.enough else None,
                "low": c.rate.low if c.enough else None,
                "high": c.rate.high if c.enough else None,
                "median_days": c.median_days,
            }
            for c in found
        ]
        piped = None if flow is None else {"stage": flow.stage, "open": flow.open, "expected": flow.expected}
        print(json.dumps({"date": today.isoformat(), "cohorts": rows, "pipeline": piped}, indent=2))
        return 0
    for cohort in found:
        print(cohort.words())
    if flow is not None:
        print(flow.words())
    return 0


def _stage(plan: Plan, text: str) -> str:
    try:
        metric = plan.resolve_metric(text)
    except LookupError as err:
        raise UsageError(f"--stage: {err}") from None
    if metric.funnel is None:
        stages = ", ".join(m.id for m in plan.funnel())
        raise UsageError(f"--stage {metric.id}: not a funnel stage: give one of {stages}")
    return metric.id


def _person_json(p: Person, today: date, end: date, stale_after: dict[str, int]) -> dict[str, object]:
    def day(d: date | None) -> str | None:
        return d.isoformat() if d else None

    return {
        "name": p.name,
        "stage": p.stage,
        "first_seen": day(p.first_seen),
        "last_touch": day(p.last_touch),
        "follow_up": day(p.follow_up),
        "due": p.due(today, end),
        "stale": p.stale(today, stale_after),
        "lost": p.lost,
        "reached": {metric: d.isoformat() for metric, d in p.reached.items()},
        "details": p.details,
    }


# --------------------------------------------------------------------------- follow, touch


def cmd_follow(args: argparse.Namespace, data: Path, clock: Clock) -> int:
    from goaltui.model.calendar import long_date
    from goaltui.model.people import parse_when

    now = clock()
    today = now.date()
    plan = _load_goals(data, today, kept=True).plan
    name = checked_name(args.name, "NAME")
    note = _checked_note(args.note)
    person = known(_people(data, plan), name, new=args.new)
    shown_name = shown(person.name if person else name)
    if args.when.strip().lower() == "done":
        if person is None or person.follow_up is None:
            raise UsageError(f"{shown_name} has no follow-up set: nothing to mark done")
        _append(data, person.name, "done", now, note=note)
        print(f"{shown_name}: followed up")
        return 0
    try:
        day = parse_when(args.when, today)
    except ValueError as err:
        raise UsageError(f"WHEN {err}") from None
    if day < today:
        raise UsageError(f"WHEN {long_date(day)} is past: give today or a later day")
    _append(data, person.name if person else name, "follow-up", now, due=day, note=note)
    print(f"{shown_name}: follow up on {long_date(day)}")
    return 0


def cmd_touch(args: argparse.Namespace, data: Path, clock: Clock) -> int:
    now = clock()
    plan = _load_goals(data, now.date(), kept=True).plan
    name = checked_name(args.name, "NAME")
    note = _checked_note(args.note)
    details = tuple((f, getattr(args, f).strip()) for f in DETAIL_FIELDS if getattr(args, f) is not None)
    if args.kind == "details" and not details:
        raise UsageError("details: give at least one of --company, --phone, --email, --source")
    if args.kind != "details" and details:
        raise UsageError(f"--{details[0][0]} goes with 'details', not '{args.kind}'")
    if args.kind == "note" and not note.strip():
        raise UsageError("a note needs --note TEXT")
    person = known(_people(data, plan), name, new=args.new)
    _append(data, person.name if person else name, args.kind, now, note=note, details=details)
    print(f"{shown(person.name if person else name)}: {args.kind}")
    return 0


def _checked_note(note: str) -> str:
    from goaltui.model.people import MAX_NOTE

    if len(note) > MAX_NOTE:
        raise UsageError(f"--note has {len(note)} characters: keep it to {MAX_NOTE}")
    return note


def _append(
    data: Path,
    who: str,
    kind: TouchKind,
    now: datetime,
    *,
    due: date | None = None,
    note: str = "",
    details: tuple[tuple[str, str], ...] = (),
    stage: str = "",
) -> None:
    from goaltui.store.peoplelog import PeopleLog

    log = PeopleLog(data)
    try:
        log.append(who, kind, now=now, due=due, note=note, details=details, stage=stage)
    except ValueError as err:
        raise UsageError(shown(str(err))) from None
    for notice in log.notices:
        print(f"goaltui: warning: {notice}", file=sys.stderr)


# --------------------------------------------------------------------------- export


def export_people(data: Path, plan: Plan, today: date) -> int:
    """One CSV row per person: stage, the day each funnel stage was reached, touches, follow-up, details."""
    import csv
    import io

    from goaltui.model.people import by_follow_up

    funnel = [m.id for m in plan.funnel()]
    stale_after = dict(plan.settings.stale_after)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    stages = (f"{m}_on" for m in funnel)
    writer.writerow(
        ("name", "stage", "first_seen", *stages, "last_touch", "follow_up", "stale", "lost", *DETAIL_FIELDS, "taps")
    )
    for p in by_follow_up(_people(data, plan).values()):
        writer.writerow(
            (
                p.name,
                p.stage,
                _iso(p.first_seen),
                *(_iso(p.reached.get(m)) for m in funnel),
                _iso(p.last_touch),
                _iso(p.follow_up),
                int(p.stale(today, stale_after)),
                int(p.lost),
                *(p.details.get(f, "") for f in DETAIL_FIELDS),
                sum(1 for e in p.events if e.kind == "tap"),
            )
        )
    sys.stdout.write(out.getvalue())
    return 0


def _iso(day: date | None) -> str:
    return day.isoformat() if day else ""


# --------------------------------------------------------------------------- forget


def cmd_forget(args: argparse.Namespace, data: Path, clock: Clock) -> int:
    from goaltui.store import forget, locations

    now = clock()
    plan = _load_goals(data, now.date(), kept=True).plan
    name = checked_name(args.name, "NAME")
    person = known(_people(data, plan), name, new=False)
    assert person is not None
    done = forget.forget(data, person.name, locations.device_id(), now)
    if name != person.name:
        forget.scrub_device_folders(data, name)
    taps = f"{done.taps} tap{'s' if done.taps != 1 else ''}"
    touches = f"{done.touches} touch{'es' if done.touches != 1 else ''}"
    print(
        f"forgot {shown(person.name)}: {taps} kept without the name (counts stay), {touches} removed; "
        "other devices forget them at their next start"
    )
    return 0


def obey_forget_markers(data: Path) -> None:
    """Forget, in this device's files, the names another device forgot (once per marker)."""
    from goaltui.store import forget, locations

    try:
        done = forget.apply_markers(data, locations.device_id())
    except OSError as err:
        print(f"goaltui: warning: a name forgotten on another device is not yet forgotten here: {err}", file=sys.stderr)
        return
    if done.files:
        print(f"goaltui: forgot a name another device forgot, in {len(done.files)} file(s)", file=sys.stderr)


# --------------------------------------------------------------------------- the team


def with_people(row: MemberRow, folder: Path, today: date) -> MemberRow:
    """``row`` with the member's people counted: how many at each stage, overdue, stale; never a name."""
    import dataclasses

    from goaltui.model.people import people_figures
    from goaltui.store.peoplelog import read_people

    if row.plan is None:
        return row
    funnel = [m.id for m in row.plan.funnel()]
    try:
        found = read_people(folder, funnel)
    except OSError:
        return row
    figures = people_figures(found.people.values(), funnel, today, dict(row.plan.settings.stale_after))
    return dataclasses.replace(row, people=figures)


# --------------------------------------------------------------------------- import


IMPORT_LIMIT = 16 * 1024 * 1024


def cmd_import(args: argparse.Namespace, data: Path, clock: Clock) -> int:
    from goaltui.model.people_import import TEMPLATE, changes, parse_rows

    if args.template:
        sys.stdout.write(TEMPLATE)
        return 0
    if not args.file:
        raise UsageError("give the file: goaltui import people FILE.csv (or --template for a sample)")
    now = clock()
    plan = _load_goals(data, now.date(), kept=True).plan
    text = _read_csv(Path(args.file))
    funnel = plan.funnel()
    stages = {m.id: m.id for m in funnel} | {m.key: m.id for m in funnel}
    parsed = parse_rows(text, stages)
    people = _people(data, plan)
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
    from goaltui.model.calendar import long_date

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
        _append(data, who, "stage", now, stage=change.stage)
    if change.details:
        _append(data, who, "details", now, details=change.details)
    if change.follow_up:
        _append(data, who, "follow-up", now, due=change.follow_up)
    if change.note:
        _append(data, who, "note", now, note=change.note)

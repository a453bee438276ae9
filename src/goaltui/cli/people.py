"""`goaltui due`, `people`, `follow` and `touch`, and `log --who`'s checks: the people behind the taps."""

from __future__ import annotations

import argparse
import csv
import dataclasses
import difflib
import io
import json
import sys
from datetime import date, datetime
from pathlib import Path

from goaltui.cli.common import Clock, DataError, UsageError, load_goals, warning
from goaltui.cli.followups import people_of
from goaltui.lang import _, ngettext, pgettext
from goaltui.model.calendar import long_date, short_date
from goaltui.model.cohort import cohorts, pipeline
from goaltui.model.format import singular
from goaltui.model.goals import Metric, Plan
from goaltui.model.names import DETAIL_FIELDS, clean_name
from goaltui.model.numbers import count
from goaltui.model.people import (
    MAX_NOTE,
    Person,
    TouchKind,
    by_follow_up,
    counted_as,
    due_people,
    find,
    parse_when,
    people_figures,
    week_end,
)
from goaltui.model.shown import shown
from goaltui.model.team import MemberRow
from goaltui.store.peoplelog import PeopleLog, read_people


def checked_name(text: str, flag: str) -> str:
    try:
        return clean_name(text)
    except ValueError as err:
        raise UsageError(
            _("{flag} {name!r}: {problem}: type the name again").format(flag=flag, name=shown(text)[:90], problem=err)
        ) from None


def known(people: dict[str, Person], name: str, *, new: bool) -> Person | None:
    """The person named, or None for someone new; a name that is neither is refused unless ``new``."""

    person = find(people, name)
    if person is not None or new:
        return person

    names = {p.name.casefold(): p.name for p in people.values()}
    near = difflib.get_close_matches(name.casefold(), list(names), n=1, cutoff=0.6)
    if near:
        words = _("no one named {name!r} yet: did you mean {near!r}? Or add --new to start a new person")
    else:
        words = _("no one named {name!r} yet: add --new to start a new person")
    raise UsageError(words.format(name=shown(name), near=shown(names[near[0]]) if near else ""))


def check_who(text: str, data: Path, plan: Plan, metric: Metric, n: float, *, again: bool) -> tuple[str, str]:
    """``log --who``: the name as kept, and the person's stage before this tap.

    Counting a funnel stage for someone already counted at it makes no second
    lead: refused unless ``again``.
    """

    name = checked_name(text, "--who")
    person = find(people_of(data, plan), name)
    if person is None:
        return name, ""
    first = counted_as(person, metric.id)
    if metric in plan.funnel() and n > 0 and first is not None and not again:
        raise DataError(
            _(
                "{name} is already counted as one of your {metric} (first on {day}): not counted again; "
                "add --again to count another {one} for them"
            ).format(name=shown(person.name), metric=metric.id, day=long_date(first), one=singular(metric.id))
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
    if before:
        print(_("{name}: {stage} (was {before})").format(name=shown(name), stage=after, before=before))
    else:
        print(f"{shown(name)}: {after}")


def cmd_due(args: argparse.Namespace, data: Path, clock: Clock) -> int:
    today = clock().date()
    plan = load_goals(data, today, kept=True).plan
    people = people_of(data, plan)
    due = due_people(people.values(), today)
    end = week_end(today, plan.settings.week_starts)
    later = [p for p in people.values() if p.due(today, end) == "week"]
    if args.json:
        rows = [_due_json(p, today) for p in due]
        print(json.dumps({"date": today.isoformat(), "due": rows, "later_this_week": len(later)}, indent=2))
        return 0
    if not due:
        upcoming = [p for p in by_follow_up(people.values()) if p.follow_up and not p.lost]
        first = upcoming[0] if upcoming else None
        if first and first.follow_up:
            print(
                _("no follow-ups due today (next: {name} on {day})").format(
                    name=shown(first.name), day=short_date(first.follow_up, today)
                )
            )
        else:
            print(_("no follow-ups due today"))
        return 0
    for person in due:
        assert person.follow_up is not None
        late = (today - person.follow_up).days
        when = _("today") if late == 0 else ngettext("{n} day overdue", "{n} days overdue", late).format(n=count(late))
        note = f"  {shown(person.follow_note)}" if person.follow_note else ""
        stage = f" ({person.stage})" if person.stage else ""
        print(f"{when:<18}{shown(person.name)}{stage}{note}")
    if later:
        print(_("{n} more later this week: goaltui people").format(n=count(len(later))))
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
    today = clock().date()
    plan = load_goals(data, today, kept=True).plan
    stage = _stage(plan, args.stage) if args.stage else None
    stale_after = dict(plan.settings.stale_after)
    end = week_end(today, plan.settings.week_starts)
    everyone = people_of(data, plan)
    if args.funnel:
        return _funnel(plan, everyone, today, stale_after, as_json=args.json)
    chosen = [
        p
        for p in by_follow_up(everyone.values())
        if (stage is None or p.stage == stage) and (not args.stale or p.stale(today, stale_after))
    ]
    if args.json:
        rows = [_person_json(p, today, end, stale_after) for p in chosen]
        print(json.dumps({"date": today.isoformat(), "people": rows}, indent=2, ensure_ascii=False))
        return 0
    if not chosen:
        print(
            _('no one yet: name someone on a tap, like goaltui log p --who "Ben Ortiz"')
            if not args.stage and not args.stale
            else _("no one matches")
        )
        return 0
    width = min(30, max(len(shown(p.name)) for p in chosen))
    for p in chosen:
        follow = _("follow up {day}").format(day=short_date(p.follow_up, today)) if p.follow_up and not p.lost else ""
        flags = (
            (pgettext("person", "lost"), p.lost),
            (pgettext("person", "overdue"), p.due(today, end) == "overdue"),
            (pgettext("person", "stale"), p.stale(today, stale_after)),
        )
        marks = [mark for mark, on in flags if on]
        last = _("last touch {day}").format(day=short_date(p.last_touch, today)) if p.last_touch else ""
        print(f"{shown(p.name)[:30]:<{width}}  {p.stage or '-':<10} {follow:<24} {last:<22} {' '.join(marks)}".rstrip())
    return 0


def _funnel(plan: Plan, everyone: dict[str, Person], today: date, stale_after: dict[str, int], *, as_json: bool) -> int:
    funnel = [m.id for m in plan.funnel()]
    found = cohorts(everyone.values(), funnel, today, links=plan.stage_links())
    flow = pipeline(everyone.values(), funnel, found, today, stale_after)
    if as_json:
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
    if metric not in plan.funnel():
        stages = ", ".join(m.id for m in plan.funnel())
        raise UsageError(
            _("--stage {metric}: not a funnel stage: give one of {stages}").format(metric=metric.id, stages=stages)
        )
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


def cmd_follow(args: argparse.Namespace, data: Path, clock: Clock) -> int:
    now = clock()
    today = now.date()
    plan = load_goals(data, today, kept=True).plan
    name = checked_name(args.name, "NAME")
    note = _checked_note(args.note)
    person = known(people_of(data, plan), name, new=args.new)
    shown_name = shown(person.name if person else name)
    if args.when.strip().lower() == "done":
        if person is None or person.follow_up is None:
            raise UsageError(_("{name} has no follow-up set: nothing to mark done").format(name=shown_name))
        append_touch(data, person.name, "done", now, note=note)
        print(_("{name}: followed up").format(name=shown_name))
        return 0
    try:
        day = parse_when(args.when, today)
    except ValueError as err:
        raise UsageError(f"WHEN {err}") from None
    if day < today:
        raise UsageError(_("WHEN {day} is past: give today or a later day").format(day=long_date(day)))
    append_touch(data, person.name if person else name, "follow-up", now, due=day, note=note)
    print(_("{name}: follow up on {day}").format(name=shown_name, day=long_date(day)))
    return 0


def cmd_touch(args: argparse.Namespace, data: Path, clock: Clock) -> int:
    if args.kind == "done":  # the follow-up's: the same as `goaltui follow NAME done`
        args.when = "done"
        return cmd_follow(args, data, clock)
    now = clock()
    plan = load_goals(data, now.date(), kept=True).plan
    name = checked_name(args.name, "NAME")
    note = _checked_note(args.note)
    details = tuple((f, getattr(args, f).strip()) for f in DETAIL_FIELDS if getattr(args, f) is not None)
    if args.kind == "details" and not details:
        raise UsageError(_("details: give at least one of --company, --phone, --email, --source"))
    if args.kind != "details" and details:
        raise UsageError(_("--{field} goes with 'details', not '{kind}'").format(field=details[0][0], kind=args.kind))
    if args.kind == "note" and not note.strip():
        raise UsageError(_("a note needs --note TEXT"))
    person = known(people_of(data, plan), name, new=args.new)
    append_touch(data, person.name if person else name, args.kind, now, note=note, details=details)
    print(f"{shown(person.name if person else name)}: {args.kind}")
    return 0


def _checked_note(note: str) -> str:
    if len(note) > MAX_NOTE:
        raise UsageError(_("--note has {n} characters: keep it to {most}").format(n=len(note), most=MAX_NOTE))
    return note


def append_touch(
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
    log = PeopleLog(data)
    try:
        log.append(who, kind, now=now, due=due, note=note, details=details, stage=stage)
    except ValueError as err:
        raise UsageError(shown(str(err))) from None
    for notice in log.notices:
        print(warning(notice), file=sys.stderr)


def export_people(data: Path, plan: Plan, today: date) -> int:
    """One CSV row per person: stage, the day each funnel stage was reached, touches, follow-up, details."""

    funnel = [m.id for m in plan.funnel()]
    stale_after = dict(plan.settings.stale_after)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    stages = (f"{m}_on" for m in funnel)
    writer.writerow(
        ("name", "stage", "first_seen", *stages, "last_touch", "follow_up", "stale", "lost", *DETAIL_FIELDS, "taps")
    )
    for p in by_follow_up(people_of(data, plan).values()):
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


def with_people(row: MemberRow, folder: Path, today: date) -> MemberRow:
    """``row`` with the member's people counted: how many at each stage, overdue, stale; never a name."""

    if row.plan is None:
        return row
    funnel = [m.id for m in row.plan.funnel()]
    try:
        found = read_people(folder, funnel)
    except OSError:
        return row
    figures = people_figures(found.people.values(), funnel, today, dict(row.plan.settings.stale_after))
    return dataclasses.replace(row, people=figures)


def run(args: argparse.Namespace, data: Path, clock: Clock) -> int:
    """`goaltui due`, `people`, `follow` or `touch`, as asked."""
    commands = {"due": cmd_due, "people": cmd_people, "follow": cmd_follow, "touch": cmd_touch}
    return commands[args.command](args, data, clock)

"""The people behind the taps: who is at which stage, who is due a follow-up, who has gone cold.

Pure: built from the taps that name someone and the touches between them
(follow-up set or done, no answer, a note, lost, details), with ``today``
passed in. A person's stage is the furthest funnel metric counted with their
name; their next follow-up is the latest one set and not done since.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import field
from datetime import date, datetime, timedelta
from typing import Literal

from goaltui import lang
from goaltui.lang import N_, _
from goaltui.model.names import name_key
from goaltui.model.record import record

TouchKind = Literal["follow-up", "done", "no-answer", "note", "lost", "details", "stage"]
TOUCH_KINDS: tuple[TouchKind, ...] = ("follow-up", "done", "no-answer", "note", "lost", "details", "stage")
MAX_DETAIL = 200  # characters of a detail (a company, a phone, an email, a source)
MAX_NOTE = 2000  # characters of a touch's note
Due = Literal["overdue", "today", "week", "later"]


@record
class Touch:
    """Something done with a person that counts nothing: ``due`` for a follow-up, ``details`` for details.

    ``stage`` (with kind "stage"): the funnel stage someone was already at when imported, counted nowhere.
    """

    at: datetime
    who: str
    kind: TouchKind
    due: date | None = None
    note: str = ""
    details: tuple[tuple[str, str], ...] = ()
    stage: str = ""


@record
class NamedTap:
    """A tap that names someone: ``n`` of ``metric`` counted for ``day``."""

    at: datetime
    day: date
    metric: str
    n: float
    who: str
    note: str = ""


@record
class Event:
    """One line of a person's timeline."""

    at: datetime
    kind: str  # a metric counted ("tap"), or a touch kind
    text: str  # for a follow-up set: its note only; the day is ``due``, written in the screen's date style
    due: date | None = None


@record(frozen=False)
class Person:
    name: str  # as first written
    stage: str = ""  # the furthest funnel metric counted with their name; "" for none
    counted: dict[str, float] = field(default_factory=dict)  # metric: net count with their name
    reached: dict[str, date] = field(default_factory=dict)  # metric: the first day it was counted
    first_seen: date | None = None
    last_touch: date | None = None
    follow_up: date | None = None
    follow_note: str = ""
    lost: bool = False
    details: dict[str, str] = field(default_factory=dict)
    events: list[Event] = field(default_factory=list)
    imported_stage: str = ""  # the furthest stage an import said, counted nowhere

    def due(self, today: date, week_end: date) -> Due | None:
        """Where the next follow-up falls: overdue, today, this week (up to ``week_end``), later; None: none set."""
        if self.follow_up is None or self.lost:
            return None
        if self.follow_up < today:
            return "overdue"
        if self.follow_up == today:
            return "today"
        return "week" if self.follow_up <= week_end else "later"

    def stale(self, today: date, stale_after: Mapping[str, int]) -> bool:
        """No touch for the stage's ``stale_after`` days (a lost person is not stale: they are lost)."""
        days = stale_after.get(self.stage)
        if days is None or self.lost or self.last_touch is None:
            return False
        return (today - self.last_touch).days >= days


def counted_as(person: Person | None, metric: str) -> date | None:
    """The first day ``person`` was counted as ``metric``, when they still are (net above zero); else None."""
    if person is None or person.counted.get(metric, 0) <= 0:
        return None
    return person.reached.get(metric)


def build_people(funnel: list[str], taps: Iterable[NamedTap], touches: Iterable[Touch]) -> dict[str, Person]:
    """Everyone named in ``taps`` and ``touches``, keyed by :func:`name_key`; ``funnel``: metric ids, top first."""
    items: list[tuple[datetime, int, NamedTap | Touch]] = [(t.at, 0, t) for t in taps]
    items += [(t.at, 1, t) for t in touches]
    items.sort(key=lambda item: (item[0], item[1]))
    people: dict[str, Person] = {}
    for at, _order, item in items:
        person = people.setdefault(name_key(item.who), Person(item.who))
        day = item.day if isinstance(item, NamedTap) else at.date()
        person.first_seen = min(person.first_seen or day, day)
        person.last_touch = max(person.last_touch or at.date(), at.date())
        if isinstance(item, NamedTap):
            _count(person, item)
        else:
            _touch(person, item)
    rank = {metric: i for i, metric in enumerate(funnel)}
    for person in people.values():
        reached = [m for m, n in person.counted.items() if n > 0 and m in rank]
        if person.imported_stage in rank:
            reached.append(person.imported_stage)
        person.stage = max(reached, key=rank.__getitem__, default="")
    return people


def _count(person: Person, tap: NamedTap) -> None:
    person.counted[tap.metric] = person.counted.get(tap.metric, 0) + tap.n
    if tap.n > 0:
        person.reached.setdefault(tap.metric, tap.day)
        person.lost = False  # counted again: back in the funnel
    sign = f"{tap.n:+g}" if tap.n != 1 else ""
    person.events.append(Event(tap.at, "tap", f"{tap.metric} {sign}".strip() + (f": {tap.note}" if tap.note else "")))


def _touch(person: Person, touch: Touch) -> None:
    text = touch.note
    if touch.kind == "follow-up":
        person.follow_up, person.follow_note = touch.due, touch.note
    elif touch.kind == "done":
        person.follow_up, person.follow_note = None, ""
        text = _noted(_("followed up"), touch.note)
    elif touch.kind == "no-answer":
        text = _noted(_("no answer"), touch.note)
    elif touch.kind == "lost":
        person.lost, person.follow_up = True, None
        text = _noted(_("lost"), touch.note)
    elif touch.kind == "stage":
        person.imported_stage = touch.stage
        text = _("imported as one of your {stage}").format(stage=touch.stage)
    elif touch.kind == "details":
        for name, value in touch.details:
            if value:
                person.details[name] = value
            else:
                person.details.pop(name, None)
        text = ", ".join(f"{name} {value or _('(cleared)')}" for name, value in touch.details)
    person.events.append(Event(touch.at, touch.kind, text, touch.due))


def _noted(what: str, note: str) -> str:
    """What was done, then the note made with it: ``no answer: voicemail``."""
    return f"{what}: {note}" if note else what


def find(people: Mapping[str, Person], name: str) -> Person | None:
    return people.get(name_key(name))


def week_end(today: date, week_starts: int) -> date:
    """The last day of ``today``'s week (``week_starts``: 0 = Monday)."""
    return today + timedelta(days=(week_starts - today.weekday() - 1) % 7)


def due_people(people: Iterable[Person], today: date) -> list[Person]:
    """Everyone with a follow-up due today or earlier, the most overdue first."""
    due = [p for p in people if p.follow_up is not None and not p.lost and p.follow_up <= today]
    return sorted(due, key=lambda p: (p.follow_up or today, name_key(p.name)))


def by_follow_up(people: Iterable[Person]) -> list[Person]:
    """Everyone, the next follow-up first; those with none after, by name."""
    return sorted(people, key=lambda p: (p.follow_up is None, p.follow_up or date.min, name_key(p.name)))


def stage_counts(people: Iterable[Person], funnel: list[str]) -> dict[str, int]:
    """How many people are at each stage (open: not lost), funnel order; names never leave this."""
    counts = dict.fromkeys(funnel, 0)
    for person in people:
        if person.stage and not person.lost:
            counts[person.stage] = counts.get(person.stage, 0) + 1
    return counts


@record
class PeopleFigures:
    """Someone's people as their team sees them: how many at each stage, overdue, due today, stale; never a name."""

    stages: tuple[tuple[str, int], ...]
    overdue: int
    due_today: int
    stale: int

    def words(self) -> str:
        """``prospects 1 · leads 2 · 1 overdue``: the stages that have someone, then the overdue; "" for no one."""
        parts = [f"{stage} {n}" for stage, n in self.stages if n]
        if self.overdue:
            parts.append(_("{n} overdue").format(n=self.overdue))
        return " · ".join(parts)

    def as_json(self) -> dict[str, object]:
        return {"stages": dict(self.stages), "overdue": self.overdue, "due_today": self.due_today, "stale": self.stale}


def people_figures(
    people: Iterable[Person], funnel: list[str], today: date, stale_after: Mapping[str, int]
) -> PeopleFigures:
    """The counts the team may see of ``people``."""
    everyone = list(people)
    due = due_people(everyone, today)
    today_n = sum(p.follow_up == today for p in due)
    stale = sum(p.stale(today, stale_after) for p in everyone)
    return PeopleFigures(tuple(stage_counts(everyone, funnel).items()), len(due) - today_n, today_n, stale)


_WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def parse_when(text: str, today: date) -> date:
    """A follow-up day as typed: today, tomorrow, a weekday (the next one after today), +N days, or YYYY-MM-DD.

    ``ValueError`` says what to write instead.
    """
    word = text.strip().lower()
    if word in _typed(N_("today")):
        return today
    if word in _typed(N_("tomorrow")):
        return today + timedelta(days=1)
    weekday = _weekday(word)
    if weekday is not None:
        ahead = (weekday - today.weekday() - 1) % 7 + 1
        return today + timedelta(days=ahead)
    if word.startswith("+") and word[1:].isascii() and word[1:].isdigit():
        days = int(word[1:])
        if days > 3650:
            raise ValueError(_("{text} is more than ten years ahead: give at most +3650").format(text=repr(text)))
        return today + timedelta(days=days)
    try:
        day = date.fromisoformat(word)
    except ValueError:
        raise ValueError(
            _("{text} is not a day: write tomorrow, a weekday (fri), +N (days from today) or YYYY-MM-DD").format(
                text=repr(text)
            )
        ) from None
    if not date(1900, 1, 1) <= day <= date(9998, 12, 31):
        raise ValueError(_("{text} is out of range: give a day from 1900 to 9998").format(text=repr(text)))
    return day


def _typed(word: str) -> set[str]:
    """``word`` as the user may type it: in English, or in their language with or without its space (i dag, idag)."""
    ours = _(word).lower()
    return {word, ours, ours.replace(" ", "")}


def _weekday(word: str) -> int | None:
    """A weekday typed in English (fri, friday) or in the user's language (fre, fredag; tors, torsdag), or None."""
    if len(word) >= 3 and word[:3] in _WEEKDAYS and _full_day(word[:3]).startswith(word):
        return _WEEKDAYS.index(word[:3])
    form = lang.form()
    for day, (short, name) in enumerate(zip(form.weekdays, form.weekday_names, strict=True)):
        short, name = short.lower().rstrip("."), name.lower()
        if len(word) >= min(3, len(short)) and (word.rstrip(".") == short or name.startswith(word)):
            return day
    return None


def _full_day(short: str) -> str:
    return {
        "mon": "monday",
        "tue": "tuesday",
        "wed": "wednesday",
        "thu": "thursday",
        "fri": "friday",
        "sat": "saturday",
        "sun": "sunday",
    }[short]

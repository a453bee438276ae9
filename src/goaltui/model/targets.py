"""What a goal asks of a window: the one rule pace, review, history and reports judge by.

Before a goal's ``start`` there is no target: a window that ends before it
(or begins after a recurring goal's deadline) is neither a hit nor a miss. A window the start falls inside asks only for
its working days from the start: the target is prorated by working days (a
whole-number target stays whole, at least 1), and the views say "from" that
day. A window of working days none of which is on or after the start asks
for nothing.

Targets changed at a review hold from when they count (see :func:`in_force`);
a shortfall carried over adds to the window it was carried into.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import replace
from datetime import date
from itertools import pairwise
from typing import Literal

from goaltui.lang import _, ngettext
from goaltui.model.calendar import Window, period_window, short_date, working_dates, working_days
from goaltui.model.format import count
from goaltui.model.goals import PER_PERIOD, Change, Goal, Plan, Settings
from goaltui.model.record import record

MIN_TARGET = 1e-6  # a prorated target never reaches zero: no division by zero


@record
class Aim:
    """What a goal asks of one window."""

    target: float
    stretch: float | None = None
    since: date | None = None  # the goal began inside the window: only the days from here count


def aim(goal: Goal, settings: Settings, window: Window) -> Aim | None:
    """What ``goal`` asks of ``window``, one of its own (a day, its calendar period, or start to deadline).

    None when the goal sets no target for it: no metric or target, the window
    is over before the goal's start, it begins after a recurring goal's
    deadline, or none of its working days is on or after the start.
    """
    if goal.metric is None or goal.target is None or goal.target <= 0:
        return None
    if goal.start is not None and window.end < goal.start:
        return None
    if goal.every is not None and goal.deadline is not None and goal.deadline < window.start:
        return None
    if goal.is_vision and not _final(goal, settings, window):
        return None  # where the ladder leads asks nothing of today: model/vision.py shows its road
    target = in_force(goal, "target", goal.target, window.start, window.end) or goal.target
    stretch = in_force(goal, "stretch", goal.stretch, window.start, window.end)
    since = None
    if goal.every is not None and goal.start is not None and window.start < goal.start:
        # Only a late start prorates; a deadline that ends the last period early keeps the full target.
        full = working_days(window.start, window.end, settings)
        part = working_days(goal.start, window.end, settings)
        if full and not part:
            return None
        if full:
            target = _share(target, part, full)
            stretch = None if stretch is None else _share(stretch, part, full)
        since = goal.start
    carry = carried(goal, window)
    target += carry
    # A stretch no higher than the target (equal in the file, or once both are prorated) is no stretch.
    stretch = stretch + carry if stretch is not None and stretch + carry > target else None
    return Aim(target, stretch, since)


def _final(goal: Goal, settings: Settings, window: Window) -> bool:
    """True when ``window`` reaches the last period of a recurring vision: "100K a year by 2036" asks it of 2036."""
    if goal.every is None or goal.deadline is None:
        return False
    return window.end >= period_window(goal.every, goal.deadline, settings.week_starts).start


class Aims:
    """:func:`aim` of one goal for many windows, each worked out once for each way a window lies among its dates.

    What a goal asks of a window depends on the window only through where its
    first and last days fall among the goal's own dates (its start and
    deadline, the days its changes were made and count from), except in a
    window its start falls inside, which is prorated by working days and
    worked out each time. So a walk over years of days or weeks costs a lookup
    a window, with the same answers as calling :func:`aim` for each.
    """

    __slots__ = ("_found", "goal", "points", "settings")

    def __init__(self, goal: Goal, settings: Settings) -> None:
        self.goal = goal
        self.settings = settings
        dates = {goal.start, goal.deadline, *(c.on for c in goal.changes), *(c.effective for c in goal.changes)}
        if goal.is_vision and goal.every is not None and goal.deadline is not None:  # where its last period begins
            dates.add(period_window(goal.every, goal.deadline, settings.week_starts).start)
        self.points = sorted(d for d in dates if isinstance(d, date))
        self._found: dict[tuple[int, ...], Aim | None] = {}

    def __call__(self, window: Window) -> Aim | None:
        """``aim(goal, settings, window)``."""
        return self._aim(window.start, window.end, window)

    def day(self, day: date) -> Aim | None:
        """``aim(goal, settings, Window(day, day))``."""
        return self._aim(day, day, None)

    def runs(self, first: date, last: date) -> list[tuple[int, int, Aim | None]]:
        """The days ``first`` to ``last`` as runs ``(a, b, found)``: day ordinals ``a`` to ``b``, both included,
        each day of which the goal asks ``found`` of (as :meth:`day`), for walking days as plain numbers."""
        end = last.toordinal() + 1
        cuts = {first.toordinal(), end}
        for point in self.points:  # a run ends before each of the goal's dates, and at it
            cuts.update(o for o in (point.toordinal(), point.toordinal() + 1) if first.toordinal() < o < end)
        bounds = sorted(cuts)
        return [(a, b - 1, self.day(date.fromordinal(a))) for a, b in pairwise(bounds)]

    def _aim(self, start: date, end: date, window: Window | None) -> Aim | None:
        if self.goal.start is not None and start < self.goal.start:
            return aim(self.goal, self.settings, window or Window(start, end))
        points = self.points
        where: tuple[int, ...] = (bisect_left(points, start), bisect_right(points, start))
        where += where if end == start else (bisect_left(points, end), bisect_right(points, end))
        if where in self._found:
            return self._found[where]
        found = self._found[where] = aim(self.goal, self.settings, window or Window(start, end))
        return found


def _share(value: float, part: int, full: int) -> float:
    share = value * part / full
    if float(value).is_integer():
        return max(1, round(share))  # whole things: nobody signs 2.4 customers
    return max(MIN_TARGET, share)


def weekly_aim(goal: Goal, settings: Settings, week: Window) -> Aim | None:
    """A week's worth of a recurring goal: what the history strip, the trends and the funnel diagnosis judge by.

    A daily goal: its targets summed over the week's working days. A weekly
    goal: its week. A longer one: the shares of its windows that the week's
    working days carry (the target over the window's working days, from its
    start), the rule its gauge's line follows.
    """
    if goal.every is None:
        return None
    if goal.every == "day":
        days = [a for d in working_dates(week.start, week.end, settings) if (a := aim(goal, settings, Window(d, d)))]
        if not days:
            return None
        target = sum(a.target for a in days)
        high = sum(a.stretch or a.target for a in days)
        since = goal.start if goal.start is not None and week.start < goal.start else None
        return Aim(target, high if high > target else None, since)
    if goal.every == "week":
        return aim(goal, settings, week)
    # A longer goal: each working day of the week asks for its share of the window it is in, as its gauge does.
    target = high = 0.0
    shares = 0
    for day in working_dates(week.start, week.end, settings):
        window = period_window(goal.every, day, settings.week_starts)
        found = aim(goal, settings, window)
        start = (found.since if found else None) or window.start
        if found is None or day < start:
            continue
        span = working_days(start, window.end, settings)
        target += found.target / span
        high += (found.stretch or found.target) / span
        shares += 1
    if not shares:
        return None
    since = goal.start if goal.start is not None and week.start < goal.start <= week.end else None
    return Aim(target, high if high > target + 1e-9 else None, since)


def metric_week(plan: Plan, metric: str, week: Window) -> Aim | None:
    """A week's worth of the first recurring goal on ``metric`` that was active and sets one for ``week``."""
    for goal in plan.goals.values():
        if goal.metric != metric or not was_active(goal, week):
            continue
        found = weekly_aim(goal, plan.settings, week)
        if found is not None:
            return found
    return None


def was_active(goal: Goal, window: Window) -> bool:
    """True for an active goal, and for one archived (at a review) only after ``window`` ended."""
    if goal.active:
        return True
    return any(c.what == "status" and c.new == "archived" and c.on > window.end for c in goal.changes)


def in_force(
    goal: Goal,
    what: Literal["target", "stretch"],
    value: float | None,
    window_start: date,
    window_end: date | None = None,
) -> float | None:
    """The ``what`` ("target" or "stretch") in force for a window starting on ``window_start``.

    goals.toml holds the value measured on the day it was last written. A
    change recorded at a review with an ``effective`` date after the window's
    start (a lowering waits for the next window) has not begun yet: its
    ``old`` value still holds for this window. One that has begun while the
    file still holds its ``old`` value (nothing has rewritten the file since)
    holds its ``new`` value. A change without ``effective`` counts at once,
    from the window under way on the day it was made; given ``window_end``, a
    window that had ended before that day keeps the ``old`` value.
    """
    found = _then(goal, what, value, window_start, window_end)
    return found if isinstance(found, int | float) and not isinstance(found, bool) else value


def title_then(goal: Goal, window: Window) -> str:
    """The goal's title as it stood for ``window``: a title restated at a review keeps its old words before."""
    found = _then(goal, "title", goal.title, window.start, window.end)
    return found if isinstance(found, str) and found else goal.title


def _then(goal: Goal, what: str, value: object, window_start: date, window_end: date | None) -> object:
    """See :func:`in_force`; for any field a review changes (target, stretch, title).

    The changes are read in order as a timeline: each one that has begun for the window sets its ``new``.
    Once all have begun, goals.toml's value holds (a hand edit wins), unless the last change waited for
    a later day and the file still holds its ``old``: then its ``new``.
    """
    changes = _timeline(goal, what, value)
    if not changes:
        return value
    begun = [c.effective <= window_start if c.effective else window_end is None or c.on <= window_end for c in changes]
    if all(begun):
        return _waiting(changes, value, window_start) or value
    found = changes[0].old
    for c, started in zip(changes, begun, strict=True):
        if started:
            found = c.new
    return found


def _timeline(goal: Goal, what: str, value: object) -> list[Change]:
    """The goal's changes of ``what`` that hold a value of the field's kind, in the file's order."""
    return [c for c in goal.changes if c.what == what and _same_kind(c.old, value) and _same_kind(c.new, value)]


def _waiting(changes: list[Change], value: object, by: date) -> object:
    """The last change's ``new`` when it waits for a day on or before ``by`` and the file still holds its ``old``."""
    last = changes[-1] if changes else None
    if last is None or last.effective is None or last.effective > by or last.old != value or last.new == value:
        return None
    return last.new


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _same_kind(a: object, b: object) -> bool:
    return (_is_number(a) and (b is None or _is_number(b))) or (isinstance(a, str) and isinstance(b, str))


def coming(goal: Goal, today: date) -> list[Change]:
    """Changes decided at a review that begin after ``today``: what the screens show as coming."""
    found = []
    for what, value in (("target", goal.target), ("stretch", goal.stretch), ("title", goal.title)):
        changes = _timeline(goal, what, value)
        last = changes[-1] if changes else None
        if last is not None and last.effective is not None and last.effective > today and last.old == value:
            found.append(last)
    return sorted(found, key=lambda c: (c.effective or c.on, c.what))


def prorated_words(goal: Goal, settings: Settings, window: Window, today: date) -> str:
    """Why a window asks less than the goal says, once: "100,000 a year; 91,954 for the 240 working days from
    Mon 1 Feb". "" when the window asks the full target."""
    found = aim(goal, settings, window)
    if found is None or found.since is None or goal.every is None or goal.target is None:
        return ""
    full = in_force(goal, "target", goal.target, window.start, window.end) or goal.target
    days = working_days(found.since, window.end, settings)
    return ngettext(
        "{full} {per}; {target} for the {n} working day from {date}",
        "{full} {per}; {target} for the {n} working days from {date}",
        days,
    ).format(
        full=count(full),
        per=_(PER_PERIOD[goal.every]),
        target=count(round(found.target, 2)),
        n=days,
        date=short_date(found.since, today),
    )


def coming_words(goal: Goal, today: date) -> str:
    """The coming target in words, "8 from Mon 1 Mar"; "" when none is waiting."""
    return "; ".join(
        _("{target} from {date}").format(target=count(c.new), date=short_date(c.effective, today))
        for c in coming(goal, today)
        if c.what == "target" and c.effective is not None
    )


def due_fields(goal: Goal, today: date) -> dict[str, object]:
    """The fields whose waiting change has begun by ``today``: what a review writes into goals.toml then."""
    fields: dict[str, object] = {}
    for what, value in (("target", goal.target), ("stretch", goal.stretch), ("title", goal.title)):
        new = _waiting(_timeline(goal, what, value), value, today)
        if new is not None:
            fields[what] = new
    return fields


def as_of(goal: Goal, today: date) -> Goal:
    """The goal as measured on ``today``: waiting changes that have begun are applied."""
    fields = due_fields(goal, today)
    return replace(goal, **fields) if fields else goal  # type: ignore[arg-type]


def plan_as_of(plan: Plan, today: date) -> Plan:
    """The plan as measured on ``today``: every goal's waiting changes that have begun are applied.

    What every screen and command shows as "now" (titles, targets), while
    goals.toml keeps its words until the next review writes them in. The
    past still reads its own figures from the changes (:func:`in_force`).
    """
    goals = {goal_id: as_of(goal, today) for goal_id, goal in plan.goals.items()}
    if all(goals[goal_id] is goal for goal_id, goal in plan.goals.items()):
        return plan
    return replace(plan, goals=goals)


def carried(goal: Goal, window: Window) -> float:
    """Shortfall carried into ``window`` at a review (changes with what = "carry")."""
    return sum(
        c.new
        for c in goal.changes
        if c.what == "carry"
        and c.effective is not None
        and window.contains(c.effective)
        and isinstance(c.new, int | float)
        and not isinstance(c.new, bool)
    )

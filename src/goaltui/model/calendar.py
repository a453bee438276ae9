"""Periods, goal windows and working days.

Pure: ``today`` is always a parameter. Working days are ``Settings.workdays``
minus ``Settings.breaks`` (see :meth:`Settings.is_workday`).
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

from goaltui import lang
from goaltui.model.goals import PERIODS, Goal, Period, Settings
from goaltui.model.record import record

ONE_DAY = timedelta(days=1)
# How far back trailing_working_dates looks before giving up (settings with
# no working days at all must not loop forever).
SEARCH_LIMIT_DAYS = 3 * 366


@record
class Window:
    """A span of calendar days, both ends included."""

    start: date
    end: date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(f"window ends ({self.end}) before it starts ({self.start})")

    def contains(self, day: date) -> bool:
        """True when ``day`` falls inside the window."""
        return self.start <= day <= self.end

    @property
    def days(self) -> int:
        """Calendar days in the window."""
        return (self.end - self.start).days + 1


def period_window(every: Period, day: date, week_starts: int) -> Window:
    """The calendar period (day, week, month, quarter, year) that contains ``day``."""
    if every == "day":
        return Window(day, day)
    if every == "week":
        start = week_start(day, week_starts)
        return Window(start, start + timedelta(days=6))
    if every == "month":
        return Window(day.replace(day=1), _month_end(day.year, day.month))
    if every == "quarter":
        first = 3 * ((day.month - 1) // 3) + 1
        return Window(date(day.year, first, 1), _month_end(day.year, first + 2))
    if every == "year":
        return Window(date(day.year, 1, 1), date(day.year, 12, 31))
    raise ValueError(f"unknown period {every!r}: use one of {', '.join(PERIODS)}")


def week_start(day: date, week_starts: int) -> date:
    """The first day of the week (weeks start on ``week_starts``, 0 = Monday) that contains ``day``."""
    return day - timedelta(days=(day.weekday() - week_starts) % 7)


def _month_end(year: int, month: int) -> date:
    if month == 12:
        return date(year, 12, 31)
    return date(year, month + 1, 1) - ONE_DAY


def goal_window(goal: Goal, settings: Settings, today: date) -> Window | None:
    """The window ``goal`` is measured over on ``today``, or None when it has none.

    A recurring goal: the period containing today, its start clipped to
    ``goal.start`` and its end to ``goal.deadline`` when they fall inside it;
    None before ``goal.start`` or once the deadline lies before the period.
    A one-off goal: ``start`` to ``deadline``; None unless both are set.
    """
    if goal.every is None:
        if goal.start is None or goal.deadline is None or goal.deadline < goal.start:
            return None
        return Window(goal.start, goal.deadline)
    if goal.start is not None and goal.start > today:
        return None
    period = period_window(goal.every, today, settings.week_starts)
    start, end = period.start, period.end
    if goal.start is not None and period.contains(goal.start):
        start = goal.start
    if goal.deadline is not None:
        if goal.deadline < start:
            return None
        end = min(end, goal.deadline)
    return Window(start, end)


def working_dates(start: date, end: date, settings: Settings) -> list[date]:
    """The working days from ``start`` to ``end`` (both included), in order."""
    days = []
    workdays, breaks = settings.workdays, settings.breaks
    for number in range(start.toordinal(), end.toordinal() + 1):  # years of days: walked as plain numbers
        if (number + 6) % 7 in workdays:  # the weekday of a day number, Monday 0 (settings.is_workday)
            day = date.fromordinal(number)
            if day not in breaks:
                days.append(day)
    return days


def working_days(start: date, end: date, settings: Settings) -> int:
    """How many working days lie from ``start`` to ``end``, both included."""
    return len(working_dates(start, end, settings))


@lru_cache(maxsize=32)  # the daily screen asks eight times a tap, for one or two answers
def trailing_working_dates(
    today: date, settings: Settings, n: int = 20, *, include_today: bool = False
) -> tuple[date, ...]:
    """The ``n`` most recent working days before ``today`` (or up to it), oldest first.

    Looks back at most :data:`SEARCH_LIMIT_DAYS`, so it may return fewer.
    """
    days: list[date] = []
    day = today if include_today else today - ONE_DAY
    oldest = today - timedelta(days=SEARCH_LIMIT_DAYS)
    while len(days) < n and day >= oldest:
        if settings.is_workday(day):
            days.append(day)
        day -= ONE_DAY
    return tuple(reversed(days))


# The date words below are not strftime (%a, %b follow the process locale, not the language goaltui speaks):
# they are the language's own, from CLDR (goaltui.lang), so every screen and report writes a date one way.


def weekday_short(day: date) -> str:
    """``Fri``; ``fre`` in Swedish."""
    return lang.form().weekdays[day.weekday()]


def month_short(month: int) -> str:
    """``Nov``; ``nov`` in Swedish (CLDR's abbreviation without its full stop: the day and year follow)."""
    return lang.form().months[month - 1].rstrip(".")


def month_name(month: int) -> str:
    """``November``; ``november`` in Swedish."""
    return lang.form().month_names[month - 1]


def month_year(day: date) -> str:
    """``November 2026``; ``november 2026`` in Swedish."""
    return f"{month_name(day.month)} {day.year}"


def short_date(day: date, today: date) -> str:
    """``Fri 27 Nov``, with the year added when it is not ``today``'s year."""
    text = f"{weekday_short(day)} {day.day} {month_short(day.month)}"
    return text if day.year == today.year else f"{text} {day.year}"


def long_date(day: date) -> str:
    """``Fri 27 Nov 2026``."""
    return f"{weekday_short(day)} {day.day} {month_short(day.month)} {day.year}"


def full_date(day: date) -> str:
    """``Friday 27 November 2026``; ``fredag 27 november 2026`` in Swedish."""
    return f"{lang.form().weekday_names[day.weekday()]} {day.day} {month_name(day.month)} {day.year}"

"""Weeks: which week a day is in, its label, the last one, and whether its review is due.

Light on purpose: the daily screen asks for the review reminder as it opens.
See model/review.py for how weeks are labelled.
"""

from __future__ import annotations

from datetime import date, timedelta

from goaltui.model.calendar import ONE_DAY, Window, period_window, working_dates
from goaltui.model.goals import Settings


def week_of(day: date, settings: Settings) -> Window:
    """The week (per ``week_starts``) that contains ``day``."""
    return period_window("week", day, settings.week_starts)


def week_label(week: Window) -> str:
    """``2026-W47``: the ISO year and week of the week's fourth day (see the module docstring)."""
    year, number, _ = (week.start + timedelta(days=3)).isocalendar()
    return f"{year:04d}-W{number:02d}"


def last_completed_week(today: date, settings: Settings) -> Window:
    """The week before the one containing ``today``."""
    return week_of(week_of(today, settings).start - ONE_DAY, settings)


def shift_week(week: Window, weeks: int) -> Window:
    return Window(week.start + timedelta(weeks=weeks), week.end + timedelta(weeks=weeks))


def reminder_due(today: date, settings: Settings, reviewed: set[str], since: date | None = None) -> str | None:
    """The last week's label when it is not reviewed yet and today is on or after the week's first working day.

    ``since`` is when the user's goals began: a week that ended before it has nothing to review.
    """
    last = last_completed_week(today, settings)
    label = week_label(last)
    if label in reviewed or (since is not None and last.end < since):
        return None
    this = week_of(today, settings)
    first = next(iter(working_dates(this.start, this.end, settings)), this.start)
    return label if today >= first else None

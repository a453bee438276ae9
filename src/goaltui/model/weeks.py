"""Weeks: which week a day is in, its label, the one to review, and whether its review is due.

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


def last_working_day(week: Window, settings: Settings) -> date:
    """The week's last working day (its last day when it has none): from then on it can be reviewed."""
    days = working_dates(week.start, week.end, settings)
    return days[-1] if days else week.end


def reviewable(week: Window, today: date, settings: Settings) -> bool:
    """True once ``today`` is the week's last working day or later: Friday reviews the week it closes."""
    return today >= last_working_day(week, settings)


def review_week(today: date, settings: Settings) -> Window:
    """The week a review opens on ``today``: this one from its last working day on, else the week before.

    Friday (Saturday, Sunday) opens the week it ends; Monday still opens last week.
    """
    this = week_of(today, settings)
    return this if reviewable(this, today, settings) else week_of(this.start - ONE_DAY, settings)


def shift_week(week: Window, weeks: int) -> Window:
    return Window(week.start + timedelta(weeks=weeks), week.end + timedelta(weeks=weeks))


def reminder_due(today: date, settings: Settings, reviewed: set[str], since: date | None = None) -> str | None:
    """The label of the week to review (see :func:`review_week`) when it is not reviewed yet.

    ``since`` is when the user's goals began: a week that ended before it has nothing to review.
    """
    week = review_week(today, settings)
    label = week_label(week)
    if label in reviewed or (since is not None and week.end < since):
        return None
    return label

"""Numbers and pace in words, shared by the command line and the screens."""

from __future__ import annotations

import math
from datetime import date
from typing import TYPE_CHECKING

from goaltui.model.calendar import long_date, short_date
from goaltui.model.goals import Period
from goaltui.model.numbers import count as count

if TYPE_CHECKING:
    from goaltui.model.pace import Pace

PERIOD_WORDS: dict[Period, str] = {
    "day": "today",
    "week": "this week",
    "month": "this month",
    "quarter": "this quarter",
    "year": "this year",
}


def whole_up(n: float) -> int:
    """Round up, as a quota must be: 17.1 more prospects is 18 people."""
    return max(0, math.ceil(n - 1e-9))


def count_up(n: float) -> str:
    """A whole number of things still needed: rounded up (1.2 customers need 2)."""
    return str(whole_up(n))


def per_day(n: float) -> str:
    """A per-day figure: whole and rounded up from 1 on, one decimal below 1."""
    if n >= 1:
        return count_up(n)
    return f"{max(n, 0.1):.1f}" if n > 0 else "0"


def figure(n: float) -> str:
    """A figure in a sentence: 30, 2.5, 1250; whole numbers bare, small ones with one decimal."""
    if abs(n - round(n)) < 0.05 or abs(n) >= 100:
        return str(round(n))
    return f"{n:.1f}"


def money(n: float) -> str:
    """An amount of money with its cents and thousands separators: 249.90, 45,587.10, -120.50."""
    return f"{n:,.2f}"


def plain_number(n: float, digits: int | None = None) -> int | float:
    """A number as goals.toml and the review files hold it: 30, not 30.0; 2.5 stays 2.5 (rounded to ``digits``)."""
    if float(n).is_integer():
        return int(n)
    return n if digits is None else round(n, digits)


def percent(rate: float | None) -> str:
    """A conversion rate as people say it: '18 %', or '–' when there is none."""
    return "–" if rate is None else f"{rate * 100:.0f} %"


def from_day(since: date | None, today: date | None = None) -> str:
    """' from Wed 25 Nov 2026' (the year left out in ``today``'s year) for a goal begun part-way through a window.

    Its target there counts only the days from its start; '' when it ran the whole window.
    """
    if since is None:
        return ""
    return f" from {long_date(since) if today is None else short_date(since, today)}"


def plural(n: float, word: str) -> str:
    """``1 day``, ``3 days``."""
    return f"{count(n)} {word}{'' if n == 1 else 's'}"


def singular(word: str) -> str:
    """One of a metric: prospects -> prospect, replies -> reply, boxes -> box; revenue stays revenue."""
    if word.endswith("ies") and len(word) > 3:
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "sses", "xes", "zes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def more_today(pace: Pace) -> str:
    """What today asks for: '18 more today', 'on the line', 'done'."""
    if pace.status == "done":
        if pace.stretch and pace.stretch.status != "done":
            return f"done · {count(whole_up(pace.stretch.target - pace.progress))} to stretch"
        return "done"
    if pace.status == "missed":
        return "missed"
    if not pace.workday:
        short = whole_up(max(0.0, pace.expected - pace.progress))
        return f"a day off · {count(short)} short of the line" if short else "a day off"
    quota = whole_up(pace.quota_today)
    return f"{count(quota)} more today" if quota else "on the line today"


def period_words(every: Period | None, end: date) -> str:
    """'this week' for a recurring goal; 'by Wed 31 Mar 2027' for a one-off goal ending on ``end``."""
    return f"by {long_date(end)}" if every is None else PERIOD_WORDS[every]


def buffer_words(pace: Pace) -> str:
    """'2 days of buffer', '1 day behind', or '' when neither applies."""
    if pace.status in ("done", "missed"):
        return ""
    if pace.buffer_days > 0:
        return f"{plural(pace.buffer_days, 'day')} of buffer"
    if pace.days_behind:
        return f"{plural(pace.days_behind, 'day')} behind"
    return "no buffer: count today" if pace.workday else ""


def projection_words(pace: Pace) -> str:
    """'heading for 1,450', or, with too little history to project from, that it is too soon to say."""
    if pace.projection is None:
        return "too little history to project"
    return f"heading for {count(round(pace.projection))}"


def pace_details(pace: Pace, every: Period | None) -> list[str]:
    """What a pace asks for, in words: today's quota, the buffer, the rate needed, where it heads, the stretch."""
    parts = []
    if pace.status not in ("done", "missed"):
        parts += [more_today(pace), buffer_words(pace), pace.prorated]  # why the figure is not the target, early
        if every != "day" and pace.required_rate is not None:
            parts.append(f"needs {pace.required_rate:.1f}/day")
        if every != "day":
            parts.append(projection_words(pace))
    elif pace.status == "done":
        parts.append(more_today(pace))
    if pace.stretch and pace.status != "done":
        parts.append(f"stretch {count(pace.stretch.target)}")
    if pace.prorated not in parts:
        parts.append(pace.prorated)
    return [p for p in parts if p]


def describe_pace(pace: Pace, every: Period | None) -> str:
    """One line for a goal's pace, in words (never colour alone): '5/30 today, behind, 25 more today, ...'."""
    head = [f"{count(pace.progress)}/{count(pace.target)} {period_words(every, pace.window.end)}", pace.status]
    return ", ".join(head + [p for p in pace_details(pace, every) if p != pace.status])

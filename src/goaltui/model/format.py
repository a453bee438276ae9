"""Numbers and pace in words, shared by the command line and the screens."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from goaltui.model.pace import Pace

PERIOD_WORDS = {
    "day": "today",
    "week": "this week",
    "month": "this month",
    "quarter": "this quarter",
    "year": "this year",
}


def count(n: float | None) -> str:
    """A count as people write it: 12, 1,250, 12.5."""
    if n is None:
        return "–"
    if float(n).is_integer():
        return f"{n:,.0f}"
    return f"{n:,.2f}".rstrip("0").rstrip(".")


def whole_up(n: float) -> int:
    """Round up, as a quota must be: 17.1 more prospects is 18 people."""
    return max(0, math.ceil(n - 1e-9))


def percent(rate: float | None) -> str:
    """A conversion rate as people say it: '18 %', or '–' when there is none."""
    return "–" if rate is None else f"{rate * 100:.0f} %"


def plural(n: float, word: str) -> str:
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
    quota = whole_up(pace.quota_today)
    return f"{count(quota)} more today" if quota else "on the line today"


def period_words(every: str | None, end: object) -> str:
    from datetime import date

    if every in PERIOD_WORDS:
        return PERIOD_WORDS[every]
    return f"by {end:%a %d %b %Y}" if isinstance(end, date) else ""


def buffer_words(pace: Pace) -> str:
    """'2 days of buffer', '1 day behind', or '' when neither applies."""
    if pace.status in ("done", "missed"):
        return ""
    if pace.buffer_days > 0:
        return f"{plural(pace.buffer_days, 'day')} of buffer"
    if pace.days_behind:
        return f"{plural(pace.days_behind, 'day')} behind"
    return "no buffer: count today"


def describe_pace(pace: Pace, every: str | None) -> str:
    """One line for a goal's pace, in words (never colour alone)."""
    parts = [f"{count(pace.progress)}/{count(pace.target)} {period_words(every, pace.window.end)}", pace.status]
    if pace.status not in ("done", "missed"):
        parts.append(more_today(pace))
        parts.append(buffer_words(pace))
        if pace.required_rate is not None and every != "day":
            parts.append(f"needs {pace.required_rate:.1f} a working day")
        if pace.projection is not None and every != "day":
            parts.append(f"heading for {count(round(pace.projection))}")
    elif pace.stretch and pace.status == "done":
        parts.append(more_today(pace))
    return ", ".join(p for p in parts if p)

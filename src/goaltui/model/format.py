"""Numbers and pace in words, shared by the command line and the screens."""

from __future__ import annotations

import math
from datetime import date
from typing import TYPE_CHECKING

from goaltui.lang import N_, _, ngettext
from goaltui.model.calendar import long_date, short_date
from goaltui.model.goals import Period, Plan
from goaltui.model.numbers import count as count
from goaltui.model.numbers import local
from goaltui.model.numbers import money as money
from goaltui.model.numbers import quantity as quantity
from goaltui.model.standing import status_word

if TYPE_CHECKING:
    from goaltui.model.pace import Pace

PERIOD_WORDS: dict[Period, str] = {  # marked here, translated where shown: _(PERIOD_WORDS[every])
    "day": N_("today"),
    "week": N_("this week"),
    "month": N_("this month"),
    "quarter": N_("this quarter"),
    "year": N_("this year"),
}
# A goal's window, as in "its quarter to Wed 31 Mar 2027": marked here, translated where shown.
ITS_WINDOW: dict[Period, str] = {
    "day": N_("its day"),
    "week": N_("its week"),
    "month": N_("its month"),
    "quarter": N_("its quarter"),
    "year": N_("its year"),
}


def whole_up(n: float) -> int:
    """Round up, as a quota must be: 17.1 more prospects is 18 people."""
    return max(0, math.ceil(n - 1e-9))


def count_up(n: float) -> str:
    """A whole number of things still needed: rounded up (1.2 customers need 2)."""
    return str(whole_up(n))


def needed(n: float, unit: str | None = None) -> str:
    """What is still needed, rounded up: whole things for a count (1.2 customers need 2), whole cents for money."""
    if unit:
        return money(max(0, math.ceil(n * 100 - 1e-6)) / 100, unit)
    return count(whole_up(n))


def bare(n: float, unit: str | None = None) -> str:
    """A figure without its unit, for a pair or a range that says the unit once: 1,250; 249.90 for money."""
    return money(n, "") if unit else count(n)


def out_of(progress: float, target: float, unit: str | None = None) -> str:
    """'5/30'; for money '249.90/1,000.00 EUR', the unit said once, after the pair."""
    return f"{bare(progress, unit)}/{quantity(target, unit)}"


def unit_of(plan: Plan, metric: str | None) -> str | None:
    """The unit of ``metric`` in ``plan``: set for a metric counted in amounts of money, else None."""
    found = plan.metrics.get(metric) if metric else None
    return found.unit if found else None


def counted(n: float, metric: str, unit: str | None = None) -> str:
    """A figure with the metric it counts: '1 prospect', '3 prospects', '249.90 EUR of revenue'."""
    if unit:
        return _("{amount} of {metric}").format(amount=money(n, unit), metric=metric)
    return plural(n, singular(metric), metric)


def per_day(n: float) -> str:
    """A per-day figure: whole and rounded up from 1 on, one decimal below 1."""
    if n >= 1:
        return count_up(n)
    return local(f"{max(n, 0.1):.1f}") if n > 0 else "0"


def figure(n: float, unit: str | None = None) -> str:
    """A figure in a sentence: 30, 2.5, 1250; whole numbers bare, small ones with one decimal; money as money."""
    if unit:
        return money(n, unit)
    if abs(n - round(n)) < 0.05 or abs(n) >= 100:
        return str(round(n))
    return local(f"{n:.1f}")


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
    return " " + _("from {day}").format(day=long_date(since) if today is None else short_date(since, today))


def plural(n: float, word: str, words: str | None = None) -> str:
    """``1 day``, ``3 days``; ``words`` for a plural not made with an s (``1 reply``, ``2 replies``).

    English only: goaltui's own words are counted with ``ngettext`` (goaltui.lang), which knows each language's forms.
    """
    return f"{count(n)} {word if n == 1 else words or word + 's'}"


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
            left = needed(pace.stretch.target - pace.progress, pace.unit)
            return _("{done} · {n} to stretch").format(done=status_word("done"), n=left)
        return status_word("done")
    if pace.status == "missed":
        return status_word("missed")
    short, quota = max(0.0, pace.expected - pace.progress), pace.quota_today
    if not pace.unit:
        short, quota = whole_up(short), whole_up(quota)
    if not pace.workday:
        if short >= 0.005:
            return _("a day off · {n} short of the line").format(n=needed(short, pace.unit))
        return _("a day off")
    return _("{n} more today").format(n=needed(quota, pace.unit)) if quota >= 0.005 else _("on the line today")


def period_words(every: Period | None, end: date) -> str:
    """'this week' for a recurring goal; 'by Wed 31 Mar 2027' for a one-off goal ending on ``end``."""
    return _("by {date}").format(date=long_date(end)) if every is None else _(PERIOD_WORDS[every])


def buffer_words(pace: Pace) -> str:
    """'2 days of buffer', '1 day behind', or '' when neither applies."""
    if pace.status in ("done", "missed"):
        return ""
    if pace.buffer_days > 0:
        n = pace.buffer_days
        return ngettext("{n} day of buffer", "{n} days of buffer", n).format(n=count(n))
    if pace.days_behind:
        n = pace.days_behind
        return ngettext("{n} day behind", "{n} days behind", n).format(n=count(n))
    return _("no buffer: count today") if pace.workday else ""


def projection_words(pace: Pace) -> str:
    """'heading for 1,450', or, with too little history to project from, that it is too soon to say."""
    if pace.projection is None:
        return _("too little history to project")
    heading = quantity(pace.projection if pace.unit else round(pace.projection), pace.unit)
    return _("heading for {n}").format(n=heading)


def pace_details(pace: Pace, every: Period | None) -> list[str]:
    """What a pace asks for, in words: today's quota, the buffer, the rate needed, where it heads, the stretch."""
    parts = []
    if pace.status not in ("done", "missed"):
        parts += [more_today(pace), buffer_words(pace), pace.prorated]  # why the figure is not the target, early
        if every != "day" and pace.required_rate is not None:
            rate = pace.required_rate
            if pace.unit:
                parts.append(_("needs {amount} a day").format(amount=needed(rate, pace.unit)))
            else:
                parts.append(_("needs {n}/day").format(n=local(f"{rate:.1f}")))
        if every != "day":
            parts.append(projection_words(pace))
    elif pace.status == "done":
        parts.append(more_today(pace))
    if pace.stretch and pace.status != "done":
        parts.append(_("stretch {n}").format(n=quantity(pace.stretch.target, pace.unit)))
    if pace.prorated not in parts:
        parts.append(pace.prorated)
    return [p for p in parts if p]


def describe_pace(pace: Pace, every: Period | None) -> str:
    """One line for a goal's pace, in words (never colour alone): '5/30 today, behind, 25 more today, ...'."""
    figures = out_of(pace.progress, pace.target, pace.unit)
    word = status_word(pace.status)
    head = [_("{figures} {period}").format(figures=figures, period=period_words(every, pace.window.end)), word]
    return ", ".join(head + [p for p in pace_details(pace, every) if p != word])

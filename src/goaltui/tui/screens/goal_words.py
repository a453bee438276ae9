"""The goals screen's words: a goal's line in the ladder, the window it asks its figure of, what a save changed."""

from __future__ import annotations

from datetime import date

from textual.content import Content

from goaltui.lang import _
from goaltui.model.calendar import short_date
from goaltui.model.format import bare, quantity
from goaltui.model.goals import Goal, Plan
from goaltui.model.pace import Pace
from goaltui.model.standing import status_word
from goaltui.model.targets import carried
from goaltui.tui.screens.goal_form import level_word
from goaltui.tui.text import assemble
from goaltui.tui.themes import LEVEL_COLOUR, PACE_COLOUR

Part = str | Content | tuple[str, str]


def window_words(goal: Goal, today: date) -> str:
    """`a week`, `by Wed 31 Mar`, `no time frame`."""
    if goal.every is not None:
        every = {
            "day": _("a day"),
            "week": _("a week"),
            "month": _("a month"),
            "quarter": _("a quarter"),
            "year": _("a year"),
        }.get(goal.every, goal.every)
        if goal.deadline is None:
            return every
        day = short_date(goal.deadline, today)
        if goal.is_vision:  # a vision asks its figure of its last period only
            return _("{every} by {date}").format(every=every, date=day)
        return _("{every} until {date}").format(every=every, date=day)
    if goal.deadline is not None:
        return _("by {date}").format(date=short_date(goal.deadline, today))
    return _("no time frame")


def this_window(every: str | None) -> str:
    """`this week`: the window a goal's figure is asked of."""
    words = {
        "day": _("this day"),
        "week": _("this week"),
        "month": _("this month"),
        "quarter": _("this quarter"),
        "year": _("this year"),
    }
    return words.get(every or "", _("this window"))


def goal_label(
    goal: Goal, pace: Pace | None, *, smart: str, today: date, unit: str | None = None, short: bool = False
) -> Content:
    """One tree line: title, status (and the SMART verdict if not ok), then progress/target, metric, window.

    ``unit``: the metric's, when it counts money; the figures then show as amounts, the unit once after them.
    ``short``: no window words (a terminal under 100 columns): the detail below the ladder says them.

    Status comes first so it shows even when a narrow terminal cuts the line.
    """
    parts: list[Part] = [(goal.title or goal.id, "bold" if goal.active else "dim strike")]
    if not goal.active:
        return assemble(*parts, ("  " + _("[archived]"), "dim"))
    if pace is not None:
        parts.append(("  " + status_word(pace.status), PACE_COLOUR.get(pace.status, "")))
    elif goal.is_vision:
        parts.append(("  " + _("vision"), "italic"))
    if smart != "ok":
        parts.append((f"  SMART {level_word(smart)}", LEVEL_COLOUR[smart]))
    if goal.target is not None:
        stretch = f"–{bare(goal.stretch, unit)}" if goal.stretch and goal.stretch > goal.target else ""
        aim = bare(goal.target, unit) + stretch + (f" {unit}" if unit else "")
        done = f"{bare(pace.progress, unit)}/" if pace is not None else ""
        metric = goal.metric or _("(no metric)")
        if short:
            parts.append((f"  {done}{aim} {metric}", "dim"))
            return assemble(*parts)
        if pace is not None and round(pace.target, 2) != round(goal.target, 2):  # the window asks another figure
            done += f"{quantity(pace.target, unit)} {this_window(goal.every)} ("
            aim += f" {window_words(goal, today)}" + _why_not_target(goal, pace, today) + ")"
            parts.append((f"  {done}{aim} {metric}", "dim"))
            return assemble(*parts)
        parts.append((f"  {done}{aim} {metric} {window_words(goal, today)}", "dim"))
    return assemble(*parts)


def _why_not_target(goal: Goal, pace: Pace, today: date) -> str:
    """Why a window asks other than the target: a carried shortfall, or a start inside the window."""
    extra = carried(goal, pace.window)
    if extra:
        return " + " + _("{amount} carried").format(amount=quantity(extra, pace.unit))
    start, end = pace.window.start, pace.window.end
    cut = {"week": (end - start).days < 6, "month": start.day != 1, "year": (start.month, start.day) != (1, 1)}
    if goal.start is not None and goal.start >= start and cut.get(goal.every or "", False):
        return ", " + _("prorated from {date}").format(date=short_date(goal.start, today))
    return ""


def plan_changes(old: Plan, new: Plan) -> list[str]:
    """What differs between two plans, in words: goals added, removed, changed."""
    words = []
    added = [g for g in new.goals if g not in old.goals]
    removed = [g for g in old.goals if g not in new.goals]
    changed = [g for g in new.goals if g in old.goals and new.goals[g] != old.goals[g]]
    if added:
        words.append(_("added {goals}").format(goals=", ".join(added)))
    if removed:
        words.append(_("removed {goals}").format(goals=", ".join(removed)))
    if changed:
        words.append(_("changed {goals}").format(goals=", ".join(changed)))
    if new.metrics != old.metrics:
        words.append(_("metrics changed"))
    if new.settings != old.settings:
        words.append(_("settings changed"))
    return words

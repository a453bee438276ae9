"""The one-line status for a shell prompt or a status bar: `p 12/30 ▼ · l 3/5 ● · c 1/3 ▲`.

Each metric with a goal shows its progress against that goal (the most
immediate one, as on the daily screen's counter) and the pace in a symbol, with
the word too when the line has room. A ``--format`` string names its own
placeholders instead: ``{p}`` or ``{prospects}`` is today's count, and
``{p_progress}``, ``{p_target}``, ``{p_symbol}``, ``{p_status}`` the goal's
figures (the metric's key or id before the underscore); ``{date}`` is today,
``{due}`` the number of follow-ups due today or overdue.
"""

from __future__ import annotations

import re
import string
from datetime import date

from goaltui.lang import _
from goaltui.model.counters import STATUS_SYMBOL, GaugeView, counter_views
from goaltui.model.counts import DailyCounts
from goaltui.model.format import count
from goaltui.model.goals import Plan
from goaltui.model.pace import PaceStatus, plan_paces
from goaltui.model.record import record
from goaltui.model.standing import SEPARATOR, WIDTH, line_parts, no_goals, status_word

# ANSI colours by pace, for a terminal; a pipe or NO_COLOR gets plain text.
COLOURS: dict[PaceStatus, str] = {
    "done": "32",
    "ahead": "32",
    "on pace": "34",
    "behind": "33",
    "missed": "31",
}


class LineFormatError(ValueError):
    """A --format string that cannot be filled: says which placeholder, and what there is."""


@record
class MetricFigure:
    """One metric on the line."""

    key: str
    metric: str
    today: float
    progress: float | None  # in the goal's window; None without a goal
    target: float | None
    status: PaceStatus | None
    # What the quick path needs to work the status out again after a tap today (model/standing.status):
    expected: float = 0.0  # the line at the start of today
    next_line: float = 0.0  # and at its end
    counts_today: bool = False  # today is in the goal's window: a tap today adds to progress
    over: bool = False  # the window ended before today

    @property
    def symbol(self) -> str:
        return STATUS_SYMBOL[self.status] if self.status else ""


def figures(plan: Plan, counts: DailyCounts, today: date) -> list[MetricFigure]:
    """Every metric that has a goal, in the plan's order."""
    gauges = tuple(GaugeView(plan.goals[p.goal_id], p) for p in plan_paces(plan, counts, today))
    return [
        MetricFigure(
            c.metric.key,
            c.metric.id,
            c.count,
            c.pace.progress,
            c.pace.target,
            c.pace.status,
            c.pace.expected,
            c.pace.next_line,
            c.pace.window.start <= today <= c.pace.window.end,
            today > c.pace.window.end,
        )
        for c in counter_views(plan, counts, gauges, today)
        if c.pace is not None
    ]


def render(items: list[MetricFigure], *, colour: bool = False, width: int = WIDTH) -> str:
    """The line with each status in words where it fits in ``width`` columns, else symbols only."""
    if not items:
        return no_goals()
    parts = line_parts([(item.key, item.progress or 0, item.target or 0, item.status) for item in items], width)
    if not colour:
        return SEPARATOR.join(parts)
    return SEPARATOR.join(
        f"\x1b[{COLOURS[item.status]}m{part}\x1b[0m" if item.status else part
        for item, part in zip(items, parts, strict=True)
    )


def fill(template: str, items: list[MetricFigure], today: date, due: int | None = None) -> str:
    """``template`` with its named placeholders filled in; a bad one raises LineFormatError.

    ``due``: how many follow-ups are due today or overdue, for ``{due}`` (None: not counted).
    """
    values: dict[str, str] = {"date": today.isoformat(), "due": count(due or 0)}
    for item in items:
        for name in (item.key, item.metric):
            values[name] = count(item.today)
            values[f"{name}_progress"] = count(item.progress or 0)
            values[f"{name}_target"] = count(item.target or 0)
            values[f"{name}_symbol"] = item.symbol
            values[f"{name}_status"] = status_word(item.status) if item.status else ""
    try:
        fields = [f for _text, f, _spec, _conv in string.Formatter().parse(template) if f is not None]
    except ValueError as err:
        message = _("--format {template}: {error} (write {{{{ for a brace)")
        raise LineFormatError(message.format(template=repr(template), error=err)) from None
    for name in fields:
        if name not in values:
            known = ", ".join("{" + key + "}" for key in sorted(values) if "_" not in key)
            message = _("--format: no placeholder {{{name}}}: use {known}, or add _progress, _target, ...")
            raise LineFormatError(message.format(name=name, known=known))
    for _text, field_name, spec, _conv in string.Formatter().parse(template):
        if spec and any(int(width) > WIDEST for width in re.findall(r"\d+", spec)):
            message = _("--format {{{field}:{spec}}}: a width of at most {widest} fits a status line")
            raise LineFormatError(message.format(field=field_name, spec=spec, widest=WIDEST))
    try:
        return template.format_map(values)
    except (ValueError, TypeError, KeyError, IndexError) as err:
        message = _("--format {template}: {error} (each placeholder is text, like {{p}} or {{p:>3}})")
        raise LineFormatError(message.format(template=repr(template), error=err)) from None


WIDEST = 200  # columns: a status line is one line of a terminal

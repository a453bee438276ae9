"""A month's report in Markdown: its totals, each goal's result, its best and worst week, and its notes.

Pure, like model/report.py (whose weekly sections it shares the words and the
escaping of): counts, goals, saved reviews and tap notes go in, text comes out.

A week partly in the month counts only its days in the month. Weeks are ranked
by their amount per working day in the month, so that the few days of a week
the month cuts are not its worst week only for being few.
"""

from __future__ import annotations

import re
from datetime import date

from goaltui.lang import _, form, ngettext
from goaltui.model.calendar import Window, long_date, period_window, working_days
from goaltui.model.counts import DailyCounts
from goaltui.model.format import ITS_WINDOW, count, from_day, quantity, unit_of
from goaltui.model.goals import FIRST_DAY, LAST_DAY, Goal, Plan
from goaltui.model.record import record
from goaltui.model.report import (
    NOTE_TITLES,
    VERDICTS,
    ReviewNotes,
    made_on,
    md,
    results_head,
    span_words,
    weeks_between,
)
from goaltui.model.review import GoalResult, goal_result
from goaltui.model.shown import shown
from goaltui.model.targets import was_active
from goaltui.model.weeks import week_label

_MONTH = re.compile(r"(\d{4})-(\d{2})")


class MonthError(ValueError):
    """A month that is not ``YYYY-MM`` or out of range; the message says what to write."""


@record
class TapNote:
    """A tap's note, as the month report quotes it."""

    day: date
    metric: str
    n: float
    note: str


@record
class MonthGoal:
    """One goal's result in the month: a weekly goal's weeks added up, any other goal's window that touched it."""

    title: str
    metric: str
    target: float
    actual: float
    verdict: str
    since: date | None = None


@record
class MonthWeek:
    """A week's share of the month: its days in the month and what they counted of one metric."""

    label: str
    days: Window  # the week cut to the month
    workdays: int
    total: float

    @property
    def per_day(self) -> float:
        return self.total / self.workdays


def parse_month(text: str) -> Window:
    """The month ``YYYY-MM`` names, first to last day; MonthError for anything else."""
    match = _MONTH.fullmatch(text.strip())
    if not match:
        raise MonthError(_("month {text} is not a month: write it as YYYY-MM, like 2027-02").format(text=repr(text)))
    year, month = int(match.group(1)), int(match.group(2))
    if not 1 <= month <= 12:
        raise MonthError(_("month {text} does not exist: the month is 01 to 12, like 2027-02").format(text=repr(text)))
    if not FIRST_DAY.year < year < LAST_DAY.year:
        message = _("month {text} is out of range: give a month from {first} to {last}")
        raise MonthError(message.format(text=repr(text), first=FIRST_DAY.year + 1, last=LAST_DAY.year - 1))
    return period_window("month", date(year, month, 1), 0)


def month_goals(plan: Plan, counts: DailyCounts, month: Window) -> list[MonthGoal]:
    """Each goal that ran in the month, with its result there (model/review.py judges each window)."""
    found = []
    for goal in plan.goals.values():
        if not was_active(goal, month):
            continue
        if goal.every == "week":
            row = _weekly_goal(goal, plan, counts, month)
        else:
            result = goal_result(goal, plan.settings, counts, month)
            row = _from_result(result) if result is not None else None
        if row is not None:
            found.append(row)
    return found


def _from_result(r: GoalResult) -> MonthGoal:
    verdict = _(VERDICTS[r.verdict])
    if r.days_hit is not None:
        n = r.workdays or 0
        days = ngettext("{hit} of {n} working day on target", "{hit} of {n} working days on target", n)
        verdict += ", " + days.format(hit=r.days_hit, n=count(n))
    elif r.every is not None and r.every not in ("day", "month"):
        its = _(ITS_WINDOW[r.every])
        verdict += " " + _("({window} to {date})").format(window=its, date=long_date(r.window.end))
    return MonthGoal(r.title or r.goal_id, r.metric, r.target, r.actual, verdict, r.since)


def _weekly_goal(goal: Goal, plan: Plan, counts: DailyCounts, month: Window) -> MonthGoal | None:
    """A weekly goal's weeks that ended in the month, added up; how many of them hit their target."""
    results = [
        r
        for week in weeks_between(month.start, month.end, plan)
        if month.contains(week.end) and (r := goal_result(goal, plan.settings, counts, week)) is not None
    ]
    if not results:
        return None
    hits = sum(1 for r in results if r.hit)
    n = len(results)
    words = ngettext("{hits} of {n} week ending in the month hit", "{hits} of {n} weeks ending in the month hit", n)
    verdict = words.format(hits=hits, n=count(n))
    first = results[0]
    return MonthGoal(
        first.title or first.goal_id,
        first.metric,
        sum(r.target for r in results),
        sum(r.actual for r in results),
        verdict,
    )


def month_weeks(plan: Plan, counts: DailyCounts, month: Window, metric: str) -> list[MonthWeek]:
    """The weeks overlapping the month with a working day in it, each counted within the month."""
    weeks = []
    for week in weeks_between(month.start, month.end, plan):
        days = Window(max(week.start, month.start), min(week.end, month.end))
        workdays = working_days(days.start, days.end, plan.settings)
        if workdays:
            weeks.append(MonthWeek(week_label(week), days, workdays, counts.total(metric, days.start, days.end)))
    return weeks


def month_report(
    plan: Plan,
    counts: DailyCounts,
    month: Window,
    today: date,
    saved: dict[str, ReviewNotes],
    taps: list[TapNote],
) -> str:
    """The month's report for a coach, a manager or a client; text from files escaped, as in the weekly report."""
    name = _("{month} {year}").format(month=form().month_names[month.start.month - 1], year=month.start.year)
    workdays = working_days(month.start, month.end, plan.settings)
    lines = [
        _("# Monthly report: {month}").format(month=name),
        "",
        span_words(month.start, month.end, working_days_words(workdays)),
        "",
        _("## Totals"),
        "",
        _("| Metric | Total |"),
        "|---|---:|",
    ]
    metrics = plan.ordered_metrics()
    for m in metrics:
        lines.append(f"| {md(m.id.capitalize())} | {md(_total_words(counts, m.id, m.unit, month))} |")
    lines += ["", *_goals_section(plan, counts, month), *_weeks_section(plan, counts, month)]
    lines += _notes_section(plan, month, saved, taps)
    lines.append(made_on(today))
    return shown("\n".join(lines), lines=True) + "\n"  # each piece is escaped already: this is the guard


def _total_words(counts: DailyCounts, metric: str, unit: str | None, month: Window) -> str:
    """A count's total in the month; a level's value at its end, with its rise in the month (never a sum)."""
    total = counts.total(metric, month.start, month.end)  # a level's daily figures are its rises
    if not counts.is_level(metric):
        return quantity(total, unit)
    value = counts.level(metric, month.end)
    if value is None:
        return _("no reading")
    rise = f"+{quantity(total, unit)}" if total >= 0 else f"−{quantity(-total, unit)}"
    return _("{value} at the end ({rise} in the month)").format(value=quantity(value, unit), rise=rise)


def _goals_section(plan: Plan, counts: DailyCounts, month: Window) -> list[str]:
    goals = month_goals(plan, counts, month)
    if not goals:
        return [_("## Goals"), "", _("No goals with a target ran this month."), ""]
    lines = [_("## Goals"), "", results_head(), "|---|---:|---:|---|"]
    for g in goals:
        unit = unit_of(plan, g.metric)
        target = md(quantity(round(g.target, 2), unit)) + from_day(g.since)
        lines.append(f"| {md(g.title)} | {target} | {md(quantity(g.actual, unit))} | {g.verdict} |")
    return [*lines, ""]


def _weeks_section(plan: Plan, counts: DailyCounts, month: Window) -> list[str]:
    lines = [
        _("## Best and worst week"),
        "",
        _(
            "Counted within the month: a week it cuts counts its days in the month only, and weeks are ranked by "
            "their amount per working day."
        ),
        "",
        _("| Metric | Best week | Worst week |"),
        "|---|---|---|",
    ]
    for m in plan.ordered_metrics():
        weeks = month_weeks(plan, counts, month, m.id)
        if not weeks:
            continue
        ranked = sorted(weeks, key=lambda w: -w.per_day)  # stable: the earlier week first on a tie
        best, worst = ranked[0], ranked[-1]
        rise = counts.is_level(m.id)  # a level's week is its rise, not a sum of readings
        best_words, worst_words = (_week_words(w, m.unit, rise=rise) for w in (best, worst))
        lines.append(f"| {md(m.id.capitalize())} | {best_words} | {worst_words} |")
    return [*lines, ""]


def _week_words(week: MonthWeek, unit: str | None, *, rise: bool = False) -> str:
    part = (
        ""
        if week.days.days == 7
        else ", " + _("{first}–{last} only").format(first=week.days.start.day, last=week.days.end.day)
    )
    figure = quantity(week.total, unit)
    if rise:
        figure = f"+{figure}" if week.total >= 0 else f"−{quantity(-week.total, unit)}"
    return f"{week.label}{part}: {md(figure)} ({working_days_words(week.workdays)})"


def working_days_words(n: int) -> str:
    """'1 working day', '21 working days'."""
    return ngettext("{n} working day", "{n} working days", n).format(n=count(n))


def _notes_section(plan: Plan, month: Window, saved: dict[str, ReviewNotes], taps: list[TapNote]) -> list[str]:
    lines = [_("## Notes"), ""]
    reviewed = False
    for week in weeks_between(month.start, month.end, plan):
        notes = saved.get(week_label(week))
        if notes is None:
            continue
        for key, heading in NOTE_TITLES:
            text = notes.notes.get(key, "").strip()
            if text:
                reviewed = True
                lines += [f"### {week_label(week)}: {_(heading)}", "", shown(text, lines=True), ""]
    if not reviewed:
        lines += [_("_No review of a week in this month has notes._"), ""]
    noted = [t for t in taps if t.note and month.contains(t.day)]
    if noted:
        lines += [_("### Notes on taps"), ""]
        for t in noted:
            what = quantity(t.n, unit_of(plan, t.metric))
            lines.append(f"- {long_date(t.day)}, {md(t.metric)} {what}: {md(t.note)}")
        lines.append("")
    return lines

"""Exports: a CSV of daily counts, and a weekly report in Markdown.

Pure: counts, goals and saved reviews go in, text comes out. The command line
reads the files and writes the result.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date

from goaltui.model.calendar import ONE_DAY, Window, long_date
from goaltui.model.counters import shown_count
from goaltui.model.counts import DailyCounts
from goaltui.model.decisions import Decision
from goaltui.model.format import count, from_day, percent, plural, quantity, unit_of
from goaltui.model.goals import WEEKDAYS, Plan
from goaltui.model.review import Review, build_review
from goaltui.model.shown import cell, shown
from goaltui.model.weeks import review_week, week_of

VERDICTS = {"stretch": "hit the stretch", "hit": "hit", "missed": "missed", "under way": "under way"}
NOTE_TITLES = (("went_well", "What went well"), ("went_badly", "What did not"), ("to_change", "What to change"))


@dataclass(frozen=True, slots=True)
class ReviewNotes:
    """A saved review's notes and decisions, as the report shows them."""

    notes: dict[str, str] = field(default_factory=dict)
    decisions: dict[str, Decision] = field(default_factory=dict)


def csv_text(plan: Plan, counts: DailyCounts, start: date, end: date) -> str:
    """One row per day and metric, zeros included: date, weekday, metric, count (a level: its value), unit."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["date", "weekday", "metric", "count", "unit", "workday"])
    metrics = plan.ordered_metrics()
    day = start
    while day <= end:
        workday = "yes" if plan.settings.is_workday(day) else "no"
        for m in metrics:
            n = count(shown_count(counts, m.id, day)).replace(",", "")
            writer.writerow(
                [day.isoformat(), WEEKDAYS[day.weekday()].title(), cell(m.id), n, cell(m.unit or ""), workday]
            )
        day += ONE_DAY
    return out.getvalue()


def weeks_between(start: date, end: date, plan: Plan) -> list[Window]:
    """The weeks that touch ``start``..``end``, oldest first."""
    weeks = []
    week = week_of(start, plan.settings)
    while week.start <= end:
        weeks.append(week)
        week = week_of(week.end + ONE_DAY, plan.settings)
    return weeks


def markdown_report(
    plan: Plan,
    counts: DailyCounts,
    start: date,
    end: date,
    today: date,
    saved: dict[str, ReviewNotes],
    *,
    name: str = "",
) -> str:
    """A weekly report for a coach, a manager or a client: results, funnel, notes, decisions.

    Text from files is escaped (model/shown.py); in a table cell its ``|`` too (:func:`md`).
    """
    weeks = weeks_between(start, end, plan)
    title = f"# Weekly report{f': {md(name)}' if name else ''}"
    lines = [
        title,
        "",
        f"{long_date(start)} to {long_date(end)} · {plural(len(weeks), 'week')}",
        "",
    ]
    for week in weeks:
        review = build_review(plan, counts, week, today)
        lines += week_section(plan, review, saved.get(review.label))
    lines.append(f"_Made with goaltui on {long_date(today)}._")
    return shown("\n".join(lines), lines=True) + "\n"  # each piece is escaped already: this is the guard


def md(text: str) -> str:
    """Text from a file in a line of Markdown: escaped (model/shown.py), newlines too, and ``|`` for tables."""
    return shown(text).replace("|", "\\|")


def week_section(plan: Plan, review: Review, notes: ReviewNotes | None) -> list[str]:
    lines = [f"## Week {review.label} ({long_date(review.week.start)} to {long_date(review.week.end)})", ""]
    if review.goals:
        hits = sum(1 for g in review.goals if g.verdict in ("hit", "stretch"))
        closed = sum(1 for g in review.goals if g.verdict != "under way")
        lines += [
            f"**{hits} of {plural(closed, 'goal')} hit.**" if closed else "**Goals under way.**",
            "",
            "### Results",
            "",
            "| Goal | Target | Actual | Result |",
            "|---|---:|---:|---|",
        ]
        for g in review.goals:
            unit = unit_of(plan, g.metric)
            # No stretch when it equals the target.
            stretch = f" (stretch {md(quantity(g.stretch, unit))})" if g.stretch else ""
            target = md(quantity(round(g.target, 2), unit)) + from_day(g.since) + stretch
            actual = md(quantity(g.actual, unit))
            verdict = VERDICTS[g.verdict]
            if g.days_hit is not None:
                verdict += f", {g.days_hit} of {g.workdays} days on target"
            lines.append(f"| {md(g.title or g.goal_id)} | {target} | {actual} | {verdict} |")
        lines.append("")
    else:
        lines += ["No goals with a target ran this week.", ""]
    if review.stages:
        lines += [
            "### Funnel",
            "",
            "| Stage, conversion | This week | Weekly average, 4 weeks before |",
            "|---|---:|---:|",
        ]
        for s in review.stages:
            usual = count(round(s.usual, 1)) if s.weeks else "–"
            lines.append(f"| {md(s.metric.capitalize())} | {count(s.week)} | {usual} |")
        for r in review.rates:
            lines.append(f"| {md(r.source)} → {md(r.target)} | {percent(r.week)} | {percent(r.usual)} |")
        lines.append("")
        if review.diagnosis:
            lines += [*[f"- {md(d)}" for d in review.diagnosis], ""]
    if review.due or review.breaks:
        lines += ["### Deadlines, milestones and breaks", ""]
        for d in review.due:
            state = "done" if d.done else "not done"
            lines.append(f"- {d.what.capitalize()} {long_date(d.due)}: {md(d.title)} ({state})")
        for b in review.breaks:
            lines.append(f"- Break: {long_date(b)}")
        lines.append("")
    if notes is None:
        lines += ["_This week has not been reviewed yet._", ""]
        return lines
    for key, heading in NOTE_TITLES:
        text = notes.notes.get(key, "").strip()
        if text:
            lines += [f"### {heading}", "", shown(text, lines=True), ""]
    changes = [(gid, d) for gid, d in notes.decisions.items() if d.kind != "keep"]
    lines += ["### Decisions", ""]
    if changes:
        titles = {g.id: g.title or g.id for g in plan.goals.values()} | {
            g.goal_id: g.title for g in review.goals if g.title
        }
        lines += [
            f"- {md(titles.get(gid, gid))}: {md(d.words())}{_starts(plan, gid, d, review.label)}" for gid, d in changes
        ]
    else:
        lines.append("- Every goal kept as it is.")
    lines.append("")
    return lines


def _starts(plan: Plan, goal_id: str, decision: Decision, label: str) -> str:
    """When a lowered target starts, from the change the review recorded on the goal."""
    if decision.kind != "lower":
        return ""
    goal = plan.goals.get(goal_id)
    changes = [c for c in goal.changes if c.what == "target" and c.effective and f"({label})" in c.note] if goal else []
    return f" from {long_date(changes[-1].effective)}" if changes and changes[-1].effective else " from the next window"


def default_span(today: date, plan: Plan) -> tuple[date, date]:
    """The last completed week: what a weekly report covers unless told otherwise."""
    last = review_week(today, plan.settings)
    return last.start, last.end

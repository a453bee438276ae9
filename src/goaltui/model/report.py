"""Exports: a CSV of daily counts, and a weekly report in Markdown.

Pure: counts, goals and saved reviews go in, text comes out. The command line
reads the files and writes the result.
"""

from __future__ import annotations

import csv
import io
from dataclasses import field
from datetime import date

from goaltui.lang import N_, _, ngettext
from goaltui.model.calendar import ONE_DAY, Window, long_date
from goaltui.model.counters import shown_count
from goaltui.model.counts import DailyCounts
from goaltui.model.decisions import Decision
from goaltui.model.format import count, from_day, percent, quantity, unit_of
from goaltui.model.goals import WEEKDAYS, Plan
from goaltui.model.numbers import plain
from goaltui.model.record import record
from goaltui.model.review import Review, build_review
from goaltui.model.shown import cell, shown
from goaltui.model.weeks import review_week, week_of

# Marked here, translated where shown: _(VERDICTS[verdict]), _(heading).
VERDICTS = {
    "stretch": N_("hit the stretch"),
    "hit": N_("hit"),
    "missed": N_("missed"),
    "under way": N_("under way"),
}
NOTE_TITLES = (
    ("went_well", N_("What went well")),
    ("went_badly", N_("What did not")),
    ("to_change", N_("What to change")),
)
DUE_WORDS = {"deadline": N_("Deadline"), "milestone": N_("Milestone")}


@record
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
            n = plain(shown_count(counts, m.id, day))
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
    title = _("# Weekly report: {name}").format(name=md(name)) if name else _("# Weekly report")
    n = len(weeks)
    lines = [title, "", span_words(start, end, ngettext("{n} week", "{n} weeks", n).format(n=count(n))), ""]
    for week in weeks:
        review = build_review(plan, counts, week, today)
        lines += week_section(plan, review, saved.get(review.label))
    lines.append(made_on(today))
    return shown("\n".join(lines), lines=True) + "\n"  # each piece is escaped already: this is the guard


def span_words(start: date, end: date, counted: str) -> str:
    """'Mon 2 Nov 2026 to Sun 8 Nov 2026 · 1 week': a report's span, then what it counts."""
    return _("{start} to {end} · {counted}").format(start=long_date(start), end=long_date(end), counted=counted)


def results_head() -> str:
    """The head of a report's table of goals."""
    return _("| Goal | Target | Actual | Result |")


def made_on(today: date) -> str:
    """A report's last line."""
    return _("_Made with goaltui on {date}._").format(date=long_date(today))


def md(text: str) -> str:
    """Text from a file in a line of Markdown: escaped (model/shown.py), newlines too, and ``|`` for tables."""
    return shown(text).replace("|", "\\|")


def week_section(plan: Plan, review: Review, notes: ReviewNotes | None) -> list[str]:
    start, end = long_date(review.week.start), long_date(review.week.end)
    lines = [_("## Week {label} ({start} to {end})").format(label=review.label, start=start, end=end), ""]
    if review.goals:
        hits = sum(1 for g in review.goals if g.verdict in ("hit", "stretch"))
        closed = sum(1 for g in review.goals if g.verdict != "under way")
        summary = ngettext("**{hits} of {n} goal hit.**", "**{hits} of {n} goals hit.**", closed)
        lines += [
            summary.format(hits=hits, n=count(closed)) if closed else _("**Goals under way.**"),
            "",
            _("### Results"),
            "",
            results_head(),
            "|---|---:|---:|---|",
        ]
        for g in review.goals:
            unit = unit_of(plan, g.metric)
            # No stretch when it equals the target.
            stretch = " " + _("(stretch {n})").format(n=md(quantity(g.stretch, unit))) if g.stretch else ""
            target = md(quantity(round(g.target, 2), unit)) + from_day(g.since) + stretch
            actual = md(quantity(g.actual, unit))
            verdict = _(VERDICTS[g.verdict])
            if g.days_hit is not None:
                days = ngettext("{hit} of {n} day on target", "{hit} of {n} days on target", g.workdays or 0)
                verdict += ", " + days.format(hit=g.days_hit, n=g.workdays)
            lines.append(f"| {md(g.title or g.goal_id)} | {target} | {actual} | {verdict} |")
        lines.append("")
    else:
        lines += [_("No goals with a target ran this week."), ""]
    if review.stages:
        lines += [
            _("### Funnel"),
            "",
            _("| Stage, conversion | This week | Weekly average, 4 weeks before |"),
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
        lines += [_("### Deadlines, milestones and breaks"), ""]
        for d in review.due:
            state = _("done") if d.done else _("not done")
            what, day = _(DUE_WORDS[d.what]), long_date(d.due)
            lines.append(
                _("- {what} {date}: {title} ({state})").format(what=what, date=day, title=md(d.title), state=state)
            )
        for b in review.breaks:
            lines.append(_("- Break: {date}").format(date=long_date(b)))
        lines.append("")
    if notes is None:
        lines += [_("_This week has not been reviewed yet._"), ""]
        return lines
    for key, heading in NOTE_TITLES:
        text = notes.notes.get(key, "").strip()
        if text:
            lines += [f"### {_(heading)}", "", shown(text, lines=True), ""]
    changes = [(gid, d) for gid, d in notes.decisions.items() if d.kind != "keep"]
    lines += [_("### Decisions"), ""]
    if changes:
        titles = {g.id: g.title or g.id for g in plan.goals.values()} | {
            g.goal_id: g.title for g in review.goals if g.title
        }
        lines += [
            f"- {md(titles.get(gid, gid))}: {md(d.words())}{_starts(plan, gid, d, review.label)}" for gid, d in changes
        ]
    else:
        lines.append(_("- Every goal kept as it is."))
    lines.append("")
    return lines


def _starts(plan: Plan, goal_id: str, decision: Decision, label: str) -> str:
    """When a lowered target starts, from the change the review recorded on the goal."""
    if decision.kind != "lower":
        return ""
    goal = plan.goals.get(goal_id)
    changes = [c for c in goal.changes if c.what == "target" and c.effective and f"({label})" in c.note] if goal else []
    if changes and changes[-1].effective:
        return " " + _("from {day}").format(day=long_date(changes[-1].effective))
    return " " + _("from the next window")


def default_span(today: date, plan: Plan) -> tuple[date, date]:
    """The last completed week: what a weekly report covers unless told otherwise."""
    last = review_week(today, plan.settings)
    return last.start, last.end

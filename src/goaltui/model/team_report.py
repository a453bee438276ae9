"""The weekly team report for a coach or a manager: each member's week, the team's funnel, who has not synced."""

from __future__ import annotations

from datetime import date
from itertools import pairwise

from goaltui.lang import _, ngettext
from goaltui.model.calendar import Window
from goaltui.model.format import count, percent
from goaltui.model.report import ReviewNotes, made_on, md, span_words, week_section
from goaltui.model.review import build_review
from goaltui.model.shown import shown
from goaltui.model.team import MemberRow
from goaltui.model.weeks import week_label


def team_report(
    rows: list[MemberRow], week: Window, today: date, notes: dict[str, ReviewNotes | None], updated: dict[str, str]
) -> str:
    """Markdown: the team at a glance, its funnel this week, then one section per member (whoever needs help first).

    ``notes`` holds each member's saved review of the week, by name; ``updated`` names, by member, when the
    folder last changed for those not synced for over a day.
    """
    label = week_label(week)
    readable = [(row.name, row.plan, row.counts) for row in rows if row.plan is not None and row.counts is not None]
    reviews = {name: build_review(plan, counts, week, today) for name, plan, counts in readable}
    missed = [name for name, review in reviews.items() if any(g.verdict == "missed" for g in review.goals)]
    broken = [row for row in rows if row.error is not None]
    members = ngettext("{n} member", "{n} members", len(rows)).format(n=count(len(rows)))
    summary = span_words(week.start, week.end, members) + " · " + _("{n} missed a goal").format(n=len(missed))
    if broken:
        summary += " · " + _("{n} could not be read").format(n=len(broken))
    lines = [
        _("# Team report: week {label}").format(label=label),
        "",
        summary,
        "",
        _("## Team funnel"),
        "",
        _("| Stage | This week |"),
        "|---|---:|",
    ]
    stages: dict[str, float] = {}
    for review in reviews.values():
        for stage in review.stages:
            stages[stage.metric] = stages.get(stage.metric, 0) + stage.week
    lines += [f"| {md(metric.capitalize())} | {count(total)} |" for metric, total in stages.items()]
    names = list(stages)
    for source, target in pairwise(names):
        rate = stages[target] / stages[source] if stages[source] else None
        lines.append(f"| {md(source)} → {md(target)} | {percent(rate)} |")
    lines.append("")
    lines += people_table(rows)
    if updated:
        lines += [_("## Not synced for more than a day"), ""]
        lines += [_("- {name}: last update {when}").format(name=md(name), when=when) for name, when in updated.items()]
        lines.append("")
    if broken:
        lines += [_("## Could not be read"), ""]
        lines += [f"- {md(row.name)}: {md(row.error or '')}" for row in broken]
        lines.append("")
    for name, plan, _counts in readable:
        lines += [f"## {md(name)}", ""]
        section = week_section(plan, reviews[name], notes.get(name))
        lines += ["#" + line if line.startswith("#") else line for line in section[2:]]  # its own title is ours
    lines.append(made_on(today))
    return shown("\n".join(lines), lines=True) + "\n"  # each piece is escaped already: this is the guard


def people_table(rows: list[MemberRow]) -> list[str]:
    """How many people each member has at each stage, and their follow-ups overdue: counts, never a name."""
    counted = [row for row in rows if row.people is not None]
    if not counted:
        return []
    stages = list(dict.fromkeys(stage for row in counted if row.people for stage, _n in row.people.stages))
    head = _("| Member | {stages} | Overdue | Stale |").format(stages=" | ".join(s.capitalize() for s in stages))
    lines = [_("## People"), "", head]
    lines.append("|---|" + "---:|" * (len(stages) + 2))
    for row in counted:
        assert row.people is not None
        at = dict(row.people.stages)
        cells = [str(at.get(stage, 0)) for stage in stages] + [str(row.people.overdue), str(row.people.stale)]
        lines.append(f"| {md(row.name)} | " + " | ".join(cells) + " |")
    return [*lines, ""]

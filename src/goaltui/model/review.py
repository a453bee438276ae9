"""The weekly review: what the week held, why, and what to change.

Pure: the plan, the daily counts and ``today`` go in; results, a funnel
diagnosis and the changes a decision makes come out.

Week labels. A week runs from ``settings.week_starts`` for seven days. It is
labelled ``YYYY-Www`` with the ISO year and week number of its fourth day
(start + 3). With weeks starting on Monday that day is the Thursday, so the
label is exactly the ISO 8601 week. With another start day the rule still
gives every week exactly one label, consecutive weeks consecutive labels,
and a week its label from the ISO week that holds most of its days: a week
starting Sunday 2026-11-15 is labelled by Wednesday 2026-11-18, 2026-W47.
"""

from __future__ import annotations

import math
import re
from dataclasses import field
from datetime import date, timedelta
from itertools import pairwise
from typing import Literal

from goaltui.lang import N_, _
from goaltui.model.calendar import ONE_DAY, Window, period_window, working_dates
from goaltui.model.counts import DailyCounts
from goaltui.model.format import count, from_day, percent
from goaltui.model.funnel import things
from goaltui.model.goals import FIRST_DAY, LAST_DAY, Goal, Milestone, Period, Plan, Settings
from goaltui.model.measure import by_value, reached
from goaltui.model.record import record
from goaltui.model.score import consistency
from goaltui.model.smart import best_average
from goaltui.model.targets import aim, metric_week, title_then, was_active, weekly_aim
from goaltui.model.weeks import shift_week, week_label, week_of

NOTES = ("went_well", "went_badly", "to_change")  # the three questions of every review, in order

HISTORY_WINDOWS = 8  # windows in a goal's sparkline
BASELINE_WEEKS = 4  # the funnel's week is compared with the four weeks before
LOW_ACTIVITY = 0.85  # below 85 % of the usual volume is "too little activity"
WEAK_CONVERSION = 0.8  # below 80 % of the usual rate is "weak conversion"
Verdict = Literal["stretch", "hit", "missed", "under way"]
_LABEL = re.compile(r"^(\d{4})-W(\d{2})$")

NO_SHORTFALL = N_("No shortfall in the funnel this week.")  # the diagnosis of a week with none: said in green


class ReviewError(ValueError):
    """A week label or a decision that cannot be used; the message says what to do."""


# --- weeks -----------------------------------------------------------------------


def parse_week(text: str, settings: Settings) -> Window:
    """The week a label names; ReviewError for anything that is not ``YYYY-Www``."""
    match = _LABEL.match(text.strip())
    if not match:
        raise ReviewError(_("week {text} is not a week: write it as YYYY-Www, like 2026-W47").format(text=repr(text)))
    year, number = int(match.group(1)), int(match.group(2))
    if not FIRST_DAY.year < year < LAST_DAY.year:
        message = _("week {text} is out of range: give a week from {first} to {last}")
        raise ReviewError(message.format(text=repr(text), first=FIRST_DAY.year + 1, last=LAST_DAY.year - 1))
    try:
        monday = date.fromisocalendar(year, number, 1)
    except ValueError:
        message = _("week {text} does not exist: {year} has weeks W01 to {last}")
        last = f"W{date(year, 12, 28).isocalendar()[1]:02d}"
        raise ReviewError(message.format(text=repr(text), year=year, last=last)) from None
    week = week_of(monday, settings)
    if week.start + timedelta(days=3) < monday:  # the label names the week holding most of its days
        week = shift_week(week, 1)
    return week


# --- results -----------------------------------------------------------------------


@record
class GoalResult:
    """How one goal did in the window that touched the week."""

    goal_id: str
    title: str
    metric: str
    every: Period | None  # None: a one-off goal
    window: Window  # the week for day and week goals; else the goal's window that touched the week
    target: float  # in force for the window (a daily goal: per day times the week's working days)
    stretch: float | None
    actual: float  # up to the week's end
    over: bool  # the window has ended by the week's end
    history: tuple[float, ...]  # the last windows' actuals, oldest first, this one last
    history_targets: tuple[float, ...]
    days_hit: int | None = None  # a daily goal: working days at or above the target
    workdays: int | None = None  # a daily goal: working days with a target (from its start)
    since: date | None = None  # the goal began inside the window: only the days from here count

    @property
    def hit(self) -> bool:
        return self.actual >= self.target - 1e-9

    @property
    def stretch_hit(self) -> bool:
        return self.stretch is not None and self.actual >= self.stretch - 1e-9

    @property
    def verdict(self) -> Verdict:
        """``hit``, ``stretch``, ``missed`` or ``under way`` (a longer window not over yet)."""
        if self.stretch_hit:
            return "stretch"
        if self.hit:
            return "hit"
        return "missed" if self.over else "under way"

    @property
    def shortfall(self) -> float:
        return max(0.0, self.target - self.actual)


@record
class Stage:
    """One funnel stage in the week against the four weeks before (their weekly average)."""

    metric: str
    week: float
    usual: float
    target: float | None  # a week's worth of the stage's recurring goal; None before it began
    since: date | None = None  # the goal began in the week: its target counts the days from here
    counted: float | None = None  # the volume from ``since``, which the target is judged by
    weeks: int = BASELINE_WEEKS  # weeks before that count for ``usual``: none before tracking began


@record
class Rate:
    """Conversion between two stages in the week and in the four weeks before."""

    source: str
    target: str
    week: float | None
    usual: float | None


@record
class Due:
    """A one-off goal whose deadline passed, or a milestone that fell due, in the week."""

    goal_id: str
    what: Literal["deadline", "milestone"]
    title: str
    due: date
    done: bool


@record
class Review:
    """Everything the review screen and the report show for one week."""

    label: str
    week: Window
    goals: tuple[GoalResult, ...]
    stages: tuple[Stage, ...]
    rates: tuple[Rate, ...]
    diagnosis: tuple[str, ...]
    due: tuple[Due, ...]
    breaks: tuple[date, ...]
    realistic: dict[str, float] = field(default_factory=dict)  # goal id -> most realistic target from history
    scores: dict[str, float] = field(default_factory=dict)  # goal id -> consistency score to the week's end, 0..1


def build_review(plan: Plan, counts: DailyCounts, week: Window, today: date) -> Review:
    """The review of ``week`` as seen on ``today``."""
    settings = plan.settings
    goals = tuple(
        r
        for g in plan.goals.values()
        if was_active(g, week) and (r := goal_result(g, settings, counts, week)) is not None
    )
    stages, rates = funnel_week(plan, counts, week)
    due = []
    for goal in plan.goals.values():
        deadline = deadline_then(goal, week)
        if goal.every is None and deadline is not None and week.contains(deadline):
            result = next((r for r in goals if r.goal_id == goal.id), None)
            due.append(Due(goal.id, "deadline", goal.title or goal.id, deadline, bool(result and result.hit)))
        due.extend(_milestones_due(goal, goal.milestones, week))
    realistic = {
        g.goal_id: v
        for g in goals
        if (v := realistic_target(plan.goals[g.goal_id], settings, counts, today)) is not None
    }
    return Review(
        label=week_label(week),
        week=week,
        goals=goals,
        stages=stages,
        rates=rates,
        diagnosis=tuple(diagnose(stages, rates)) if goals else (),  # a week no goal ran in is not judged
        due=tuple(due),
        breaks=tuple(sorted(d for d in settings.breaks if week.contains(d))),
        realistic=realistic,
        scores={
            g.goal_id: score.value
            for g in goals
            if (score := consistency(plan.goals[g.goal_id], settings, counts, min(today, week.end + ONE_DAY)))
            and score.meaningful
        },
    )


def deadline_then(goal: Goal, week: Window) -> date | None:
    """The deadline as it stood during ``week``: one extended after the week keeps its old date here."""
    later = sorted(
        (c.on, c.old) for c in goal.changes if c.what == "deadline" and c.on > week.end and isinstance(c.old, date)
    )
    return later[0][1] if later else goal.deadline


def _milestones_due(goal: Goal, milestones: tuple[Milestone, ...], week: Window) -> list[Due]:
    return [Due(goal.id, "milestone", m.title, m.due, m.done) for m in milestones if m.due and week.contains(m.due)]


def goal_result(goal: Goal, settings: Settings, counts: DailyCounts, week: Window) -> GoalResult | None:
    """The goal's result for the window that touched ``week``; None when none did or it set no target then.

    A month (quarter, year) that ended inside the week is the one judged; else the one under way at its end.

    Every target comes from model/targets.py: before the goal's start there is
    none, and a window the start falls inside counts only the days from it
    (``since``). The history holds only windows with a target.
    """
    if goal.metric is None or goal.target is None or (goal.start is not None and goal.start > week.end):
        return None
    metric = goal.metric
    if goal.every is None:
        deadline = deadline_then(goal, week)
        if goal.start is None or deadline is None or deadline < week.start or deadline < goal.start:
            return None
        window = Window(goal.start, deadline)
        found = aim(goal, settings, window)
        if found is None:
            return None
        actual = reached(goal, counts, window.start, min(week.end, window.end))
        over, target = window.end <= week.end, found.target
        return GoalResult(
            goal.id,
            title_then(goal, window),
            metric,
            None,
            window,
            target,
            found.stretch,
            actual,
            over,
            (actual,),
            (target,),
        )
    if goal.every == "day":
        workdays = working_dates(week.start, week.end, settings)
        days = [(d, a) for d in workdays if (a := aim(goal, settings, Window(d, d))) is not None]
        found = weekly_aim(goal, settings, week)
        if found is None:
            return None
        hit = sum(1 for d, a in days if counts.get(d, metric) >= a.target)
        history, targets = _week_history(goal, settings, counts, week)
        start = found.since or week.start
        return GoalResult(
            goal.id,
            title_then(goal, week),
            metric,
            "day",
            Window(start, week.end),
            found.target,
            found.stretch,
            reached(goal, counts, start, week.end),
            True,
            history,
            targets,
            hit,
            len(days),
            found.since,
        )
    period = period_window(goal.every, week.start, settings.week_starts)
    if period.end >= week.end or aim(goal, settings, period) is None:  # none ended in the week: the one under way
        period = period_window(goal.every, week.end, settings.week_starts)
    found = aim(goal, settings, period)
    if found is None:
        return None
    window = Window(found.since or period.start, period.end)
    actuals: list[float] = []
    aims: list[float] = []
    current: Window | None = period
    while current is not None and len(actuals) < HISTORY_WINDOWS:
        then = aim(goal, settings, current)
        if then is None:
            break  # an earlier window set no target either: the goal had not begun
        actuals.append(reached(goal, counts, then.since or current.start, min(current.end, week.end)))
        aims.append(then.target)
        current = period_window(goal.every, current.start - ONE_DAY, settings.week_starts)
    return GoalResult(
        goal.id,
        title_then(goal, period),
        metric,
        goal.every,
        window,
        found.target,
        found.stretch,
        actuals[0],
        window.end <= week.end,
        tuple(reversed(actuals)),
        tuple(reversed(aims)),
        since=found.since,
    )


def _week_history(
    goal: Goal, settings: Settings, counts: DailyCounts, week: Window
) -> tuple[tuple[float, ...], tuple[float, ...]]:
    """A daily goal's last eight weeks that had a target: totals from its start, and the summed daily targets."""
    history, targets = [], []
    for back in range(HISTORY_WINDOWS - 1, -1, -1):
        w = shift_week(week, -back)
        found = weekly_aim(goal, settings, w)
        if found is not None:
            history.append(reached(goal, counts, found.since or w.start, w.end))
            targets.append(found.target)
    return tuple(history), tuple(targets)


def realistic_target(goal: Goal, settings: Settings, counts: DailyCounts, today: date) -> float | None:
    """The most realistic target for the goal's window: its best 20-working-day rate times the window's working days."""
    if goal.metric is None or goal.every is None or by_value(goal, counts):
        return None  # a level's value is not made day by day: its trend says where it goes (model/pace.py)
    best, days = best_average(goal.metric, settings, counts, today)
    if best is None or days < 5:
        return None
    if goal.every == "day":
        span = 1
    else:
        window = period_window(goal.every, today, settings.week_starts)
        span = len(working_dates(window.start, window.end, settings)) or 1
    return max(1.0, float(math.floor(best * span)))


# --- funnel ------------------------------------------------------------------------


def funnel_week(plan: Plan, counts: DailyCounts, week: Window) -> tuple[tuple[Stage, ...], tuple[Rate, ...]]:
    """Each funnel stage's volume in the week and its weekly average over the four weeks before; rates alike.

    Only weeks from the one tracking began in count for the average: the stage's first goal's start, else
    the first day anything was logged. With none, the usual is 0 over 0 weeks and nothing is judged by it.
    """
    stages = []
    for metric in plan.funnel():
        found = metric_week(plan, metric.id, week)
        weeks = baseline_weeks(plan, counts, metric.id, week)
        before = week.start - timedelta(weeks=weeks)
        stages.append(
            Stage(
                metric.id,
                max(0.0, counts.total(metric.id, week.start, week.end)),
                max(0.0, counts.total(metric.id, before, week.start - ONE_DAY)) / weeks if weeks else 0.0,
                found.target if found else None,
                found.since if found else None,
                max(0.0, counts.total(metric.id, found.since, week.end)) if found and found.since else None,
                weeks,
            )
        )
    rates = [Rate(a.metric, b.metric, _share(b.week, a.week), _share(b.usual, a.usual)) for a, b in pairwise(stages)]
    return tuple(stages), tuple(rates)


def baseline_weeks(plan: Plan, counts: DailyCounts, metric: str, week: Window) -> int:
    """How many of the four weeks before ``week`` had begun to be tracked (see :func:`funnel_week`)."""
    starts = [g.start for g in plan.goals.values() if g.metric == metric and g.start is not None]
    began = min(starts) if starts and all(g.start for g in plan.goals.values() if g.metric == metric) else None
    began = began or counts.first_day()
    if began is None:
        return 0
    return sum(1 for back in range(1, BASELINE_WEEKS + 1) if shift_week(week, -back).end >= began)


def _share(part: float, whole: float) -> float | None:
    return min(1.0, part / whole) if whole > 0 else None


def diagnose(stages: tuple[Stage, ...], rates: tuple[Rate, ...]) -> list[str]:
    """One plain sentence per shortfall: too little activity, or weak conversion.

    A stage falls short when it is below its weekly target (or, without one,
    below 85 % of its usual volume); a target its goal set from a start inside
    the week is judged by the days from then. For the top of the funnel the cause is
    activity. Further down, when the conversion into the stage held up (at
    least 80 % of its usual rate, or no usual rate to compare), the stage
    above supplied too few; otherwise conversion was weak.
    """
    sentences = []
    for i, stage in enumerate(stages):
        goal = stage.target if stage.target else stage.usual * LOW_ACTIVITY
        done = stage.week if stage.counted is None or not stage.target else stage.counted
        if goal <= 0 or done >= goal - 1e-9:
            continue
        done_words = things(done, stage.metric, count) + (from_day(stage.since) if stage.target else "")
        if stage.target:
            short = _("{done} against the target of {target}").format(
                done=done_words, target=count(round(stage.target, 1))
            )
        else:
            short = _("{done} against a usual {usual}").format(done=done_words, usual=count(round(stage.usual, 1)))
        if i == 0:
            sentences.append(
                _("Too little activity: {short}. More {metric} is the lever.").format(short=short, metric=stage.metric)
            )
            continue
        rate = rates[i - 1]
        above = stages[i - 1]
        weak = rate.week is not None and rate.usual is not None and rate.week < rate.usual * WEAK_CONVERSION
        words = {"short": short, "above": above.metric, "metric": stage.metric, "rate": percent(rate.week)}
        if rate.week is None:
            sentences.append(_("Too little activity: {short}, with no {above} to convert.").format(**words))
        elif weak:
            sentences.append(
                _(
                    "Weak conversion: {short}. Only {rate} of {above} became {metric}, "
                    "against {usual} in the four weeks before."
                ).format(**words, usual=percent(rate.usual))
            )
        else:
            sentences.append(
                _(
                    "Too little activity: {short}. Conversion held ({rate} of {above} became {metric}), "
                    "so more {above} is the lever."
                ).format(**words)
            )
    if not sentences and stages:
        sentences.append(_(NO_SHORTFALL))
    return sentences

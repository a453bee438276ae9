"""The SMART check: one finding per letter and goal, each with a concrete fix.

Specific: a metric and a title that says what. Measurable: a target.
Achievable: the rate the goal needs against the user's best 20 working days.
Relevant: a why or a parent. Time-bound: a recurring window or a deadline.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal, get_args

from goaltui.model.calendar import ONE_DAY, SEARCH_LIMIT_DAYS, period_window, short_date, working_dates
from goaltui.model.counts import DailyCounts
from goaltui.model.format import counted, figure, unit_of
from goaltui.model.goal_parse import would_cycle
from goaltui.model.goals import Goal, Period, Plan, Settings
from goaltui.model.ladder import ladder
from goaltui.model.pace import RATE_DAYS, average_rate, goal_pace

Level = Literal["ok", "warn", "fail"]
Letter = Literal["S", "M", "A", "R", "T"]
LEVELS: tuple[Level, ...] = get_args(Level)  # best to worst
LETTERS: tuple[Letter, ...] = get_args(Letter)
MIN_HISTORY = 10  # working days of a metric's history before Achievable judges it
REACH = 1.1  # up to 10 % above the best stretch is within reach ...
FAR = 2.0  # ... more than twice the best is out of reach
MIN_TITLE_WORDS = 3
VAGUE = ("more", "better", "some", "lots", "many", "improve")
DEFAULT_TARGET = 30


@dataclass(frozen=True, slots=True)
class Finding:
    """One letter's verdict on a goal."""

    letter: Letter
    level: Level
    message: str
    fix: str = ""  # a concrete change to goals.toml; "" when ok


def check_plan(plan: Plan, counts: DailyCounts, today: date) -> dict[str, list[Finding]]:
    """The findings for every active goal, by goal id, in file order: S, M, A, R, T, then the ladder's."""
    rungs = ladder_findings(plan, counts, today)
    return {goal.id: check_goal(goal, plan, counts, today) + rungs.get(goal.id, []) for goal in plan.active_goals()}


def goal_findings(goal: Goal, plan: Plan, counts: DailyCounts, today: date) -> list[Finding]:
    """One goal's five findings, then the ladder's: whether it and the goals it feeds or is fed by add up."""
    return check_goal(goal, plan, counts, today) + ladder_findings(plan, counts, today).get(goal.id, [])


def check_goal(goal: Goal, plan: Plan, counts: DailyCounts, today: date) -> list[Finding]:
    """Five findings, in S, M, A, R, T order."""
    if goal.is_vision:  # asked what a ten-year goal can answer: a number, a date, a reason, a first step
        return [
            _specific(goal, plan),
            _measurable(goal, plan, counts, today),
            _first_step(goal, plan, counts, today),
            _relevant(goal, plan),
            _vision_time(goal, today),
        ]
    return [
        _specific(goal, plan),
        _measurable(goal, plan, counts, today),
        _achievable(goal, plan, counts, today),
        _relevant(goal, plan),
        _time_bound(goal, plan, counts, today),
    ]


def worst(findings: list[Finding]) -> Level:
    """The worst level among ``findings``: "fail", "warn" or "ok" (also for none)."""
    return max((f.level for f in findings), key=LEVELS.index, default="ok")


# --- S -----------------------------------------------------------------------


def _specific(goal: Goal, plan: Plan) -> Finding:
    if goal.metric is None:
        names = list(plan.metrics)
        if not names:
            fix = 'add a [metrics.prospects] table, then metric = "prospects"'
        else:
            fix = f'add metric = "{names[0]}"' + (f" (or {_or(names[1:])})" if len(names) > 1 else "")
        return Finding("S", "fail", "No metric: say what you count.", fix)
    title = goal.title.strip()
    example = f'title = "{_example_title(goal)}"'
    if not title:
        return Finding("S", "warn", "No title: say what you will do, and how much.", f"add {example}")
    if len(title.split()) < MIN_TITLE_WORDS:
        return Finding("S", "warn", f"'{title}' is too short to say what you will do.", example)
    vague = [w for w in re.findall(r"[a-z]+", title.lower()) if w in VAGUE]
    if vague and not re.search(r"\d", title):
        return Finding("S", "warn", f"'{title}' is vague ('{vague[0]}' without a number): say how much.", example)
    return Finding("S", "ok", f"Counts {goal.metric}.")


def _example_title(goal: Goal) -> str:
    words = [figure(goal.target if goal.target is not None else DEFAULT_TARGET), goal.metric or "prospects"]
    if goal.deadline is not None and goal.every is None:
        words.append(f"by {goal.deadline.isoformat()}")
    else:
        words.append(f"every {goal.every or 'week'}")
    return " ".join(words)


# --- M -----------------------------------------------------------------------


def _measurable(goal: Goal, plan: Plan, counts: DailyCounts, today: date) -> Finding:
    if goal.target is None:
        fix = f"add target = {_suggest(goal, plan, counts, today)}"
        return Finding("M", "fail", "No target: nothing to measure against.", fix)
    unit = plan.metrics[goal.metric].unit if goal.metric in plan.metrics else None
    text = f"Target {figure(goal.target, unit)}"
    if goal.stretch is not None and goal.stretch > goal.target:
        text += f", stretch {figure(goal.stretch, unit)}"
    return Finding("M", "ok", text + ".")


def _suggest(goal: Goal, plan: Plan, counts: DailyCounts, today: date) -> str:
    """A target from the user's own trailing rate when there is one."""
    rate = average_rate(goal.metric, plan.settings, counts, today) if goal.metric else None
    if not rate or goal.every is None:
        return str(DEFAULT_TARGET)
    days = _period_days(goal.every, today, plan.settings)
    return str(max(1, round(rate * days))) if days else str(DEFAULT_TARGET)


# --- A -----------------------------------------------------------------------


def _achievable(goal: Goal, plan: Plan, counts: DailyCounts, today: date) -> Finding:
    if goal.metric is None or goal.target is None or (goal.every is None and goal.deadline is None):
        return Finding("A", "ok", "Not checked: it needs a metric, a target and a time frame first.")
    settings = plan.settings
    metric = goal.metric
    level = plan.metrics[metric].is_level if metric in plan.metrics else False
    if goal.every is not None and level and goal.measure != "gain":
        return Finding(
            "A", "ok", f"Not checked: {metric} is a level, judged by the value it stands at each {goal.every}."
        )
    if goal.every is not None:
        on = goal.start if goal.start is not None and goal.start > today else today
        days = _period_days(goal.every, on, settings)
        if not days:
            return Finding("A", "ok", f"Not checked: a {goal.every} has no working days in your settings.")
        needed = goal.target / days
        start_from = 0.0
        realistic_days = days
    else:
        pace = goal_pace(goal, settings, counts, today)
        if pace is None:
            return Finding("A", "ok", "Not checked: it needs a start date to measure from.")
        if pace.status == "done":
            return Finding("A", "ok", "Already reached.")
        if pace.required_rate is None:
            return Finding("A", "ok", "Not checked: no working days are left before the deadline.")
        needed = pace.required_rate
        start_from = pace.progress
        realistic_days = pace.remaining

    best, history = best_average(metric, settings, counts, today)
    if best is None or history < MIN_HISTORY:
        when = _history_ready(today, settings, MIN_HISTORY - history)
        logged = "none logged yet" if history == 0 else f"{history} working days logged"
        later = f" Check again from {short_date(when, today)}." if when else ""
        text = f"Too little history of {metric} to judge yet ({logged}; it needs {MIN_HISTORY} working days).{later}"
        return Finding("A", "ok", text)
    seen = f"your best {RATE_DAYS} working days" if history >= RATE_DAYS else f"your {history} working days so far"
    unit = unit_of(plan, metric)
    text = f"Needs {figure(needed, unit)} a day; {seen} averaged {figure(best, unit)}"
    if needed <= best * REACH:
        return Finding("A", "ok", text + ": within reach.")
    realistic = max(1, math.floor(start_from + best * realistic_days + 1e-9))
    if goal.every is not None:
        text += f": the most realistic is {counted(realistic, metric, unit)} a {goal.every}."
        fix = f"set target = {realistic} and keep {figure(goal.target)} as the stretch"
    else:
        assert goal.deadline is not None
        text += f": the most realistic by {short_date(goal.deadline, today)} is {counted(realistic, metric, unit)}."
        fix = f"set target = {realistic}, or move the deadline later"
    return Finding("A", "fail" if needed > best * FAR else "warn", text, fix)


def _first_step(goal: Goal, plan: Plan, counts: DailyCounts, today: date) -> Finding:
    """A vision is not judged by twelve days of data: it asks for a first step, and whether this year is on its road."""
    from goaltui.model.vision import road, road_lines

    found = road(goal, plan, counts, today)
    if found is None:
        return Finding("A", "ok", "Not checked: a vision needs a metric, a target and a deadline first.")
    lines = road_lines(found, today)
    share = found.figure(found.share)
    if found.on_road is None:
        if goal.how.strip():
            return Finding("A", "ok", f"First step: {goal.how.strip()}. " + " ".join(lines[:2]))
        fix = f'add a goal for {found.year} with parent = "{goal.id}" asking at least {share}, or how = "..."'
        return Finding("A", "warn", " ".join(lines[:2]) + " No first step yet.", fix)
    text = " ".join([lines[0], lines[1], *lines[3:]])
    if found.on_road:
        return Finding("A", "ok", text)
    below = min(found.steps, key=lambda step: step.asks).goal.id
    return Finding("A", "warn", text, f"set target on {below} to reach {share}, or move the vision's deadline later")


def _vision_time(goal: Goal, today: date) -> Finding:
    assert goal.deadline is not None  # a vision has one (model/goal_parse.py)
    years = goal.deadline.year - today.year
    away = "this year" if years <= 0 else f"{years} year{'' if years == 1 else 's'} away"
    return Finding("T", "ok", f"By {short_date(goal.deadline, today)}, {away}.")


def best_average(metric: str, settings: Settings, counts: DailyCounts, today: date) -> tuple[float | None, int]:
    """The best average per working day over any 20 consecutive working days before today.

    Returns it with the number of working days of history: those from the day
    ``metric`` was first logged up to yesterday. With fewer than 20 days the
    average is over all of them. Taps on a non-working day count toward the
    next working day.
    """
    first = next((day for day, values in counts.items() if values.get(metric)), None)
    if first is None or first >= today:
        return None, 0
    days = working_dates(first, today - ONE_DAY, settings)
    if not days:
        return None, 0
    values = counts.totals(metric, first, days)  # each working day with the days off before it
    width = min(RATE_DAYS, len(values))
    running = best = sum(values[:width])
    for i in range(width, len(values)):
        running += values[i] - values[i - width]
        best = max(best, running)
    return best / width, len(days)


def _period_days(every: Period, on: date, settings: Settings) -> int:
    """Working days a recurring goal's period usually has: a day goal counts per working day."""
    if every == "day":
        return 1
    period = period_window(every, on, settings.week_starts)
    days = len(working_dates(period.start, period.end, settings))
    if days:
        return days
    # A period made all of breaks: judge against an ordinary one.
    return sum(1 for i in range(period.days) if (period.start + timedelta(days=i)).weekday() in settings.workdays)


def _history_ready(today: date, settings: Settings, more: int) -> date | None:
    """The first day on which ``more`` further working days (from today on) are history."""
    day = today
    while more > 0 and day <= today + timedelta(days=SEARCH_LIMIT_DAYS):
        if settings.is_workday(day):
            more -= 1
        day += ONE_DAY
    return day if more <= 0 else None


# --- R -----------------------------------------------------------------------


def _relevant(goal: Goal, plan: Plan) -> Finding:
    parent = plan.goals.get(goal.parent) if goal.parent else None
    if goal.parent and parent is None:
        return Finding("R", "warn", f"Parent '{goal.parent}' is not a goal.", _relevant_fix(goal, plan))
    if parent is not None and not parent.active:
        return Finding(
            "R",
            "warn",
            f"Serves '{parent.title or parent.id}', which is archived.",
            'choose an active parent, or remove parent and add why = "..."',
        )
    if parent is not None:
        text = f"Serves '{parent.title or parent.id}'."
        return Finding("R", "ok", text + (f" Why: {goal.why.strip()}" if goal.why.strip() else ""))
    if goal.why.strip():
        return Finding("R", "ok", f"Why: {goal.why.strip()}")
    text = "No why and no parent: a goal without a reason is easy to drop."
    return Finding("R", "warn", text, _relevant_fix(goal, plan))


def _relevant_fix(goal: Goal, plan: Plan) -> str:
    """Suggest a parent: an active goal on a metric that comes from this one's (a later stage of its chain)."""
    for other in plan.active_goals():
        later = other.metric is not None and other.metric in plan.metrics and goal.metric != other.metric
        if (
            other.id != goal.id
            and later
            and goal.metric in plan.chain(other.metric or "")[:-1]
            and not would_cycle(plan.goals, goal.id, other.id)
        ):
            return f'add why = "..." or parent = "{other.id}"'
    return 'add why = "..." or parent = "..."'


# --- T -----------------------------------------------------------------------


def _time_bound(goal: Goal, plan: Plan, counts: DailyCounts, today: date) -> Finding:
    later = period_window("quarter", today + timedelta(days=30), plan.settings.week_starts).end
    if goal.every is None and goal.deadline is None:
        return Finding("T", "fail", "No time frame: it never comes due.", f'add every = "week" or deadline = {later}')
    if goal.active and goal.deadline is not None and goal.deadline < today:
        when = short_date(goal.deadline, today)
        pace = goal_pace(goal, plan.settings, counts, today)
        if pace is not None and pace.status == "done":
            return Finding(
                "T",
                "warn",
                f"The deadline {when} has passed, with the target reached.",
                'archive it (status = "archived") or set a new target and deadline',
            )
        unit = unit_of(plan, goal.metric)
        where = f" at {figure(pace.progress, unit)} of {figure(pace.target, unit)}" if pace is not None else ""
        return Finding(
            "T",
            "warn",
            f"The deadline {when} has passed{where}.",
            f'extend it (deadline = {later}) or archive it (status = "archived")',
        )
    if goal.every is None and goal.start is None:
        return Finding("T", "warn", "No start date: pace needs one to measure from.", f"add start = {today}")
    if goal.every is not None:
        text = f"Every {goal.every}"
        if goal.start is not None and goal.start > today:
            text += f", from {short_date(goal.start, today)}"
        if goal.deadline is not None:
            text += f", until {short_date(goal.deadline, today)}"
        return Finding("T", "ok", text + ".")
    assert goal.start is not None and goal.deadline is not None
    return Finding("T", "ok", f"From {short_date(goal.start, today)} to {short_date(goal.deadline, today)}.")


# --- wording -----------------------------------------------------------------


def _or(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " or " + items[-1]


# --- the ladder --------------------------------------------------------------


def ladder_findings(plan: Plan, counts: DailyCounts, today: date) -> dict[str, list[Finding]]:
    """Whether the activity goals add up to the outcomes they feed: one finding on each goal of a pair."""
    found: dict[str, list[Finding]] = {}
    for rung in ladder(plan, counts, today):
        level: Level = "ok" if rung.adds_up else "warn"
        found.setdefault(rung.outcome, []).append(Finding("A", level, rung.message, rung.fix))
        toward = f"Toward {rung.outcome}: {rung.message}"
        found.setdefault(rung.feeder, []).append(Finding("A", level, toward, rung.fix))
    return found

"""The SMART check: one finding per letter and goal, each with a concrete fix.

Specific: a metric and a title that says what. Measurable: a target.
Achievable: the rate the goal needs against the user's best 20 working days.
Relevant: a why or a parent. Time-bound: a recurring window or a deadline.
"""

from __future__ import annotations

import math
import re
from datetime import date, timedelta
from typing import Literal, get_args

from goaltui.lang import N_, _, ngettext
from goaltui.model.calendar import ONE_DAY, SEARCH_LIMIT_DAYS, period_window, short_date, working_dates
from goaltui.model.counts import DailyCounts
from goaltui.model.format import counted, figure, unit_of
from goaltui.model.goal_parse import would_cycle
from goaltui.model.goals import EACH_PERIOD, EVERY_PERIOD, PER_PERIOD, Goal, Period, Plan, Settings
from goaltui.model.ladder import ladder
from goaltui.model.pace import RATE_DAYS, average_rate, goal_pace
from goaltui.model.record import record

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
NO_WORKING_DAYS: dict[Period, str] = {
    "day": N_("Not checked: a day has no working days in your settings."),
    "week": N_("Not checked: a week has no working days in your settings."),
    "month": N_("Not checked: a month has no working days in your settings."),
    "quarter": N_("Not checked: a quarter has no working days in your settings."),
    "year": N_("Not checked: a year has no working days in your settings."),
}


@record
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
            fix = _('add a [metrics.prospects] table, then metric = "prospects"')
        elif len(names) > 1:
            fix = _('add metric = "{metric}" (or {others})').format(metric=names[0], others=_or(names[1:]))
        else:
            fix = _('add metric = "{metric}"').format(metric=names[0])
        return Finding("S", "fail", _("No metric: say what you count."), fix)
    title = goal.title.strip()
    example = f'title = "{_example_title(goal)}"'
    if not title:
        add = _("add {line}").format(line=example)
        return Finding("S", "warn", _("No title: say what you will do, and how much."), add)
    if len(title.split()) < MIN_TITLE_WORDS:
        return Finding("S", "warn", _("'{title}' is too short to say what you will do.").format(title=title), example)
    vague = [w for w in re.findall(r"[a-z]+", title.lower()) if w in VAGUE]
    if vague and not re.search(r"\d", title):
        text = _("'{title}' is vague ('{word}' without a number): say how much.").format(title=title, word=vague[0])
        return Finding("S", "warn", text, example)
    return Finding("S", "ok", _("Counts {metric}.").format(metric=goal.metric))


def _example_title(goal: Goal) -> str:
    target, metric = figure(goal.target if goal.target is not None else DEFAULT_TARGET), goal.metric or "prospects"
    if goal.deadline is not None and goal.every is None:
        return _("{target} {metric} by {date}").format(target=target, metric=metric, date=goal.deadline.isoformat())
    period: Period = goal.every or "week"
    every = _(EVERY_PERIOD[period])
    return _("{target} {metric} {every}").format(target=target, metric=metric, every=every)


# --- M -----------------------------------------------------------------------


def _measurable(goal: Goal, plan: Plan, counts: DailyCounts, today: date) -> Finding:
    if goal.target is None:
        fix = _("add target = {target}").format(target=_suggest(goal, plan, counts, today))
        return Finding("M", "fail", _("No target: nothing to measure against."), fix)
    unit = plan.metrics[goal.metric].unit if goal.metric in plan.metrics else None
    target = figure(goal.target, unit)
    if goal.stretch is not None and goal.stretch > goal.target:
        stretch = figure(goal.stretch, unit)
        return Finding("M", "ok", _("Target {target}, stretch {stretch}.").format(target=target, stretch=stretch))
    return Finding("M", "ok", _("Target {target}.").format(target=target))


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
        return Finding("A", "ok", _("Not checked: it needs a metric, a target and a time frame first."))
    settings = plan.settings
    metric = goal.metric
    level = plan.metrics[metric].is_level if metric in plan.metrics else False
    if goal.every is not None and level and goal.measure != "gain":
        text = _("Not checked: {metric} is a level, judged by the value it stands at {each}.")
        return Finding("A", "ok", text.format(metric=metric, each=_(EACH_PERIOD[goal.every])))
    if goal.every is not None:
        on = goal.start if goal.start is not None and goal.start > today else today
        days = _period_days(goal.every, on, settings)
        if not days:
            return Finding("A", "ok", _(NO_WORKING_DAYS[goal.every]))
        needed = goal.target / days
        start_from = 0.0
        realistic_days = days
    else:
        pace = goal_pace(goal, settings, counts, today)
        if pace is None:
            return Finding("A", "ok", _("Not checked: it needs a start date to measure from."))
        if pace.status == "done":
            return Finding("A", "ok", _("Already reached."))
        if pace.required_rate is None:
            return Finding("A", "ok", _("Not checked: no working days are left before the deadline."))
        needed = pace.required_rate
        start_from = pace.progress
        realistic_days = pace.remaining

    best, history = best_average(metric, settings, counts, today)
    if best is None or history < MIN_HISTORY:
        when = _history_ready(today, settings, MIN_HISTORY - history)
        if history == 0:
            logged = _("none logged yet")
        else:
            logged = ngettext("{n} working day logged", "{n} working days logged", history).format(n=history)
        text = _("Too little history of {metric} to judge yet ({logged}; it needs {n} working days).").format(
            metric=metric, logged=logged, n=MIN_HISTORY
        )
        if when:
            text += " " + _("Check again from {date}.").format(date=short_date(when, today))
        return Finding("A", "ok", text)
    if history >= RATE_DAYS:
        seen = _("your best {n} working days").format(n=RATE_DAYS)
    else:
        seen = ngettext("your {n} working day so far", "your {n} working days so far", history).format(n=history)
    unit = unit_of(plan, metric)
    text = _("Needs {needed} a day; {seen} averaged {best}").format(
        needed=figure(needed, unit), seen=seen, best=figure(best, unit)
    )
    if needed <= best * REACH:
        return Finding("A", "ok", _("{text}: within reach.").format(text=text))
    realistic = max(1, math.floor(start_from + best * realistic_days + 1e-9))
    amount = counted(realistic, metric, unit)
    if goal.every is not None:
        text = _("{text}: the most realistic is {amount} {per}.").format(
            text=text, amount=amount, per=_(PER_PERIOD[goal.every])
        )
        fix = _("set target = {target} and keep {stretch} as the stretch").format(
            target=realistic, stretch=figure(goal.target)
        )
    else:
        assert goal.deadline is not None
        text = _("{text}: the most realistic by {date} is {amount}.").format(
            text=text, date=short_date(goal.deadline, today), amount=amount
        )
        fix = _("set target = {target}, or move the deadline later").format(target=realistic)
    return Finding("A", "fail" if needed > best * FAR else "warn", text, fix)


def _first_step(goal: Goal, plan: Plan, counts: DailyCounts, today: date) -> Finding:
    """A vision is not judged by twelve days of data: it asks for a first step, and whether this year is on its road."""
    from goaltui.model.vision import road, road_lines

    found = road(goal, plan, counts, today)
    if found is None:
        return Finding("A", "ok", _("Not checked: a vision needs a metric, a target and a deadline first."))
    lines = road_lines(found, today)
    share = found.figure(found.share)
    if found.on_road is None:
        if goal.how.strip():
            first = _("First step: {how}.").format(how=goal.how.strip())
            return Finding("A", "ok", " ".join([first, *lines[:2]]))
        fix = _('add a goal for {year} with parent = "{goal}" asking at least {share}, or how = "..."').format(
            year=found.year, goal=goal.id, share=share
        )
        return Finding("A", "warn", " ".join([*lines[:2], _("No first step yet.")]), fix)
    text = " ".join([lines[0], lines[1], *lines[3:]])
    if found.on_road:
        return Finding("A", "ok", text)
    below = min(found.steps, key=lambda step: step.asks).goal.id
    fix = _("set target on {goal} to reach {share}, or move the vision's deadline later").format(
        goal=below, share=share
    )
    return Finding("A", "warn", text, fix)


def _vision_time(goal: Goal, today: date) -> Finding:
    assert goal.deadline is not None  # a vision has one (model/goal_parse.py)
    years = goal.deadline.year - today.year
    away = _("this year") if years <= 0 else ngettext("{n} year away", "{n} years away", years).format(n=years)
    return Finding("T", "ok", _("By {date}, {away}.").format(date=short_date(goal.deadline, today), away=away))


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
        text = _("Parent '{parent}' is not a goal.").format(parent=goal.parent)
        return Finding("R", "warn", text, _relevant_fix(goal, plan))
    why = _("Why: {why}").format(why=goal.why.strip()) if goal.why.strip() else ""
    if parent is not None and not parent.active:
        return Finding(
            "R",
            "warn",
            _("Serves '{goal}', which is archived.").format(goal=parent.title or parent.id),
            _('choose an active parent, or remove parent and add why = "..."'),
        )
    if parent is not None:
        text = _("Serves '{goal}'.").format(goal=parent.title or parent.id)
        return Finding("R", "ok", f"{text} {why}" if why else text)
    if why:
        return Finding("R", "ok", why)
    text = _("No why and no parent: a goal without a reason is easy to drop.")
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
            return _('add why = "..." or parent = "{goal}"').format(goal=other.id)
    return _('add why = "..." or parent = "..."')


# --- T -----------------------------------------------------------------------


def _time_bound(goal: Goal, plan: Plan, counts: DailyCounts, today: date) -> Finding:
    later = period_window("quarter", today + timedelta(days=30), plan.settings.week_starts).end
    if goal.every is None and goal.deadline is None:
        fix = _('add every = "week" or deadline = {date}').format(date=later)
        return Finding("T", "fail", _("No time frame: it never comes due."), fix)
    if goal.active and goal.deadline is not None and goal.deadline < today:
        when = short_date(goal.deadline, today)
        pace = goal_pace(goal, plan.settings, counts, today)
        if pace is not None and pace.status == "done":
            return Finding(
                "T",
                "warn",
                _("The deadline {date} has passed, with the target reached.").format(date=when),
                _('archive it (status = "archived") or set a new target and deadline'),
            )
        unit = unit_of(plan, goal.metric)
        if pace is not None:
            text = _("The deadline {date} has passed at {progress} of {target}.").format(
                date=when, progress=figure(pace.progress, unit), target=figure(pace.target, unit)
            )
        else:
            text = _("The deadline {date} has passed.").format(date=when)
        fix = _('extend it (deadline = {date}) or archive it (status = "archived")').format(date=later)
        return Finding("T", "warn", text, fix)
    if goal.every is None and goal.start is None:
        fix = _("add start = {date}").format(date=today)
        return Finding("T", "warn", _("No start date: pace needs one to measure from."), fix)
    if goal.every is not None:
        text = _(EVERY_PERIOD[goal.every]).capitalize()
        if goal.start is not None and goal.start > today:
            text = _("{text}, from {date}").format(text=text, date=short_date(goal.start, today))
        if goal.deadline is not None:
            text = _("{text}, until {date}").format(text=text, date=short_date(goal.deadline, today))
        return Finding("T", "ok", text + ".")
    assert goal.start is not None and goal.deadline is not None
    text = _("From {start} to {deadline}.").format(
        start=short_date(goal.start, today), deadline=short_date(goal.deadline, today)
    )
    return Finding("T", "ok", text)


# --- wording -----------------------------------------------------------------


def _or(items: list[str]) -> str:
    return items[0] if len(items) == 1 else _("{items} or {last}").format(items=", ".join(items[:-1]), last=items[-1])


# --- the ladder --------------------------------------------------------------


def ladder_findings(plan: Plan, counts: DailyCounts, today: date) -> dict[str, list[Finding]]:
    """Whether the activity goals add up to the outcomes they feed: one finding on each goal of a pair."""
    found: dict[str, list[Finding]] = {}
    for rung in ladder(plan, counts, today):
        level: Level = "ok" if rung.adds_up else "warn"
        found.setdefault(rung.outcome, []).append(Finding("A", level, rung.message, rung.fix))
        toward = _("Toward {goal}: {message}").format(goal=rung.outcome, message=rung.message)
        found.setdefault(rung.feeder, []).append(Finding("A", level, toward, rung.fix))
    return found

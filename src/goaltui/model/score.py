"""A forgiving consistency score: a mostly-kept habit scores high, and one bad day does not reset it.

Loop Habit Tracker's exponential average: each window,
score = previous * k + v * (1 - k), with k = 0.5 ** (sqrt(f) / 13), f the
repetitions per day (1 for a daily goal) and v the window's share of its
target, capped at 1. A daily goal takes a step per working day (f = 1). A
longer one, once a window of D days (f = 1/D), takes one step per window for
D of Loop's daily ones: k = 0.5 ** (sqrt(1/D) * D / 13). Days and windows with
no target (before the start, days off) take no step. The window under way
counts only once its target is reached, as with streaks.
"""

from __future__ import annotations

import math
from datetime import date

from goaltui.lang import N_
from goaltui.model.calendar import ONE_DAY, period_window
from goaltui.model.counts import DailyCounts
from goaltui.model.goals import Goal, Settings
from goaltui.model.measure import by_value, reached
from goaltui.model.record import record
from goaltui.model.targets import Aims

HALF_LIFE = 13  # Loop's constant: with f = 1, thirteen missed days halve the score
MEANINGFUL_STEPS = 10  # fewer windows counted: the score still climbs from 0 and says little, so it is not shown
SCORE_WORDS = N_("Score: the share of each target met, recent windows weighing most (from 10 windows).")
# Older windows together weigh less than this: the score has forgotten them (a daily goal: about 830 windows back).
FORGOTTEN = 2.0**-64


@record
class Score:
    goal_id: str
    value: float  # 0..1
    steps: int  # windows counted

    @property
    def meaningful(self) -> bool:
        """Counted over enough windows to say something (see :data:`MEANINGFUL_STEPS`)."""
        return self.steps >= MEANINGFUL_STEPS


def decay(per_day: float = 1.0) -> float:
    """k for ``per_day`` repetitions a day."""
    return float(0.5 ** (math.sqrt(per_day) / HALF_LIFE))


def step(previous: float, share: float, k: float) -> float:
    """One window's update: the share of the target done, capped at 1."""
    return previous * k + min(1.0, max(0.0, share)) * (1 - k)


def consistency(goal: Goal, settings: Settings, counts: DailyCounts, today: date) -> Score | None:
    """The score of a recurring goal on ``today``; None for a one-off goal or one without a target.

    Walked back from today over the windows that count, until the older ones
    together weigh less than :data:`FORGOTTEN`: the same figure as a walk
    over every window, to within that, at a cost that stops growing after a
    few years of history.
    """
    if goal.every is None or goal.metric is None or goal.target is None:
        return None
    first = counts.first_day()
    begin = max(d for d in (goal.start, first) if d is not None) if first else None
    if begin is None:
        return Score(goal.id, 0.0, 0)
    aims = Aims(goal, settings)
    valued = by_value(goal, counts)  # a level judged by its value: the value it stood at, not the day's rise
    steps: list[tuple[float, float]] = []  # (share, k) of each window that counts, latest first
    weight = 1.0  # of all the windows before those in steps
    if goal.every == "day":  # a window a working day, walked back as day numbers, a run of one target at a time
        series = counts.by_number(goal.metric)
        workdays, breaks, last = settings.workdays, {day.toordinal() for day in settings.breaks}, today.toordinal()
        k = decay(1.0)
        for low, high, found in reversed(aims.runs(begin, today)):
            if found is None:
                continue
            for day in range(high, low - 1, -1):
                if (day + 6) % 7 not in workdays or day in breaks:  # the weekday of a day number: Monday is 0
                    continue
                when = date.fromordinal(day) if valued else None
                done = series.get(day, 0) if when is None else reached(goal, counts, when, when)
                if day < last or done >= found.target:
                    steps.append((done / found.target, k))
                    weight *= k
                    if weight < FORGOTTEN:
                        break
            if weight < FORGOTTEN:
                break
    else:
        oldest = period_window(goal.every, begin, settings.week_starts).start
        window = period_window(goal.every, today, settings.week_starts)
        while weight >= FORGOTTEN:
            found = aims(window)
            if found is not None:
                done = reached(goal, counts, window.start, min(window.end, today))
                if window.end < today or done >= found.target:
                    k = decay(1 / window.days) ** window.days
                    steps.append((done / found.target, k))
                    weight *= k
            if window.start <= oldest:
                break
            window = period_window(goal.every, window.start - ONE_DAY, settings.week_starts)
    value = 0.0
    for share, k in reversed(steps):
        value = step(value, share, k)
    return Score(goal.id, value, len(steps))

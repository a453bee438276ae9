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
from dataclasses import dataclass
from datetime import date

from goaltui.model.calendar import ONE_DAY, Window, period_window
from goaltui.model.counts import DailyCounts
from goaltui.model.goals import Goal, Settings
from goaltui.model.measure import reached
from goaltui.model.targets import aim

HALF_LIFE = 13  # Loop's constant: with f = 1, thirteen missed days halve the score
MEANINGFUL_STEPS = 10  # fewer windows counted: the score still climbs from 0 and says little, so it is not shown
SCORE_WORDS = "Score: the share of each target met, recent windows weighing most (from 10 windows)."
MAX_STEPS = 3660  # ten years of days: the score has long forgotten anything older


@dataclass(frozen=True, slots=True)
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
    """The score of a recurring goal on ``today``; None for a one-off goal or one without a target."""
    if goal.every is None or goal.metric is None or goal.target is None:
        return None
    first = counts.first_day()
    begin = max(d for d in (goal.start, first) if d is not None) if first else None
    if begin is None:
        return Score(goal.id, 0.0, 0)
    value, steps = 0.0, 0
    window = period_window(goal.every, begin, settings.week_starts)
    while window.start <= today and steps < MAX_STEPS:
        found = _aim(goal, settings, window)
        if found is not None:
            done = reached(goal, counts, window.start, min(window.end, today))
            if window.end < today or done >= found:
                k = decay(1.0) if goal.every == "day" else decay(1 / window.days) ** window.days
                value, steps = step(value, done / found, k), steps + 1
        window = period_window(goal.every, window.end + ONE_DAY, settings.week_starts)
    return Score(goal.id, value, steps)


def _aim(goal: Goal, settings: Settings, window: Window) -> float | None:
    if goal.every == "day" and not settings.is_workday(window.start):
        return None
    found = aim(goal, settings, window)
    return found.target if found is not None else None

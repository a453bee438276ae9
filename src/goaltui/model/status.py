"""What `goaltui status --json` prints, built once: the same figures for a user and for each team member."""

from __future__ import annotations

from datetime import date
from typing import Any

from goaltui.model.counters import shown_count
from goaltui.model.counts import DailyCounts
from goaltui.model.goals import Plan
from goaltui.model.pace import Pace, plan_paces


def todays_counts(plan: Plan, counts: DailyCounts, today: date) -> dict[str, float]:
    """Every metric's count today (a level's value), in the plan's order."""
    return {m.id: shown_count(counts, m.id, today) for m in plan.ordered_metrics()}


def goal_status(plan: Plan, pace: Pace) -> dict[str, Any]:
    """One goal's figures, as JSON."""
    return {
        "id": pace.goal_id,
        "metric": pace.metric,
        "target": pace.target,
        "stretch": plan.goals[pace.goal_id].stretch,
        "progress": pace.progress,
        "expected": round(pace.expected, 2),
        "quota_today": round(pace.quota_today, 2),
        "status": pace.status,
        "buffer_days": pace.buffer_days,
        "window": {"start": pace.window.start.isoformat(), "end": pace.window.end.isoformat()},
    }


def status(plan: Plan, counts: DailyCounts, today: date) -> dict[str, Any]:
    """``{"date", "counts", "goals", "visions"}``: today's counts, every active goal's pace, and the visions' roads."""
    from goaltui.model.vision import plan_roads, road_json

    return {
        "date": today.isoformat(),
        "counts": todays_counts(plan, counts, today),
        "goals": [goal_status(plan, pace) for pace in plan_paces(plan, counts, today)],
        "visions": [road_json(found) for found in plan_roads(plan, counts, today)],
    }

"""Reading one goal's table of goals.toml: its fields, milestones and changes, each checked, and the goal tree.

Pure, like model/plan_parse.py, which reads the rest of the file. The checks
the goal form makes as a person types (``goal_problems``, ``key_problem``,
``parent_problem``) are the ones reading the file makes.
"""

from datetime import date
from typing import Any, TypeGuard

from goaltui.lang import _
from goaltui.model.goals import (
    CHANGE_KINDS,
    FIRST_DAY,
    LAST_DAY,
    MEASURES,
    PERIODS,
    Change,
    Goal,
    Metric,
    Milestone,
    PlanError,
    is_change_kind,
    is_goal_status,
    is_period,
)
from goaltui.model.keymap import DAILY, RESERVED_KEYS
from goaltui.model.numbers import count


def is_number(value: object) -> TypeGuard[float]:
    return isinstance(value, int | float) and not isinstance(value, bool)


def is_date(value: object) -> TypeGuard[date]:
    from datetime import datetime

    return isinstance(value, date) and not isinstance(value, datetime)


def _text(raw: dict[str, Any], key: str, where: str) -> str:
    value = raw.get(key, "")
    if not isinstance(value, str):
        raise PlanError(_('{where}: {key} must be text in quotes, like {key} = "..."').format(where=where, key=key))
    return value


def _optional_date(raw: dict[str, Any], key: str, where: str) -> date | None:
    value = raw.get(key)
    if value is None:
        return None
    if not is_date(value):
        raise PlanError(
            _("{where}: {key} = {value}: write a date without quotes, like {key} = 2027-03-31").format(
                where=where, key=key, value=repr(value)
            )
        )
    problem = date_problem(value, key)
    if problem:
        raise PlanError(f"{where}: {problem}")
    return value


LARGEST_TARGET = 1e12  # a year's revenue of a large company: anything above is a typo, or not the user's


def _is_positive(value: Any) -> bool:
    return is_number(value) and 0 < value <= LARGEST_TARGET


def date_problem(value: date, key: str) -> str | None:
    """Why a date read from goals.toml cannot be used (out of range); None when it can."""
    if FIRST_DAY <= value <= LAST_DAY:
        return None
    return _("{key} = {value}: use a date between {first} and {last}").format(
        key=key, value=value, first=FIRST_DAY.year, last=LAST_DAY.year
    )


def goal_problems(raw: dict[str, Any], metrics: dict[str, Metric]) -> dict[str, str]:
    """What is wrong with one goal's fields, field by field: the rules goals.toml and the goal form share.

    ``raw`` holds the fields as TOML gives them (text, numbers, dates); the
    parent's existence and cycles are checked with every goal (``parent_problem``).
    """
    problems: dict[str, str] = {}
    metric = raw.get("metric")
    if metric is not None:
        if not isinstance(metric, str):
            problems["metric"] = _('metric must be the name of a metric in quotes, like metric = "prospects"')
        elif metric not in metrics:
            choices = ", ".join(metrics) or _("none defined: add a [metrics.NAME] table")
            problems["metric"] = _("unknown metric '{metric}': use one of {choices}").format(
                metric=metric, choices=choices
            )
    for key in ("target", "stretch"):
        value = raw.get(key)
        if value is not None and not _is_positive(value):
            problems[key] = _(
                "{key} = {value}: the {key} must be a positive number up to {largest}, like {key} = 30"
            ).format(key=key, value=repr(value), largest=count(LARGEST_TARGET))
    target, stretch = raw.get("target"), raw.get("stretch")
    if not problems.keys() & {"target", "stretch"} and target is not None and stretch is not None and stretch < target:
        problems["stretch"] = _("stretch {stretch} is below the target {target}: make it at least the target").format(
            stretch=f"{stretch:g}", target=f"{target:g}"
        )
    every = raw.get("every")
    if every is not None and not is_period(every):
        problems["every"] = _("every = {every}: use one of {periods}").format(
            every=repr(every), periods=", ".join(PERIODS)
        )
    for key in ("start", "deadline"):
        value = raw.get(key)
        if value is not None and not is_date(value):
            problems[key] = _("{key} = {value}: write a date without quotes, like {key} = 2027-03-31").format(
                key=key, value=repr(value)
            )
        elif value is not None and date_problem(value, key):
            problems[key] = date_problem(value, key) or ""
    start, deadline = raw.get("start"), raw.get("deadline")
    if not problems.keys() & {"start", "deadline"} and start and deadline and deadline < start:
        problems["deadline"] = _("deadline {deadline} is before start {start}: move the deadline later").format(
            deadline=deadline, start=start
        )
    parent = raw.get("parent")
    if parent is not None and not isinstance(parent, str):
        problems["parent"] = _('parent must be the id of another goal in quotes, like parent = "q1-customers"')
    status = raw.get("status", "active")
    if not is_goal_status(status):
        problems["status"] = _('status = {status}: use "active" or "archived"').format(status=repr(status))
    for key in ("title", "why", "how"):
        if not isinstance(raw.get(key, ""), str):
            problems[key] = _('{key} must be text in quotes, like {key} = "..."').format(key=key)
    measure = raw.get("measure")
    if measure is not None and measure not in MEASURES:
        problems["measure"] = _(
            'measure = {measure}: use "value" (the level reached) or "gain" (the rise since start)'
        ).format(measure=repr(measure))
    elif measure is not None and "metric" not in problems and not (metric in metrics and metrics[metric].is_level):
        problems["measure"] = _('measure = {measure} is for a goal on a level (kind = "level"): remove it').format(
            measure=repr(measure)
        )
    vision = raw.get("vision")
    if vision is not None and not isinstance(vision, bool):
        problems["vision"] = _(
            "vision = {vision}: write true (where the ladder leads) or false (paced day by day)"
        ).format(vision=repr(vision))
    elif vision and deadline is None:
        problems["vision"] = _("a vision needs the day it leads to: add deadline = 2036-12-31")
    return problems


def key_problem(key: object, taken: dict[str, str]) -> str | None:
    """What is wrong with a metric's key, if anything; ``taken`` maps the other metrics' keys to their ids."""
    if isinstance(key, str) and len(key) == 1 and key.isdigit():
        return _("key = {key}: digits say how many to count (35p counts 35): use one lower-case letter").format(
            key=repr(key)
        )
    if not isinstance(key, str) or len(key) != 1 or not key.isalnum() or not key.islower():
        return _("key = {key}: use one lower-case letter").format(key=repr(key))
    if key in taken:
        return _("key '{key}' is already used by metric '{metric}': pick another key").format(
            key=key, metric=taken[key]
        )
    if key in RESERVED_KEYS:
        return _("key '{key}' is reserved for {command}: pick another key").format(key=key, command=_reserved_for(key))
    return None


def _reserved_for(key: str) -> str:
    """What the daily screen's ``key`` does, in the user's words (lower case)."""
    title = next((c.title for c in DAILY if key in c.key.split(",")), RESERVED_KEYS[key])
    return _(title).lower()


def parent_problem(goal_id: str, parent: str | None, parents: dict[str, str | None]) -> str | None:
    """What is wrong with giving ``goal_id`` this parent, if anything; ``parents`` maps every goal to its own."""
    if parent is None:
        return None
    if parent == goal_id:
        return _("parent makes a cycle ({goal} -> {goal}): a goal cannot serve itself").format(goal=goal_id)
    if parent not in parents:
        others = [g for g in parents if g != goal_id]
        near = [g for g in others if g.startswith(parent)]
        if near:
            text = _("parent '{parent}' does not exist: use the id of another goal, like {goal}")
        elif others:
            text = _("parent '{parent}' does not exist: use the id of another goal: one of {goals}")
        else:
            text = _("parent '{parent}' does not exist: use the id of another goal")
        return text.format(parent=parent, goal=near[0] if near else "", goals=", ".join(others))
    seen = [goal_id]
    current: str | None = parent
    while current is not None and current not in seen:
        seen.append(current)
        current = parents.get(current)
    if current == goal_id:
        loop = " -> ".join([*seen, goal_id])
        return _("parent makes a cycle ({loop}): remove one of the parents").format(loop=loop)
    return None


def parse_goal(goal_id: str, raw: dict[str, Any], metrics: dict[str, Metric]) -> Goal:
    where = _("goal '{goal}'").format(goal=goal_id)
    problems = goal_problems(raw, metrics)
    if problems:
        raise PlanError(
            _("{where}: {problem}").format(where=where, problem=next(iter(problems.values()))), ("goals", goal_id)
        )
    return Goal(
        id=goal_id,
        title=raw.get("title", ""),
        metric=raw.get("metric"),
        target=raw.get("target"),
        stretch=raw.get("stretch"),
        every=raw.get("every"),
        start=raw.get("start"),
        deadline=raw.get("deadline"),
        why=raw.get("why", ""),
        how=raw.get("how", ""),
        parent=raw.get("parent"),
        status=raw.get("status", "active"),
        milestones=_milestones(raw.get("milestones", []), where),
        changes=_changes(raw.get("changes", []), where),
        measure=raw.get("measure"),
        vision=raw.get("vision"),
    )


def _milestones(raw: Any, where: str) -> tuple[Milestone, ...]:
    if not isinstance(raw, list):
        raise PlanError(_("{where}: milestones must be [[goals.ID.milestones]] tables").format(where=where))
    result = []
    for i, item in enumerate(raw, 1):
        if not isinstance(item, dict):
            raise PlanError(_("{where}: milestone {i} must be a table with a title").format(where=where, i=i))
        here = _("{where}: milestone {i}").format(where=where, i=i)
        done = item.get("done", False)
        if not isinstance(done, bool):
            raise PlanError(_("{where}: done must be true or false").format(where=here))
        result.append(Milestone(title=_text(item, "title", here), due=_optional_date(item, "due", here), done=done))
    return tuple(result)


def _changes(raw: Any, where: str) -> tuple[Change, ...]:
    if not isinstance(raw, list):
        raise PlanError(_("{where}: changes must be [[goals.ID.changes]] tables").format(where=where))
    result = []
    for i, item in enumerate(raw, 1):
        here = _("{where}: change {i}").format(where=where, i=i)
        if not isinstance(item, dict) or not is_date(item.get("on")) or date_problem(item["on"], "on"):
            raise PlanError(
                _("{where}: needs on = DATE, between {first} and {last}").format(
                    where=here, first=FIRST_DAY.year, last=LAST_DAY.year
                )
            )
        what = item.get("what")
        if not is_change_kind(what):
            raise PlanError(
                _("{where}: what = {what}: use one of {kinds}").format(
                    where=here, what=repr(what), kinds=", ".join(CHANGE_KINDS)
                )
            )
        result.append(
            Change(
                on=item["on"],
                what=what,
                old=item.get("old"),
                new=item.get("new"),
                effective=_optional_date(item, "effective", here),
                note=_text(item, "note", here),
            )
        )
    return tuple(result)


def check_parents(goals: dict[str, Goal]) -> None:
    """Every parent exists, and following parents never comes back to a goal."""
    parents = {g.id: g.parent for g in goals.values()}
    for goal in goals.values():
        problem = parent_problem(goal.id, goal.parent, parents)
        if problem:
            raise PlanError(_("goal '{goal}': {problem}").format(goal=goal.id, problem=problem), ("goals", goal.id))


def would_cycle(goals: dict[str, Goal], goal_id: str, parent: str | None) -> bool:
    """True when giving ``goal_id`` the parent ``parent`` would make a cycle."""
    current = parent
    while current is not None:
        if current == goal_id:
            return True
        current = goals[current].parent if current in goals else None
    return False

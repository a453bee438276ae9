"""Reading goals.toml into a Plan: the file's top level, its settings and its metrics, and keys it does not know.

Pure: takes the dictionary that ``tomllib`` produced and returns the frozen
objects of model/goals.py, or raises :class:`~goaltui.model.goals.PlanError`
with a message a person can act on. Each goal's table is read by
model/goal_parse.py.
"""

import math
import re
from dataclasses import replace
from datetime import time, timedelta
from typing import Any

from goaltui import lang
from goaltui.lang import _
from goaltui.model.goal_parse import (
    LARGEST_TARGET,
    check_parents,
    date_problem,
    is_date,
    is_number,
    key_problem,
    parse_goal,
)
from goaltui.model.goals import (
    DEFAULT_STALE_AFTER,
    FIRST_DAY,
    GOAL_FIELDS,
    LAST_DAY,
    METRIC_KINDS,
    SCHEMA,
    WEEKDAY_NAMES,
    WEEKDAYS,
    Goal,
    Metric,
    Plan,
    PlanError,
    Settings,
    id_problem,
    is_label,
)
from goaltui.model.record import record


def parse_plan(data: dict[str, Any]) -> Plan:
    """Turn the dictionary read from goals.toml into a validated Plan."""
    schema = data.get("schema", SCHEMA)
    if schema != SCHEMA:
        raise PlanError(
            _("schema = {schema} is not supported: this version reads schema = {known}").format(
                schema=repr(schema), known=SCHEMA
            )
        )
    settings = parse_settings(_table(data, "settings", "settings"))
    metrics = parse_metrics(_table(data, "metrics", "metrics"))
    goals_table = _table(data, "goals", "goals")
    goals: dict[str, Goal] = {}
    for goal_id, raw in goals_table.items():
        problem = id_problem(goal_id, "goal")
        if problem:
            raise PlanError(problem, ("goals", goal_id))
        if not isinstance(raw, dict):
            raise PlanError(
                _("goal '{goal}': write it as a table, [goals.{goal}]").format(goal=goal_id), ("goals", goal_id)
            )
        try:
            goals[goal_id] = parse_goal(goal_id, raw, metrics)
        except PlanError as err:
            err.table = err.table or ("goals", goal_id)  # a milestone's or a change's mistake: the goal's line
            raise
    check_parents(goals)
    return Plan(settings=settings, metrics=metrics, goals=goals, unknown=tuple(unknown_keys(data)))


@record
class UnknownKey:
    """A key in goals.toml that goaltui does not read, where it is, and the known key it is nearest to."""

    key: str
    table: tuple[str, ...]  # like ("goals", "daily-leads"); () for the top of the file
    near: str | None

    def words(self) -> str:
        where = f"[{'.'.join(self.table)}] " if self.table else ""
        if self.near:
            text = _("{where}{key}: unknown key; did you mean {near}?")
        else:
            text = _("{where}{key}: unknown key; goaltui does not read it (known: {known})")
        return text.format(where=where, key=repr(self.key[:40]), near=self.near, known=self.known())

    def known(self) -> str:
        return ", ".join(sorted(_KNOWN[_kind(self.table)]))


_KNOWN = {
    "top": {"schema", "settings", "metrics", "goals"},
    "settings": {"week_starts", "workdays", "breaks", "remind_after", "sync_every", "stale_after"},
    "metric": {"key", "funnel", "unit", "kind", "from", "assumed"},
    "goal": {*GOAL_FIELDS, "status", "milestones", "changes", "measure", "vision"},
    "milestone": {"title", "due", "done"},
    "change": {"on", "what", "old", "new", "effective", "note"},
}


def _kind(table: tuple[str, ...]) -> str:
    if not table:
        return "top"
    if table == ("settings",):
        return "settings"
    if table[0] == "metrics":
        return "metric"
    if len(table) == 2:
        return "goal"
    return "milestone" if table[2] == "milestones" else "change"


def unknown_keys(data: dict[str, Any]) -> list[UnknownKey]:
    """Every key goaltui does not read, each with the nearest known key (a likely typo)."""
    import difflib

    found: list[UnknownKey] = []

    def look(table: tuple[str, ...], raw: object) -> None:
        if not isinstance(raw, dict):
            return
        known = _KNOWN[_kind(table)]
        for key in raw:
            if key not in known:
                near = difflib.get_close_matches(key.lower(), sorted(known), n=1, cutoff=0.6)
                found.append(UnknownKey(key, table, near[0] if near else None))

    look((), data)
    look(("settings",), data.get("settings"))
    for kind in ("metrics", "goals"):
        tables = data.get(kind)
        for table_id, raw in tables.items() if isinstance(tables, dict) else ():
            look((kind, table_id), raw)
            for listed in ("milestones", "changes") if kind == "goals" and isinstance(raw, dict) else ():
                items = raw.get(listed)
                for item in items if isinstance(items, list) else ():
                    look((kind, table_id, listed), item)
    return found


def _table(data: dict[str, Any], key: str, where: str) -> dict[str, Any]:
    value = data.get(key, {})
    if not isinstance(value, dict):
        raise PlanError(_("{where}: must be a table, [{key}]").format(where=where, key=key))
    return value


def parse_settings(raw: dict[str, Any]) -> Settings:
    # Unless goals.toml says, a week starts on the language's first day (CLDR's; Monday in English and Swedish).
    start = raw.get("week_starts", WEEKDAY_NAMES[lang.form().first_weekday])
    if not isinstance(start, str) or start.lower() not in WEEKDAY_NAMES + WEEKDAYS:
        raise PlanError(
            _('settings: week_starts = {value}: use a day name such as "monday" or "sunday"').format(value=repr(start))
        )
    start = start.lower()
    week_starts = WEEKDAY_NAMES.index(start) if start in WEEKDAY_NAMES else WEEKDAYS.index(start)
    days = raw.get("workdays", list(WEEKDAYS[:5]))
    if not isinstance(days, list) or not days:
        raise PlanError(_('settings: workdays must be a list of days, like ["mon", "tue", "wed", "thu", "fri"]'))
    workdays: set[int] = set()
    for day in days:
        name = day.lower()[:3] if isinstance(day, str) else None
        if name not in WEEKDAYS:
            raise PlanError(
                _('settings: workdays has {day}: use "mon", "tue", "wed", "thu", "fri", "sat" or "sun"').format(
                    day=repr(day)
                )
            )
        workdays.add(WEEKDAYS.index(name))
    breaks_raw = raw.get("breaks", [])
    if not isinstance(breaks_raw, list) or not all(is_date(b) and not date_problem(b, "") for b in breaks_raw):
        raise PlanError(
            _("settings: breaks must be a list of dates from {first} to {last}, like [2026-12-24]").format(
                first=FIRST_DAY.year, last=LAST_DAY.year
            )
        )
    remind = raw.get("remind_after", "15:00")
    try:
        remind_after = time.fromisoformat(remind) if isinstance(remind, str) and len(remind) == 5 else None
    except ValueError:
        remind_after = None
    if remind_after is None:
        raise PlanError(
            _('settings: remind_after = {value}: write a time of day as "HH:MM", like "15:00"').format(
                value=repr(remind)
            )
        )
    return Settings(
        week_starts=week_starts,
        workdays=frozenset(workdays),
        breaks=frozenset(breaks_raw),
        remind_after=remind_after,
        sync_every=parse_sync_every(raw.get("sync_every")),
        stale_after=parse_stale_after(raw.get("stale_after")),
    )


MAX_STALE_AFTER = 3650


def parse_stale_after(raw: object) -> tuple[tuple[str, int], ...]:
    """``stale_after = { leads = 7, customers = 30 }`` over the default of 7 days for leads; 0 turns a stage off."""
    if raw is None:
        return DEFAULT_STALE_AFTER
    hint = _("write days per stage, like {example} (0: never stale)").format(
        example="stale_after = { leads = 7, customers = 30 }"
    )
    if not isinstance(raw, dict):
        raise PlanError(_("settings: stale_after = {value}: {hint}").format(value=repr(raw), hint=hint))
    days = dict(DEFAULT_STALE_AFTER)
    for stage, value in raw.items():
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_STALE_AFTER:
            raise PlanError(
                _("settings: stale_after.{stage} = {value}: {hint}, at most {most}").format(
                    stage=stage[:40], value=repr(value), hint=hint, most=MAX_STALE_AFTER
                )
            )
        days[stage] = value
    return tuple((stage, n) for stage, n in days.items() if n)


_DURATION = re.compile(r"(?:(\d+)h)?(?:(\d+)m)?")
MIN_SYNC_EVERY = timedelta(minutes=1)


def parse_sync_every(value: object) -> timedelta | None:
    """``sync_every = "15m"`` (or "1h", "1h30m"); absent or "off" turns syncing on a timer off."""
    if value is None or value == "off":
        return None
    found = _DURATION.fullmatch(value.strip().lower()) if isinstance(value, str) else None
    every = timedelta(hours=int(found[1] or 0), minutes=int(found[2] or 0)) if found and any(found.groups()) else None
    if every is None:
        raise PlanError(
            _('settings: sync_every = {value}: write minutes or hours in quotes, like "15m" or "1h"').format(
                value=repr(value)
            )
        )
    if every < MIN_SYNC_EVERY:
        raise PlanError(
            _('settings: sync_every = {value}: sync at most once a minute, like "1m" or "15m"').format(
                value=repr(value)
            )
        )
    return every


def parse_metrics(raw: dict[str, Any]) -> dict[str, Metric]:
    metrics: dict[str, Metric] = {}
    keys: dict[str, str] = {}
    stages: dict[int, str] = {}
    for metric_id, spec in raw.items():
        where = _("metric '{metric}'").format(metric=metric_id)
        problem = id_problem(metric_id, "metric")
        if problem:
            raise PlanError(problem, ("metrics", metric_id))
        if not isinstance(spec, dict):
            raise PlanError(
                _("{where}: write it as a table, [metrics.{metric}]").format(where=where, metric=metric_id),
                ("metrics", metric_id),
            )
        key = spec.get("key", metric_id[:1])
        problem = key_problem(key, keys)
        if problem:
            raise PlanError(_("{where}: {problem}").format(where=where, problem=problem), ("metrics", metric_id))
        keys[key] = metric_id
        funnel = spec.get("funnel")
        if funnel is not None and (not isinstance(funnel, int) or isinstance(funnel, bool) or funnel < 1):
            raise PlanError(
                _("{where}: funnel = {funnel}: use the stage number, 1 for the top of the funnel").format(
                    where=where, funnel=repr(funnel)
                ),
                ("metrics", metric_id),
            )
        if funnel is not None and funnel in stages:
            raise PlanError(
                _("{where}: funnel stage {funnel} is already metric '{metric}'").format(
                    where=where, funnel=funnel, metric=stages[funnel]
                ),
                ("metrics", metric_id),
            )
        if funnel is not None:
            stages[funnel] = metric_id
        unit = spec.get("unit")
        if unit is not None and (not isinstance(unit, str) or not is_label(unit)):
            raise PlanError(
                _('{where}: unit must be short text without control characters, like "EUR"').format(where=where),
                ("metrics", metric_id),
            )
        kind = spec.get("kind", "count")
        if kind not in METRIC_KINDS:
            raise PlanError(
                _(
                    '{where}: kind = {kind}: use "count" (tapped, summed) or "level" (a size you read off, like a '
                    "downline)"
                ).format(where=where, kind=repr(kind)),
                ("metrics", metric_id),
            )
        if kind == "level" and funnel is not None:
            raise PlanError(
                _("{where}: a level is read off, not a funnel stage: remove funnel = {funnel}").format(
                    where=where, funnel=funnel
                ),
                ("metrics", metric_id),
            )
        source = spec.get("from")
        if source is not None and not isinstance(source, str):
            raise PlanError(
                _('{where}: from = {source}: name the metric it comes from in quotes, like from = "leads"').format(
                    where=where, source=repr(source)
                ),
                ("metrics", metric_id),
            )
        metrics[metric_id] = Metric(id=metric_id, key=key, funnel=funnel, unit=unit, kind=kind, source=source)
    plan = Plan(metrics=metrics)
    for metric_id, spec in raw.items():
        metrics[metric_id] = replace(
            metrics[metric_id], assumed=_assumed(plan, metrics[metric_id], spec.get("assumed"))
        )
    return metrics


def _assumed(plan: Plan, metric: Metric, value: object) -> float | None:
    """Check ``metric``'s ``from`` and read its ``assumed`` rate: a share (20 %, 1 in 3) or an amount per source."""
    where, table = _("metric '{metric}'").format(metric=metric.id), ("metrics", metric.id)
    if metric.source is not None:
        up = plan.metrics.get(metric.source)
        if up is None:
            others = ", ".join(m for m in plan.metrics if m != metric.id)
            hint = (
                _("use one of {metrics}").format(metrics=others)
                if others
                else _("add [metrics.{metric}] first").format(metric=metric.source[:40])
            )
            raise PlanError(
                _("{where}: from = {source}: no such metric; {hint}").format(
                    where=where, source=repr(metric.source), hint=hint
                ),
                table,
            )
        if not up.is_share:
            raise PlanError(
                _("{where}: from = {source}: a metric comes from a count, not from a level or an amount").format(
                    where=where, source=repr(metric.source)
                ),
                table,
            )
        chain = plan.chain(metric.id)
        if plan.source(chain[0]) is not None:  # the walk stopped where it came round
            loop = " -> ".join([*chain, chain[0]])
            raise PlanError(
                _("{where}: from makes a loop ({loop}): one metric in it must come from none").format(
                    where=where, loop=loop
                ),
                table,
            )
    if value is None:
        return None
    source = plan.source(metric.id)
    if source is None:
        raise PlanError(
            _('{where}: assumed = {value} needs the metric it comes from: add from = "..."').format(
                where=where, value=repr(value)
            ),
            table,
        )
    hint = (
        _('write the share of {source} that become {metric}, like assumed = "20 %", "1 in 3" or 0.2').format(
            source=source, metric=metric.id
        )
        if metric.is_share
        else _("write how much one of {source} brings, like assumed = 180").format(source=source)
    )
    rate = _rate(value) if metric.is_share else (value if is_number(value) else None)
    if rate is None or not 0 < rate <= (1 if metric.is_share else LARGEST_TARGET):
        raise PlanError(
            _("{where}: assumed = {value}: {hint}").format(where=where, value=repr(value), hint=hint), table
        )
    return float(rate)


_PERCENT = re.compile(r"(\d+(?:\.\d+)?)\s*%")
_ONE_IN = re.compile(r"(\d+(?:\.\d+)?)\s+in\s+(\d+(?:\.\d+)?)")


def _rate(value: object) -> float | None:
    """A share as written: 0.2, "20 %", "20%", "1 in 3"; None for anything else."""
    if is_number(value):
        return float(value) if math.isfinite(value) else None
    if not isinstance(value, str):
        return None
    text = value.strip().lower()
    if found := _PERCENT.fullmatch(text):
        return float(found[1]) / 100
    if (found := _ONE_IN.fullmatch(text)) and float(found[2]) > 0:
        return float(found[1]) / float(found[2])
    return None

"""Goals, metrics and settings: the parsed, validated content of goals.toml.

Pure: takes the dictionary that ``tomllib`` produced, returns frozen objects or
raises :class:`PlanError` with a message a person can act on.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, field, replace
from datetime import date, time, timedelta
from typing import Any, Literal, TypeGuard, get_args

from goaltui.model.keymap import RESERVED_KEYS

# The closed sets goals.toml writes as strings; each tuple lists its type's values in order.
Period = Literal["day", "week", "month", "quarter", "year"]
GoalStatus = Literal["active", "archived"]
ChangeKind = Literal["target", "stretch", "title", "deadline", "status", "carry"]  # what a review changed
MilestoneAction = Literal["add", "tick", "remove"]  # what the goals screen does to a milestone
MetricKind = Literal["count", "level"]  # tapped and summed, or read off (a downline's size) with the latest reading
Measure = Literal["value", "gain"]  # what a goal on a level measures: the value reached, or the gain since its start

SCHEMA = 1
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
PERIODS: tuple[Period, ...] = get_args(Period)
STATUSES: tuple[GoalStatus, ...] = get_args(GoalStatus)
CHANGE_KINDS: tuple[ChangeKind, ...] = get_args(ChangeKind)
MILESTONE_ACTIONS: tuple[MilestoneAction, ...] = get_args(MilestoneAction)
METRIC_KINDS: tuple[MetricKind, ...] = get_args(MetricKind)
MEASURES: tuple[Measure, ...] = get_args(Measure)


def is_period(value: object) -> TypeGuard[Period]:
    """True for one of :data:`PERIODS`."""
    return value in PERIODS


def is_goal_status(value: object) -> TypeGuard[GoalStatus]:
    """True for one of :data:`STATUSES`."""
    return value in STATUSES


def is_change_kind(value: object) -> TypeGuard[ChangeKind]:
    """True for one of :data:`CHANGE_KINDS`."""
    return value in CHANGE_KINDS


# The fields of a goal a person edits (the form, goals.toml); status, milestones and changes have their own edits.
VISION_YEARS = 3  # a goal further out than this is a vision unless it says vision = false
GOAL_FIELDS = ("title", "metric", "target", "stretch", "every", "start", "deadline", "why", "how", "parent")
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def is_slug(text: str) -> bool:
    """True for a simple id: lower-case letters and digits joined by single hyphens."""
    return bool(SLUG.match(text))


class PlanError(ValueError):
    """A mistake in the meaning of goals.toml (the syntax was fine).

    ``table`` names the table it is in, like ``("metrics", "leads")``, so the file's reader can say the line.
    """

    def __init__(self, message: str, table: tuple[str, str] | None = None) -> None:
        super().__init__(message)
        self.table = table


LONGEST_ID = 64


def is_word(text: object) -> bool:
    """True for a plain word, what an id may be: letters, digits, ``-`` and ``_``, at most 64 of them."""
    return (
        isinstance(text, str)
        and 0 < len(text) <= LONGEST_ID
        and all(c in "-_" or unicodedata.category(c) in _WORD_CATEGORIES for c in text)
    )


_WORD_CATEGORIES = {"Lu", "Ll", "Lt", "Lm", "Lo", "Nd"}


def id_problem(text: str, what: str) -> str | None:
    """Why ``text`` cannot be the id of a ``what`` (metric, goal); None when it can."""
    if is_word(text):
        return None
    return f"{what} id {text[:80]!r} is not a plain word: use letters, digits, '-' and '_' (at most {LONGEST_ID})"


def is_label(text: str) -> bool:
    """True for a short label shown as it is (a unit): no control or formatting characters."""
    return len(text.strip()) > 0 and len(text) <= 24 and all(unicodedata.category(c)[0] != "C" for c in text)


DEFAULT_STALE_AFTER = (("leads", 7),)


@dataclass(frozen=True, slots=True)
class Settings:
    week_starts: int = 0  # 0 = Monday, as date.weekday()
    workdays: frozenset[int] = frozenset(range(5))
    breaks: frozenset[date] = frozenset()
    remind_after: time = time(15, 0)  # `goaltui remind` says nothing before this local time
    sync_every: timedelta | None = None  # how often the app syncs through git; None: only when asked
    # Days without a touch after which a person at a stage (a funnel metric) is stale; 0: never.
    stale_after: tuple[tuple[str, int], ...] = DEFAULT_STALE_AFTER

    def is_workday(self, day: date) -> bool:
        """True when pace is expected on ``day``: a working weekday, not a break."""
        return day.weekday() in self.workdays and day not in self.breaks


@dataclass(frozen=True, slots=True)
class Metric:
    id: str
    key: str
    funnel: int | None = None  # position in the funnel, 1 = top
    unit: str | None = None  # set for metrics counted in amounts (revenue)
    kind: MetricKind = "count"  # "level": a size read off, not tapped (downline, team volume, a balance)
    source: str | None = None  # the metric it comes from (TOML ``from``); a funnel stage: by default the one before
    assumed: float | None = None  # per one of the source until the user's own rate takes over (a share, or an amount)

    @property
    def is_amount(self) -> bool:
        return self.unit is not None

    @property
    def is_level(self) -> bool:
        return self.kind == "level"

    @property
    def is_share(self) -> bool:
        """True for a count: its rate from its source is a share (at most one each); else an amount or a rise each."""
        return not self.is_amount and not self.is_level


@dataclass(frozen=True, slots=True)
class Milestone:
    title: str
    due: date | None = None
    done: bool = False


@dataclass(frozen=True, slots=True)
class Change:
    """A change of target made at a review, kept on the goal as its history."""

    on: date
    what: ChangeKind
    old: Any = None
    new: Any = None
    effective: date | None = None  # from when it counts; None = at once
    note: str = ""


@dataclass(frozen=True, slots=True)
class Goal:
    id: str
    title: str = ""
    metric: str | None = None
    target: float | None = None
    stretch: float | None = None
    every: Period | None = None  # None: a one-off goal, from start to deadline
    start: date | None = None
    deadline: date | None = None
    why: str = ""
    how: str = ""
    parent: str | None = None
    status: GoalStatus = "active"
    milestones: tuple[Milestone, ...] = ()
    changes: tuple[Change, ...] = ()
    measure: Measure | None = None  # on a level: "gain" measures the rise since the start; else the value reached
    vision: bool | None = None  # where the ladder leads (model/vision.py); None: a goal over VISION_YEARS out is one

    @property
    def active(self) -> bool:
        return self.status == "active"

    @property
    def is_vision(self) -> bool:
        """True for a long goal, shown as where the ladder leads and never paced day by day (model/vision.py).

        ``vision = true`` says so; without it, a goal whose deadline lies more
        than VISION_YEARS after its start is one (``vision = false`` paces it anyway).
        """
        if self.vision is not None:
            return self.vision
        if self.start is None or self.deadline is None:
            return False
        return (self.deadline - self.start).days > VISION_YEARS * 365

    @property
    def recurring(self) -> bool:
        return self.every is not None


@dataclass(frozen=True, slots=True)
class Plan:
    """Everything goals.toml says: settings, metrics (by id) and goals (by id)."""

    settings: Settings = field(default_factory=Settings)
    metrics: dict[str, Metric] = field(default_factory=dict)
    goals: dict[str, Goal] = field(default_factory=dict)
    unknown: tuple[UnknownKey, ...] = ()  # keys goaltui does not read: likely typos, said but not fatal

    def ordered_metrics(self) -> list[Metric]:
        """Funnel stages first, in funnel order, then the others as written."""
        funnel = self.funnel()
        return funnel + [m for m in self.metrics.values() if m not in funnel]

    def funnel(self) -> list[Metric]:
        """The stages: the numbered ones (``funnel = 1, 2, ...``), then each count that comes from a stage."""
        stages = sorted((m for m in self.metrics.values() if m.funnel is not None), key=lambda m: m.funnel or 0)
        ids = {m.id for m in stages}
        grew = True
        while grew:
            grew = False
            for m in self.metrics.values():
                if m.id not in ids and m.is_share and self.source(m.id) in ids:
                    stages.append(m)
                    ids.add(m.id)
                    grew = True
        return stages

    def source(self, metric_id: str) -> str | None:
        """The metric ``metric_id`` comes from: its ``from``, else for a numbered stage the stage before it."""
        metric = self.metrics.get(metric_id)
        if metric is None or metric.source is not None:
            return metric.source if metric is not None else None
        if metric.funnel is None:
            return None
        before = [m for m in self.metrics.values() if m.funnel is not None and m.funnel < metric.funnel]
        return max(before, key=lambda m: m.funnel or 0).id if before else None

    def chain(self, metric_id: str) -> list[str]:
        """The metrics ``metric_id`` comes from, the first first, ending with ``metric_id`` itself."""
        chain = [metric_id]
        while (up := self.source(chain[0])) is not None and up not in chain:
            chain.insert(0, up)
        return chain

    def links(self) -> list[tuple[str, str]]:
        """Every (source, metric) pair, stages first."""
        return [(up, m.id) for m in self.ordered_metrics() if (up := self.source(m.id)) is not None]

    def stage_links(self) -> list[tuple[str, str]]:
        """The (source, stage) pairs between funnel stages: the steps named people take."""
        stages = {m.id for m in self.funnel()}
        return [(up, down) for up, down in self.links() if up in stages and down in stages]

    def active_goals(self) -> list[Goal]:
        return [g for g in self.goals.values() if g.active]

    def children(self, goal_id: str | None) -> list[Goal]:
        return [g for g in self.goals.values() if g.parent == goal_id]

    def metric_for_key(self, key: str) -> Metric | None:
        for metric in self.metrics.values():
            if metric.key == key:
                return metric
        return None

    def resolve_metric(self, text: str) -> Metric:
        """Find a metric by id, key, or unambiguous prefix of its id.

        Raises LookupError with a one-line message naming the valid choices.
        """
        return resolve_metric(self.metrics, text)


def resolve_metric(metrics: dict[str, Metric], text: str) -> Metric:
    """Find a metric by id, key, or unambiguous id prefix (see Plan.resolve_metric)."""
    wanted = text.strip().lower()
    if wanted in metrics:
        return metrics[wanted]
    for metric in metrics.values():
        if metric.key == wanted:
            return metric
    matches = [m for m in metrics.values() if m.id.startswith(wanted)] if wanted else []
    if len(matches) == 1:
        return matches[0]
    choices = ", ".join(f"{m.id} ({m.key})" for m in metrics.values()) or "none defined"
    if matches:
        names = ", ".join(m.id for m in matches)
        raise LookupError(f"'{text}' could mean {names}: type more of the name")
    raise LookupError(f"unknown metric '{text}': choose one of {choices}")


# --- parsing -----------------------------------------------------------------


def parse_plan(data: dict[str, Any]) -> Plan:
    """Turn the dictionary read from goals.toml into a validated Plan."""
    schema = data.get("schema", SCHEMA)
    if schema != SCHEMA:
        raise PlanError(f"schema = {schema!r} is not supported: this version reads schema = {SCHEMA}")
    settings = parse_settings(_table(data, "settings", "settings"))
    metrics = parse_metrics(_table(data, "metrics", "metrics"))
    goals_table = _table(data, "goals", "goals")
    goals: dict[str, Goal] = {}
    for goal_id, raw in goals_table.items():
        problem = id_problem(goal_id, "goal")
        if problem:
            raise PlanError(problem, ("goals", goal_id))
        if not isinstance(raw, dict):
            raise PlanError(f"goal '{goal_id}': write it as a table, [goals.{goal_id}]", ("goals", goal_id))
        try:
            goals[goal_id] = parse_goal(goal_id, raw, metrics)
        except PlanError as err:
            err.table = err.table or ("goals", goal_id)  # a milestone's or a change's mistake: the goal's line
            raise
    check_parents(goals)
    return Plan(settings=settings, metrics=metrics, goals=goals, unknown=tuple(unknown_keys(data)))


@dataclass(frozen=True, slots=True)
class UnknownKey:
    """A key in goals.toml that goaltui does not read, where it is, and the known key it is nearest to."""

    key: str
    table: tuple[str, ...]  # like ("goals", "daily-leads"); () for the top of the file
    near: str | None

    def words(self) -> str:
        where = f"[{'.'.join(self.table)}] " if self.table else ""
        hint = f"; did you mean {self.near}?" if self.near else f"; goaltui does not read it (known: {self.known()})"
        return f"{where}{self.key[:40]!r}: unknown key{hint}"

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
        raise PlanError(f"{where}: must be a table, [{key}]")
    return value


def parse_settings(raw: dict[str, Any]) -> Settings:
    start = raw.get("week_starts", "monday")
    if not isinstance(start, str) or start.lower() not in WEEKDAY_NAMES + WEEKDAYS:
        raise PlanError(f'settings: week_starts = {start!r}: use a day name such as "monday" or "sunday"')
    start = start.lower()
    week_starts = WEEKDAY_NAMES.index(start) if start in WEEKDAY_NAMES else WEEKDAYS.index(start)
    days = raw.get("workdays", list(WEEKDAYS[:5]))
    if not isinstance(days, list) or not days:
        raise PlanError('settings: workdays must be a list of days, like ["mon", "tue", "wed", "thu", "fri"]')
    workdays: set[int] = set()
    for day in days:
        name = day.lower()[:3] if isinstance(day, str) else None
        if name not in WEEKDAYS:
            raise PlanError(f'settings: workdays has {day!r}: use "mon", "tue", "wed", "thu", "fri", "sat" or "sun"')
        workdays.add(WEEKDAYS.index(name))
    breaks_raw = raw.get("breaks", [])
    if not isinstance(breaks_raw, list) or not all(_is_date(b) and not date_problem(b, "") for b in breaks_raw):
        raise PlanError(
            f"settings: breaks must be a list of dates from {FIRST_DAY.year} to {LAST_DAY.year}, like [2026-12-24]"
        )
    remind = raw.get("remind_after", "15:00")
    try:
        remind_after = time.fromisoformat(remind) if isinstance(remind, str) and len(remind) == 5 else None
    except ValueError:
        remind_after = None
    if remind_after is None:
        raise PlanError(f'settings: remind_after = {remind!r}: write a time of day as "HH:MM", like "15:00"')
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
    hint = "write days per stage, like stale_after = { leads = 7, customers = 30 } (0: never stale)"
    if not isinstance(raw, dict):
        raise PlanError(f"settings: stale_after = {raw!r}: {hint}")
    days = dict(DEFAULT_STALE_AFTER)
    for stage, value in raw.items():
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_STALE_AFTER:
            raise PlanError(f"settings: stale_after.{stage[:40]} = {value!r}: {hint}, at most {MAX_STALE_AFTER}")
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
        raise PlanError(f'settings: sync_every = {value!r}: write minutes or hours in quotes, like "15m" or "1h"')
    if every < MIN_SYNC_EVERY:
        raise PlanError(f'settings: sync_every = {value!r}: sync at most once a minute, like "1m" or "15m"')
    return every


def parse_metrics(raw: dict[str, Any]) -> dict[str, Metric]:
    metrics: dict[str, Metric] = {}
    keys: dict[str, str] = {}
    stages: dict[int, str] = {}
    for metric_id, spec in raw.items():
        where = f"metric '{metric_id}'"
        problem = id_problem(metric_id, "metric")
        if problem:
            raise PlanError(problem, ("metrics", metric_id))
        if not isinstance(spec, dict):
            raise PlanError(f"{where}: write it as a table, [metrics.{metric_id}]", ("metrics", metric_id))
        key = spec.get("key", metric_id[:1])
        problem = key_problem(key, keys)
        if problem:
            raise PlanError(f"{where}: {problem}", ("metrics", metric_id))
        keys[key] = metric_id
        funnel = spec.get("funnel")
        if funnel is not None and (not isinstance(funnel, int) or isinstance(funnel, bool) or funnel < 1):
            raise PlanError(
                f"{where}: funnel = {funnel!r}: use the stage number, 1 for the top of the funnel",
                ("metrics", metric_id),
            )
        if funnel is not None and funnel in stages:
            raise PlanError(
                f"{where}: funnel stage {funnel} is already metric '{stages[funnel]}'", ("metrics", metric_id)
            )
        if funnel is not None:
            stages[funnel] = metric_id
        unit = spec.get("unit")
        if unit is not None and (not isinstance(unit, str) or not is_label(unit)):
            raise PlanError(
                f'{where}: unit must be short text without control characters, like "EUR"', ("metrics", metric_id)
            )
        kind = spec.get("kind", "count")
        if kind not in METRIC_KINDS:
            raise PlanError(
                f'{where}: kind = {kind!r}: use "count" (tapped, summed) or "level" (a size you read off, like a '
                "downline)",
                ("metrics", metric_id),
            )
        if kind == "level" and funnel is not None:
            raise PlanError(
                f"{where}: a level is read off, not a funnel stage: remove funnel = {funnel}", ("metrics", metric_id)
            )
        source = spec.get("from")
        if source is not None and not isinstance(source, str):
            raise PlanError(
                f'{where}: from = {source!r}: name the metric it comes from in quotes, like from = "leads"',
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
    where, table = f"metric '{metric.id}'", ("metrics", metric.id)
    if metric.source is not None:
        up = plan.metrics.get(metric.source)
        if up is None:
            others = ", ".join(m for m in plan.metrics if m != metric.id)
            hint = f"use one of {others}" if others else f"add [metrics.{metric.source[:40]}] first"
            raise PlanError(f"{where}: from = {metric.source!r}: no such metric; {hint}", table)
        if not up.is_share:
            raise PlanError(
                f"{where}: from = {metric.source!r}: a metric comes from a count, not from a level or an amount", table
            )
        chain = plan.chain(metric.id)
        if plan.source(chain[0]) is not None:  # the walk stopped where it came round
            loop = " -> ".join([*chain, chain[0]])
            raise PlanError(f"{where}: from makes a loop ({loop}): one metric in it must come from none", table)
    if value is None:
        return None
    source = plan.source(metric.id)
    if source is None:
        raise PlanError(f'{where}: assumed = {value!r} needs the metric it comes from: add from = "..."', table)
    hint = (
        f'write the share of {source} that become {metric.id}, like assumed = "20 %", "1 in 3" or 0.2'
        if metric.is_share
        else f"write how much one of {source} brings, like assumed = 180"
    )
    rate = _rate(value) if metric.is_share else (value if _is_number(value) else None)
    if rate is None or not 0 < rate <= (1 if metric.is_share else LARGEST_TARGET):
        raise PlanError(f"{where}: assumed = {value!r}: {hint}", table)
    return float(rate)


_PERCENT = re.compile(r"(\d+(?:\.\d+)?)\s*%")
_ONE_IN = re.compile(r"(\d+(?:\.\d+)?)\s+in\s+(\d+(?:\.\d+)?)")


def _rate(value: object) -> float | None:
    """A share as written: 0.2, "20 %", "20%", "1 in 3"; None for anything else."""
    if _is_number(value):
        return float(value) if math.isfinite(value) else None
    if not isinstance(value, str):
        return None
    text = value.strip().lower()
    if found := _PERCENT.fullmatch(text):
        return float(found[1]) / 100
    if (found := _ONE_IN.fullmatch(text)) and float(found[2]) > 0:
        return float(found[1]) / float(found[2])
    return None


def _is_number(value: object) -> TypeGuard[float]:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _is_date(value: object) -> TypeGuard[date]:
    from datetime import datetime

    return isinstance(value, date) and not isinstance(value, datetime)


def _text(raw: dict[str, Any], key: str, where: str) -> str:
    value = raw.get(key, "")
    if not isinstance(value, str):
        raise PlanError(f'{where}: {key} must be text in quotes, like {key} = "..."')
    return value


def _optional_date(raw: dict[str, Any], key: str, where: str) -> date | None:
    value = raw.get(key)
    if value is None:
        return None
    if not _is_date(value):
        raise PlanError(f"{where}: {key} = {value!r}: write a date without quotes, like {key} = 2027-03-31")
    problem = date_problem(value, key)
    if problem:
        raise PlanError(f"{where}: {problem}")
    return value


LARGEST_TARGET = 1e12  # a year's revenue of a large company: anything above is a typo, or not the user's
FIRST_DAY, LAST_DAY = date(1900, 1, 1), date(9000, 12, 31)  # leaves every window's arithmetic room


def _is_positive(value: Any) -> bool:
    return _is_number(value) and 0 < value <= LARGEST_TARGET


def date_problem(value: date, key: str) -> str | None:
    """Why a date read from goals.toml cannot be used (out of range); None when it can."""
    if FIRST_DAY <= value <= LAST_DAY:
        return None
    return f"{key} = {value}: use a date between {FIRST_DAY.year} and {LAST_DAY.year}"


def goal_problems(raw: dict[str, Any], metrics: dict[str, Metric]) -> dict[str, str]:
    """What is wrong with one goal's fields, field by field: the rules goals.toml and the goal form share.

    ``raw`` holds the fields as TOML gives them (text, numbers, dates); the
    parent's existence and cycles are checked with every goal (``parent_problem``).
    """
    problems: dict[str, str] = {}
    metric = raw.get("metric")
    if metric is not None:
        if not isinstance(metric, str):
            problems["metric"] = 'metric must be the name of a metric in quotes, like metric = "prospects"'
        elif metric not in metrics:
            choices = ", ".join(metrics) or "none defined: add a [metrics.NAME] table"
            problems["metric"] = f"unknown metric '{metric}': use one of {choices}"
    for key in ("target", "stretch"):
        value = raw.get(key)
        if value is not None and not _is_positive(value):
            problems[key] = (
                f"{key} = {value!r}: the {key} must be a positive number up to {LARGEST_TARGET:,.0f}, like {key} = 30"
            )
    target, stretch = raw.get("target"), raw.get("stretch")
    if not problems.keys() & {"target", "stretch"} and target is not None and stretch is not None and stretch < target:
        problems["stretch"] = f"stretch {stretch:g} is below the target {target:g}: make it at least the target"
    every = raw.get("every")
    if every is not None and not is_period(every):
        problems["every"] = f"every = {every!r}: use one of {', '.join(PERIODS)}"
    for key in ("start", "deadline"):
        value = raw.get(key)
        if value is not None and not _is_date(value):
            problems[key] = f"{key} = {value!r}: write a date without quotes, like {key} = 2027-03-31"
        elif value is not None and date_problem(value, key):
            problems[key] = date_problem(value, key) or ""
    start, deadline = raw.get("start"), raw.get("deadline")
    if not problems.keys() & {"start", "deadline"} and start and deadline and deadline < start:
        problems["deadline"] = f"deadline {deadline} is before start {start}: move the deadline later"
    parent = raw.get("parent")
    if parent is not None and not isinstance(parent, str):
        problems["parent"] = 'parent must be the id of another goal in quotes, like parent = "q1-customers"'
    status = raw.get("status", "active")
    if not is_goal_status(status):
        problems["status"] = f'status = {status!r}: use "active" or "archived"'
    for key in ("title", "why", "how"):
        if not isinstance(raw.get(key, ""), str):
            problems[key] = f'{key} must be text in quotes, like {key} = "..."'
    measure = raw.get("measure")
    if measure is not None and measure not in MEASURES:
        problems["measure"] = f'measure = {measure!r}: use "value" (the level reached) or "gain" (the rise since start)'
    elif measure is not None and "metric" not in problems and not (metric in metrics and metrics[metric].is_level):
        problems["measure"] = f'measure = {measure!r} is for a goal on a level (kind = "level"): remove it'
    vision = raw.get("vision")
    if vision is not None and not isinstance(vision, bool):
        problems["vision"] = f"vision = {vision!r}: write true (where the ladder leads) or false (paced day by day)"
    elif vision and deadline is None:
        problems["vision"] = "a vision needs the day it leads to: add deadline = 2036-12-31"
    return problems


def key_problem(key: object, taken: dict[str, str]) -> str | None:
    """What is wrong with a metric's key, if anything; ``taken`` maps the other metrics' keys to their ids."""
    if isinstance(key, str) and len(key) == 1 and key.isdigit():
        return f"key = {key!r}: digits say how many to count (35p counts 35): use one lower-case letter"
    if not isinstance(key, str) or len(key) != 1 or not key.isalnum() or not key.islower():
        return f"key = {key!r}: use one lower-case letter"
    if key in taken:
        return f"key '{key}' is already used by metric '{taken[key]}': pick another key"
    if key in RESERVED_KEYS:
        return f"key '{key}' is reserved for {RESERVED_KEYS[key]}: pick another key"
    return None


def parent_problem(goal_id: str, parent: str | None, parents: dict[str, str | None]) -> str | None:
    """What is wrong with giving ``goal_id`` this parent, if anything; ``parents`` maps every goal to its own."""
    if parent is None:
        return None
    if parent == goal_id:
        return f"parent makes a cycle ({goal_id} -> {goal_id}): a goal cannot serve itself"
    if parent not in parents:
        others = [g for g in parents if g != goal_id]
        near = [g for g in others if g.startswith(parent)]
        hint = f", like {near[0]}" if near else f": one of {', '.join(others)}" if others else ""
        return f"parent '{parent}' does not exist: use the id of another goal{hint}"
    seen = [goal_id]
    current: str | None = parent
    while current is not None and current not in seen:
        seen.append(current)
        current = parents.get(current)
    if current == goal_id:
        loop = " -> ".join([*seen, goal_id])
        return f"parent makes a cycle ({loop}): remove one of the parents"
    return None


def parse_goal(goal_id: str, raw: dict[str, Any], metrics: dict[str, Metric]) -> Goal:
    where = f"goal '{goal_id}'"
    problems = goal_problems(raw, metrics)
    if problems:
        raise PlanError(f"{where}: {next(iter(problems.values()))}", ("goals", goal_id))
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
        raise PlanError(f"{where}: milestones must be [[goals.ID.milestones]] tables")
    result = []
    for i, item in enumerate(raw, 1):
        if not isinstance(item, dict):
            raise PlanError(f"{where}: milestone {i} must be a table with a title")
        here = f"{where}: milestone {i}"
        done = item.get("done", False)
        if not isinstance(done, bool):
            raise PlanError(f"{here}: done must be true or false")
        result.append(Milestone(title=_text(item, "title", here), due=_optional_date(item, "due", here), done=done))
    return tuple(result)


def _changes(raw: Any, where: str) -> tuple[Change, ...]:
    if not isinstance(raw, list):
        raise PlanError(f"{where}: changes must be [[goals.ID.changes]] tables")
    result = []
    for i, item in enumerate(raw, 1):
        here = f"{where}: change {i}"
        if not isinstance(item, dict) or not _is_date(item.get("on")) or date_problem(item["on"], "on"):
            raise PlanError(f"{here}: needs on = DATE, between {FIRST_DAY.year} and {LAST_DAY.year}")
        what = item.get("what")
        if not is_change_kind(what):
            raise PlanError(f"{here}: what = {what!r}: use one of {', '.join(CHANGE_KINDS)}")
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
            raise PlanError(f"goal '{goal.id}': {problem}", ("goals", goal.id))


def would_cycle(goals: dict[str, Goal], goal_id: str, parent: str | None) -> bool:
    """True when giving ``goal_id`` the parent ``parent`` would make a cycle."""
    current = parent
    while current is not None:
        if current == goal_id:
            return True
        current = goals[current].parent if current in goals else None
    return False

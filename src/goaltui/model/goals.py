"""Goals, metrics and settings: the parsed, validated content of goals.toml.

The frozen objects a Plan is made of, and the closed sets and ids they use.
Reading goals.toml into them, with every check, is model/plan_parse.py (and
model/goal_parse.py for each goal's table).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import field
from datetime import date, time, timedelta
from typing import TYPE_CHECKING, Any, Literal, TypeGuard, get_args

from goaltui.lang import N_, _
from goaltui.model.record import record

if TYPE_CHECKING:
    from goaltui.model.plan_parse import UnknownKey

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
# A period in words, as a sentence says it: "30 prospects a week", "every week", "judged at each week".
PER_PERIOD: dict[Period, str] = {
    "day": N_("a day"),
    "week": N_("a week"),
    "month": N_("a month"),
    "quarter": N_("a quarter"),
    "year": N_("a year"),
}
EVERY_PERIOD: dict[Period, str] = {
    "day": N_("every day"),
    "week": N_("every week"),
    "month": N_("every month"),
    "quarter": N_("every quarter"),
    "year": N_("every year"),
}
EACH_PERIOD: dict[Period, str] = {
    "day": N_("each day"),
    "week": N_("each week"),
    "month": N_("each month"),
    "quarter": N_("each quarter"),
    "year": N_("each year"),
}
STATUSES: tuple[GoalStatus, ...] = get_args(GoalStatus)
CHANGE_KINDS: tuple[ChangeKind, ...] = get_args(ChangeKind)
MILESTONE_ACTIONS: tuple[MilestoneAction, ...] = get_args(MilestoneAction)
METRIC_KINDS: tuple[MetricKind, ...] = get_args(MetricKind)
MEASURES: tuple[Measure, ...] = get_args(Measure)
FIRST_DAY, LAST_DAY = date(1900, 1, 1), date(9000, 12, 31)  # leaves every window's arithmetic room


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
    if what == "goal":
        words = _("goal id {id} is not a plain word: use letters, digits, '-' and '_' (at most {most})")
    elif what == "metric":
        words = _("metric id {id} is not a plain word: use letters, digits, '-' and '_' (at most {most})")
    else:
        words = _("{what} id {id} is not a plain word: use letters, digits, '-' and '_' (at most {most})")
    return words.format(what=what, id=repr(text[:80]), most=LONGEST_ID)


def is_label(text: str) -> bool:
    """True for a short label shown as it is (a unit): no control or formatting characters."""
    return len(text.strip()) > 0 and len(text) <= 24 and all(unicodedata.category(c)[0] != "C" for c in text)


DEFAULT_STALE_AFTER = (("leads", 7),)


@record
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


@record
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


@record
class Milestone:
    title: str
    due: date | None = None
    done: bool = False


@record
class Change:
    """A change of target made at a review, kept on the goal as its history."""

    on: date
    what: ChangeKind
    old: Any = None
    new: Any = None
    effective: date | None = None  # from when it counts; None = at once
    note: str = ""


@record
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


@record
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
    choices = ", ".join(f"{m.id} ({m.key})" for m in metrics.values()) or _("none defined")
    if matches:
        names = ", ".join(m.id for m in matches)
        raise LookupError(_("'{text}' could mean {names}: type more of the name").format(text=text, names=names))
    raise LookupError(_("unknown metric '{text}': choose one of {choices}").format(text=text, choices=choices))

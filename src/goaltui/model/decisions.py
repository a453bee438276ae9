"""What a review decides for a goal (keep, raise, lower, carry, extend, archive) and what that does to it.

Pure, like the review itself (model/review.py): a decision, the goal and its
result for the week go in; the fields goals.toml gets and the ``changes``
entries that record why come out (store/reviews.py writes them). A decision
that makes no sense for the goal is a :class:`ReviewError` that says what to
do instead.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Literal, TypeGuard, get_args

from goaltui.lang import _
from goaltui.model.calendar import ONE_DAY, Window, period_window, working_dates
from goaltui.model.format import ITS_WINDOW, count, plain_number
from goaltui.model.goals import Change, Goal, Settings
from goaltui.model.record import record
from goaltui.model.review import GoalResult, ReviewError
from goaltui.model.targets import as_of

DecisionKind = Literal["keep", "raise", "lower", "carry", "extend", "achieved", "dropped"]
KINDS: tuple[DecisionKind, ...] = get_args(DecisionKind)


def is_decision_kind(value: object) -> TypeGuard[DecisionKind]:
    """True for one of :data:`KINDS`."""
    return value in KINDS


# --- decisions -----------------------------------------------------------------------


@record
class Decision:
    """What the user decided for one goal. ``value``: a number (raise, lower), a date (extend), else None."""

    goal_id: str
    kind: DecisionKind = "keep"
    value: float | date | None = None

    def words(self) -> str:
        """The decision in the user's words: 'raise to 40', 'archive as achieved'."""
        value = count(self.value) if isinstance(self.value, int | float) else str(self.value)
        words = {
            "raise": _("raise to {value}"),
            "lower": _("lower to {value}"),
            "extend": _("extend the deadline to {value}"),
            "carry": _("carry the shortfall into the next window"),
            "achieved": _("archive as achieved"),
            "dropped": _("archive as dropped"),
        }
        return words.get(self.kind, _("keep")).format(value=value)


@record
class Effect:
    """What applying a decision does to a goal: fields to set, and the changes to record."""

    fields: dict[str, object]
    changes: tuple[Change, ...]


def scaled_stretch(stretch: float | None, old: float, new: float) -> float | None:
    """The stretch once the target goes from ``old`` to ``new``: scaled with it, and still above it if it was."""
    if stretch is None:
        return None
    if old <= 0:
        return max(stretch, new)
    scaled = plain_number(round(stretch * new / old))
    return plain_number(max(scaled, new + 1) if stretch > old else max(scaled, new))


# A number written on its own in a title: 3, 1500, 1,500, 2.5; not the 1 of "Q1" or a part of "30x".
_NUMBER = re.compile(r"(?<![\w.,])\d{1,3}(?:,\d{3})+(?![\w]|[.,]\d)|(?<![\w.,])\d+(?:\.\d+)?(?![\w]|[.,]\d)")


def restated(title: str, swaps: dict[float, float]) -> str:
    """``title`` with each old number in ``swaps`` replaced by its new one, where the old one is written there once.

    "Sign 3 new customers every week" raised from 3 to 5 reads "Sign 5 new customers every week". A number
    written twice, or not at all, is left alone: which one meant the target is not for us to guess.
    """
    found = [(m, float(m.group().replace(",", ""))) for m in _NUMBER.finditer(title)]
    text = title
    for match, value in reversed(found):
        if value not in swaps or swaps[value] == value or sum(1 for _match, v in found if v == value) != 1:
            continue
        new = swaps[value]
        # As the title wrote its number, in the file's own English form (1,500), whatever language is spoken.
        written = f"{plain_number(new):,}" if "," in match.group() else str(plain_number(new))
        text = text[: match.start()] + written + text[match.end() :]
    return text


def next_window_start(goal: Goal, settings: Settings, today: date) -> date:
    """The first day after the goal's window that contains ``today``: when a lowering begins."""
    if goal.every is None:
        return today
    return period_window(goal.every, today, settings.week_starts).end + ONE_DAY


def raise_start(result: GoalResult | None, today: date) -> date | None:
    """When a raise counts: at once (None), or after the reviewed window when the review runs on its last days."""
    if result is not None and result.over and today <= result.window.end:
        return result.window.end + ONE_DAY
    return None


def carry_start(goal: Goal, settings: Settings, fell_short: Window, today: date) -> date:
    """Where a shortfall of the window ``fell_short`` lands: the first window after it that has not ended by ``today``.

    A daily goal's shortfall (the reviewed week's) lands on the first working day after the week.
    """
    every = goal.every or "day"
    start = fell_short.end + ONE_DAY
    while period_window(every, start, settings.week_starts).end < today:
        start = period_window(every, start, settings.week_starts).end + ONE_DAY
    if every == "day":
        start = next(iter(working_dates(start, start + timedelta(days=14), settings)), start)
    return start


def effect(decision: Decision, goal: Goal, settings: Settings, result: GoalResult | None, today: date) -> Effect:
    """The fields and ``changes`` entries one decision makes; ReviewError when it makes no sense."""
    kind, value = decision.kind, decision.value
    where = _("goal '{id}'").format(id=goal.id)
    if kind not in KINDS:
        message = _("{where}: unknown decision {kind}: use one of {kinds}")
        raise ReviewError(message.format(where=where, kind=repr(kind), kinds=", ".join(KINDS)))
    if kind == "keep":
        return Effect({}, ())
    if kind in ("raise", "lower"):
        if not isinstance(value, int | float) or isinstance(value, bool) or value <= 0:
            message = (
                _("{where}: raise needs a positive number")
                if kind == "raise"
                else _("{where}: lower needs a positive number")
            )
            raise ReviewError(message.format(where=where))
        goal = as_of(goal, today)
        old = goal.target or 0
        figures = {"where": where, "value": count(value), "old": count(old)}
        if kind == "raise" and value <= old:
            raise ReviewError(_("{where}: raise to {value} is not above the target {old}").format(**figures))
        if kind == "lower" and value >= old:
            raise ReviewError(_("{where}: lower to {value} is not below the target {old}").format(**figures))
        if kind == "lower" and goal.every is None:
            message = _("{where}: a one-off goal is not lowered while under way: extend its deadline instead")
            raise ReviewError(message.format(where=where))
        value = plain_number(value)
        effective = next_window_start(goal, settings, today) if kind == "lower" else raise_start(result, today)
        stretch = scaled_stretch(goal.stretch, old, value)
        swaps = {old: value} | ({goal.stretch: stretch} if goal.stretch is not None and stretch is not None else {})
        title = restated(goal.title, swaps)
        fields: dict[str, object] = {"target": value}
        changes = [Change(today, "target", plain_number(old, 2), value, effective, f"{kind} at review")]
        if goal.stretch is not None and stretch is not None and stretch != goal.stretch:
            fields["stretch"] = stretch
            changes.append(
                Change(today, "stretch", plain_number(goal.stretch, 2), stretch, effective, "scaled with the target")
            )
        if title != goal.title:
            fields["title"] = title
            changes.append(Change(today, "title", goal.title, title, effective, "restated with the target"))
        # A change that waits leaves goals.toml saying what is measured now; it is written once it has begun.
        return Effect(fields if effective is None else {}, tuple(changes))
    if kind == "carry":
        if goal.every is None:
            message = _("{where}: a one-off goal has no next window to carry into: extend its deadline instead")
            raise ReviewError(message.format(where=where))
        if result is None:
            raise ReviewError(_("{where}: nothing to carry: it set no target this week").format(where=where))
        if not result.over:
            message = _("{where}: nothing to carry yet: {window} runs to {end}; carry once it has ended")
            raise ReviewError(message.format(where=where, window=_(ITS_WINDOW[goal.every]), end=result.window.end))
        short = result.shortfall
        if short <= 0:
            raise ReviewError(_("{where}: nothing to carry: the target was hit").format(where=where))
        start = carry_start(goal, settings, result.window, today)
        return Effect({}, (Change(today, "carry", None, plain_number(short, 2), start, "shortfall carried over"),))
    if kind == "extend":
        if goal.deadline is None:
            message = _("{where}: has no deadline to extend: keep it, or raise or lower its target")
            raise ReviewError(message.format(where=where))
        if not isinstance(value, date):
            raise ReviewError(_("{where}: extend needs a new deadline, like 2027-04-30").format(where=where))
        if goal.deadline is not None and value <= goal.deadline:
            message = _("{where}: the new deadline {value} is not after {deadline}")
            raise ReviewError(message.format(where=where, value=value, deadline=goal.deadline))
        return Effect({"deadline": value}, (Change(today, "deadline", goal.deadline, value, None, "extended"),))
    return Effect({"status": "archived"}, (Change(today, "status", goal.status, "archived", None, kind),))

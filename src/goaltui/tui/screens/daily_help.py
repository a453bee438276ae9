"""What the daily screen adds to its help and to the palette: each metric's key, and a command to count it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial

from textual.app import SystemCommand

from goaltui.lang import _
from goaltui.model.format import singular
from goaltui.model.goals import Metric, Plan
from goaltui.tui.text import as_markup


def what_a_tap_counts(metric: Metric) -> str:
    """`one prospect`, `an amount of revenue (EUR)`, `what downline stands at`."""
    if metric.is_level:
        return _("what {metric} stands at").format(metric=metric.id)
    if metric.unit:
        return _("an amount of {metric} ({unit})").format(metric=metric.id, unit=metric.unit)
    return _("one {metric}").format(metric=singular(metric.id))


def help_rows(plan: Plan) -> list[tuple[str, str]]:
    """The metric keys from goals.toml: the key counts one, shift+key takes one back."""
    rows = []
    for metric in plan.ordered_metrics():
        if metric.is_level:
            rows.append((metric.key, _("record {what}").format(what=what_a_tap_counts(metric))))
            continue
        rows.append((metric.key, _("count {what}").format(what=what_a_tap_counts(metric))))
        rows.append((metric.key.upper(), _("take back {what}").format(what=what_a_tap_counts(metric))))
    rows.append(("0-9", _("how many, before a key: 35p counts 35, 3P takes back 3 (esc clears)")))
    return rows


def palette_commands(plan: Plan, count: Callable[[Metric, int], None]) -> Iterator[SystemCommand]:
    """A palette entry to count and one to take back, for each metric (``count(metric, sign)`` does it)."""
    for metric in plan.ordered_metrics():
        what = what_a_tap_counts(metric)
        if metric.is_level:
            ask = _("Ask what {metric} stands at now; the latest reading counts (key {key})")
            ask = as_markup(ask.format(metric=metric.id, key=metric.key))
            record = as_markup(_("Record {what}").format(what=what))
            yield SystemCommand(record, ask, partial(count, metric, 1))
            continue
        if metric.unit:
            add = _("Ask how much {metric}, and a note").format(metric=metric.id)
            less = _("Ask how much {metric} to take back").format(metric=metric.id)
        else:
            add = _("Add one to the {metric} counted").format(metric=metric.id)
            less = _("One {metric} fewer").format(metric=singular(metric.id))
        keyed = _("{what} (key {key})")
        count_one = as_markup(_("Count {what}").format(what=what))
        take_back = as_markup(_("Take back {what}").format(what=what))
        yield SystemCommand(count_one, as_markup(keyed.format(what=add, key=metric.key)), partial(count, metric, 1))
        yield SystemCommand(
            take_back, as_markup(keyed.format(what=less, key=metric.key.upper())), partial(count, metric, -1)
        )

"""A counter per metric: big digits for the day's count, the quota beside it in words."""

from __future__ import annotations

from rich.style import Style
from textual.content import Content
from textual.reactive import reactive
from textual.renderables.digits import Digits
from textual.widget import Widget

from goaltui.model.counters import STATUS_SYMBOL, CounterView
from goaltui.model.format import count, more_today, period_words
from goaltui.tui.text import assemble, styled
from goaltui.tui.widgets.gauge import MUTED

STATUS_CLASSES = ("-done", "-ahead", "-on-pace", "-behind", "-missed", "-none")


def status_class(view: CounterView, today: bool) -> str:
    status = view.pace.status if view.pace and today else "none"
    return f"-{status.replace(' ', '-')}"


class MetricCounter(Widget):
    """The day's count of one metric, with what is left to stay on pace.

    One widget draws the title, the digits and the words, with the theme's
    colours named in the text: a screen opened every morning should start
    fast, and each widget and each styled part of one costs start-up time.
    """

    DEFAULT_CSS = """
    MetricCounter {
        height: 6;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    """

    view: reactive[CounterView | None] = reactive(None)

    def __init__(self, view: CounterView, *, today: bool = True, id: str | None = None) -> None:
        super().__init__(id=id, classes=status_class(view, today))
        self._today = today
        self.set_reactive(MetricCounter.view, view)

    @property
    def value(self) -> str:
        """The number shown, as text."""
        return count(self.view.count) if self.view else ""

    def show(self, view: CounterView, *, today: bool) -> None:
        """Show ``view``; a counter whose figures did not change is not repainted (a tap changes one)."""
        if view == self.view and today == self._today:
            return
        self._today = today
        self.view = view
        mine = status_class(view, today)
        if not self.has_class(mine):
            self.remove_class(*STATUS_CLASSES)
            self.add_class(mine)
        self.refresh()

    def render(self) -> Content:
        view = self.view
        if view is None:
            return Content("")
        lines = [self.title(view)]
        lines += [styled(line, "$counter") for line in digit_lines(count(view.count))]
        lines += [styled(line, MUTED) for line in self.detail(view).split("\n")]
        return Content("\n").join(lines)

    @staticmethod
    def title(view: CounterView) -> Content:
        unit = f" ({view.metric.unit})" if view.metric.unit else ""
        return assemble((view.metric.key, f"bold {MUTED}"), (f"  {view.metric.id}{unit}", MUTED))

    def detail(self, view: CounterView) -> str:
        pace, goal = view.pace, view.goal
        if pace is None or goal is None:
            return "no goal yet\n"
        stretch = f" · stretch {count(pace.stretch.target)}" if pace.stretch else ""
        aim = f"target {count(pace.target)}{stretch}"
        if not self._today:
            return f"{aim}\n(counting a past day)"
        symbol = STATUS_SYMBOL.get(pace.status, "")
        if goal.every == "day":
            return f"{symbol} {more_today(pace)}\n{aim}"
        period = period_words(goal.every, pace.window.end)
        return f"{symbol} {count(pace.progress)}/{count(pace.target)} {period}\n{pace.status}"


def digit_lines(text: str) -> list[str]:
    """``text`` in Textual's three-line digits."""
    lines = "".join(segment.text for segment in Digits(text).render(Style())).split("\n")  # type: ignore[union-attr]
    return lines[:3]

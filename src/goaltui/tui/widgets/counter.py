"""A counter per metric: big digits for the day's count, the quota beside it in words.

A click or a touch on a counter counts one, as the metric's key does; its − (at
the right of its title) takes one back, as shift and the key do.
"""

from __future__ import annotations

from functools import lru_cache

from rich.cells import cell_len
from rich.style import Style
from textual import events
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.renderables.digits import Digits

from goaltui.lang import _
from goaltui.model.counters import STATUS_SYMBOL, CounterView
from goaltui.model.format import bare, more_today, out_of, period_words, quantity
from goaltui.model.goals import Metric
from goaltui.model.standing import status_word
from goaltui.tui.text import assemble, fitted, styled
from goaltui.tui.widgets.gauge import MUTED
from goaltui.tui.widgets.lines import Lines

STATUS_CLASSES = ("-done", "-ahead", "-on-pace", "-behind", "-missed", "-none")
TAKE_BACK = " − "  # the target that takes one back, at the right of the title line
TAKE_BACK_STYLE = "bold $foreground on $panel"


def status_class(view: CounterView, today: bool) -> str:
    status = view.pace.status if view.pace and today else "none"
    return f"-{status.replace(' ', '-')}"


class MetricCounter(Lines):
    """The day's count of one metric, with what is left to stay on pace.

    One widget draws the title, the digits and the words, with the theme's
    colours named in the text: a screen opened every morning should start
    fast, and each widget and each styled part of one costs start-up time.
    """

    DEFAULT_CSS = """
    MetricCounter {
        height: auto;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    """

    view: reactive[CounterView | None] = reactive(None, repaint=False)  # show() repaints the lines it changed

    def __init__(self, view: CounterView, *, today: bool = True, id: str | None = None) -> None:
        super().__init__(id=id, classes=status_class(view, today))
        self._today = today
        self.set_reactive(MetricCounter.view, view)

    @property
    def value(self) -> str:
        """The number shown, as text."""
        return bare(self.view.count, self.view.metric.unit) if self.view else ""

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
        self.changed()

    class Pressed(Message):
        """A click or touch on the counter: count one (``sign`` 1), or take one back on its − (``sign`` -1)."""

        def __init__(self, metric: Metric, sign: int) -> None:
            super().__init__()
            self.metric = metric
            self.sign = sign

    def on_click(self, event: events.Click) -> None:
        if self.view is None:
            return
        event.stop()
        at = event.get_content_offset(self)
        on_minus = at is not None and at.y == 0 and at.x >= self.size.width - cell_len(TAKE_BACK)
        self.post_message(self.Pressed(self.view.metric, -1 if on_minus else 1))

    def lines(self, width: int) -> list[Content]:
        """What the counter shows at ``width`` cells: a line of words too long is broken at its ` · `."""
        view = self.view
        if view is None:
            return [Content("")]
        lines = [self.title(view, width)]
        lines += [styled(line, "$counter") for line in digit_lines(self.value)]
        words = [part for line in self.detail(view).split("\n") for part in fitted(line, width)]
        lines += [styled(line, MUTED) for line in words]
        return lines

    @staticmethod
    def title(view: CounterView, width: int = 0) -> Content:
        """The key and the metric; the take-back target at the right when ``width`` leaves room for it."""
        unit = f" ({view.metric.unit})" if view.metric.unit else ""
        title = assemble((view.metric.key, f"bold {MUTED}"), (f"  {view.metric.id}{unit}", MUTED))
        room = width - cell_len(TAKE_BACK) - 1
        if room < 1:
            return title
        return title.truncate(room, ellipsis=True, pad=True) + assemble(" ", (TAKE_BACK, TAKE_BACK_STYLE))

    def detail(self, view: CounterView) -> str:
        pace, goal = view.pace, view.goal
        if pace is None or goal is None:
            return _("no goal yet") + "\n"
        stretch = ""
        if pace.stretch:
            stretch = " · " + _("stretch {amount}").format(amount=quantity(pace.stretch.target, pace.unit))
        aim = _("target {amount}").format(amount=quantity(pace.target, pace.unit)) + stretch
        if not self._today:
            return f"{aim}\n" + _("(counting a past day)")
        symbol = STATUS_SYMBOL.get(pace.status, "")
        if goal.every == "day":
            return f"{symbol} {more_today(pace)}\n{aim}"
        period = period_words(goal.every, pace.window.end)
        return f"{symbol} {out_of(pace.progress, pace.target, pace.unit)} {period}\n{status_word(pace.status)}"


@lru_cache(maxsize=128)
def digit_lines(text: str) -> tuple[str, ...]:
    """``text`` in Textual's three-line digits (kept: a tap draws a count again, and Digits took 14 us)."""
    lines = "".join(segment.text for segment in Digits(text).render(Style())).split("\n")  # type: ignore[union-attr]
    return tuple(lines[:3])

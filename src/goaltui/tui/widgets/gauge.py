"""The pace gauges: per goal a progress bar, a marker where the line is today, the status in words.

One widget draws every gauge (a title line, then two lines a goal), with the
theme's colours named in the text: the daily screen opens every morning, and
each widget and each styled part of one costs start-up time.
"""

from __future__ import annotations

from textual.content import Content
from textual.reactive import reactive

from goaltui.lang import N_, _
from goaltui.model.cohort import NO_FLOW, Flow
from goaltui.model.counters import STATUS_SYMBOL, GaugeView
from goaltui.model.format import out_of, pace_details, period_words
from goaltui.model.shown import shown
from goaltui.model.standing import status_word
from goaltui.tui.sizes import NARROW
from goaltui.tui.text import assemble, fitted, styled
from goaltui.tui.themes import PACE_COLOUR
from goaltui.tui.widgets.lines import Lines

LINE_MARK = "│"
BAR_FULL = "█"
BAR_EMPTY = "░"
MUTED = "$text 60%"  # what $text-muted is in CSS
EMPTY = N_("No active goals with a target yet: add one to goals.toml.")


class PacePanel(Lines):
    """Every active goal's gauge under the title "Pace"; a tap repaints the lines of the gauge it moved."""

    DEFAULT_CSS = """
    PacePanel {
        height: auto;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    """

    gauges: reactive[tuple[GaugeView, ...]] = reactive((), repaint=False)
    # open leads' expected customers, once people are read
    flow: reactive[Flow] = reactive(NO_FLOW, repaint=False)

    def __init__(self, gauges: tuple[GaugeView, ...], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.set_reactive(PacePanel.gauges, gauges)
        self._made: dict[str, tuple[GaugeView, int, Flow, list[Content]]] = {}  # each goal's lines, as last made

    def watch_gauges(self) -> None:
        self.changed()

    def watch_flow(self) -> None:
        self.changed()

    def gauge(self, goal_id: str) -> GaugeView | None:
        """The gauge shown for a goal, if it has one."""
        return next((g for g in self.gauges if g.goal.id == goal_id), None)

    def gauge_text(self, goal_id: str, width: int = 100) -> str:
        """A goal's two lines as plain text."""
        view = self.gauge(goal_id)
        return "" if view is None else "\n".join(line.plain for line in gauge_lines(view, width, self.flow))

    def lines(self, width: int) -> list[Content]:
        # The title, then each gauge's lines, its words wrapped whole at ``width`` (the layout's, when it asks
        # for the height: asking for the panel's width in the middle of a layout lays the screen out twice).
        lines = [styled(_("Pace"), f"bold {MUTED}")]
        if not self.gauges:
            lines.append(styled(_(EMPTY), MUTED))
        for view in self.gauges:
            lines += self._gauge_lines(view, width)
        return lines

    def _gauge_lines(self, view: GaugeView, width: int) -> list[Content]:
        """A goal's lines, made again only when its gauge changed (a tap moves one)."""
        made = self._made.get(view.goal.id)
        if made is not None and made[:3] == (view, width, self.flow):
            return made[3]
        lines = (gauge_lines if width >= NARROW - 2 else narrow_gauge_lines)(view, width, self.flow)
        self._made[view.goal.id] = (view, width, self.flow, lines)
        return lines


def narrow_gauge_lines(view: GaugeView, width: int, flow: Flow = NO_FLOW) -> list[Content]:
    """On a phone: status and title; the bar and the figures; then what it takes, its words wrapped whole."""
    pace, goal = view.pace, view.goal
    colour = PACE_COLOUR.get(pace.status, "$pace-on")
    status = f"{STATUS_SYMBOL.get(pace.status, '')} {status_word(pace.status)} "
    figures = out_of(pace.progress, pace.target, pace.unit).rjust(9)
    bar_width = max(4, width - len(figures) - 1)
    title = fitted(shown(goal.title or goal.id), max(1, width - len(status) - 1))
    return [
        assemble((status, f"bold {colour}"), title[0] + ("…" if len(title) > 1 else "")),
        assemble(*bar(pace.fraction, pace.line_fraction, bar_width, colour), f" {figures}"),
        *(
            styled(line, MUTED)
            for line in fitted(" · ".join(filter(None, [details(view), pipeline(view, flow)])), width)
        ),
    ]


def pipeline(view: GaugeView, flow: Flow) -> str:
    """The people on their way to this goal's metric, in words ("" when none)."""
    return flow.gauge_words(view.goal.metric, period_words(view.goal.every, view.pace.window.end))


def gauge_lines(view: GaugeView, width: int, flow: Flow = NO_FLOW) -> list[Content]:
    """Title, bar and status; then what it takes, in words (and the pipeline beside it, never in it)."""
    pace, goal = view.pace, view.goal
    colour = PACE_COLOUR.get(pace.status, "$pace-on")
    status = f"{STATUS_SYMBOL.get(pace.status, '')} {status_word(pace.status)}"
    figures = " " + out_of(pace.progress, pace.target, pace.unit).rjust(8)  # never glued to the bar
    title_width = max(8, min(48, (width - 11 - len(figures)) // 2))
    bar_width = max(10, width - 11 - title_width - 2 - len(figures))
    title = shown(goal.title or goal.id)  # escaped before it is cut to fit
    if len(title) > title_width:
        title = title[: title_width - 1] + "…"
    line = assemble(
        (f"{status:<10} ", f"bold {colour}"),
        f"{title:<{title_width}}  ",
        *bar(pace.fraction, pace.line_fraction, bar_width, colour),
        figures,
    )
    words = " · ".join(filter(None, [details(view), pipeline(view, flow)]))
    return [line, *(styled(" " * 11 + piece, MUTED) for piece in fitted(words, max(20, width - 11)))]


def bar(fraction: float, line_fraction: float, width: int, colour: str) -> list[tuple[str, str]]:
    """The filled part, the empty part and the line marker, as runs of text and style."""
    filled = min(width, round(fraction * width))
    marker = min(width - 1, int(line_fraction * width)) if line_fraction > 0 else -1
    cells = [BAR_FULL if i < filled else BAR_EMPTY for i in range(width)]
    styles = [colour if i < filled else "$gauge-empty" for i in range(width)]
    if marker >= 0:
        cells[marker], styles[marker] = LINE_MARK, "bold $gauge-line"
    runs: list[tuple[str, str]] = []
    for cell, style in zip(cells, styles, strict=True):
        if runs and runs[-1][1] == style:
            runs[-1] = (runs[-1][0] + cell, style)
        else:
            runs.append((cell, style))
    return runs


def details(view: GaugeView) -> str:
    """The window (unless daily), then what the pace asks for, in the words `goaltui status` uses."""
    pace, goal = view.pace, view.goal
    window = [] if goal.every == "day" else [period_words(goal.every, pace.window.end)]
    return " · ".join(window + pace_details(pace, goal.every))

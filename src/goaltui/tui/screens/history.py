"""The history view: a year's heatmap per metric, weekly totals, conversion over time, best week, streaks."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Header, Label, Static

from goaltui.model.calendar import MONTHS
from goaltui.model.format import count, from_day, percent
from goaltui.model.goals import WEEKDAYS
from goaltui.model.trends import Heatmap, Trends, trends
from goaltui.tui.widgets.history import BLOCKS
from goaltui.tui.widgets.keybar import KeyBar

if TYPE_CHECKING:
    from goaltui.tui.app import GoalApp

SHADES = ("·", "░", "▒", "▓", "█")  # none, then four levels up to the year's best day
SHADE_STYLES = ("grey30", "green4", "green3", "green1", "bold bright_green")


def heatmap_text(heat: Heatmap, week_starts: int) -> Text:
    """Month names over the columns, one row per weekday, a legend under it."""
    text = Text(no_wrap=True, overflow="crop")
    months = [" "] * len(heat.starts)
    free = 0  # first column a label may use: labels never overlap
    for i, start in enumerate(heat.starts):
        month_starts = start.day <= 7
        if month_starts and i >= free and i + 3 <= len(months):
            months[i : i + 3] = MONTHS[start.month - 1]
            free = i + 4
    text.append("    " + "".join(months) + "\n", "dim")
    for row in range(7):
        day_name = WEEKDAYS[(week_starts + row) % 7].title()
        text.append(f"{day_name} ", "dim")
        for column in heat.weeks:
            value = column[row]
            if value is None:
                text.append(" ")
                continue
            level = 0 if value <= 0 or heat.top <= 0 else min(4, 1 + int(4 * value / (heat.top + 1e-9)))
            text.append(SHADES[level], SHADE_STYLES[level])
        text.append("\n")
    text.append(f"    less {''.join(SHADES)} more · best day {count(heat.top)} {heat.metric}", "dim")
    return text


def spark(values: list[float | None], top: float) -> Text:
    text = Text()
    for v in values:
        text.append("·" if not v else BLOCKS[min(8, max(1, round(8 * v / top)))] if top else "·")
    return text


def summary_text(t: Trends, metric: str) -> Text:
    """Weekly totals against target, conversion over time, best week and streaks."""
    text = Text(no_wrap=True, overflow="ellipsis")
    weeks = t.weekly.get(metric, ())
    if weeks:
        target = weeks[-1].target
        totals = [w.total for w in weeks]
        top = max([*totals, *(w.target or 0 for w in weeks), 1])
        text.append(f"{'Weekly':<16}", "bold")
        for w in weeks:
            char = BLOCKS[min(8, max(1, round(8 * w.total / top)))] if w.total > 0 else "·"
            text.append(char, "green" if w.target and w.total >= w.target else "")
        aimed = [w for w in weeks[:-1] if w.target]  # weeks before the goals began have no target
        done = sum(1 for w in aimed if w.total >= (w.target or 0))
        judged = f"{done}/{len(aimed)} weeks on target" if aimed else "no week to judge yet"
        aim = f" · {judged} ({count(round(target))}{from_day(weeks[-1].since, weeks[-1].start)})" if target else ""
        text.append(f"  {weeks[0].label[-3:]}–{weeks[-1].label[-3:]} · now {count(weeks[-1].total)}{aim}", "dim")
    for name, rates in t.conversion:
        known = [r for r in rates if r is not None]
        text.append(f"\n{name:<16}", "bold")
        text.append_text(spark([r or 0 for r in rates], 1.0))
        if known:
            text.append(
                f"  last {percent(rates[-2] if len(rates) > 1 else rates[-1])} · "
                f"12-week average {percent(sum(known) / len(known))}",
                "dim",
            )
    best = t.best_week.get(metric)
    text.append("\nBest week       ", "bold")
    text.append(f"{best.label}: {count(best.total)} {metric}" if best else f"no {metric} logged yet")
    for s in t.streaks:
        text.append(f"\n{s.goal_id:<16}", "bold")
        text.append(f"streak {s.current} working day{'s' if s.current != 1 else ''} at target · longest {s.longest}")
    return text


class HistoryScreen(Screen[None]):
    """Look back: m (or tab) switches the heatmap's metric; escape goes back."""

    BINDINGS = [
        Binding("m", "next_metric", "Next metric", id="history-next-metric"),
        Binding("tab", "next_metric", "Next metric", show=False, id="history-next-metric-tab"),
        Binding("escape", "close", "Back", id="history-back"),
    ]

    metric: reactive[int] = reactive(0, init=False)

    app: GoalApp

    def compose(self) -> ComposeResult:
        tracker = self.app.tracker
        self.trends = trends(tracker.plan, tracker.counts, self.app.today)
        yield Header()
        yield Label(id="history-title", classes="section-title")
        yield Static(id="heatmap")
        yield Static(id="history-summary")
        yield KeyBar()

    def on_mount(self) -> None:
        self._show()

    def watch_metric(self) -> None:
        self._show()

    def _show(self) -> None:
        heats = self.trends.heatmaps
        if not heats:
            self.query_one("#history-title", Label).update("No metrics in goals.toml yet.")
            return
        heat = heats[self.metric % len(heats)]
        names = " · ".join(f"[reverse]{h.metric}[/reverse]" if h is heat else h.metric for h in heats)
        self.query_one("#history-title", Label).update(f"Last year, per day: {names}   [dim](m: next)[/dim]")
        self.query_one("#heatmap", Static).update(heatmap_text(heat, self.app.tracker.plan.settings.week_starts))
        self.query_one("#history-summary", Static).update(summary_text(self.trends, heat.metric))

    def action_next_metric(self) -> None:
        self.metric = (self.metric + 1) % max(1, len(self.trends.heatmaps))

    def action_close(self) -> None:
        if len(self.app.screen_stack) > 1:
            self.app.pop_screen()

    def palette_commands(self) -> Iterable[SystemCommand]:
        yield SystemCommand("Next metric", "Show the next metric's heatmap", self.action_next_metric)

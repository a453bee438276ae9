"""The history view: a year's heatmap per metric, weekly totals, conversion over time, best week, streaks."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.content import Content
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Header, Label, Static

from goaltui.lang import _, ngettext
from goaltui.model.format import count, counted, from_day, percent, quantity, unit_of
from goaltui.model.keymap import HISTORY_SCREEN, HOURS, NEXT_METRIC
from goaltui.model.score import SCORE_WORDS
from goaltui.model.trends import Trends, WeekTotal, trends
from goaltui.tui.bindings import CommandsMixin
from goaltui.tui.text import Part, assemble, styled
from goaltui.tui.widgets.heat import heatmap_text
from goaltui.tui.widgets.history import sparkline
from goaltui.tui.widgets.keybar import KeyBar

if TYPE_CHECKING:
    from goaltui.store.notes import NotedTap
    from goaltui.tui.app import GoalApp

HOURS_WEEKS = 12  # the hours view looks this far back


def summary_text(t: Trends, metric: str, unit: str | None = None) -> Content:
    """Weekly totals against target, conversion over time, best week and streaks (``unit``: the metric's)."""
    lines = []
    weeks = t.weekly.get(metric, ())
    if weeks:
        target = weeks[-1].target
        aimed = [w for w in weeks[:-1] if w.target]  # weeks before the goals began have no target
        done = sum(1 for w in aimed if w.total >= (w.target or 0))
        on_target = ngettext("{done}/{n} week on target", "{done}/{n} weeks on target", len(aimed))
        judged = on_target.format(done=count(done), n=count(len(aimed))) if aimed else _("no week to judge yet")
        since = from_day(weeks[-1].since, weeks[-1].start)
        aim = f" · {judged} ({quantity(target if unit else round(target), unit)}{since})" if target else ""
        span = _("{first}–{last} · now {total}").format(
            first=weeks[0].label[-3:], last=weeks[-1].label[-3:], total=quantity(weeks[-1].total, unit)
        )
        lines.append(
            assemble(
                (_("Weekly").ljust(16), "bold"),
                sparkline([w.total for w in weeks], [w.target for w in weeks]),
                (f"  {span}{aim}", "dim"),
            )
        )
    for name, rates in t.conversion:
        known = [r for r in rates if r is not None]
        parts: list[str | Content | tuple[str, str]] = [(f"{name:<16}", "bold"), sparkline(rates)]
        if known:
            last = percent(rates[-2] if len(rates) > 1 else rates[-1])
            average = percent(sum(known) / len(known))
            parts.append(
                ("  " + _("last {rate} · 12-week average {average}").format(rate=last, average=average), "dim")
            )
        lines.append(assemble(*parts))
    best = t.best_week.get(metric)
    lines.append(
        assemble(
            (_("Best week").ljust(16), "bold"),
            best_week_words(best, metric, weeks, unit) if best else no_best_week(metric, weeks, unit),
        )
    )
    streaks = {s.goal_id: s for s in t.streaks}
    for goal_id in dict.fromkeys([*streaks, *t.scores]):
        words = []
        if (s := streaks.get(goal_id)) is not None:
            streak = ngettext(
                "streak {n} working day at target · longest {longest}",
                "streak {n} working days at target · longest {longest}",
                s.current,
            )
            words.append(streak.format(n=count(s.current), longest=s.longest))
        if goal_id in t.scores:
            words.append(_("score {score}").format(score=percent(t.scores[goal_id])))
        lines.append(assemble((f"{goal_id:<15} ", "bold"), " · ".join(words)))  # a long id keeps a space
    if t.scores:
        lines.append(Content.styled(_(SCORE_WORDS), "dim"))
    return Content("\n").join(lines)


def best_week_words(best: WeekTotal, metric: str, weeks: tuple[WeekTotal, ...], unit: str | None = None) -> str:
    """The best ended week, and this week's count so far when it has already gone past it."""
    words = _("{week}: {what}").format(week=best.label, what=counted(best.total, metric, unit))
    now = weeks[-1] if weeks else None
    if now is not None and now.total > best.total:
        so_far = counted(now.total, metric, unit)
        words = _("{week}, so far: {what} (best ended week {best}: {amount})").format(
            week=now.label, what=so_far, best=best.label, amount=quantity(best.total, unit)
        )
    return words


def no_best_week(metric: str, weeks: tuple[WeekTotal, ...], unit: str | None = None) -> str:
    """The best week's words before any week with the metric has ended: this week's count so far, if any."""
    now = weeks[-1].total if weeks else 0
    if now > 0:
        return _("no week over yet · {what} so far this week").format(what=counted(now, metric, unit))
    return _("no {metric} logged yet").format(metric=metric)


class HistoryScreen(CommandsMixin, Screen[None]):
    """Look back: a key switches the heatmap's metric."""

    COMMANDS_TABLE = HISTORY_SCREEN

    metric: reactive[int] = reactive(0, init=False)
    hours: reactive[bool] = reactive(False, init=False)  # the hours view instead of the year
    taps: list[NotedTap] | None = None  # read once, when the hours view is first shown

    app: GoalApp

    def compose(self) -> ComposeResult:
        tracker = self.app.tracker
        self.trends = trends(tracker.plan, tracker.counts, self.app.today)
        yield Header()
        yield Label(id="history-title", classes="section-title")
        yield Static(id="heatmap")
        yield Static(id="history-summary")
        yield Static(id="hours")
        yield KeyBar()

    def on_mount(self) -> None:
        self._show()

    def watch_metric(self) -> None:
        self._show()

    def watch_hours(self) -> None:
        if self.hours and self.taps is None:
            since = self.app.today - timedelta(weeks=HOURS_WEEKS)
            self.app.disk.read_taps(since, self._taps_read)
        self._show()

    def _taps_read(self, taps: list[NotedTap]) -> None:
        since = self.app.today - timedelta(weeks=HOURS_WEEKS)
        self.taps = [t for t in taps if t.tap.counts_for >= since]
        self._show()

    def _show(self) -> None:
        heats = self.trends.heatmaps
        if not heats:
            self.query_one("#history-title", Label).update(_("No metrics in goals.toml yet."))
            return
        heat = heats[self.metric % len(heats)]
        names: list[Part] = []
        for h in heats:
            names += [" · "] if names else []
            names.append((h.metric, "reverse") if h is heat else h.metric)
        next_key, hours_key = self.key(NEXT_METRIC), self.key(HOURS)
        for name in ("#heatmap", "#history-summary"):
            self.query_one(name).display = not self.hours
        self.query_one("#hours").display = self.hours
        if self.hours:
            keys = (_("({next}: next · {hours}: the year)").format(next=next_key, hours=hours_key), "dim")
            when = ngettext("When, last {n} week", "When, last {n} weeks", HOURS_WEEKS).format(n=count(HOURS_WEEKS))
            title = assemble(when + ": ", *names, "   ", keys)
            self.query_one("#history-title", Label).update(title)
            self.query_one("#hours", Static).update(self._hours_text(heat.metric))
            return
        keys = (_("({next}: next · {hours}: when)").format(next=next_key, hours=hours_key), "dim")
        title = assemble(_("Last year, per day") + ": ", *names, "   ", keys)
        self.query_one("#history-title", Label).update(title)
        plan = self.app.tracker.plan
        unit = unit_of(plan, heat.metric)
        self.query_one("#heatmap", Static).update(heatmap_text(heat, plan.settings.week_starts, unit))
        self.query_one("#history-summary", Static).update(summary_text(self.trends, heat.metric, unit))

    def _hours_text(self, metric: str) -> Content:
        if self.taps is None:
            return styled(_("Reading the taps…"), "dim")
        from goaltui.tui.hours import hours_text

        plan = self.app.tracker.plan
        outcomes = [m.id for m in plan.funnel()[1:]]
        units = {m.id: m.unit for m in plan.metrics.values()}
        return hours_text(self.taps, metric, outcomes, self.app.today, units)

    def action_hours(self) -> None:
        self.hours = not self.hours

    def action_next_metric(self) -> None:
        self.metric = (self.metric + 1) % max(1, len(self.trends.heatmaps))

    def action_close(self) -> None:
        if len(self.app.screen_stack) > 1:
            self.app.pop_screen()

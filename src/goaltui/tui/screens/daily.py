"""The daily screen: tap to count, watch the pace, see the funnel."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from typing import TYPE_CHECKING

from textual import events
from textual.app import ComposeResult, SystemCommand
from textual.containers import Grid, Horizontal, VerticalScroll
from textual.markup import escape
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Header, Label, Static

from goaltui.lang import _
from goaltui.model.calendar import full_date, short_date
from goaltui.model.daily import DailyView, daily_view
from goaltui.model.entry import CountPrefix
from goaltui.model.format import quantity, unit_of
from goaltui.model.goals import Metric
from goaltui.model.keymap import DAILY, REVIEW, TODAY
from goaltui.model.shown import shown
from goaltui.tui.bindings import CommandsMixin
from goaltui.tui.compositor import LineCompositor
from goaltui.tui.messages import DayChanged, GoalsChanged, NoteSaved, SaveFailed, TapsSaved, TapsWaiting
from goaltui.tui.screens.daily_asks import Asks
from goaltui.tui.screens.daily_help import help_rows, palette_commands
from goaltui.tui.sizes import NARROW, counter_columns
from goaltui.tui.text import styled
from goaltui.tui.widgets.counter import MetricCounter
from goaltui.tui.widgets.due_line import DueLine
from goaltui.tui.widgets.funnel import FunnelPanel
from goaltui.tui.widgets.gauge import PacePanel
from goaltui.tui.widgets.history import HistoryStrip
from goaltui.tui.widgets.keybar import KeyBar

if TYPE_CHECKING:
    from goaltui.model.cohort import Flow
    from goaltui.model.people import Person
    from goaltui.tui.app import GoalApp


class DailyScreen(CommandsMixin, Screen[None]):
    """Counters, pace gauges, the funnel and a short history."""

    COMMANDS_TABLE = DAILY
    # The screen itself takes the keys; focusing the scroll area at start would only
    # restyle every widget once more (:focus-within) before the first frame.
    AUTO_FOCUS = ""  # None would mean "use the app's", which focuses the first focusable widget

    day: reactive[date | None] = reactive(None, init=False)  # the day being counted; None = today

    app: GoalApp

    def __init__(self) -> None:
        super().__init__()
        self._compositor = LineCompositor()  # a tap's frame draws the changed lines alone (tui/compositor.py)
        self.people: dict[str, Person] = {}  # read after the first frame, with the due line
        self.prefix = CountPrefix()  # digits typed before a metric's key: `35p` counts 35
        self._unreviewed: str | None = None  # last week, while it waits for its review (read after the first frame)
        self.asks = Asks(self)  # the prompts before a tap counts: an amount, a level, a large count, a note
        # The widgets a tap changes, made in compose and kept at hand: refresh_view runs at every tap.
        self.counters: list[MetricCounter] = []
        self._swapping = False  # the counters are being built anew (a metric more or less)
        self._next_view: DailyView | None = None  # the view they are built for, once the old ones are gone
        self._shown = False  # the screen has been shown once (on_screen_resume)
        self._save_error: Static | None = None  # the banner while taps cannot be saved: made when first needed
        self.pace_panel: PacePanel
        self.funnel_panel: FunnelPanel
        self.history_strip: HistoryStrip

    def compose(self) -> ComposeResult:
        view = self.build_view()
        self._shape = self.shape(view)
        self.pace_panel = PacePanel(view.gauges, id="pace")
        self.funnel_panel = FunnelPanel(view, id="funnel")
        self.history_strip = HistoryStrip(view, id="history")
        self._fit(self.app.size.width, self.app.size.height)  # before the first layout: no restyle after
        yield Header()
        with VerticalScroll(id="daily"):
            yield Label("", id="goals-banner")
            yield Label(self._day_words(view), id="day-bar")
            yield DueLine(id="due-line")
            with Grid(id="counters") as counters:
                counters.styles.grid_size_columns = counter_columns(len(self._shape), self.app.size.width)
                yield from self._counters(view)
            yield self.pace_panel
            with Horizontal(id="lower"):  # side by side on wide terminals
                yield self.funnel_panel
                yield self.history_strip
        yield KeyBar()

    def on_resize(self, event: events.Resize) -> None:
        self._fit(event.size.width, event.size.height)

    def _fit(self, width: int, height: int) -> None:
        """Tighten the layout on small terminals and spread out on wide ones."""
        self.set_class(height < 34, "-compact")
        self.set_class(width >= 140, "-wide")
        self.set_class(width < NARROW, "-narrow")
        for counters in self.query("#counters").results(Grid):
            counters.styles.grid_size_columns = counter_columns(len(self._shape), width)

    # --- what the disk work tells ----------------------------------------------------

    def on_taps_saved(self, message: TapsSaved) -> None:
        self.refresh_view()
        if not self.app.disk.save_error:
            self._show_save_error("")

    def on_taps_waiting(self, message: TapsWaiting) -> None:
        self.show_day_bar()

    def on_save_failed(self, message: SaveFailed) -> None:
        self._show_save_error(message.reason)
        self.show_day_bar()

    def on_goals_changed(self, message: GoalsChanged) -> None:
        self.refresh_view()
        self._show_goals_problem()

    def _show_goals_problem(self) -> None:
        """A banner while goals.toml has a mistake (counting goes on with the last good goals meanwhile), or while
        two devices' readings of a level disagree."""
        problem = self.app.tracker.goals_problem
        banner = self.query_one("#goals-banner", Label)
        mistake = _("goals.toml has a mistake; counting with the last good goals. {problem}")
        words = mistake.format(problem=shown(problem)) if problem else ""
        conflicts = [escape(shown(c.words())) for c in self.app.tracker.counts.level_conflicts()[-3:]]
        words = "\n".join(w for w in [words, *conflicts] if w)
        if words != banner.content:
            banner.update(words)
        banner.set_class(bool(words), "-shown")

    def on_day_changed(self, message: DayChanged) -> None:
        self.refresh_view()
        self.load_due()

    def on_mount(self) -> None:
        if self.app.tracker.goals_problem or self.app.tracker.counts.level_conflicts():
            self._show_goals_problem()
        self.call_after_refresh(self.load_due)  # after the first frame: the people log never delays it

    def load_due(self) -> None:
        """Read who is due and which weeks are reviewed in a thread, for the due line and the day bar's reminder;
        never on a member's day (names stay theirs, and their weeks are theirs to review)."""
        if self.app.tracker.own:
            self.run_worker(self._read_due, thread=True, exclusive=True, group="due-line", exit_on_error=False)

    def _read_due(self) -> None:
        from goaltui.model.cohort import flow
        from goaltui.tui import folder

        unreviewed = self._last_week_unreviewed(folder.reviewed_weeks(self.app.tracker))
        self.app.call_from_thread(self._show_reminder, unreviewed, self.app.today)
        plan = self.app.tracker.plan
        funnel = [m.id for m in plan.funnel()]
        try:
            found = folder.people(self.app.tracker)
        except (OSError, RuntimeError):
            return  # the line stays as it was; the People screen says what is wrong
        moving = flow(
            found.people.values(), funnel, self.app.today, dict(plan.settings.stale_after), plan.stage_links()
        )
        self.app.call_from_thread(self._show_due, found.people, moving)

    def _show_due(self, people: dict[str, Person], moving: Flow) -> None:
        from goaltui.model.keymap import PEOPLE
        from goaltui.tui.widgets.due_line import due_words

        self.people = people  # for the note prompt: names to complete, and who is counted as what
        self.query_one(DueLine).show_due(due_words(list(people.values()), self.app.today, self.key(PEOPLE)))
        self.pace_panel.flow = moving
        self.funnel_panel.flow = moving
        self.funnel_panel.show(self.build_view())

    # --- rendering ---------------------------------------------------------------

    @property
    def counting_day(self) -> date:
        return self.day or self.app.today

    def build_view(self) -> DailyView:
        return daily_view(self.app.tracker.plan, self.app.tracker.counts, self.app.today, self.counting_day)

    def refresh_view(self, *_args: object) -> None:
        if self.day is not None and self.day >= self.app.today:
            self.day = None  # midnight passed while backfilling "yesterday": today again
        view = self.build_view()
        shape = self.shape(view)
        today = not view.backfilling
        if shape != self._shape or self._swapping:
            self._shape = shape
            self._rebuild(view)
        else:
            for widget, counter in zip(self.counters, view.counters, strict=True):
                widget.show(counter, today=today)
        self.pace_panel.gauges = view.gauges
        self._show_goals_problem()  # a level two devices read differently shows there too
        self._set_day_bar(self._day_words(view))
        self.set_class(view.backfilling, "-backfilling")
        self.funnel_panel.show(view)
        self.history_strip.show(view)

    @staticmethod
    def shape(view: DailyView) -> tuple[str, ...]:
        """Which counters there are: when it changes, they are built anew."""
        return tuple(c.metric.id for c in view.counters)

    def _counters(self, view: DailyView) -> list[MetricCounter]:
        self.counters = [
            MetricCounter(c, today=not view.backfilling, id=f"counter-{c.metric.id}") for c in view.counters
        ]
        return self.counters

    def _rebuild(self, view: DailyView) -> None:
        # Removing widgets finishes later: mount the new ones (same ids) only after it has.
        self._next_view = view
        if not self._swapping:
            self._swapping = True
            self.call_next(self._swap)

    async def _swap(self) -> None:
        counters = self.query_one("#counters", Grid)
        while (view := self._next_view) is not None:
            self._next_view = None
            with self.app.batch_update():
                await counters.remove_children()
                counters.styles.grid_size_columns = counter_columns(len(view.counters), self.size.width)
                await counters.mount_all(self._counters(view))
        self._swapping = False

    def _day_words(self, view: DailyView) -> str:
        words = f"[b]{full_date(view.day)}[/b]"
        if self.prefix:
            n = self.prefix.digits
            typed = _("[reverse] {n} [/reverse] a metric's key counts {n} (shift takes back) · esc clears")
            words = typed.format(n=n) + "  ·  " + words
        if view.backfilling:
            backfilling = _("[reverse] backfilling [/reverse] taps count for {day}")
            words += "  ·  " + backfilling.format(day=short_date(view.day, self.app.today)) + "  ·  "
            words += _("{key}: back to today").format(key=escape(self.key(TODAY)))
        if view.on_break:
            words += "  ·  " + _("a break: no pace expected")
        elif not view.workday:
            words += "  ·  " + _("a day off: no pace expected")
        unreviewed = self._reminder()
        if unreviewed and not view.backfilling:
            reminder = _("[dim]{week} not reviewed yet: {key}[/dim]")
            words += "  ·  " + reminder.format(week=unreviewed, key=escape(self.key(REVIEW)))
        pending = self.app.disk.pending if self.app.disk.waiting_long else 0
        if pending:
            words += "  ·  " + _("{n} saving…").format(n=pending)
        return words

    def _show_save_error(self, message: str) -> None:
        # The banner is made the first time it is needed: one widget less at every start. Kept at hand once made:
        # every tap clears it, and looking it up in the screen took 0.07 ms.
        banner = self._save_error
        if banner is None:
            if message:
                self._save_error = Static(styled(message), id="save-error")
                self.query_one("#daily").mount(self._save_error, after="#day-bar")
            return
        if message or banner.display:
            banner.update(styled(message))
            banner.display = bool(message)

    # --- keys ----------------------------------------------------------------------

    def key_stays(self, event: events.Key) -> bool:
        """True for a key that counts one of a plain count with no digits before it: it opens no prompt and moves
        no focus, so the keys typed after it may follow it at once (tui/keyorder.py)."""
        char = event.character
        if self.prefix or not char or len(char) != 1 or char.isdigit():
            return False
        metric = self.app.tracker.plan.metric_for_key(char.lower())
        return metric is not None and not metric.is_amount and not metric.is_level

    def on_key(self, event: events.Key) -> None:
        char = event.character
        if self.prefix and event.key in ("escape", "backspace"):
            event.stop()
            event.prevent_default()
            if event.key == "backspace":
                self.prefix.back()
            else:
                self.prefix.take()
            self.show_day_bar()
            return
        if not char or len(char) != 1:
            self._drop_prefix()
            return
        metric = self.app.tracker.plan.metric_for_key(char.lower())
        if metric is None and char in "0123456789":
            event.stop()
            event.prevent_default()
            refused = self.prefix.add(char)
            if refused:
                self.notify(refused[:1].upper() + refused[1:], severity="warning", timeout=4)
            self.show_day_bar()
            return
        if metric is None:
            self._drop_prefix()  # another key (undo, goals, ...) does what it always does
            return
        event.stop()
        event.prevent_default()
        # Counted here and now: the app hands keys over one at a time (tui/keyorder.py), so a binding typed
        # before this key (left, u, t, ...) has done its work already, and one typed after it comes after.
        n = self.prefix.take() if self.prefix else None
        self.count(metric, -1 if char.isupper() else 1, n)
        if n is not None:
            self.show_day_bar()

    def on_metric_counter_pressed(self, message: MetricCounter.Pressed) -> None:
        """A click or touch on a counter: the same as its key (with the digits typed before it, if any)."""
        n = self.prefix.take() if self.prefix else None
        self.count(message.metric, message.sign, n)
        if n is not None:
            self.show_day_bar()

    def _drop_prefix(self) -> None:
        """A key that counts nothing clears the digits typed before it."""
        if self.prefix:
            self.prefix.take()
            self.show_day_bar()

    def count(self, metric: Metric, sign: int, n: float | None = None) -> None:
        """Count ``n`` (typed before the key) or one for the day being counted; an amount without ``n`` is asked.

        A level records what it stands at: ``n`` typed before its key (``57d``), else it is asked.
        """
        if self.app.disk.refused():
            return
        if metric.is_level:
            if n is not None and sign > 0:
                self.asks.record_level(metric, n)
            else:
                self.asks.level(metric)
            return
        if n is None and metric.is_amount:
            self.asks.amount(metric, sign)
            return
        self.asks.checked(metric, sign * (n or 1))

    def action_note(self) -> None:
        """A one-line note for the tap just made; the counting goes on as soon as it is entered."""
        self.asks.note()

    def submit(self, metric: str, n: float, note: str = "") -> None:
        held = self.app.disk.tap(metric, n, day=self.day, note=note)
        if held is not None:
            held_words = quantity(held, unit_of(self.app.tracker.plan, metric))
            most = _("take back at most {amount}").format(amount=held_words) if held > 0 else _("nothing to take back")
            if self.day is None:
                words = _("{metric} today stands at {amount}: {most}")
            else:
                words = _("{metric} on {day} stands at {amount}: {most}")
            day = short_date(self.day, self.app.today) if self.day is not None else ""
            self.notify(
                words.format(metric=metric, day=day, amount=held_words, most=most), severity="warning", timeout=3
            )
        elif self.app.disk.waiting_long:
            self.show_day_bar()  # one more waiting

    def show_day_bar(self) -> None:
        self._set_day_bar(self._day_words(self.build_view()))

    def _set_day_bar(self, words: str) -> None:
        bar = self.query_one("#day-bar", Label)
        if words != bar.content:  # an update lays the screen out again: a tap seldom changes these words
            bar.update(words)

    def action_undo(self) -> None:
        what = self.app.disk.undo()
        self.notify(
            _("Took back {what}").format(what=what) if what else _("Nothing to undo on this screen yet"), timeout=3
        )
        self.show_day_bar()

    def on_note_saved(self, message: NoteSaved) -> None:
        if message.who:
            self.notify(f"{shown(message.who)}: " + (message.note or _("named on the tap")), timeout=2)
            self.load_due()  # the name is known now, for the next note's completion
        else:
            self.notify(_("Note saved: {note}").format(note=message.note), timeout=2)

    def action_previous_day(self) -> None:
        self.day = self.counting_day - timedelta(days=1)

    def action_next_day(self) -> None:
        nxt = self.counting_day + timedelta(days=1)
        if nxt > self.app.today:
            self.notify(
                _("That day has not happened yet: you can count today or days before it."),
                severity="warning",
                timeout=3,
            )
            return
        self.day = None if nxt == self.app.today else nxt

    def action_today(self) -> None:
        self.day = None

    def watch_day(self) -> None:
        self.refresh_view()

    def action_scroll(self, where: str) -> None:
        """Down, up, page-down or page-up: the screen scrolls without the focus in it."""
        area = self.query_one("#daily", VerticalScroll)
        moves = {
            "down": area.scroll_down,
            "up": area.scroll_up,
            "page-down": area.scroll_page_down,
            "page-up": area.scroll_page_up,
        }
        moves[where]()

    def action_goals(self) -> None:
        from goaltui.tui.screens.goals import GoalsScreen

        self.app.push_screen(GoalsScreen())

    def _last_week_unreviewed(self, reviewed: set[str]) -> str | None:
        """The last week's label while it waits for its review (from its first working day on)."""
        from goaltui.model.weeks import reminder_due

        plan = self.app.tracker.plan
        starts = [g.start for g in plan.goals.values() if g.start is not None]
        since = min(starts) if starts and len(starts) == len(plan.goals) else None
        return reminder_due(self.app.today, plan.settings, reviewed, since)

    def _show_reminder(self, unreviewed: str | None, today: date) -> None:
        """The reviewed weeks were read (in the due line's worker): the day bar names last week while it waits."""
        if today == self.app.today:
            self._unreviewed = unreviewed
            self.show_day_bar()

    def _reminder(self) -> str | None:
        """Last week while it waits for its review: read with the due line, after the first frame, at midnight and
        whenever the screen comes back (a review may have been saved)."""
        return self._unreviewed

    def on_screen_resume(self) -> None:
        if self._shown:  # back from another screen: a review may have been saved
            self.load_due()  # back from the People screen, say
        self._shown = True

    def action_review(self) -> None:
        from goaltui.tui.screens.review import ReviewScreen

        self.app.push_screen(ReviewScreen())

    def action_history(self) -> None:
        from goaltui.tui.screens.history import HistoryScreen

        self.app.push_screen(HistoryScreen())

    def action_people(self) -> None:
        from goaltui.tui.screens.people import PeopleScreen

        self.app.push_screen(PeopleScreen())

    def extra_help(self) -> list[tuple[str, str]]:
        return help_rows(self.app.tracker.plan)

    def extra_commands(self) -> Iterable[SystemCommand]:
        return palette_commands(self.app.tracker.plan, self.count)

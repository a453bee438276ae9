"""What the daily screen asks before a tap counts, and the note after it.

An amount (revenue) asks how much; a level (a downline) asks what it stands
at; a count over ten times the best day asks whether it is meant (as
`goaltui log` does); a note goes with the last tap, and naming someone who is
already at that stage asks whether to count them again. Each answer comes
back to the screen, which queues the tap (``DailyScreen.submit``).
"""

from __future__ import annotations

from datetime import date, datetime
from functools import partial
from typing import TYPE_CHECKING

from goaltui.lang import _, pgettext
from goaltui.model.calendar import short_date
from goaltui.model.entry import read_number
from goaltui.model.format import count, counted, quantity, singular
from goaltui.model.goals import Metric
from goaltui.model.keymap import UNDO
from goaltui.model.numbers import MAX_N, is_slip
from goaltui.model.shown import shown

if TYPE_CHECKING:
    from goaltui.tui.app import GoalApp
    from goaltui.tui.screens.daily import DailyScreen
    from goaltui.tui.screens.prompt import Answer


def read_amount(text: str) -> float:
    """An amount above 0: which way it counts comes from the key (shift takes back)."""
    amount = read_number(text)
    if not 0 < amount <= MAX_N:
        raise ValueError(
            _("the amount must be above 0 and at most {most} (shift+key takes an amount back)").format(
                most=count(MAX_N)
            )
        )
    return amount


def read_level(text: str) -> float:
    """What a level stands at: any number within range (a balance may be below zero)."""
    value = read_number(text)
    if abs(value) > MAX_N:
        raise ValueError(_("a level goes up to {most}: check the number").format(most=count(MAX_N)))
    return value


def yes_letter() -> str:
    """The answer that says yes, in the language in use ("y")."""
    return pgettext("answer", "y")


def read_yes(text: str) -> bool:
    """Yes: y or yes, or the same in the language in use."""
    if text.strip().lower() not in ("y", "yes", yes_letter(), pgettext("answer", "yes")):
        raise ValueError(_("type {y} and enter to count it, or escape to leave it uncounted").format(y=yes_letter()))
    return True


def read_note(text: str) -> str:
    """A note as typed, trimmed; an empty one is refused (escape closes without one)."""
    if not text.strip():
        raise ValueError(_("type a note, or press escape to close without one"))
    return text.strip()


class Asks:
    """The prompts of one daily screen."""

    def __init__(self, screen: DailyScreen) -> None:
        self.screen = screen

    @property
    def app(self) -> GoalApp:
        return self.screen.app

    def amount(self, metric: Metric, sign: int) -> None:
        """Ask how much of the amount ``metric`` to count (``sign`` -1: take back), with an optional note."""
        from goaltui.tui.screens.prompt import PromptScreen

        prompt = PromptScreen(
            (_("Take back {metric} ({unit})") if sign < 0 else _("Add {metric} ({unit})")).format(
                metric=metric.id, unit=metric.unit
            ),
            read_amount,
            placeholder=_("amount, e.g. 250"),
            note=_("note (optional): who, which deal"),
        )
        self.app.push_screen(prompt, partial(self._amount_entered, metric, sign))

    def level(self, metric: Metric) -> None:
        """Ask what the level ``metric`` stands at on the day being counted; the latest reading counts."""
        from goaltui.tui.screens.prompt import PromptScreen

        counts, day = self.app.tracker.counts, self.screen.counting_day
        was = counts.level(metric.id, day)
        now = " " + _("(now {value})").format(value=quantity(was, metric.unit)) if was is not None else ""
        if self.screen.day is None:
            question = _("What does {metric} stand at today?")
        else:
            question = _("What does {metric} stand at on {day}?")
        prompt = PromptScreen(
            question.format(metric=metric.id, day=short_date(day, self.app.today)) + now,
            read_level,
            placeholder=_("its value, e.g. 57"),
            hint=_("the latest reading counts, never a sum · {key} takes it back").format(key=self.screen.key(UNDO)),
        )
        self.app.push_screen(prompt, partial(self._level_entered, metric))

    def _level_entered(self, metric: Metric, answer: Answer[float] | None) -> None:
        if answer is not None:
            self.record_level(metric, answer.value)

    def record_level(self, metric: Metric, value: float) -> None:
        self.app.disk.read_level(metric.id, value, day=self.screen.day)
        if self.app.disk.waiting_long:
            self.screen.show_day_bar()

    def _amount_entered(self, metric: Metric, sign: int, answer: Answer[float] | None) -> None:
        if answer is not None:
            self.checked(metric, sign * answer.value, answer.note)

    def checked(self, metric: Metric, n: float, note: str = "") -> None:
        """Count ``n``; one over ten times the best day (model/numbers.is_slip, as `goaltui log` checks) asks first."""
        best = self.app.tracker.counts.best(metric.id)
        if not is_slip(n, best, amount=metric.is_amount):
            self.screen.submit(metric.id, n, note)
            return
        from goaltui.tui.screens.prompt import PromptScreen

        if best:
            before = _("your best day so far is {amount}").format(amount=quantity(best, metric.unit))
        else:
            before = _("nothing is counted for it yet")
        what = counted(abs(n), metric.id, metric.unit)
        if n < 0:
            question = _("Take back {what}? That is over ten times a day: {before}")
        else:
            question = _("Count {what}? That is over ten times a day: {before}")
        prompt = PromptScreen(question.format(what=what, before=before), read_yes, placeholder=yes_letter())
        self.app.push_screen(prompt, partial(self._sure, metric.id, n, note))

    def _sure(self, metric: str, n: float, note: str, answer: Answer[bool] | None) -> None:
        if answer is not None:
            self.screen.submit(metric, n, note)

    def note(self) -> None:
        """A one-line note for the tap just made; the counting goes on as soon as it is entered."""
        last = self.app.disk.last_tap()
        if self.app.disk.refused():
            return
        if last is None:
            self.screen.notify(_("Tap first: a note goes with the last tap made on this screen"), timeout=3)
            return
        from goaltui.tui.screens.prompt import PromptScreen

        metric, day, at = last
        when = f"{at:%H:%M}"
        if day != at.date():
            when = _("{time}, for {day}").format(time=when, day=short_date(day, at.date()))
        names = None
        if self.app.tracker.own and metric in {m.id for m in self.app.tracker.plan.funnel()}:
            recent = sorted(self.screen.people.values(), key=lambda p: p.last_touch or at.date(), reverse=True)
            names = [p.name for p in recent]  # the most recently touched completes first
        prompt = PromptScreen(
            _("Note for the last tap: one {metric} at {time}").format(metric=singular(metric), time=when),
            read_note if names is None else str.strip,
            placeholder=_("which company, which channel, what next"),
            names=names,
        )
        self.app.push_screen(prompt, partial(self._note_entered, last))

    def _note_entered(self, last: tuple[str, date, datetime], answer: Answer[str] | None) -> None:
        """The note (and the name) go with the tap; a second lead for someone already a lead is asked about."""
        if answer is None:
            return
        from goaltui.model.people import counted_as, find

        metric = last[0]
        first = counted_as(find(self.screen.people, answer.who), metric) if answer.who else None
        if first is None:
            self.app.disk.note(answer.value, answer.who)
            return
        from goaltui.tui.screens.prompt import PromptScreen

        person = find(self.screen.people, answer.who)
        assert person is not None
        question = _(
            "{name} is already one of your {metric} (first on {day}). Count this as another {one} for them?"
        ).format(name=shown(person.name), metric=metric, day=short_date(first, self.app.today), one=singular(metric))
        prompt = PromptScreen(
            question,
            read_yes,
            placeholder=yes_letter(),
            hint=_("{y}: count it · escape: take this tap back; the note goes on their timeline").format(
                y=yes_letter()
            ),
        )
        self.app.push_screen(prompt, partial(self._second_entered, last, person.name, answer.value))

    def _second_entered(
        self, last: tuple[str, date, datetime], who: str, note: str, answer: Answer[bool] | None
    ) -> None:
        if answer is not None:
            self.app.disk.note(note, who)
            return
        if self.app.disk.last_tap() != last:  # another tap since: this one is no longer the one to take back
            self.app.disk.note(note, who)
            self.screen.notify(
                _("Counted, with {name}: the tap is no longer the last one ({key} takes it back)").format(
                    name=shown(who), key=self.screen.key(UNDO)
                ),
                timeout=4,
            )
            return
        self.app.disk.undo()
        text = note or f"{singular(last[0])} again, not counted"  # the people log's words: never translated
        self.app.disk.touch(who, "note", text)
        words = _("Not counted again: {name} is one of your {metric} already; the note is on their timeline")
        self.screen.notify(words.format(name=shown(who), metric=last[0]), timeout=4)

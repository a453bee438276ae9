"""The People screen: everyone named on a tap or a touch, by next follow-up, and a person's timeline.

Overdue first, then today, this week and later, then those with no
follow-up; stale people flagged. ``/`` searches by name. On the selected
person: set the next follow-up, mark it done, a call with no answer, lost,
or count them at the next funnel stage (a prospect as a lead).
The people log is read and written in a thread; every name, note and detail
is shown escaped and never as markup.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.markup import escape
from textual.screen import Screen
from textual.widgets import DataTable, Header, Input, Static

from goaltui.lang import _, ngettext
from goaltui.model.calendar import short_date
from goaltui.model.format import count
from goaltui.model.keymap import FOLLOW, PEOPLE_SCREEN, SEARCH
from goaltui.model.names import name_key
from goaltui.model.people import Person, by_follow_up, parse_when, week_end
from goaltui.model.shown import shown
from goaltui.tui.bindings import CommandsMixin
from goaltui.tui.widgets.keybar import KeyBar

if TYPE_CHECKING:
    from goaltui.tui.app import GoalApp
    from goaltui.tui.screens.prompt import Answer

WHEN_WORDS = {"overdue": "overdue", "today": "today", "week": "this week", "later": "later"}


def when_words(person: Person, today: date, end: date) -> str:
    """Where the follow-up falls, in words: ``overdue 3d``, ``today``, ``Fri 27 Nov``, or ``-``."""
    due = person.due(today, end)
    if due is None or person.follow_up is None:
        return "-"
    if due == "overdue":
        return _("overdue {days}d").format(days=(today - person.follow_up).days)
    return _("today") if due == "today" else short_date(person.follow_up, today)


def timeline_text(person: Person, today: date) -> Text:
    """The person's stage, details, and every tap and touch, newest first."""
    text = Text(shown(person.name), "bold")
    stage = person.stage or _("no stage")
    text.append(f"  {stage}" + ("  " + _("lost") if person.lost else ""), "dim")
    for name, value in person.details.items():
        text.append(f"\n{name}: {shown(value)}")
    for event in reversed(person.events[-30:]):
        text.append(f"\n{short_date(event.at.date(), today)} {event.at:%H:%M}  ", "dim")
        kinds = {"note": _("note"), "details": _("details")}
        said = f"{kinds[event.kind]}: {event.text}" if event.kind in kinds else event.text
        if event.due is not None:
            follow = _("follow up {date}: {note}") if event.text else _("follow up {date}")
            said = follow.format(date=short_date(event.due, today), note=event.text)
        text.append(shown(said))
    return text


MAX_ROWS = 300  # rows drawn at once: the table measures every cell, and no one reads past a few hundred


class PeopleScreen(CommandsMixin, Screen[None]):
    """Everyone you named, by next follow-up; the selected person's timeline beside."""

    COMMANDS_TABLE = PEOPLE_SCREEN
    DEFAULT_CSS = """
    PeopleScreen #people-search { margin: 0 1; }
    PeopleScreen #people-body { height: 1fr; }
    PeopleScreen #people-table { height: 2fr; }
    PeopleScreen #people-timeline { height: 1fr; padding: 0 1; border-top: solid $primary; overflow-y: auto; }
    PeopleScreen #people-summary { padding: 0 1; color: $text-muted; height: auto; }
    """

    app: GoalApp

    def __init__(self) -> None:
        super().__init__()
        self.people: dict[str, Person] = {}
        self.shown_keys: list[str] = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(placeholder=_("search by name"), id="people-search")
        with Vertical(id="people-body"):
            yield Static(id="people-summary")
            yield DataTable(id="people-table", cursor_type="row", zebra_stripes=True)
            yield Static(id="people-timeline")
        yield KeyBar()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for label, key in (
            (_("Follow up"), "when"),
            (_("Name"), "name"),
            (_("Stage"), "stage"),
            (_("Last touch"), "last"),
        ):
            table.add_column(label, key=key)
        table.add_column("", key="flags")
        table.focus()
        self.query_one("#people-summary", Static).update(_("reading…"))
        self.load()

    # ------------------------------------------------------------------ the disk, in a thread

    @work(thread=True, exclusive=True, group="people", exit_on_error=False)
    def load(self) -> None:
        from goaltui.tui import folder

        try:
            found = folder.people(self.app.tracker)
        except OSError as err:
            problem = _("People not read: {problem}").format(problem=err)
            self.app.call_from_thread(self.notify, problem, severity="error", markup=False)
            return
        for problem in found.problems[:3]:
            self.app.call_from_thread(self.notify, shown(problem), severity="warning", timeout=8, markup=False)
        self.app.call_from_thread(self._loaded, found.people)

    @work(thread=True, group="people-write", exit_on_error=False)
    def write(self, who: str, kind: str, due: date | None = None, note: str = "") -> None:
        from goaltui.tui import folder

        try:
            folder.touch(self.app.tracker, who, kind, now=self.app.clock(), due=due, note=note)  # type: ignore[arg-type]
        except (OSError, ValueError) as err:
            problem = _("Not saved: {problem}").format(problem=err)
            self.app.call_from_thread(self.notify, problem, severity="error", timeout=8, markup=False)
            return
        self.app.call_from_thread(self.load)

    # ------------------------------------------------------------------ showing

    def _loaded(self, people: dict[str, Person]) -> None:
        self.people = people
        self.show()

    def show(self) -> None:
        table = self.query_one(DataTable)
        today = self.app.today
        settings = self.app.tracker.plan.settings
        end = week_end(today, settings.week_starts)
        stale_after = dict(settings.stale_after)
        search = name_key(self.query_one("#people-search", Input).value)
        selected = self.selected()
        found = [p for p in by_follow_up(self.people.values()) if search in name_key(p.name)]
        chosen = found[:MAX_ROWS]  # the most pressing first; the rest are a search away
        table.clear()
        self.shown_keys = []
        for person in chosen:
            stale = person.stale(today, stale_after)
            flags = " ".join(f for f, on in ((_("stale"), stale), (_("lost"), person.lost)) if on)
            when = when_words(person, today, end)
            style = "bold" if person.due(today, end) in ("overdue", "today") else ""
            last = short_date(person.last_touch, today) if person.last_touch else ""
            key = name_key(person.name)
            table.add_row(
                Text(when, style), Text(shown(person.name)), person.stage or "-", last, Text(flags, "italic"), key=key
            )
            self.shown_keys.append(key)
        if selected is not None and selected in self.shown_keys:
            table.move_cursor(row=self.shown_keys.index(selected))
        due = sum(p.due(today, end) in ("overdue", "today") for p in self.people.values())
        more = (
            " · "
            + _("showing the first {shown} of {found}: type a name").format(
                shown=count(len(chosen)), found=count(len(found))
            )
            if len(found) > len(chosen)
            else ""
        )
        everyone = ngettext("{n} people", "{n} people", len(self.people)).format(n=count(len(self.people)))
        pressing = ngettext("{n} follow-up due", "{n} follow-ups due", due).format(n=count(due))
        keys = _("{follow} follow up · {search} search").format(follow=self.key(FOLLOW), search=self.key(SEARCH))
        self.query_one("#people-summary", Static).update(
            f"{everyone}{more} · {pressing} · {keys}\n{self.funnel_words(today, stale_after)}"
            if self.people
            else _("No one yet: name someone on a tap (goaltui log p --who NAME)")
        )
        self.show_timeline()

    def funnel_words(self, today: date, stale_after: dict[str, int]) -> str:
        """The cohorts of the last weeks and the pipeline, one line each."""
        from goaltui.model.cohort import cohorts, pipeline

        funnel = [m.id for m in self.app.tracker.plan.funnel()]
        found = cohorts(self.people.values(), funnel, today, links=self.app.tracker.plan.stage_links())
        flow = pipeline(self.people.values(), funnel, found, today, stale_after)
        return "\n".join([c.words() for c in found] + ([flow.words()] if flow else []))

    def selected(self) -> str | None:
        table = self.query_one(DataTable)
        if not self.shown_keys or table.cursor_row < 0:
            return None
        return self.shown_keys[min(table.cursor_row, len(self.shown_keys) - 1)]

    def show_timeline(self) -> None:
        key = self.selected()
        person = self.people.get(key) if key else None
        timeline = self.query_one("#people-timeline", Static)
        timeline.update(timeline_text(person, self.app.today) if person else "")

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        self.show_timeline()

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.show()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.query_one(DataTable).focus()

    # ------------------------------------------------------------------ actions

    def action_search(self) -> None:
        self.query_one("#people-search", Input).focus()

    def action_back(self) -> None:
        search = self.query_one("#people-search", Input)
        if search.has_focus and search.value:
            search.value = ""
            self.query_one(DataTable).focus()
            return
        self.app.pop_screen()

    def person(self) -> Person | None:
        key = self.selected()
        person = self.people.get(key) if key else None
        if person is None:
            self.notify(_("No one selected"), timeout=2)
        return person

    def action_follow(self) -> None:
        person = self.person()
        if person is None:
            return
        from goaltui.tui.screens.prompt import PromptScreen

        today = self.app.today

        def read(text: str) -> date:
            day = parse_when(text, today)
            if day < today:
                raise ValueError(_("{date} is past: give today or a later day").format(date=day))
            return day

        prompt = PromptScreen(
            _("Next follow-up with {name}").format(name=escape(shown(person.name))),  # the label reads markup
            read,
            placeholder=_("tomorrow, fri, +3, 2026-12-01"),
            note=_("what about (optional)"),
        )
        self.app.push_screen(prompt, lambda answer: self._follow_set(person, answer))

    def _follow_set(self, person: Person, answer: Answer[date] | None) -> None:
        if answer is not None:
            self.write(person.name, "follow-up", answer.value, answer.note)

    def action_touch(self, kind: str) -> None:
        person = self.person()
        if person is None:
            return
        if kind == "done" and person.follow_up is None:
            self.notify(_("{name} has no follow-up set").format(name=shown(person.name)), timeout=3, markup=False)
            return
        self.write(person.name, kind)
        done = {"done": _("done"), "no-answer": _("no answer"), "lost": _("lost")}.get(kind, kind.replace("-", " "))
        self.notify(f"{shown(person.name)}: {done}", timeout=2, markup=False)

    def action_advance(self) -> None:
        person = self.person()
        if person is None:
            return
        stages = [m.id for m in self.app.tracker.plan.funnel()]
        at = stages.index(person.stage) if person.stage in stages else -1
        if at + 1 >= len(stages):
            last = _("{name} is at the last stage already").format(name=shown(person.name))
            self.notify(last, timeout=3, markup=False)
            return
        self.count(person.name, stages[at + 1])

    @work(thread=True, group="people-write", exit_on_error=False)
    def count(self, who: str, metric: str) -> None:
        """A tap of ``metric`` naming ``who``: the daily screen counts it when it next looks at the log."""
        from goaltui.tui import folder

        try:
            folder.count_for(self.app.tracker, metric, who, now=self.app.clock())
        except (OSError, ValueError) as err:
            problem = _("Not counted: {problem}").format(problem=err)
            self.app.call_from_thread(self.notify, problem, severity="error", timeout=8, markup=False)
            return
        counted = _("{name}: one of your {metric} now").format(name=shown(who), metric=metric)
        self.app.call_from_thread(self.notify, counted, timeout=3, markup=False)
        self.app.call_from_thread(self.load)

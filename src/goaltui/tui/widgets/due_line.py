"""The daily screen's one line about follow-ups: how many are due today, and the most overdue, by name.

Hidden while there is nothing due (and on a member's day, where names never
show). A click opens the People screen, as ``@`` does.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from rich.text import Text
from textual import events
from textual.widgets import Static

from goaltui.lang import _, ngettext
from goaltui.model.format import count
from goaltui.model.shown import shown

if TYPE_CHECKING:  # the people are read after the first frame: their model loads then, not at every start
    from goaltui.model.people import Person


def due_words(people: list[Person], today: date, key: str) -> Text | None:
    """``3 follow-ups due · most overdue: Ben Ortiz, 4 days · @ people``; None when none is due."""
    from goaltui.model.people import due_people

    due = due_people(people, today)
    if not due:
        return None
    first = due[0]
    assert first.follow_up is not None
    late = (today - first.follow_up).days
    text = Text(ngettext("{n} follow-up due", "{n} follow-ups due", len(due)).format(n=count(len(due))), "bold")
    if late > 0:
        most = ngettext("most overdue: {name}, {n} day", "most overdue: {name}, {n} days", late)
        text.append(" · " + most.format(name=shown(first.name), n=count(late)))
    else:
        names = ", ".join(shown(p.name) for p in due[:3]) + (" …" if len(due) > 3 else "")
        text.append(" · " + _("today: {names}").format(names=names))
    text.append(" · " + _("{key} people").format(key=key), "dim")
    return text


class DueLine(Static):
    """One line; the screen fills it from a thread and hides it while nothing is due."""

    DEFAULT_CSS = """
    DueLine { height: 1; color: $warning; display: none; }
    """

    def show_due(self, words: Text | None) -> None:
        self.display = words is not None
        if words is not None:
            self.update(words)

    async def on_click(self, event: events.Click) -> None:
        event.stop()
        await self.screen.run_action("people")

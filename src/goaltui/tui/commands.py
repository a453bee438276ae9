"""Each command is defined once; bindings, footer, palette and help derive from it.

Binding ids are stable: a `[keymap]` table in config.toml maps an id to keys.
Metric keys (p, l, c, ...) are not here: they come from goals.toml, where the
user sets them, and the daily screen reads them from the plan.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding, BindingType


@dataclass(frozen=True, slots=True)
class Command:
    id: str
    key: str
    action: str
    title: str
    help: str
    show: bool = True
    key_display: str | None = None

    def binding(self) -> Binding:
        return Binding(self.key, self.action, self.title, show=self.show, id=self.id, key_display=self.key_display)


UNDO = Command("undo", "u", "undo", "Undo", "Take back the last tap made on this screen")
# The day keys live in help and the palette: in the footer they would push "? Keys" and
# "q Quit" off an 80-column screen.
PREVIOUS_DAY = Command(
    "previous-day",
    "left",
    "previous_day",
    "Day before",
    "Count for the day before (backfill)",
    show=False,
    key_display="←",
)
NEXT_DAY = Command(
    "next-day", "right", "next_day", "Day after", "Count for the day after (up to today)", show=False, key_display="→"
)
TODAY = Command("today", "t", "today", "Today", "Back to counting today")
HELP = Command("help", "question_mark", "help", "Keys", "Show every key", key_display="?")
REVIEW = Command("review", "r", "review", "Review", "Review last week: results, decisions per goal, notes")
HISTORY = Command(
    "history", "h", "history", "History", "A year's heatmap, weekly totals, conversion, streaks", show=False
)
GOALS = Command("goals", "g", "goals", "Goals", "Open the goals: the ladder, SMART check, milestones")
QUIT = Command("quit", "q", "app.quit", "Quit", "Quit goaltui (every tap is already saved)")

DAILY = (UNDO, PREVIOUS_DAY, NEXT_DAY, TODAY, GOALS, REVIEW, HISTORY, HELP, QUIT)


def bindings(commands: tuple[Command, ...]) -> list[BindingType]:
    return [c.binding() for c in commands]


# The goals screen (screens/goals.py).
NEW_GOAL = Command("new-goal", "n", "new_goal", "New", "Create a goal (the form checks it is SMART as you type)")
EDIT_GOAL = Command("edit-goal", "e", "edit_goal", "Edit", "Edit the selected goal")
MILESTONES = Command(
    "milestones", "m", "milestones", "Milestones", "Add, tick or remove the selected goal's milestones"
)
ARCHIVE = Command(
    "archive", "x", "archive", "Archive", "Archive the selected goal, or restore it (it stays in the file)"
)
# In help and the palette; in the footer it would push Back, Keys and Quit off 80 columns.
SHOW_ARCHIVED = Command("show-archived", "a", "show_archived", "Archived", "Show or hide archived goals", show=False)
BACK = Command("back", "escape", "back", "Back", "Back to the daily screen", key_display="esc")

GOALS_SCREEN = (NEW_GOAL, EDIT_GOAL, MILESTONES, ARCHIVE, SHOW_ARCHIVED, BACK, HELP, QUIT)

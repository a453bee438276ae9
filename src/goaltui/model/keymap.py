"""Every key action of every screen, defined once: bindings, key bar, palette and help derive from these tables.

Plain data with no Textual, so the goals file can check that a metric's key is
not one the daily screen keeps for itself (``RESERVED_KEYS``). The screens turn
a table into bindings (tui/bindings.py). Ids are stable: a ``[keymap]`` table
in config.toml maps an id to other keys. ``key`` may list several keys,
comma separated; the first is the one named in hints.
"""

from __future__ import annotations

from goaltui.lang import N_, _
from goaltui.model.record import record


@record
class Command:
    """One thing a user can do on a screen, with its default keys and its words."""

    id: str
    key: str
    action: str
    title: str
    help: str
    show: bool = True  # in the key bar; help and the palette list every command
    priority: bool = False  # taken before the focused widget sees the key


# Shared by every screen. In a text field `?` types itself: f1 opens the keys there.
HELP = Command("help", "question_mark,f1", "help", N_("Keys"), N_("Show every key of this screen"))
QUIT = Command("quit", "q", "app.quit", N_("Quit"), N_("Quit goaltui (while taps wait for the disk, it asks first)"))

# --- the daily screen (screens/daily.py) ------------------------------------------

UNDO = Command("undo", "u", "undo", N_("Undo"), N_("Take back the last tap made on this screen"))
# The day keys live in help and the palette: in the key bar they would push "? Keys" and
# "q Quit" off an 80-column screen.
PREVIOUS_DAY = Command(
    "previous-day", "left", "previous_day", N_("Day before"), N_("Count for the day before (backfill)"), show=False
)
NEXT_DAY = Command(
    "next-day", "right", "next_day", N_("Day after"), N_("Count for the day after (up to today)"), show=False
)
TODAY = Command("today", "t", "today", N_("Today"), N_("Back to counting today"))
GOALS = Command("goals", "g", "goals", N_("Goals"), N_("Open the goals: the ladder, SMART check, milestones"))
REVIEW = Command("review", "r", "review", N_("Review"), N_("Review last week: results, decisions per goal, notes"))
HISTORY = Command(
    "history", "h", "history", N_("History"), N_("A year's heatmap, weekly totals, conversion, streaks"), show=False
)

# Enter: no metric can take it, so a note never costs a user a key of their own.
NOTE = Command("note", "enter", "note", N_("Note"), N_("Add a note to the last tap: who, which company, which channel"))
# Not a letter: a letter would be taken from the keys a metric may have. In help and the palette.
SYNC = Command(
    "sync", "ctrl+s", "app.sync", N_("Sync now"), N_("Sync through git now: commit, pull and push"), show=False
)

# Not a letter (a metric may take any letter): @ for people. In help and the palette.
PEOPLE = Command(
    "people", "at", "people", N_("People"), N_("Who to follow up: everyone you named, by next follow-up"), show=False
)
# The screen scrolls with these whatever has the focus (nothing, at first); the mouse wheel scrolls it too.
SCROLL_DOWN = Command("scroll-down", "down", "scroll('down')", N_("Scroll down"), N_("Scroll down a line"), show=False)
SCROLL_UP = Command("scroll-up", "up", "scroll('up')", N_("Scroll up"), N_("Scroll up a line"), show=False)
PAGE_DOWN = Command(
    "page-down", "pagedown", "scroll('page-down')", N_("Page down"), N_("Scroll down a page"), show=False
)
PAGE_UP = Command("page-up", "pageup", "scroll('page-up')", N_("Page up"), N_("Scroll up a page"), show=False)
DAILY: tuple[Command, ...] = (
    UNDO,
    NOTE,
    PREVIOUS_DAY,
    NEXT_DAY,
    TODAY,
    GOALS,
    REVIEW,
    HISTORY,
    PEOPLE,
    SYNC,
    SCROLL_DOWN,
    SCROLL_UP,
    PAGE_DOWN,
    PAGE_UP,
    HELP,
    QUIT,
)

# --- the goals screen (screens/goals.py) ------------------------------------------

NEW_GOAL = Command(
    "new-goal", "n", "new_goal", N_("New"), N_("Create a goal (the form checks it is SMART as you type)")
)
EDIT_GOAL = Command("edit-goal", "e", "edit_goal", N_("Edit"), N_("Edit the selected goal"))
MILESTONES = Command(
    "milestones", "m", "milestones", N_("Milestones"), N_("Add, tick or remove the selected goal's milestones")
)
ARCHIVE = Command(
    "archive", "x", "archive", N_("Archive"), N_("Archive the selected goal, or restore it (it stays in the file)")
)
# In help and the palette; in the key bar it would push Back, Keys and Quit off 80 columns.
SHOW_ARCHIVED = Command(
    "show-archived", "a", "show_archived", N_("Archived"), N_("Show or hide archived goals"), show=False
)
BACK = Command("back", "escape", "back", N_("Back"), N_("Back to the daily screen"))

# Named in the goal's detail; in the key bar it would push Back, Keys and Quit off 80 columns.
ROAD = Command(
    "road",
    "d",
    "road",
    N_("Road"),
    N_("The road to the deadline: progress against the line, the projection"),
    show=False,
)
GOALS_SCREEN = (NEW_GOAL, EDIT_GOAL, MILESTONES, ROAD, ARCHIVE, SHOW_ARCHIVED, BACK, HELP, QUIT)

# --- the road chart (screens/road.py) ---------------------------------------------

ROAD_BACK = Command("road-back", "escape", "close", N_("Back"), N_("Back to the goals"))
ROAD_SCREEN = (ROAD_BACK, HELP, QUIT)

# --- the review screen (screens/review.py) ----------------------------------------

# [ and ] are named in the week line; in the key bar they would push Back off 80 columns.
PREVIOUS_WEEK = Command(
    "review-previous-week",
    "left_square_bracket",
    "week(-1)",
    N_("Week before"),
    N_("Review the week before"),
    show=False,
)
NEXT_WEEK = Command(
    "review-next-week", "right_square_bracket", "week(1)", N_("Week after"), N_("Review the week after"), show=False
)
KEEP = Command("review-keep", "k", "decide('keep')", N_("Keep"), N_("Keep the selected goal as it is"), show=False)
RAISE = Command(
    "review-raise", "plus", "decide('raise')", N_("Raise"), N_("Raise the selected goal's target, from now")
)
LOWER = Command(
    "review-lower",
    "minus",
    "decide('lower')",
    N_("Lower"),
    N_("Lower the selected goal's target, from the next window"),
)
CARRY = Command(
    "review-carry",
    "o",
    "decide('carry')",
    N_("Carry over"),
    N_("Carry the shortfall over to the next window"),
    show=False,
)
EXTEND = Command(
    "review-extend", "e", "decide('extend')", N_("Extend"), N_("Move the selected goal's deadline"), show=False
)
ACHIEVED = Command(
    "review-achieved", "a", "decide('achieved')", N_("Achieved"), N_("Archive the selected goal: achieved"), show=False
)
DROPPED = Command(
    "review-dropped", "x", "decide('dropped')", N_("Dropped"), N_("Archive the selected goal: dropped"), show=False
)
SAVE_REVIEW = Command(
    "review-save",
    "ctrl+s",
    "save",
    N_("Save"),
    N_("Save this review and apply its decisions to goals.toml"),
    priority=True,
)
REVIEW_HISTORY = Command(
    "review-history", "h", "history", N_("History"), N_("A year's heatmap, weekly totals, conversion, streaks")
)
REVIEW_BACK = Command(
    "review-back", "escape", "close", N_("Back"), N_("From a note: back to the goals; else close the review")
)
# Tab never wraps from the last note back to the goals table, where letters are decisions.
NEXT_NOTE = Command(
    "review-next-note",
    "tab",
    "next_note",
    N_("Next note"),
    N_("From the goals to the notes, then from note to note"),
    show=False,
)

REVIEW_SCREEN = (
    PREVIOUS_WEEK,
    NEXT_WEEK,
    KEEP,
    RAISE,
    LOWER,
    CARRY,
    EXTEND,
    ACHIEVED,
    DROPPED,
    SAVE_REVIEW,
    REVIEW_HISTORY,
    REVIEW_BACK,
    NEXT_NOTE,
    HELP,
    QUIT,
)

# --- the history screen (screens/history.py) --------------------------------------

NEXT_METRIC = Command(
    "history-next-metric", "m", "next_metric", N_("Next metric"), N_("Show the next metric's heatmap")
)
# Its own command: tab is Textual's focus key on every screen, so it would come first in a shared list.
NEXT_METRIC_TAB = Command(
    "history-next-metric-tab", "tab", "next_metric", N_("Next metric"), N_("Show the next metric's heatmap"), show=False
)
HISTORY_BACK = Command("history-back", "escape", "close", N_("Back"), N_("Back to the screen before"))

HOURS = Command(
    "history-hours", "w", "hours", N_("When"), N_("When you make contacts: hours by weekday, the best block, the notes")
)

HISTORY_SCREEN = (NEXT_METRIC, NEXT_METRIC_TAB, HOURS, HISTORY_BACK, HELP, QUIT)

# --- the people screen (screens/people.py) ----------------------------------------

FOLLOW = Command("people-follow", "f", "follow", N_("Follow up"), N_("Set the selected person's next follow-up"))
FOLLOWED = Command("people-done", "d", "touch('done')", N_("Done"), N_("Mark the selected person's follow-up done"))
NO_ANSWER = Command("people-no-answer", "n", "touch('no-answer')", N_("No answer"), N_("Note a call with no answer"))
LOST = Command("people-lost", "x", "touch('lost')", N_("Lost"), N_("Mark the selected person lost"), show=False)
ADVANCE = Command(
    "people-advance",
    "plus",
    "advance",
    N_("Next stage"),
    N_("Count the selected person at the next funnel stage (a lead)"),
)
SEARCH = Command("people-search", "slash", "search", N_("Search"), N_("Search by name (enter: back to the list)"))
PEOPLE_BACK = Command("people-back", "escape", "back", N_("Back"), N_("Back to the daily screen"))
PEOPLE_SCREEN = (FOLLOW, FOLLOWED, NO_ANSWER, LOST, ADVANCE, SEARCH, PEOPLE_BACK, HELP, QUIT)

# --- modal screens ----------------------------------------------------------------

CLOSE_HELP = Command("help-close", "escape,q,question_mark,f1", "dismiss", N_("Close"), N_("Close this list of keys"))
HELP_SCREEN = (CLOSE_HELP,)

SAVE_GOAL = Command(
    "goal-form-save", "ctrl+s", "save", N_("Save"), N_("Save the goal (a goal that fails SMART: press twice)")
)
CANCEL_GOAL = Command("goal-form-cancel", "escape", "cancel", N_("Cancel"), N_("Close the form without saving"))
GOAL_FORM = (SAVE_GOAL, CANCEL_GOAL, HELP)

TICK = Command(
    "milestone-tick", "space", "tick", N_("Tick / untick"), N_("Mark the selected milestone done, or not done")
)
REMOVE = Command("milestone-remove", "delete,backspace", "remove", N_("Remove"), N_("Remove the selected milestone"))
CLOSE_MILESTONES = Command(
    "milestones-close", "escape", "cancel", N_("Close"), N_("Close the milestones without a change")
)
MILESTONES_SCREEN = (TICK, REMOVE, CLOSE_MILESTONES, HELP)

CANCEL_PROMPT = Command("prompt-cancel", "escape", "cancel", N_("Cancel"), N_("Close without choosing"))
PROMPT = (CANCEL_PROMPT, HELP)

# Asked on quitting while taps wait for the disk (screens/quit.py); it quits by itself once they are saved.
QUIT_ANYWAY = Command(
    "quit-anyway",
    "q",
    "quit_anyway",
    N_("Quit anyway"),
    N_("Quit now: the waiting taps are kept on this device and written to the tap log at the next start"),
)
QUIT_BACK = Command("quit-back", "escape", "back", N_("Back"), N_("Back to goaltui: keep counting while it retries"))
QUIT_SCREEN = (QUIT_ANYWAY, QUIT_BACK, HELP)

# --- the team view (tui/screens/team.py) ---------------------------------------------------

OPEN_MEMBER = Command("team-open", "enter", "open_member", N_("Open"), N_("Open the selected member's day, read-only"))
TEAM_SCREEN = (OPEN_MEMBER, HELP, QUIT)
BACK_TO_TEAM = Command("member-back", "escape", "back_to_team", N_("Team"), N_("Back to the team"))
MEMBER_DAILY = (BACK_TO_TEAM, *(c for c in DAILY if c.id not in ("undo", "note", "sync")))


def reserved_keys(commands: tuple[Command, ...] = DAILY) -> dict[str, str]:
    """The single-character keys of ``commands``, each with what it does: a metric may not take them."""
    return {
        key: command.title.lower()
        for command in commands
        for key in command.key.split(",")
        if len(key) == 1 and key.isalnum()
    }


# The daily screen counts a metric with its key: these keys are its own.
RESERVED_KEYS = reserved_keys()


# Every screen's table: a [keymap] remap is checked against the other commands of each screen its id is on.
SCREENS: tuple[tuple[tuple[Command, ...], bool], ...] = (  # (commands, whether a metric's key counts there)
    (DAILY, True),
    (MEMBER_DAILY, True),
    (GOALS_SCREEN, False),
    (ROAD_SCREEN, False),
    (REVIEW_SCREEN, False),
    (HISTORY_SCREEN, False),
    (HELP_SCREEN, False),
    (GOAL_FORM, False),
    (MILESTONES_SCREEN, False),
    (PROMPT, False),
    (TEAM_SCREEN, False),
    (PEOPLE_SCREEN, False),
)


def checked_keymap(keymap: dict[str, str], metric_keys: list[str]) -> tuple[dict[str, str], list[str]]:
    """The remaps of ``keymap`` that can be used, and one line for each that cannot (it is then ignored).

    A remap cannot be used when no command has its id, when it names no key,
    or when one of its keys is another command's on the same screen, or a
    metric's (its key counts one, shift and the key takes one back).
    """
    import difflib

    ids = {c.id for commands, _counts in SCREENS for c in commands}
    counted = {k for key in metric_keys for k in (key, key.upper())}
    usable: dict[str, str] = {}
    problems: list[str] = []
    for binding, keys in keymap.items():
        wanted = [k.strip() for k in keys.split(",") if k.strip()]
        if binding not in ids:
            near = difflib.get_close_matches(binding, sorted(ids), n=1)
            hint = _("did you mean {id}?").format(id=near[0]) if near else _("see the ids in the README")
            problems.append(
                _("[keymap] {binding}: no command has this id ({hint}); ignored").format(
                    binding=repr(binding), hint=hint
                )
            )
            continue
        if not wanted:
            problems.append(
                _("[keymap] {binding} = {keys} names no key; ignored").format(binding=binding, keys=repr(keys))
            )
            continue
        clash = _clash(binding, wanted, keymap | usable, counted)
        if clash:
            problems.append(
                _("[keymap] {binding} = {keys}: {clash}; ignored").format(binding=binding, keys=repr(keys), clash=clash)
            )
            continue
        usable[binding] = ",".join(wanted)
    return usable, problems


def _clash(binding: str, wanted: list[str], keymap: dict[str, str], counted: set[str]) -> str | None:
    """What one of ``wanted`` already does on a screen ``binding`` is on, if anything."""
    for commands, counts in SCREENS:
        if not any(c.id == binding for c in commands):
            continue
        for key in wanted:
            if counts and key in counted:
                return _("{key} counts a metric on the daily screen").format(key=key)
            for other in commands:
                if other.id == binding:
                    continue
                theirs = keymap.get(other.id, other.key).split(",")
                if key in (k.strip() for k in theirs):
                    return _("{key} is already {id} ({title})").format(key=key, id=other.id, title=_(other.title))
    return None

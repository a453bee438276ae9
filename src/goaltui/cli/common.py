"""What every command shares: its errors (UsageError exits 2, DataError 1), printing with escapes, the clock,
goals.toml as measured today, and reading days, amounts and weeks as the user types them.
"""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path
from types import ModuleType
from typing import TextIO

from goaltui import __version__
from goaltui.lang import _, ngettext
from goaltui.model.entry import Unclear, read_number
from goaltui.model.goals import FIRST_DAY, LAST_DAY
from goaltui.model.numbers import MAX_N, count
from goaltui.model.shown import shown
from goaltui.model.targets import plan_as_of
from goaltui.store import forget, locations
from goaltui.store.conflicts import goal_and_review_copies
from goaltui.store.crash import report
from goaltui.store.goalsfile import GoalsFile, GoalsFileError, ensure, goals_path, unknown_key_lines
from goaltui.store.spill import replay, spill_path
from goaltui.store.taplog import LogRead, TapLog

Clock = Callable[[], datetime]


def load(module: str) -> ModuleType:
    """``module``, imported now: what only one way through a command needs (the Team screen, not its JSON)."""
    return importlib.import_module(module)


class UsageError(Exception):
    """Bad usage: exit 2."""


class DataError(Exception):
    """A data problem: exit 1."""


def say(*words: object, file: TextIO | None = None, flush: bool = False) -> None:
    """``print``, with text from files in it escaped (model/shown.py): every line the command prints goes here."""
    print(shown(" ".join(str(w) for w in words), lines=True), file=file or sys.stdout, flush=flush)


def system_clock() -> datetime:
    """Now, as an aware local time. ``$GOALTUI_NOW`` (ISO) pins it for scripted runs."""
    pinned = os.environ.get("GOALTUI_NOW")
    if pinned:
        return datetime.fromisoformat(pinned).astimezone()
    return datetime.now().astimezone()


def warning(message: object) -> str:
    """``goaltui: warning: message``, the words of a warning on stderr (in the user's language)."""
    return "goaltui: " + _("warning: {message}").format(message=message)


def say_unknown_keys(file: GoalsFile) -> None:
    """Keys goaltui does not read (a typo like targt = 30): a warning each, with the nearest known key."""

    for line in unknown_key_lines(file):
        say(warning(line), file=sys.stderr)


def say_error(message: str) -> None:
    """``goaltui: message`` on stderr, one line, with what the terminal would act on (or cannot encode) escaped."""
    print(f"goaltui: {shown(message)}", file=sys.stderr)


def unexpected(err: BaseException, argv: Sequence[str]) -> str:
    """Write ``err``'s traceback to the state folder's crash file; the one line that says what failed and where."""

    return report(err, f"goaltui {__version__} {list(argv)!r}")


def is_text(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def load_goals(data: Path, today: date, *, kept: bool = False) -> GoalsFile:
    """goals.toml; with ``kept``, while it has a mistake, the last good goals (the mistake said on stderr)."""

    try:
        file, created = ensure(goals_path(data), today, kept=kept)
    except GoalsFileError as err:
        raise DataError(str(err)) from None
    if created:
        say("goaltui: " + _("wrote starter goals to {path}").format(path=file.path), file=sys.stderr)
    if file.broken:
        say(
            warning(_("{problem}; counting with the last good goals meanwhile").format(problem=file.broken)),
            file=sys.stderr,
        )
    obey_forget_markers(data)
    return measured(file, today)


def measured(file: GoalsFile, today: date) -> GoalsFile:
    """goals.toml as measured on ``today``: changes decided at a review that have begun are in force."""

    return replace(file, plan=plan_as_of(file.plan, today))


def parse_day(flag: str, text: str, today: date) -> date:
    """A day as the user writes it: YYYY-MM-DD, ``today``, ``yesterday`` or ``-N`` (N days ago)."""
    word = text.strip().lower()
    if word == "today":
        return today
    if word == "yesterday":
        return today - timedelta(days=1)
    if word.startswith("-") and word[1:].isascii() and word[1:].isdigit():
        return _in_range(flag, text, lambda: today - timedelta(days=int(word[1:])))
    try:
        return _in_range(flag, text, lambda: date.fromisoformat(text))
    except ValueError:
        raise UsageError(
            _("{flag} {text!r} is not a day: write YYYY-MM-DD (like {today}), today, yesterday or -N").format(
                flag=flag, text=text, today=today.isoformat()
            )
        ) from None


def past_day(text: str, today: date) -> date:
    day = parse_day("--date", text, today)
    if day > today:
        raise UsageError(_("--date {day} is in the future: you can only count today or past days").format(day=day))
    return day


def _in_range(flag: str, text: str, day: Callable[[], date]) -> date:
    """``day()``, or UsageError when it falls outside the days goaltui counts."""

    try:
        found = day()
    except OverflowError:
        found = None
    if found is None or not FIRST_DAY <= found <= LAST_DAY:
        raise UsageError(
            _("{flag} {text!r} is out of range: give a day from {first} to {last}").format(
                flag=flag, text=text, first=FIRST_DAY.year, last=LAST_DAY.year
            )
        )
    return found


def parse_amount(text: str, *, whole: bool) -> float:
    """N as the user writes it in their language (12,50 or 12.50 in Swedish); a count must be whole."""
    try:
        n: float = read_number(text)
    except Unclear as err:
        raise UsageError(_("N {problem}").format(problem=err)) from None
    except ValueError:
        raise UsageError(_("N {text!r} is not a number: give how many, like 1, 3 or -1").format(text=text)) from None
    if whole and not float(n).is_integer():
        raise UsageError(_("N {text!r} must be a whole number, like 1, 3 or -1").format(text=text))
    if n == 0:
        raise UsageError(_("N is 0: nothing to count (use -1 to take one back)"))
    if abs(n) > MAX_N:
        raise UsageError(_("N {text!r} is too large to be a count").format(text=text))
    return n


def replay_spill(log: TapLog) -> None:
    """Write the taps the app kept in its spill file when it ended (a full disk?) into the tap log, once."""

    try:
        result = replay(log)
    except OSError as err:
        why = err.strerror or err
        say(warning(_("the taps the app kept aside could not be read: {why}").format(why=why)), file=sys.stderr)
        return
    for problem in result.problems:
        say(warning(problem), file=sys.stderr)
    n = len(result.written)
    if n:
        words = ngettext(
            "{n} tap the app kept aside when it ended: in the tap log now",
            "{n} taps the app kept aside when it ended: in the tap log now",
            n,
        )
        say("goaltui: " + words.format(n=count(n)), file=sys.stderr)
    if result.error is not None:
        words = ngettext(
            "{n} tap the app kept aside still waits in {path} ({why}); the next goaltui log tries again",
            "{n} taps the app kept aside still wait in {path} ({why}); the next goaltui log tries again",
            result.left,
        )
        why = result.error.strerror or result.error
        say(warning(words.format(n=count(result.left), path=spill_path(log.data_dir), why=why)), file=sys.stderr)


def read_counts(data: Path) -> LogRead:
    result = TapLog(data).read()
    for problem in result.problems:
        say(warning(problem), file=sys.stderr)
    for conflict in result.conflicts:
        say(
            warning(
                _(
                    "{path}: a sync conflict copy, not counted; merge it by hand or delete it once you have checked it"
                ).format(path=conflict)
            ),
            file=sys.stderr,
        )

    for copy in goal_and_review_copies(data):
        say(
            warning(
                _(
                    "{path}: a sync conflict copy, another device's version kept when both changed "
                    "the file; compare it, copy what you need, then delete it"
                ).format(path=copy)
            ),
            file=sys.stderr,
        )
    return result


def obey_forget_markers(data: Path) -> None:
    """Forget, in this device's files, the names another device forgot (once per marker)."""

    try:
        done = forget.apply_markers(data, locations.device_id())
    except OSError as err:
        print(
            warning(_("a name forgotten on another device is not yet forgotten here: {why}").format(why=err)),
            file=sys.stderr,
        )
        return
    if done.files:
        n = len(done.files)
        words = ngettext(
            "forgot a name another device forgot, in {n} file(s)",
            "forgot a name another device forgot, in {n} file(s)",
            n,
        )
        print("goaltui: " + words.format(n=count(n)), file=sys.stderr)

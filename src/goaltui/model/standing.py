"""Where a goal's progress stands against its line, in a word and a symbol, and the status line made of them.

model/pace.py decides every goal's status with :func:`status`, and
model/statusline.py draws the prompt's line with :func:`line_parts`. The quick
path (`goaltui log p`) uses both too: with the figures the last full run kept,
it rewrites the status line after a tap without working the pace out again.
So this module imports only what imports nothing (and goaltui.lang, which every run has loaded).
"""

from __future__ import annotations

from goaltui.lang import N_, _, pgettext
from goaltui.model.numbers import count
from goaltui.model.shown import shown

TYPE_CHECKING = False  # typing itself is not loaded on the quick path
if TYPE_CHECKING:
    from collections.abc import Sequence

    from goaltui.model.pace import PaceStatus


EPSILON = 1e-9  # float slack when comparing progress with a line
SYMBOLS = {"done": "✔", "ahead": "▲", "on pace": "●", "behind": "▼", "missed": "✖"}
WIDTH = 80  # columns of the status line
SEPARATOR = " · "
NO_GOALS = N_("goaltui: no goals yet")  # shown translated by no_goals()


def at_least(value: float, line: float) -> bool:
    """``value`` reaches ``line``, with float slack."""
    return value >= line - EPSILON * max(1.0, abs(line))


def status(progress: float, target: float, expected: float, next_line: float, over: bool) -> PaceStatus:
    """A goal's status: ``progress`` against its ``target``, the line at the start of today (``expected``) and at its
    end (``next_line``); ``over``: the window has ended."""
    if at_least(progress, target):
        return "done"
    if over:
        return "missed"
    if at_least(progress, next_line):
        return "ahead"
    if at_least(progress, expected):
        return "on pace"
    return "behind"


def status_word(status: str) -> str:
    """A status in the user's words: "on pace" (the status itself stays English in files and ``--json``)."""
    words = {
        "done": pgettext("pace", "done"),
        "ahead": pgettext("pace", "ahead"),
        "on pace": pgettext("pace", "on pace"),
        "behind": pgettext("pace", "behind"),
        "missed": pgettext("pace", "missed"),
    }
    return words.get(status, status)


def no_goals() -> str:
    """The status line without a goal to show."""
    return _(NO_GOALS)


def line_parts(figures: Sequence[tuple[str, float, float, str | None]], width: int = WIDTH) -> list[str]:
    """The status line's parts for ``(key, progress, target, status)`` of each goal, joined by SEPARATOR: each
    status in words where the whole line fits in ``width`` columns, else symbols only."""
    for words in (True, False):
        parts = [_part(*figure, words=words) for figure in figures]
        if not words or len(SEPARATOR.join(parts)) <= width:
            break
    return parts


def _part(key: str, progress: float, target: float, status: str | None, *, words: bool) -> str:
    text = f"{shown(key)} {count(progress or 0)}/{count(target or 0)} {SYMBOLS[status] if status else ''}"
    return f"{text} {status_word(status)}" if words and status else text

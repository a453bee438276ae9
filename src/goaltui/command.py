"""The `goaltui` command's front door: a tap or a prompt's line on the quick path, all else in goaltui.cli.

Every run loads this module, so before it knows what is asked it imports only
goaltui.store.quick (which loads almost nothing; see there).
"""

from __future__ import annotations

import gc
import os
import sys

from goaltui import lang
from goaltui.model.shown import shown
from goaltui.store import quick, quickstate

TYPE_CHECKING = False  # typing itself is not loaded here
if TYPE_CHECKING:
    from collections.abc import Callable, Sequence
    from datetime import datetime

    Clock = Callable[[], datetime]

    Refresh = Callable[[str, str, str], None]


def main() -> int:
    """The console script: the quick path, else the full command."""
    argv = sys.argv[1:]
    try:
        code = quick_path(argv, now=None, refresh=None)
    except Exception as err:  # a bug on the quick path: said in one line, like any other (see cli.unexpected)
        from goaltui.cli import unexpected

        sys.stderr.write(f"goaltui: {unexpected(err, argv)}\n")
        return 70
    if code is not None:
        # Done, and said. Leaving without the interpreter's teardown is quicker, above all after a fork:
        # tearing down writes to pages the child still shares, and each write copies one.
        _flush()
        os._exit(code)
    if _opens_the_app(argv):
        # Loading Textual and the app makes objects that live as long as the app; collecting among
        # them finds nothing. The app turns the collector back on after its first frame (tui/app.py).
        gc.disable()
    from goaltui.cli import full

    return full(argv)


def run(argv: Sequence[str] | None = None, *, clock: Clock | None = None) -> int:
    """The command in this process (tests call it so): a tap and a prompt's line take the quick path when they can.

    ``clock`` stands for now (the system's, or ``$GOALTUI_NOW``, when None).
    """
    from goaltui.cli import full, system_clock
    from goaltui.cli.status import refresh_after_quick_tap

    now = clock or system_clock
    args = list(sys.argv[1:] if argv is None else argv)
    quick = quick_path(args, now=now(), refresh=refresh_after_quick_tap)
    return quick if quick is not None else full(args, now)


def _opens_the_app(argv: list[str]) -> bool:
    """`goaltui`, with at most --data-dir DIR, --theme NAME and --lang LANG: the daily screen."""
    rest = argv
    while len(rest) >= 2 and rest[0] in ("--data-dir", "--theme", "--lang"):
        rest = rest[2:]
    return not rest


def quick_path(argv: list[str], *, now: datetime | None, refresh: Refresh | None) -> int | None:
    """`log KEY [N]` or `status --line` into a pipe, if the quick path can do it for certain; else None.

    After a tap the status line is drawn again from the figures the state file
    keeps; without them it is rewritten by ``refresh``, or (None) by a child
    process once this one has said the tap is saved: the full computation of
    the line costs several times the tap itself.
    """
    lang.use_choice(lang.choose(None, lang.configured_language(quickstate.folder_of("config"))))
    logged = quick.log(argv, None if now is None else quick.key_of(now))
    if logged is not None:
        _say(logged.message)
        where = (logged.place.data, logged.day, logged.counts)
        if logged.drawn:
            pass  # the line was drawn again from the figures kept: nothing left to work out
        elif refresh is not None:
            refresh(*where)
        else:
            _in_background(*where)
        return 0
    if sys.stdout.isatty():
        return None  # a terminal gets the line in colour, computed
    line = quick.line(argv, None if now is None else now.date().isoformat())
    if line is None:
        return None
    _say(line)
    return 0


def _say(text: str) -> None:
    """Print what the quick path says; a metric's name or unit in it is escaped (model/shown.py)."""
    try:
        sys.stdout.write(shown(text, lines=True))
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader (head, a prompt) stopped reading; what was asked is done.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def _flush() -> None:
    for stream in (sys.stdout, sys.stderr):
        try:  # noqa: SIM105 (contextlib costs more to load than this module)
            stream.flush()
        except OSError:
            pass


def _in_background(data: str, day: str, counts: str) -> None:
    """Rewrite the status line in a child of its own, so the shell has its prompt back at once."""
    try:
        pid = os.fork()
    except OSError:
        pid = -1
    if pid > 0:
        return
    if pid == 0:
        # The child: nothing of the parent's terminal or pipes, so whoever waits on those is done now.
        os.setsid()
        devnull = os.open(os.devnull, os.O_RDWR)
        for fd in (0, 1, 2):
            os.dup2(devnull, fd)
    try:
        from goaltui.cli.status import refresh_after_quick_tap

        refresh_after_quick_tap(data, day, counts)
    except Exception:  # a view: the next tap writes it again
        pass
    finally:
        if pid == 0:
            os._exit(0)

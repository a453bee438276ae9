"""The `goaltui` command the full way: the parser, then one module per command, loaded by name.

`goaltui.command` is the front door: it tries the quick path first and calls
:func:`full` for everything else. Here the arguments are parsed
(:mod:`goaltui.cli.parser`), and only the module of the command asked for is
imported, so a command loads what it needs and no more (`goaltui status`
never loads Textual). Every command module has ``run(args, data, clock)``.

Exit codes: 0 ok; 1 a data problem (a bad file, a failed check); 2 bad usage;
70 a bug (one line, and the traceback in the state folder's crash file).
Every error is one line on stderr, never a traceback.
"""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Sequence

from goaltui import lang
from goaltui.cli.common import (
    Clock,
    DataError,
    UsageError,
    is_text,
    say_error,
    system_clock,
    unexpected,
)
from goaltui.cli.parser import build_parser
from goaltui.lang import _, choose, configured_language, use_choice
from goaltui.store import locations

# The command's name (None: no command, the app), and the module under goaltui.cli that runs it.
COMMANDS: dict[str | None, str] = {
    "log": "log",
    "set": "log",
    "status": "status",
    "check": "check",
    "init": "init",
    "review": "review",
    "export": "export",
    "team": "team",
    "remind": "remind",
    "themes": "themes",
    "sync": "sync",
    "serve": "serve",
    "due": "people",
    "people": "people",
    "follow": "people",
    "touch": "people",
    "forget": "forget",
    "import": "import_people",
    None: "app",
}

__all__ = ["COMMANDS", "Clock", "full", "speak", "system_clock", "unexpected"]


def speak(argv: Sequence[str]) -> None:
    """Speak the language asked for (``--lang``, before the parser, so its help is in it too), else configured.

    A language goaltui does not speak is English; ``full`` says so once (on stderr, or the app as it opens).
    """
    asked = None
    for i, arg in enumerate(argv):
        if arg == "--":
            break
        if arg == "--lang" and i + 1 < len(argv):
            asked = argv[i + 1]
        elif arg.startswith("--lang="):
            asked = arg.split("=", 1)[1]
    choice = choose(asked, configured_language(str(locations.config_dir())))
    use_choice(choice)


def full(argv: Sequence[str], clock: Clock = system_clock) -> int:
    """Every command the full way (argparse, goals.toml, the model)."""
    for arg in argv:
        if "\0" in arg or not is_text(arg):
            say_error(
                _("the argument {arg!r} is not text (a NUL byte, or bytes that are not UTF-8): type it again").format(
                    arg=arg
                )
            )
            return 2
    speak(argv)
    args = build_parser().parse_args(argv)
    if lang.CURRENT.problem and args.command is not None:  # the app says it as a notice when it opens
        say_error(lang.CURRENT.problem)
    data = locations.data_dir(args.data_dir)
    try:
        if args.theme is not None:  # checked before Textual is loaded, as every command's option
            importlib.import_module("goaltui.cli.themes").check_theme_name(args.theme)
        module = importlib.import_module(f"goaltui.cli.{COMMANDS[args.command]}")  # the lazy command loader
        code: int = module.run(args, data, clock)
        sys.stdout.flush()  # a closed pipe shows here, not as a complaint at exit
        return code
    except BrokenPipeError:
        # The reader (head, a pager, a prompt) stopped reading: end quietly.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except UsageError as err:
        say_error(str(err))
        return 2
    except DataError as err:
        say_error(str(err))
        return 1
    except KeyboardInterrupt:
        return 130
    except OSError as err:
        where = f"{err.filename}: " if err.filename else ""
        say_error(f"{where}{err.strerror or err}")
        return 1
    except Exception as err:  # a bug, not the user's mistake: one line, and the whole story in a file
        say_error(unexpected(err, argv))
        return 70

"""The command line's grammar: every command, its arguments and its help, in one argparse parser."""

from __future__ import annotations

import argparse
from typing import Any, NoReturn

from goaltui import __version__, lang
from goaltui.lang import N_, _
from goaltui.model.names import DETAIL_FIELDS

# argparse takes gettext's functions at import; its own words (usage, errors) are to follow goaltui's language.
argparse._ = lang._  # type: ignore[attr-defined]
argparse.ngettext = lang.ngettext  # type: ignore[attr-defined]

# argparse's own words that goaltui's help and usage errors show, for the catalog (argparse translates them).
ARGPARSE_WORDS = [
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("the following arguments are required: %s"),
    N_("unrecognized arguments: %s"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("invalid %(type)s value: %(value)r"),
    N_("expected one argument"),
    N_("expected at most one argument"),
    N_("expected at least one argument"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("not allowed with argument %s"),
    N_("one of the arguments %s is required"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("ignored explicit argument %r"),
    N_("unknown parser %(parser_name)r (choices: %(choices)s)"),
]


def build_parser() -> argparse.ArgumentParser:
    class _Parser(argparse.ArgumentParser):
        def error(self, message: str) -> NoReturn:
            self.exit(2, _("{prog}: {message} (see '{prog} --help')").format(prog=self.prog, message=message) + "\n")

    parser = _Parser(
        prog="goaltui",
        description=_("A goal tracker for people who sell: tap one key per contact, watch your pace."),
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"goaltui {__version__}",
        help=_("show program's version number and exit"),  # argparse leaves this one untranslated
    )
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help=_("folder of goals.toml and the tap log (default: $GOALTUI_DATA_DIR, else your user data folder)"),
    )
    parser.add_argument("--theme", metavar="NAME", help=_("colour theme to use (and remember)"))
    parser.add_argument("--lang", metavar="LANG", help=_("the language to speak this once, like sv or en"))
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    log = sub.add_parser(
        "log",
        help=_("count contacts for a metric"),
        description=_("Count N (default 1) for METRIC, today or on a past --date. A negative N corrects a mistake."),
    )
    log.add_argument("metric", metavar="METRIC", help=_("metric id, its key, or the start of its name (p, prosp, ...)"))
    log.add_argument(
        "n",
        metavar="N",
        nargs="?",
        default="1",
        help=_("how many (default 1; negative to correct); =VALUE for a level"),
    )
    log.add_argument(
        "--date", metavar="DAY", help=_("count for a past day: YYYY-MM-DD, today, yesterday or -N (N days ago)")
    )
    log.add_argument(
        "--force",
        action="store_true",
        help=_("accept a --date long before your goals and taps, or a count over ten times your best day"),
    )
    log.add_argument("--note", metavar="TEXT", default="", help=_("a note kept with the tap (who, which deal)"))
    log.add_argument("--who", metavar="NAME", help=_('the person the tap was about, like "Ben Ortiz"'))
    log.add_argument("--again", action="store_true", help=_("with --who: count them again at a stage they reached"))
    level = sub.add_parser(
        "set",
        help=_("record what a level stands at (downline, team volume, a balance)"),
        description=_(
            'Record VALUE as what METRIC (a level: kind = "level" in goals.toml) stands at, today or on a '
            "past --date; the latest reading counts, never a sum. The same as goaltui log METRIC =VALUE."
        ),
    )
    level.add_argument("metric", metavar="METRIC", help=_("a level's id, its key, or the start of its name"))
    level.add_argument(
        "n", metavar="VALUE", help=_("what it stands at, like 57 (a negative one after --, like -- -120)")
    )
    level.add_argument("--date", metavar="DAY", help=_("the day it stood so: YYYY-MM-DD, today, yesterday or -N"))
    level.add_argument("--force", action="store_true", help=_("accept a --date long before your goals and taps"))
    level.add_argument("--note", metavar="TEXT", default="", help=_("a note kept with the reading"))
    level.set_defaults(who=None, again=False)

    status = sub.add_parser(
        "status",
        help=_("today's counts and the pace of every active goal"),
        description=_("Today's counts and the pace of every active goal."),
    )
    status.add_argument("--json", action="store_true", help=_("print one JSON object instead of text"))
    status.add_argument("--line", action="store_true", help=_("one line for a prompt or a status bar"))
    status.add_argument(
        "--format", metavar="TEXT", help=_("with --line: your own line, like '{p}/{p_target} {p_symbol}'")
    )
    status.add_argument("--line-file", action="store_true", help=_("print where the line is kept for prompts"))
    remind = sub.add_parser(
        "remind",
        help=_("a desktop notification for each goal today still asks for (for cron or a timer)"),
        description=_(
            "After settings.remind_after (default 15:00), on a working day: one notification per goal "
            "whose share for today is not done yet, once per goal per day, through notify-send (else printed)."
        ),
    )
    remind.add_argument("--dry-run", action="store_true", help=_("print what would be sent; record nothing"))

    sub.add_parser(
        "check",
        help=_("SMART check of every active goal (exit 1 on a fail)"),
        description=_("Check every active goal against SMART; exit 1 when any goal fails a letter."),
    )
    sub.add_parser(
        "themes",
        help=_("list the colour themes and where each comes from"),
        description=_(
            "List every theme (shipped, and your own in <config dir>/themes) and where it "
            "comes from; the one in use is marked *. Exit 1 when a theme file cannot be used."
        ),
    )
    sub.add_parser(
        "init",
        help=_("write the starter goals.toml"),
        description=_(
            "Write a commented starter goals.toml with the three funnel goals. An existing file is left as it is."
        ),
    )
    review = sub.add_parser(
        "review",
        help=_("open the weekly review"),
        description=_("Open the review of a week (default: the last completed week): results, decisions, notes."),
    )
    review.add_argument("--week", metavar="YYYY-Www", help=_("the week to review, like 2026-W47"))
    export = sub.add_parser(
        "export",
        help=_("export daily counts (csv) or a weekly or monthly report (md)"),
        description=_(
            "Print daily counts as CSV (one row per day and metric) or a weekly "
            "report in Markdown (results, funnel, notes and decisions) on stdout; --month: a month's report."
        ),
    )
    export.add_argument(
        "--format",
        required=True,
        choices=("csv", "md", "taps", "people"),
        help=_("csv (daily counts), md, taps (one row per tap) or people (one row per person)"),
    )
    export.add_argument("--team", action="store_true", help=_("the weekly team report (md) of every member"))
    export.add_argument("--week", metavar="YYYY-Www", help=_("md: the week to report, like 2027-W05"))
    export.add_argument(
        "--month", metavar="YYYY-MM", help=_("md: one month's report (totals, goals, best and worst week, notes)")
    )
    export.add_argument(
        "--from",
        dest="start",
        metavar="DAY",
        help=_(
            "first day, as YYYY-MM-DD, today, yesterday or -N (csv: the first logged day; md: the start of last week)"
        ),
    )
    export.add_argument("--to", dest="end", metavar="DAY", help=_("last day (csv: today; md: the end of last week)"))
    team = sub.add_parser(
        "team",
        help=_("members' data folders side by side (read-only)"),
        description=_(
            "Show each member's day and week side by side, whoever needs help first. Members are the "
            "FOLDERs given, else those in team.toml in the config folder; 'goaltui team add NAME FOLDER' adds one. "
            "Nothing is ever written in a member's folder."
        ),
    )
    team.add_argument("--json", action="store_true", help=_("print one JSON object instead of opening the screen"))
    team.add_argument("folders", nargs="*", metavar="FOLDER", help=_("members' data folders (or: add NAME FOLDER)"))
    serve = sub.add_parser(
        "serve",
        help=_("the app in a browser (a phone too), behind a token"),
        description=_(
            "Serve the app on this data folder to a browser: each tab runs its own goaltui, all "
            "counting in the same folder. Prints an address with a random token (as a QR code too, when a phone "
            "can reach it); "
            "a request without the token, or from another site's page, is refused. The token is --token, else "
            "--token-file, else $GOALTUI_TOKEN, else a new random one each start. Only this machine can connect "
            "unless --host says otherwise: then put TLS in front (see the README)."
        ),
    )
    serve.add_argument("--host", default="127.0.0.1", help=_("address to listen on (default 127.0.0.1: this machine)"))
    serve.add_argument("--port", type=int, default=8000, help=_("port to listen on (default 8000)"))
    given = serve.add_mutually_exclusive_group()
    given.add_argument(
        "--token",
        help=_(
            "the token to ask for; other users of this machine can read a command line (ps), "
            "so prefer --token-file or $GOALTUI_TOKEN"
        ),
    )
    given.add_argument(
        "--token-file",
        metavar="PATH",
        help=_("read the token from the first line of this file (keep it private: chmod 600)"),
    )
    serve.add_argument(
        "--public-url",
        metavar="URL",
        help=_("the address browsers use, when a proxy is in front (like https://laptop.example.ts.net)"),
    )
    serve.add_argument(
        "--max-tabs",
        type=int,
        default=4,
        metavar="N",
        help=_("most browser tabs with the app open at once, each its own goaltui process (default 4)"),
    )
    sync = sub.add_parser(
        "sync",
        usage="goaltui sync [-h]\n" + " " * len(_("usage: ")) + "goaltui sync init [REMOTE]",  # under the first
        help=_("sync the data folder through git: commit, pull, push"),
        description=_(
            "Commit what changed here, merge what the other devices sent, and push; "
            "one line says what was sent, received and kept as a conflict copy. Set it up first with "
            "'goaltui sync init REMOTE'."
        ),
    )
    actions = sync.add_subparsers(dest="sync_command", title=_("to set it up"), metavar="COMMAND", parser_class=_Parser)
    init = actions.add_parser(
        "init",
        prog="goaltui sync init",  # not from the usage above, which names both forms
        help=_("make the data folder a git working copy of REMOTE"),
        description=_(
            "Make the data folder (made if missing) a git working copy of REMOTE: an empty "
            "repository, or one another device set up. Goals and taps already here become the first commit; "
            "a goals.toml that differs from the remote's is kept beside it as a conflict copy. A folder that "
            "is already a git repository is used as it is (REMOTE is added as origin if it has no remote)."
        ),
    )
    init.add_argument(
        "remote",
        metavar="REMOTE",
        nargs="?",
        help=_("any git remote: a bare repository on a stick or a server (git init --bare), or a hosted one"),
    )

    _add_people_parsers(sub)
    return parser


def _add_people_parsers(sub: argparse._SubParsersAction[Any]) -> None:
    """The people commands' parsers, beside the others."""
    due = sub.add_parser(
        "due",
        help=_("follow-ups due today and overdue"),
        description=_(
            "Who to follow up today: everyone whose next follow-up is today or past, the most overdue first."
        ),
    )
    due.add_argument("--json", action="store_true", help=_("print one JSON object instead of text"))
    people = sub.add_parser(
        "people",
        help=_("everyone you have named, by next follow-up"),
        description=_(
            "Everyone named on a tap or a touch: stage (the furthest funnel metric counted with their "
            "name), next follow-up, last touch, and whether they have gone stale (settings.stale_after)."
        ),
    )
    people.add_argument(
        "--stage", metavar="METRIC", help=_("only those at this stage (a funnel metric: l, leads, ...)")
    )
    people.add_argument("--stale", action="store_true", help=_("only those with no touch for stale_after days"))
    people.add_argument("--json", action="store_true", help=_("print one JSON object instead of text"))
    people.add_argument(
        "--funnel",
        action="store_true",
        help=_("the funnel as people move: cohorts of the last 8 weeks, and the pipeline of open leads"),
    )
    follow = sub.add_parser(
        "follow",
        help=_("set when to follow someone up (or mark it done)"),
        description=_(
            "Set NAME's next follow-up: WHEN is today, tomorrow, a weekday (fri: the next one), +N days "
            "or YYYY-MM-DD; 'done' marks the follow-up done."
        ),
    )
    follow.add_argument("name", metavar="NAME")
    follow.add_argument("when", metavar="WHEN", help=_("tomorrow, fri, +3, 2026-12-01, or done"))
    follow.add_argument("--note", metavar="TEXT", default="", help=_("what to follow up about"))
    follow.add_argument("--new", action="store_true", help=_("NAME is someone new, not a typo of a known name"))
    touch = sub.add_parser(
        "touch",
        help=_("note a touch that counts nothing: no answer, a note, lost, details"),
        description=_(
            "Note something done with NAME that counts nothing: no-answer, note (with --note), lost, "
            "or details (with --company, --phone, --email, --source; an empty value clears one); done marks the "
            "follow-up done, as goaltui follow NAME done does."
        ),
    )
    touch.add_argument("name", metavar="NAME")
    touch.add_argument("kind", metavar="WHAT", choices=("no-answer", "note", "lost", "details", "done"))
    touch.add_argument("--note", metavar="TEXT", default="")
    touch.add_argument("--new", action="store_true", help=_("NAME is someone new, not a typo of a known name"))
    for field in DETAIL_FIELDS:
        touch.add_argument(f"--{field}", metavar="TEXT")
    forget = sub.add_parser(
        "forget",
        help=_("erase a person's name, details and notes from this device's files"),
        description=_(
            "Erase NAME from every tap and people file this device wrote (the counts stay, without the "
            "name), and from this device's caches; a marker (a salted hash, never the name) makes every other device "
            "do the same at its next start."
        ),
    )
    forget.add_argument("name", metavar="NAME")
    load = sub.add_parser(
        "import",
        help=_("import people from a spreadsheet (CSV)"),
        description=_(
            "Import contacts from a CSV with a header row (name, stage, next follow-up, company, phone, "
            "email, source, note; comma or semicolon; UTF-8). Only what differs is written, so importing the same file "
            "again changes nothing; a bad row is named by its line and skipped. A stage from the file counts nothing."
        ),
    )
    load.add_argument("what", choices=("people",), metavar="people")
    load.add_argument("file", metavar="FILE.csv", nargs="?")
    load.add_argument("--dry-run", action="store_true", help=_("say what would change; write nothing"))
    load.add_argument("--template", action="store_true", help=_("print a sample file to start from"))

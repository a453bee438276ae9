"""The `goaltui` command. Subcommands that need no screen never import Textual.

Exit codes: 0 ok; 1 a data problem (a bad file, a failed check); 2 bad usage.
Every error is one line on stderr, never a traceback.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn, TextIO

from goaltui import __version__
from goaltui.model.numbers import MAX_N, SURE_N
from goaltui.model.shown import shown

if TYPE_CHECKING:
    import argparse

    from goaltui.model.calendar import Window
    from goaltui.model.counts import DailyCounts
    from goaltui.model.goals import Metric, Plan, Settings
    from goaltui.model.report import ReviewNotes
    from goaltui.model.statusline import MetricFigure
    from goaltui.model.team import MemberRow
    from goaltui.store.config import Config
    from goaltui.store.goalsfile import GoalsFile
    from goaltui.store.taplog import LogRead, TapLog

Clock = Callable[[], datetime]


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


def build_parser() -> argparse.ArgumentParser:
    import argparse  # here, not at the top: the prompt's quick path never needs it

    class _Parser(argparse.ArgumentParser):
        def error(self, message: str) -> NoReturn:
            self.exit(2, f"{self.prog}: {message} (see '{self.prog} --help')\n")

    parser = _Parser(
        prog="goaltui",
        description="A goal tracker for people who sell: tap one key per contact, watch your pace.",
    )
    parser.add_argument("--version", action="version", version=f"goaltui {__version__}")
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help="folder of goals.toml and the tap log (default: $GOALTUI_DATA_DIR, else your user data folder)",
    )
    parser.add_argument("--theme", metavar="NAME", help="colour theme to use (and remember)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    log = sub.add_parser(
        "log",
        help="count contacts for a metric",
        description="Count N (default 1) for METRIC, today or on a past --date. A negative N corrects a mistake.",
    )
    log.add_argument("metric", metavar="METRIC", help="metric id, its key, or the start of its name (p, prosp, ...)")
    log.add_argument("n", metavar="N", nargs="?", default="1", help="how many (default 1; negative to correct)")
    log.add_argument(
        "--date", metavar="DAY", help="count for a past day: YYYY-MM-DD, today, yesterday or -N (N days ago)"
    )
    log.add_argument(
        "--force",
        action="store_true",
        help="accept a --date long before your goals and taps, or a count over ten times your best day",
    )
    log.add_argument("--note", metavar="TEXT", default="", help="a note kept with the tap (who, which deal)")
    log.add_argument("--who", metavar="NAME", help='the person the tap was about, like "Ben Ortiz"')
    log.add_argument("--again", action="store_true", help="with --who: count them again at a stage they reached")

    status = sub.add_parser(
        "status",
        help="today's counts and the pace of every active goal",
        description="Today's counts and the pace of every active goal.",
    )
    status.add_argument("--json", action="store_true", help="print one JSON object instead of text")
    status.add_argument("--line", action="store_true", help="one line for a prompt or a status bar")
    status.add_argument("--format", metavar="TEXT", help="with --line: your own line, like '{p}/{p_target} {p_symbol}'")
    status.add_argument("--line-file", action="store_true", help="print where the line is kept for prompts")
    remind = sub.add_parser(
        "remind",
        help="a desktop notification for each goal today still asks for (for cron or a timer)",
        description="After settings.remind_after (default 15:00), on a working day: one notification per goal "
        "whose share for today is not done yet, once per goal per day, through notify-send (else printed).",
    )
    remind.add_argument("--dry-run", action="store_true", help="print what would be sent; record nothing")

    sub.add_parser(
        "check",
        help="SMART check of every active goal (exit 1 on a fail)",
        description="Check every active goal against SMART; exit 1 when any goal fails a letter.",
    )
    sub.add_parser(
        "themes",
        help="list the colour themes and where each comes from",
        description="List every theme (shipped, and your own in <config dir>/themes) and where it "
        "comes from; the one in use is marked *. Exit 1 when a theme file cannot be used.",
    )
    sub.add_parser(
        "init",
        help="write the starter goals.toml",
        description="Write a commented starter "
        "goals.toml with the three funnel goals. An existing file is left as it is.",
    )
    review = sub.add_parser(
        "review",
        help="open the weekly review",
        description="Open the review of a week (default: the last completed week): results, decisions, notes.",
    )
    review.add_argument("--week", metavar="YYYY-Www", help="the week to review, like 2026-W47")
    export = sub.add_parser(
        "export",
        help="export daily counts (csv) or a weekly report (md)",
        description="Print daily counts as CSV (one row per day and metric) or a weekly "
        "report in Markdown (results, funnel, notes and decisions) on stdout.",
    )
    export.add_argument(
        "--format",
        required=True,
        choices=("csv", "md", "taps", "people"),
        help="csv (daily counts), md, taps (one row per tap) or people (one row per person)",
    )
    export.add_argument("--team", action="store_true", help="the weekly team report (md) of every member")
    export.add_argument("--week", metavar="YYYY-Www", help="md: the week to report, like 2027-W05")
    export.add_argument(
        "--from",
        dest="start",
        metavar="DAY",
        help="first day, as YYYY-MM-DD, today, yesterday or -N (csv: the first logged day; md: the start of last week)",
    )
    export.add_argument("--to", dest="end", metavar="DAY", help="last day (csv: today; md: the end of last week)")
    team = sub.add_parser(
        "team",
        help="members' data folders side by side (read-only)",
        description="Show each member's day and week side by side, whoever needs help first. Members are the "
        "FOLDERs given, else those in team.toml in the config folder; 'goaltui team add NAME FOLDER' adds one. "
        "Nothing is ever written in a member's folder.",
    )
    team.add_argument("--json", action="store_true", help="print one JSON object instead of opening the screen")
    team.add_argument("folders", nargs="*", metavar="FOLDER", help="members' data folders (or: add NAME FOLDER)")
    serve = sub.add_parser(
        "serve",
        help="the app in a browser (a phone too), behind a token",
        description="Serve the app on this data folder to a browser: each tab runs its own goaltui, all "
        "counting in the same folder. Prints an address with a random token (as a QR code too, when a phone "
        "can reach it); "
        "a request without the token, or from another site's page, is refused. The token is --token, else "
        "--token-file, else $GOALTUI_TOKEN, else a new random one each start. Only this machine can connect "
        "unless --host says otherwise: then put TLS in front (see the README).",
    )
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1: this machine)")
    serve.add_argument("--port", type=int, default=8000, help="port to listen on (default 8000)")
    given = serve.add_mutually_exclusive_group()
    given.add_argument(
        "--token",
        help="the token to ask for; other users of this machine can read a command line (ps), "
        "so prefer --token-file or $GOALTUI_TOKEN",
    )
    given.add_argument(
        "--token-file",
        metavar="PATH",
        help="read the token from the first line of this file (keep it private: chmod 600)",
    )
    serve.add_argument(
        "--public-url",
        metavar="URL",
        help="the address browsers use, when a proxy is in front (like https://laptop.example.ts.net)",
    )
    serve.add_argument(
        "--max-tabs",
        type=int,
        default=4,
        metavar="N",
        help="most browser tabs with the app open at once, each its own goaltui process (default 4)",
    )
    sync = sub.add_parser(
        "sync",
        usage="goaltui sync [-h]\n       goaltui sync init [REMOTE]",
        help="sync the data folder through git: commit, pull, push",
        description="Commit what changed here, merge what the other devices sent, and push; "
        "one line says what was sent, received and kept as a conflict copy. Set it up first with "
        "'goaltui sync init REMOTE'.",
    )
    actions = sync.add_subparsers(dest="sync_command", title="to set it up", metavar="COMMAND", parser_class=_Parser)
    init = actions.add_parser(
        "init",
        prog="goaltui sync init",  # not from the usage above, which names both forms
        help="make the data folder a git working copy of REMOTE",
        description="Make the data folder (made if missing) a git working copy of REMOTE: an empty "
        "repository, or one another device set up. Goals and taps already here become the first commit; "
        "a goals.toml that differs from the remote's is kept beside it as a conflict copy. A folder that "
        "is already a git repository is used as it is (REMOTE is added as origin if it has no remote).",
    )
    init.add_argument(
        "remote",
        metavar="REMOTE",
        nargs="?",
        help="any git remote: a bare repository on a stick or a server (git init --bare), or a hosted one",
    )
    from goaltui import people_cli

    people_cli.add_parsers(sub)
    return parser


def main(argv: Sequence[str] | None = None, *, clock: Clock = system_clock) -> int:
    """The command, run in this process: a tap and a prompt's line take the quick path when they can."""
    from goaltui.command import quick_path

    args = list(sys.argv[1:] if argv is None else argv)
    quick = quick_path(args, now=clock(), refresh=refresh_after_quick_tap)
    return quick if quick is not None else full(args, clock)


def refresh_after_quick_tap(data: str, day: str, counts: str) -> None:
    """After a tap on the quick path: the status line and the state, unless a newer tap has kept its own."""
    refresh_status_line(Path(data), date.fromisoformat(day), replacing=counts)


def full(argv: Sequence[str], clock: Clock = system_clock) -> int:
    """Every command the full way (argparse, goals.toml, the model)."""
    for arg in argv:
        if "\0" in arg or not _is_text(arg):
            say_error(f"the argument {arg!r} is not text (a NUL byte, or bytes that are not UTF-8): type it again")
            return 2
    parser = build_parser()
    args = parser.parse_args(argv)
    from goaltui.store import locations

    data = locations.data_dir(args.data_dir)
    commands: dict[str | None, Callable[[argparse.Namespace, Path, Clock], int]] = {
        "log": cmd_log,
        "status": cmd_status,
        "check": cmd_check,
        "init": cmd_init,
        "review": cmd_review,
        "export": cmd_export,
        "team": cmd_team,
        "remind": cmd_remind,
        "themes": cmd_themes,
        "sync": cmd_sync,
        "serve": cmd_serve,
        **_people_commands(),
        None: cmd_app,
    }
    try:
        if args.theme is not None:
            check_theme_name(args.theme)
        code = commands[args.command](args, data, clock)
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


def _people_commands() -> dict[str | None, Callable[[argparse.Namespace, Path, Clock], int]]:
    from goaltui import people_cli

    return {
        "due": people_cli.cmd_due,
        "people": people_cli.cmd_people,
        "follow": people_cli.cmd_follow,
        "touch": people_cli.cmd_touch,
        "forget": people_cli.cmd_forget,
        "import": people_cli.cmd_import,
    }


def say_error(message: str) -> None:
    """``goaltui: message`` on stderr, one line, with what the terminal would act on (or cannot encode) escaped."""
    print(f"goaltui: {shown(message)}", file=sys.stderr)


def unexpected(err: BaseException, argv: Sequence[str]) -> str:
    """Write ``err``'s traceback to the state folder's crash file; the one line that says what failed and where."""
    from goaltui.store.crash import report

    return report(err, f"goaltui {__version__} {list(argv)!r}")


def _is_text(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _load_goals(data: Path, today: date, *, kept: bool = False) -> GoalsFile:
    """goals.toml; with ``kept``, while it has a mistake, the last good goals (the mistake said on stderr)."""
    from goaltui.store.goalsfile import GoalsFileError, ensure, goals_path

    try:
        file, created = ensure(goals_path(data), today, kept=kept)
    except GoalsFileError as err:
        raise DataError(str(err)) from None
    if created:
        say(f"goaltui: wrote starter goals to {file.path}", file=sys.stderr)
    if file.broken:
        say(f"goaltui: warning: {file.broken}; counting with the last good goals meanwhile", file=sys.stderr)
    _obey_forget_markers(data)
    return measured(file, today)


def measured(file: GoalsFile, today: date) -> GoalsFile:
    """goals.toml as measured on ``today``: changes decided at a review that have begun are in force."""
    from dataclasses import replace

    from goaltui.model.targets import plan_as_of

    return replace(file, plan=plan_as_of(file.plan, today))


def _obey_forget_markers(data: Path) -> None:
    from goaltui.people_cli import obey_forget_markers

    obey_forget_markers(data)


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
            f"{flag} {text!r} is not a day: write YYYY-MM-DD (like {today.isoformat()}), today, yesterday or -N"
        ) from None


def past_day(text: str, today: date) -> date:
    day = parse_day("--date", text, today)
    if day > today:
        raise UsageError(f"--date {day} is in the future: you can only count today or past days")
    return day


def check_not_a_typo(day: date, plan: Plan, data: Path, today: date) -> None:
    """Refuse a --date that is very likely a typo: before 2000, or over a year before every goal and tap."""
    from goaltui.model.calendar import long_date

    starts = [g.start for g in plan.goals.values() if g.start is not None]
    first_goal = min(starts, default=today)
    year = timedelta(days=365)
    if day.year >= 2000 and day >= first_goal - year:
        return
    first_tap = _read_counts(data).counts.first_day() or today  # only read for a suspicious day
    if day.year >= 2000 and day >= first_tap - year:
        return
    since = min(first_goal, first_tap)
    raise UsageError(
        f"--date {day} is long before anything you track (it begins {long_date(since)}): a typo? "
        "Add --force to count it anyway"
    )


def check_not_a_slip(n: float, metric: Metric, data: Path, typed: str) -> None:
    """A count over ten times the user's best day for ``metric`` (and over SURE_N) is a slip until --force says not."""
    from goaltui.model.format import count
    from goaltui.model.numbers import is_slip
    from goaltui.store.taplog import TapLog

    best = TapLog(data).read().counts.best(metric.id)
    if is_slip(n, best, amount=metric.is_amount):
        name = metric.id
        before = f"your best day for {name} is {count(best)}" if best else f"you have no {name} counted yet"
        raise UsageError(f"{typed} {name} at once? {before}: add --force if you really mean {count(n)}")


def _in_range(flag: str, text: str, day: Callable[[], date]) -> date:
    """``day()``, or UsageError when it falls outside the days goaltui counts."""
    from goaltui.model.goals import FIRST_DAY, LAST_DAY

    try:
        found = day()
    except OverflowError:
        found = None
    if found is None or not FIRST_DAY <= found <= LAST_DAY:
        raise UsageError(f"{flag} {text!r} is out of range: give a day from {FIRST_DAY.year} to {LAST_DAY.year}")
    return found


def parse_amount(text: str, *, whole: bool) -> float:
    try:
        n: float = int(text)
    except ValueError:
        try:
            n = float(text)
        except ValueError:
            raise UsageError(f"N {text!r} is not a number: give how many, like 1, 3 or -1") from None
        if whole or n != n or n in (float("inf"), float("-inf")):
            raise UsageError(f"N {text!r} must be a whole number, like 1, 3 or -1") from None
    if n == 0:
        raise UsageError("N is 0: nothing to count (use -1 to take one back)")
    if abs(n) > MAX_N:
        raise UsageError(f"N {text!r} is too large to be a count")
    return n


def cmd_log(args: argparse.Namespace, data: Path, clock: Clock) -> int:
    now = clock()
    today = now.date()
    day = past_day(args.date, today) if args.date else today
    file = _load_goals(data, today, kept=True)
    if day != today and not args.force:
        check_not_a_typo(day, file.plan, data, today)
    try:
        metric = file.plan.resolve_metric(args.metric)
    except LookupError as err:
        raise UsageError(str(err)) from None
    n = parse_amount(args.n, whole=not metric.is_amount)
    if args.note and not _is_text(args.note):
        raise UsageError("--note has bytes that are not text (UTF-8): type the note again")
    if abs(n) > SURE_N and not args.force:
        check_not_a_slip(n, metric, data, args.n)
    who, stage_before = "", ""
    if args.who is not None:
        from goaltui.people_cli import check_who

        who, stage_before = check_who(args.who, data, file.plan, metric, n, again=args.again)
    from goaltui.model.calendar import long_date
    from goaltui.model.format import count
    from goaltui.store.taplog import TapLog

    log = TapLog(data)
    replay_spill(log)  # taps the app kept aside when it ended go first, with their own times
    unit = f" {metric.unit}" if metric.unit else ""
    when = "today" if day == today else f"on {long_date(day)}"
    if n < 0:
        held = log.day_total(metric.id, day, today)
        if held + n < 0:
            raise UsageError(
                f"{metric.id} {when} stands at {count(held)}{unit}: {count(n)} would take it below zero "
                f"(take back at most {count(held)})"
            )
    log.append(metric.id, n, now=now, day=day if day != today else None, note=args.note, who=who)
    for notice in log.notices:
        print(f"goaltui: warning: {notice}", file=sys.stderr)
    total = log.day_total(metric.id, day, today)
    say(f"{metric.id}: {count(total)}{unit} {when}", flush=True)  # saved: say so before the prompt's line
    if who:
        from goaltui.people_cli import say_stage

        say_stage(who, stage_before, file.plan, metric, n)
    refresh_status_line(data, today)
    return 0


def replay_spill(log: TapLog) -> None:
    """Write the taps the app kept in its spill file when it ended (a full disk?) into the tap log, once."""
    from goaltui.store.spill import replay, spill_path

    try:
        result = replay(log)
    except OSError as err:
        why = err.strerror or err
        say(f"goaltui: warning: the taps the app kept aside could not be read: {why}", file=sys.stderr)
        return
    for problem in result.problems:
        say(f"goaltui: warning: {problem}", file=sys.stderr)
    n = len(result.written)
    if n:
        taps = f"{n} tap{'s' if n != 1 else ''}"
        say(f"goaltui: {taps} the app kept aside when it ended: in the tap log now", file=sys.stderr)
    if result.error is not None:
        say(
            f"goaltui: warning: {result.left} tap{'s' if result.left != 1 else ''} the app kept aside still wait in "
            f"{spill_path(log.data_dir)} ({result.error.strerror or result.error}); the next goaltui log tries again",
            file=sys.stderr,
        )


def cmd_init(args: argparse.Namespace, data: Path, clock: Clock) -> int:
    from goaltui.store.goalsfile import goals_path, starter_text, write_new

    path = goals_path(data)
    if path.exists() or path.is_symlink():
        say(f"goaltui: {path} already exists; left it as it is")
        return 0
    write_new(path, starter_text(clock().date()))
    say(f"wrote starter goals to {path}")
    return 0


def _read_counts(data: Path) -> LogRead:
    from goaltui.store.taplog import TapLog

    result = TapLog(data).read()
    for problem in result.problems:
        say(f"goaltui: warning: {problem}", file=sys.stderr)
    for conflict in result.conflicts:
        say(
            f"goaltui: warning: {conflict}: a sync conflict copy, not counted; "
            "merge it by hand or delete it once you have checked it",
            file=sys.stderr,
        )
    from goaltui.store.conflicts import goal_and_review_copies

    for copy in goal_and_review_copies(data):
        say(
            f"goaltui: warning: {copy}: a sync conflict copy, another device's version kept when both changed "
            "the file; compare it, copy what you need, then delete it",
            file=sys.stderr,
        )
    return result


def cmd_status(args: argparse.Namespace, data: Path, clock: Clock) -> int:
    if args.line_file:
        from goaltui.store.statusline import line_path

        say(line_path(data))
        return 0
    if args.line or args.format:
        return status_line(args, data, clock)
    from goaltui.model.calendar import full_date
    from goaltui.model.format import count, describe_pace
    from goaltui.model.pace import plan_paces
    from goaltui.model.status import status, todays_counts

    today = clock().date()
    file = _load_goals(data, today, kept=True)
    _say_unknown_keys(file)
    from goaltui.store.taplog import TapLog

    replay_spill(TapLog(data))
    counts = _read_counts(data).counts
    plan = file.plan
    if args.json:
        import json

        say(json.dumps(status(plan, counts, today), indent=2))
        return 0
    todays = todays_counts(plan, counts, today)
    paces = plan_paces(plan, counts, today)
    workday = "" if plan.settings.is_workday(today) else "  (day off: no pace expected)"
    say(f"{full_date(today)}{workday}")
    say("  ".join(f"{m}: {count(n)}" for m, n in todays.items()))
    for p in paces:
        goal = plan.goals[p.goal_id]
        say(f"{goal.id}: {describe_pace(p, goal.every)}")
    return 0


def refresh_status_line(data: Path, today: date, *, replacing: str | None = None) -> None:
    """Rewrite the prompt's status line, and the quick path's state, from the files; never fails the tap.

    ``replacing``: see store.statusline.write_line (a refresh after a quick tap).
    """
    from goaltui.store.goalsfile import GoalsFileError

    try:
        stamp, plan, device, counts = _line_inputs(data)
        _keep_line(data, today, stamp, plan, device, counts, replacing=replacing)
    except GoalsFileError:
        pass  # edited since the tap: `status --line` says so, and the next tap writes the line again
    except OSError as err:
        say(f"goaltui: warning: the status line was not updated: {err.strerror or err}", file=sys.stderr)


def _line_inputs(data: Path) -> tuple[str | None, Plan, str, DailyCounts]:
    """The data stamp (taken first), the plan (the last good one while goals.toml has a mistake), device, counts."""
    from goaltui.store.goalsfile import goals_path, load_or_kept
    from goaltui.store.statusline import data_stamp
    from goaltui.store.taplog import TapLog

    stamp = data_stamp(data)
    file = load_or_kept(goals_path(data))
    log = TapLog(data)
    # While goals.toml has a mistake, no stamp: every tap goes the full way, which says what to fix.
    return (None if file.broken else stamp), file.plan, log.device, log.read().counts


def _keep_line(
    data: Path,
    today: date,
    stamp: str | None,
    plan: Plan,
    device: str,
    counts: DailyCounts,
    *,
    replacing: str | None = None,
) -> list[MetricFigure]:
    """Keep the line and today's totals for the prompt and the quick path; the line's figures."""
    from goaltui.model.statusline import figures, render
    from goaltui.store.statusline import write_line

    items = figures(plan, counts, today)
    totals = (device, list(plan.metrics.values()), counts.on(today))
    write_line(data, render(items), today, stamp, totals=totals, replacing=replacing)
    return items


def status_line(args: argparse.Namespace, data: Path, clock: Clock) -> int:
    """One line for a prompt: a broken file gives a short marker, never a traceback or many lines."""
    from goaltui.model.statusline import LineFormatError, fill, render
    from goaltui.store.goalsfile import GoalsFileError

    today = clock().date()
    try:
        stamp, plan, device, counts = _line_inputs(data)
    except (GoalsFileError, OSError):
        say("goaltui: goals.toml needs a look (goaltui status says why)")
        return 1
    items = _keep_line(data, today, stamp, plan, device, counts)  # the prompt's file is fresh too
    if args.format:
        try:
            print(
                fill(args.format, items, today, _due_count(data, plan, today, args.format))
            )  # figures escaped in fill
        except LineFormatError as err:
            raise UsageError(str(err)) from None
    else:
        # Escaped in render; the colours are its own.
        print(render(items, colour=sys.stdout.isatty() and not os.environ.get("NO_COLOR")))
    return 0


def _due_count(data: Path, plan: Plan, today: date, template: str) -> int | None:
    """How many follow-ups are due, only when ``template`` asks (the people log is read for it alone)."""
    if "{due" not in template:
        return None
    from goaltui.people_cli import due_count

    return due_count(data, plan, today)


def cmd_remind(args: argparse.Namespace, data: Path, clock: Clock) -> int:
    from goaltui.model.format import more_today
    from goaltui.model.pace import plan_paces
    from goaltui.store.statusline import remember_reminded, reminded

    now = clock()
    today = now.date()
    plan = _load_goals(data, today, kept=True).plan
    settings = plan.settings
    if now.time() < settings.remind_after:
        return _quiet(args, f"nothing before {settings.remind_after:%H:%M} (settings.remind_after)")
    if not settings.is_workday(today):
        return _quiet(args, "a day off or a break: no reminders")
    counts = _read_counts(data).counts
    done = reminded(data, today)
    due = [
        (pace.goal_id, f"{plan.goals[pace.goal_id].title or pace.goal_id}: {more_today(pace)}")
        for pace in plan_paces(plan, counts, today)
        if pace.quota_today > 1e-9 and pace.status != "missed" and pace.goal_id not in done
    ]
    due += _follow_ups_due(data, plan, today, done)
    if not due:
        return _quiet(args, "every goal has what today asks of it" if not done else "already reminded today")
    for _, text in due:
        if args.dry_run:
            say(f"would send: {text}")
        else:
            notify(text)
    if not args.dry_run:
        remember_reminded(data, today, done | {goal_id for goal_id, _ in due})
    return 0


FOLLOW_UPS = "@follow-ups"  # in the reminded record beside goal ids, which never start with @


def _follow_ups_due(data: Path, plan: Plan, today: date, done: set[str]) -> list[tuple[str, str]]:
    """``remind``: the follow-ups due today, once a day, as one more notification."""
    from goaltui.people_cli import due_today

    text = "" if FOLLOW_UPS in done else due_today(data, plan, today)
    return [(FOLLOW_UPS, text)] if text else []


def _quiet(args: argparse.Namespace, why: str) -> int:
    """Nothing to send: said only on a dry run (cron mails whatever a job prints)."""
    if args.dry_run:
        say(f"nothing to send: {why}")
    return 0


def notify(text: str) -> None:
    """A desktop notification through notify-send; printed instead where there is none (cron mails it).

    The body is escaped (model/shown.py), and its <, > and & too: a notification server may read it as markup.
    """
    import html
    import shutil
    import subprocess

    sender = shutil.which("notify-send")
    if sender is not None:
        body = html.escape(shown(text), quote=False)
        try:
            if subprocess.run([sender, "--app-name=goaltui", "goaltui", body], timeout=10).returncode == 0:
                return
        except (OSError, subprocess.TimeoutExpired):
            pass
    say(text)


def cmd_check(args: argparse.Namespace, data: Path, clock: Clock) -> int:
    from goaltui.model.smart import check_plan

    today = clock().date()
    file = _load_goals(data, today)
    _say_unknown_keys(file)
    counts = _read_counts(data).counts
    results = check_plan(file.plan, counts, today)
    failed = 0
    for goal_id, findings in results.items():
        for f in findings:
            fix = f" Fix: {f.fix}" if f.fix and f.level != "ok" else ""
            say(f"{goal_id}: {f.letter} {f.level}: {f.message}{fix}")
        failed += any(f.level == "fail" for f in findings)
    if not results:
        say("no active goals: add one to goals.toml or press g in the app")
    if failed:
        say(f"{failed} goal{'s' if failed != 1 else ''} failed the check", file=sys.stderr)
        return 1
    return 0


def _say_unknown_keys(file: GoalsFile) -> None:
    """Keys goaltui does not read (a typo like targt = 30): a warning each, with the nearest known key."""
    from goaltui.store.goalsfile import unknown_key_lines

    for line in unknown_key_lines(file):
        say(f"goaltui: warning: {line}", file=sys.stderr)


def check_theme_name(name: str) -> None:
    """--theme NAME must name a usable theme: checked before Textual is imported."""
    from goaltui.store.themes import load_catalog

    catalog = load_catalog()
    if name not in catalog.themes:
        broken = (
            f" ({len(catalog.problems)} theme file(s) could not be used: see 'goaltui themes')"
            if catalog.problems
            else ""
        )
        raise UsageError(f"unknown theme {name!r}: choose one of {', '.join(catalog.names)}{broken}")


def _read_config() -> Config:
    """config.toml; what in it cannot be used is a warning on stderr, and the defaults stand in."""
    from goaltui.store.config import load_config

    config = load_config()
    if config.problem:
        say(f"goaltui: warning: {config.problem}", file=sys.stderr)
    return config


def cmd_themes(args: argparse.Namespace, data: Path, clock: Clock) -> int:
    from goaltui.store.themes import DEFAULT_THEME, load_catalog, user_dir

    catalog = load_catalog()
    saved = args.theme or _read_config().theme
    current = saved if saved in catalog.themes else DEFAULT_THEME
    width = max((len(name) for name in catalog.themes), default=0)
    for name, spec in catalog.themes.items():
        mark = "*" if name == current else " "
        say(f"{mark} {name:<{width}}  {spec.source:<7}  {spec.path}")
    say("\n* in use: switch with 'goaltui --theme NAME' or ctrl+p in the app")
    say(f"your own themes go in {user_dir()}/*.toml")
    for problem in catalog.problems:
        say(f"goaltui: {problem} (skipped)", file=sys.stderr)
    return 1 if catalog.problems else 0


def cmd_sync(args: argparse.Namespace, data: Path, clock: Clock) -> int:
    from goaltui.store import locations, sync

    device = locations.device_id()
    if args.sync_command == "init":
        try:
            result = sync.init(data, args.remote, device, clock)
        except sync.NeedsRemote as err:
            raise UsageError(str(err)) from None
    else:
        _obey_forget_markers(data)
        result = sync.sync(data, device, clock)
        _obey_forget_markers(data)  # a marker that came in
    for warning in sync.follow_up(result, device):
        print(f"goaltui: warning: sync: {warning}", file=sys.stderr)
    if not result.ok:
        raise DataError(f"sync: {result.summary}")
    say(result.summary)
    return 0


def cmd_app(args: argparse.Namespace, data: Path, clock: Clock) -> int:
    today = clock().date()
    _load_goals(data, today, kept=True)
    from goaltui.tui.app import run

    return run(data_dir=data, theme=args.theme, clock=clock)


def cmd_serve(args: argparse.Namespace, data: Path, clock: Clock) -> int:
    from goaltui.serve.guard import TokenError, chosen_token, others_can_read
    from goaltui.serve.origin import AddressError, checked_public_url, is_loopback

    try:
        token = chosen_token(args.token, args.token_file, os.environ)
        url = None if args.public_url is None else checked_public_url(args.public_url)
    except (TokenError, AddressError) as err:
        raise UsageError(str(err)) from None
    if not 0 < args.port < 65536:
        raise UsageError(f"--port {args.port} is not a port: give one from 1 to 65535, like 8000")
    if args.max_tabs < 1:
        raise UsageError(f"--max-tabs {args.max_tabs}: give 1 or more, like 4")
    from goaltui.serve.server import cannot_listen, serve

    problem = cannot_listen(args.host, args.port)
    if problem:
        raise DataError(f"{problem} (choose another with --port)")
    _load_goals(data, clock().date(), kept=True)  # the first tab finds the starter goals written already
    if args.token_file is not None and others_can_read(args.token_file):
        print(
            f"goaltui: warning: other users of this machine can read --token-file {args.token_file}: "
            f"chmod 600 {args.token_file}",
            file=sys.stderr,
        )
    if not is_loopback(args.host):
        say(
            f"goaltui: warning: --host {args.host} lets other machines connect over plain http, where the token "
            "can be read on the way: put TLS in front (see the README: a reverse proxy, or tailscale serve)",
            file=sys.stderr,
        )
    serve(
        data,
        theme=args.theme,
        host=args.host,
        port=args.port,
        token=token,
        url=url,
        out=sys.stdout,
        max_tabs=args.max_tabs,
    )
    return 0


def cmd_review(args: argparse.Namespace, data: Path, clock: Clock) -> int:
    from goaltui.model.weeks import review_week, reviewable, week_label

    today = clock().date()
    file = _load_goals(data, today, kept=True)
    week = review_week(today, file.plan.settings)
    asked = asked_week(args.week, file.plan.settings)
    if asked is not None:
        if not reviewable(asked, today, file.plan.settings):
            raise UsageError(
                f"--week {args.week} has not reached its last working day yet: review one that has, "
                f"like {week_label(week)}"
            )
        week = asked
    from goaltui.tui.app import run

    return run(data_dir=data, theme=args.theme, clock=clock, review_week=week)


def team_rows(folders: list[str], now: datetime) -> list[MemberRow]:
    """Every member's row: the folders given, else team.toml's members. Writes nothing in their folders."""
    from goaltui.model.team import member_row
    from goaltui.store.team import TeamFileError, folder_member, load_team, read_member

    try:
        members = [folder_member(f) for f in folders] if folders else load_team()
    except TeamFileError as err:
        raise DataError(str(err)) from None
    if not members:
        raise UsageError("no team yet: give members' folders, or add one with 'goaltui team add NAME FOLDER'")
    rows = []
    for member in members:
        data = read_member(member)
        for warning in data.warnings:
            say(f"goaltui: warning: {member.name}: {warning}", file=sys.stderr)
        row = member_row(
            member.name,
            str(member.folder),
            data.plan,
            data.counts,
            now.date(),
            error=data.error,
            stale=data.stale(now),
        )
        rows.append(_with_people(row, Path(member.folder), now.date()))
    return rows


def _with_people(row: MemberRow, folder: Path, today: date) -> MemberRow:
    from goaltui.people_cli import with_people

    return with_people(row, folder, today)


def cmd_team(args: argparse.Namespace, data: Path, clock: Clock) -> int:
    if args.folders[:1] == ["add"]:
        if len(args.folders) != 3:
            raise UsageError("write it as: goaltui team add NAME FOLDER")
        from goaltui.store.team import TeamFileError, add_member

        try:
            member = add_member(args.folders[1], Path(args.folders[2]))
        except TeamFileError as err:
            raise DataError(str(err)) from None
        say(f"{member.name}: {member.folder} (as [members.{member.id}])")
        return 0
    from goaltui.model.team import team_json, team_view

    now = clock()
    view = team_view(team_rows(args.folders, now), now.date())
    if args.json:
        import json

        say(json.dumps(team_json(view), indent=2))
        return 0
    from goaltui.tui.team import run

    return run(view, theme=args.theme, clock=clock)


def cmd_team_report(args: argparse.Namespace, clock: Clock) -> int:
    from goaltui.model.calendar import long_date
    from goaltui.model.report import ReviewNotes
    from goaltui.model.team_report import team_report
    from goaltui.model.weeks import review_week, week_label
    from goaltui.store.reviews import ReviewFileError, load_review

    if args.format != "md":
        raise UsageError("--team makes the weekly report: use --format md")
    now = clock()
    today = now.date()
    rows = team_rows([], now)
    settings = next((row.plan.settings for row in rows if row.plan is not None), None)
    if settings is None:
        raise DataError("no member's folder could be read: " + "; ".join(row.error or "" for row in rows))
    week = asked_week(args.week, settings) or review_week(today, settings)
    notes: dict[str, ReviewNotes | None] = {}
    updated = {}
    for row in rows:
        if row.error is None:
            try:
                saved = load_review(Path(row.folder), week_label(week))
            except ReviewFileError as err:
                say(f"goaltui: warning: {row.name}: {err}", file=sys.stderr)
                saved = None
            notes[row.name] = ReviewNotes(saved.notes, saved.decisions) if saved else None
        if row.stale:
            from goaltui.store.team import folder_updated

            when = folder_updated(Path(row.folder))
            updated[row.name] = long_date(when.date()) if when else "never"
    sys.stdout.write(team_report(rows, week, today, notes, updated))  # escaped as it is written
    return 0


def asked_week(text: str | None, settings: Settings) -> Window | None:
    """The week ``--week`` names (a review Window), None when not given; a usage error when it is no week."""
    from goaltui.model.review import ReviewError, parse_week

    if not text:
        return None
    try:
        return parse_week(text, settings)
    except ReviewError as err:
        raise UsageError(f"--week: {err}") from None


def cmd_export(args: argparse.Namespace, data: Path, clock: Clock) -> int:
    from goaltui.model.report import csv_text, default_span, markdown_report
    from goaltui.store.reports import saved_notes
    from goaltui.store.reviews import ReviewFileError

    if args.team:
        return cmd_team_report(args, clock)
    today = clock().date()
    file = _load_goals(data, today, kept=True)
    plan = file.plan
    start = parse_day("--from", args.start, today) if args.start else None
    end = parse_day("--to", args.end, today) if args.end else None
    if args.week:
        if args.format != "md":
            raise UsageError("--week goes with --format md (a week's report): for csv or taps use --from and --to")
        if start or end:
            raise UsageError("--week names the whole span: give either --week or --from/--to, not both")
        week = asked_week(args.week, plan.settings)
        start, end = (week.start, week.end) if week else (start, end)
    if args.format == "taps":
        return export_taps(data, start, end)
    if args.format == "people":
        from goaltui.people_cli import export_people

        return export_people(data, plan, today)
    counts = _read_counts(data).counts
    if args.format == "csv":
        start = start or counts.first_day() or today
        end = end or today
    else:
        first, last = default_span(today, plan)
        start, end = start or first, end or (last if start is None else today)
    if end < start:
        raise UsageError(f"--from {start} is after --to {end}: swap them")
    if args.format == "csv":
        sys.stdout.write(csv_text(plan, counts, start, end))
        return 0
    try:
        saved = saved_notes(data, plan, start, end)
    except ReviewFileError as err:
        raise DataError(str(err)) from None
    sys.stdout.write(markdown_report(plan, counts, start, end, today, saved))
    return 0


def export_taps(data: Path, start: date | None, end: date | None) -> int:
    """One CSV row per tap, with its notes: time, day counted, metric, n, note, device."""
    from goaltui.store.notes import taps_csv, with_notes
    from goaltui.store.taplog import TapLog

    if start and end and end < start:
        raise UsageError(f"--from {start} is after --to {end}: swap them")
    taps = TapLog(data).taps(since=start)
    sys.stdout.write(taps_csv(with_notes(taps), start, end))
    return 0


if __name__ == "__main__":
    sys.exit(main())

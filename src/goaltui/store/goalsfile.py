"""goals.toml: read with tomllib, edit with tomlkit, replace atomically.

Reading is fast and gives exact error positions. Writing keeps the user's
comments and layout, assigns only what changed (store/goaltables.py), and
never overwrites an edit someone made since the file was read: the change is
re-applied on top of what is on disk now, validated, then written atomically
under the data dir's lock.
"""

from __future__ import annotations

import json
import os
import stat
import tomllib
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from goaltui.lang import N_, _
from goaltui.model.goals import Plan, PlanError
from goaltui.model.plan_parse import parse_plan
from goaltui.model.record import record
from goaltui.store import files, locations, tomlerrors
from goaltui.store.durable import atomic_write, locked

if TYPE_CHECKING:
    import tomlkit.toml_document

FILENAME = "goals.toml"


class GoalsFileError(Exception):
    """goals.toml cannot be used as it is; the message is one line saying where and why."""


@record
class GoalsFile:
    """goals.toml as it was read: the plan, the exact text, and when it was read."""

    path: Path
    plan: Plan
    text: str
    stamp: tuple[int, int]  # (mtime_ns, size): cheap to compare when polling
    broken: str = ""  # set when the file on disk has a mistake and ``plan`` is the last good one kept on this device


def goals_path(data_dir: Path) -> Path:
    return data_dir / FILENAME


def file_stamp(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_mtime_ns, st.st_size)


def syntax_error(path: Path, text: str, err: tomllib.TOMLDecodeError) -> GoalsFileError:
    """`goals.toml:LINE:COL: message: the offending line`, on one line."""
    return GoalsFileError(_("{error} (fix the file and try again)").format(error=tomlerrors.describe(path, text, err)))


def parse_text(path: Path, text: str) -> Plan:
    """Parse and validate goals.toml text; errors name the file and say what to fix."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise syntax_error(path, text, err) from None
    try:
        return parse_plan(data)
    except PlanError as err:
        line = _line_of(text, err.table) if err.table else None
        where = f"{path}:{line}" if line else f"{path}"
        raise GoalsFileError(f"{where}: {one_line(str(err))}") from None


def unknown_key_lines(file: GoalsFile) -> list[str]:
    """One line per key goals.toml holds that goaltui does not read: ``goals.toml:LINE: ... did you mean target?``."""
    said = []
    for unknown in file.plan.unknown:
        line = _key_line(file.text, unknown.table, unknown.key)
        said.append(f"{file.path}{f':{line}' if line else ''}: {one_line(unknown.words())}")
    return said


def _key_line(text: str, table: tuple[str, ...], key: str) -> int | None:
    """The line of ``key = ...`` in ``[table]`` (or after the table's own line), best effort."""
    lines = text.splitlines()
    start = 0
    if len(table) >= 2:
        start = (_line_of(text, (table[0], table[1])) or 1) - 1
    elif table:
        start = next((i for i, line in enumerate(lines) if line.strip() == f"[{table[0]}]"), 0)
    for number, line in enumerate(lines[start:], start + 1):
        name = line.split("=", 1)[0].strip().strip("\"'")
        if "=" in line and name == key:
            return number
    return None


def _line_of(text: str, table: tuple[str, str]) -> int | None:
    """The line where ``[table.key]`` begins (or, inline or dotted, first names ``key`` under ``[table]``)."""
    kind, key = table
    inside = False
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if stripped.startswith("["):
            header = stripped.strip("[]").strip()
            if header.startswith(f"{kind}.") and key in header:
                return number
            inside = header == kind
        elif (inside or stripped.startswith(f"{kind}.")) and key in stripped.split("=", 1)[0]:
            return number
    return None


# What str.splitlines breaks a line at: a name quoted from the file may hold one.
LINE_BREAKS = "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"


def one_line(message: str) -> str:
    """``message`` with every line break written as an escape (\\x85), so it stays one line."""
    return "".join(repr(c)[1:-1] if c in LINE_BREAKS else c for c in message)


def load(path: Path, *, own: bool = True) -> GoalsFile:
    """Read and validate goals.toml. The file is never changed by reading it.

    ``own``: the user's own data folder, where goals.toml may be a link the user
    made and named in config.toml (see :func:`link_problem`); in a member's
    folder a link is never followed.
    """
    try:
        raw, st = _read(path, own)
        stamp = (st.st_mtime_ns, st.st_size)
    except GoalsFileError:
        raise
    except FileNotFoundError:
        raise GoalsFileError(
            _("{path}: not found: run 'goaltui init' to write a starter file").format(path=path)
        ) from None
    except IsADirectoryError:
        raise GoalsFileError(
            _("{path}: is a folder, not a file: move it away and run 'goaltui init'").format(path=path)
        ) from None
    except PermissionError:
        raise GoalsFileError(_("{path}: cannot be read: check its permissions (chmod 600)").format(path=path)) from None
    except OSError as err:
        raise GoalsFileError(tomlerrors.cannot_read(path, err)) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        raise GoalsFileError(tomlerrors.save_as_utf8(tomlerrors.undecodable(path, raw, err))) from None
    if not text.strip():
        # Nobody means an empty file: an editor emptied it to write it again (and is still at it, or stopped, the
        # disk full). Read as goals it would drop every goal, and be kept as the last good goals over the real ones.
        raise GoalsFileError(
            _("{path}: is empty: write your goals in it again, or delete it and run 'goaltui init'").format(path=path)
        )
    return GoalsFile(path=path, plan=parse_text(path, text), text=text, stamp=stamp)


def starter_text(today: date, words: Callable[[str], str] | None = None) -> str:
    """The commented goals.toml a first run writes: the three funnel goals.

    Their titles, whys and hows are the user's own words from then on, so they are written in the language
    in use (or by ``words``, a language's ``_``). Keys, comments and the ids of metrics and goals stay English,
    like every file: a team's folders name the same metrics in every language, so their counts add up.
    """
    say = words or _
    text = STARTER.replace("$START", today.isoformat())
    for seed in SEED_WORDS:
        text = text.replace(f'"{seed}"\n', f"{json.dumps(say(seed), ensure_ascii=False)}\n")
    return text


SEED_WORDS = (  # the starter goals' own words, in the order they appear
    N_("Talk to 30 new people every working day"),
    N_("Prospecting feeds every other step"),
    N_("20 from the warm list, 10 from new conversations"),
    N_("Find 5 interested leads every working day"),
    N_("Leads turn into customers"),
    N_("Follow up on every prospect who asks a question"),
    N_("Sign 3 new customers every week"),
    N_("Customers are the income"),
    N_("Book a call with every lead within a day"),
)


STARTER = """\
# goaltui goals. Edit by hand or in the app (press g); comments are kept.
# Every goal is SMART: a metric (Specific), a target (Measurable), checked
# against your history (Achievable), a why or a parent (Relevant), and a
# window or a deadline (Time-bound). Run `goaltui check` after editing.
schema = 1

[settings]
week_starts = "monday"
workdays = ["mon", "tue", "wed", "thu", "fri"]
breaks = []                 # days off, no pace expected: [2026-12-24, 2026-12-25]

# The funnel: people you talk to -> those who show interest -> those who buy.
# `key` is the key you tap on the daily screen; shift+key takes one back.
[metrics.prospects]
key = "p"
funnel = 1

[metrics.leads]
key = "l"
funnel = 2

[metrics.customers]
key = "c"
funnel = 3

# Any other metric counted in amounts gets a unit, for example:
# [metrics.revenue]
# key = "v"
# unit = "EUR"

[goals.daily-prospects]
title = "Talk to 30 new people every working day"
metric = "prospects"
target = 30
stretch = 50
every = "day"               # day | week | month | quarter | year
why = "Prospecting feeds every other step"
how = "20 from the warm list, 10 from new conversations"
parent = "weekly-customers"
start = $START

[goals.daily-leads]
title = "Find 5 interested leads every working day"
metric = "leads"
target = 5
stretch = 10
every = "day"
why = "Leads turn into customers"
how = "Follow up on every prospect who asks a question"
parent = "weekly-customers"
start = $START

[goals.weekly-customers]
title = "Sign 3 new customers every week"
metric = "customers"
target = 3
stretch = 5
every = "week"
why = "Customers are the income"
how = "Book a call with every lead within a day"
start = $START

# A one-off goal has a start and a deadline instead of `every`, and can
# carry milestones:
# [goals.q1-customers]
# title = "Sign 40 new customers by the end of March"
# metric = "customers"
# target = 40
# start = 2026-11-23
# deadline = 2027-03-31
# [[goals.q1-customers.milestones]]
# title = "First 10 customers"
# due = 2026-12-31
# done = false
"""


def write_new(path: Path, text: str) -> None:
    """Write a new goals.toml; refuses to replace one that exists."""
    locations.ensure_dir(path.parent)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, locations.FILE_MODE)
    try:
        os.write(fd, text.encode("utf-8"))
        os.fsync(fd)
    finally:
        os.close(fd)


def kept_path(data_dir: Path) -> Path:
    """Where this device keeps the last goals.toml of ``data_dir`` that was read good (device-local)."""
    return locations.ensure_dir(locations.state_dir() / "goals") / f"{locations.data_key(data_dir)}.toml"


def load_or_kept(path: Path) -> GoalsFile:
    """The user's own goals.toml, or, while it has a mistake, the last good one this device read.

    Counting never stops for a typo: a good read is kept (only when it
    changed), and a broken file gives the kept plan with ``broken`` saying
    what to fix. With nothing kept, the mistake itself is raised.
    """
    try:
        file = load(path)
    except GoalsFileError as err:
        if not path.exists() and not path.is_symlink():
            raise
        try:
            kept = kept_path(path.parent)
            text = kept.read_text("utf-8")
            plan = parse_text(kept, text)
        except (OSError, UnicodeDecodeError, GoalsFileError):
            raise GoalsFileError(
                _("{error}; no earlier good goals.toml on this device to count with meanwhile").format(error=err)
            ) from None
        return GoalsFile(path=path, plan=plan, text=text, stamp=file_stamp(path) or (0, 0), broken=str(err))
    try:
        kept = kept_path(path.parent)
        if not kept.exists() or kept.read_text("utf-8") != file.text:
            atomic_write(kept, file.text.encode("utf-8"))
    except (OSError, UnicodeDecodeError):
        pass  # only a spare: the file itself was read
    return file


def ensure(path: Path, today: date, *, kept: bool = False) -> tuple[GoalsFile, bool]:
    """Load goals.toml, writing the starter file first when there is none.

    Returns the file and whether it was just created. ``kept``: while the file
    has a mistake, the last good goals this device read (see :func:`load_or_kept`).
    """
    created = False
    if not path.exists() and not path.is_symlink():
        try:
            write_new(path, starter_text(today))
            created = True
        except FileExistsError:
            pass  # another process wrote it first: use theirs
        except OSError as err:
            raise GoalsFileError(
                _("{path}: cannot write the starter file: {reason}").format(path=path, reason=err.strerror or err)
            ) from None
    return (load_or_kept(path) if kept else load(path)), created


def _read(path: Path, own: bool) -> tuple[bytes, os.stat_result]:
    """goals.toml's bytes and stat: a plain file (or the user's own link), never a pipe, never past the limit."""
    flags = os.O_RDONLY | os.O_CLOEXEC | os.O_NONBLOCK | os.O_NOFOLLOW
    if stat.S_ISLNK(os.lstat(path).st_mode):
        problem = (
            link_problem(path)
            if own
            else _("{path}: is a link: goaltui never follows links in a member's folder").format(path=path)
        )
        if problem:
            raise GoalsFileError(problem)
        flags &= ~os.O_NOFOLLOW
    fd = os.open(path, flags)
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise IsADirectoryError(21, "Is a directory", str(path))
        if not stat.S_ISREG(st.st_mode):
            raise GoalsFileError(
                _("{path}: is {kind}, not a plain file: replace it with one").format(
                    path=path, kind=files.what_it_is(st.st_mode)
                )
            )
        if st.st_size > files.GOALS_FILE_LIMIT:
            raise GoalsFileError(f"{files.too_large(str(path), st.st_size, files.GOALS_FILE_LIMIT)}")
        return files.read_to(fd, st.st_size), st
    finally:
        os.close(fd)


def link_problem(path: Path) -> str | None:
    """Why the user's goals.toml link at ``path`` is not followed; None when it is the user's own.

    A link in the data folder may have come from anyone who can write there (a
    synced remote, a sync tool), so it is followed only to the file named by
    ``goals_link`` in config.toml: the config folder is this device's own, so
    that line is the user's word, like git's ``safe.directory``. Never in a
    folder synced with git, which would carry the link itself to the other devices.
    """
    from goaltui.store.config import config_path, load_config

    target = Path(os.path.realpath(path))
    if (path.parent / ".git").exists():
        return _(
            "{path}: is a link to {target}, and this folder is synced with git, which would carry the link "
            "itself to your other devices: make goals.toml a plain file"
        ).format(path=path, target=target)
    named = load_config().goals_link
    if named is None or Path(os.path.realpath(named)) != target:
        return _(
            "{path}: is a link to {target}; goaltui follows it only to the file named in {config}: "
            'if you made this link, add goals_link = "{target}" there, else remove the link'
        ).format(path=path, target=target, config=config_path())
    return None


# --- rewriting ---------------------------------------------------------------

Edit = Callable[["tomlkit.toml_document.TOMLDocument"], None]


@record
class Saved:
    """The result of a rewrite: the file as now on disk, and whether it had changed underneath."""

    file: GoalsFile
    merged: bool  # True when the edit was re-applied over someone else's change


def update(loaded: GoalsFile, edit: Edit, *, lock_file: Path | None = None) -> Saved:
    """Apply ``edit`` to goals.toml and replace the file atomically.

    Under the lock, the file is read again. If it differs from ``loaded``
    (an editor saved it meanwhile), the edit is applied to the new text, so the
    other change is kept. The result is validated before anything is written:
    an edit that would make the file invalid raises GoalsFileError and the file
    stays exactly as it was. ``edit`` raising KeyError or ValueError (the goal
    it changes is gone) becomes a GoalsFileError too.
    """
    import tomlkit

    path = loaded.path
    lock = lock_file or locations.lock_path(path.parent)
    with locked(lock):
        current = load(path)
        doc = tomlkit.parse(current.text)
        try:
            edit(doc)
        except (KeyError, ValueError) as err:
            raise GoalsFileError(
                _("{path}: could not apply the change: {error}").format(path=path, error=err)
            ) from None
        new_text = tomlkit.dumps(doc)
        plan = parse_text(path, new_text)
        if new_text != current.text:
            try:
                atomic_write(path, new_text.encode("utf-8"))
            except OSError as err:
                raise GoalsFileError(
                    _("{path}: not saved: {reason}; the file is unchanged").format(
                        path=path, reason=err.strerror or err
                    )
                ) from None
        stamp = file_stamp(path) or current.stamp
    return Saved(GoalsFile(path=path, plan=plan, text=new_text, stamp=stamp), merged=current.text != loaded.text)

"""A team: other people's goaltui data folders, read side by side, never written.

Members are listed in `team.toml` in the config folder (or given on the command
line). Each folder is a member's own data folder, brought to this machine by
git, Syncthing or a shared drive. Reading one writes nothing into it: the
summary cache of its taps lives in this machine's cache folder. A member whose
folder cannot be read is that member's one-line error; the others are shown.

```toml
[members.anna]
name = "Anna Berg"
folder = "~/team/anna"
```
"""

from __future__ import annotations

import os
import re
import tomllib
from datetime import datetime, timedelta
from pathlib import Path

from goaltui.lang import _
from goaltui.model.counts import DailyCounts
from goaltui.model.goals import Plan
from goaltui.model.record import record
from goaltui.store import conflicts, goalsfile, locations, tomlerrors
from goaltui.store.durable import atomic_write
from goaltui.store.goalsfile import GoalsFileError
from goaltui.store.taplog import TapLog

FILENAME = "team.toml"
STALE = timedelta(days=1)  # a folder not updated for longer has not been synced


class TeamFileError(Exception):
    """team.toml cannot be used: one line saying where and what to do."""


@record
class Member:
    """One person on the team: an id (the table key), a name to show, their data folder."""

    id: str
    name: str
    folder: Path


@record
class MemberData:
    """What could be read of one member: their plan and counts, or the one-line reason why not."""

    member: Member
    plan: Plan | None = None
    counts: DailyCounts | None = None
    error: str | None = None
    warnings: tuple[str, ...] = ()  # bad tap lines, conflict copies: shown, not fatal
    updated: datetime | None = None  # the newest change to their goals or taps that reached this machine

    def stale(self, now: datetime) -> bool:
        """Not updated on this machine for over a day: their device has not synced."""
        return self.updated is not None and now - self.updated > STALE


def team_path() -> Path:
    return locations.config_dir() / FILENAME


def load_team(path: Path | None = None) -> list[Member]:
    """The members listed in team.toml, in file order; none if the file does not exist."""
    path = path or team_path()
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return []
    except OSError as err:
        raise TeamFileError(tomlerrors.cannot_read(path, err)) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        raise TeamFileError(tomlerrors.save_as_utf8(tomlerrors.undecodable(path, raw, err))) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise TeamFileError(_("{error}: fix that line").format(error=tomlerrors.describe(path, text, err))) from None
    members = data.get("members", {})
    if not isinstance(members, dict):
        raise TeamFileError(_("{path}: members must be a table of [members.<id>] entries").format(path=path))
    found = []
    for key, entry in members.items():
        folder = entry.get("folder") if isinstance(entry, dict) else None
        if not isinstance(folder, str) or not folder.strip():
            raise TeamFileError(
                _('{path}: [members.{key}] needs folder = "path/to/their/data"').format(path=path, key=key)
            )
        name = entry.get("name", key)
        found.append(Member(key, name if isinstance(name, str) and name else key, Path(folder).expanduser()))
    return found


def member_id(name: str) -> str:
    """A table key from a name: `Anna Berg` -> `anna-berg`."""
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "member"


def add_member(name: str, folder: Path, path: Path | None = None) -> Member:
    """Add (or update) a member in team.toml, keeping whatever else the user wrote there."""
    import tomlkit

    path = path or team_path()
    load_team(path)  # refuse to rewrite a file that cannot be read
    try:
        doc = tomlkit.parse(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        doc = tomlkit.document()
    member = Member(member_id(name), name, folder.expanduser().resolve())
    members = doc.setdefault("members", tomlkit.table(is_super_table=True))
    entry = tomlkit.table()
    entry["name"] = member.name
    entry["folder"] = str(member.folder)
    members[member.id] = entry
    locations.ensure_dir(path.parent)
    atomic_write(path, tomlkit.dumps(doc).encode("utf-8"))
    return member


def folder_member(folder: str) -> Member:
    """A member given on the command line: named after the folder."""
    path = Path(folder).expanduser()
    name = path.resolve().name or str(path)
    return Member(member_id(name), name, path)


def read_member(member: Member) -> MemberData:
    """Read one member's goals and taps; any problem is their one-line error. Writes nothing in their folder."""
    folder = member.folder
    if not folder.is_dir():
        return MemberData(
            member, error=_("{folder}: folder not found: is it synced to this machine?").format(folder=folder)
        )
    goals = goalsfile.goals_path(folder)
    if not os.path.lexists(goals):
        return MemberData(
            member, error=_("{folder}: no goals.toml here: not a goaltui data folder").format(folder=folder)
        )
    try:
        plan = goalsfile.load(goals, own=False).plan
        log = TapLog(folder, device="team-reader")
        result = log.read()
    except GoalsFileError as err:
        return MemberData(member, error=str(err))
    except OSError as err:
        return MemberData(member, error=tomlerrors.cannot_read(err.filename or folder, err))
    copies = conflicts.goal_and_review_copies(folder)
    warnings = (
        *result.problems,
        *(_("{path}: a sync conflict copy, not counted").format(path=c) for c in result.conflicts),
        *(_("{path}: another device's version, kept beside the file: not used").format(path=c) for c in copies),
    )
    return MemberData(member, plan, result.counts, warnings=tuple(warnings), updated=folder_updated(folder))


def folder_updated(folder: Path) -> datetime | None:
    """When the member's goals or tap files last changed on this machine."""
    times = []
    for path in [goalsfile.goals_path(folder), *folder.glob("taps/*/*.toml")]:
        try:
            times.append(path.lstat().st_mtime)
        except OSError:
            continue
    return datetime.fromtimestamp(max(times)).astimezone() if times else None

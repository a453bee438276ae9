"""The people log: touches between taps, one append-only TOML file per device per month, one touch per line.

```
<data>/people/<device>/2026-11.toml
"2026-11-23T09:30:00.000+01:00" = { who = "Ben Ortiz", touch = "follow-up", due = 2026-11-27, note = "pricing" }
"2026-11-24T10:02:11.250+01:00" = { who = "Ben Ortiz", touch = "no-answer" }
"2026-11-27T14:00:00.000+01:00" = { who = "Ben Ortiz", touch = "done", note = "sent the offer" }
"2026-11-27T14:01:00.000+01:00" = { who = "Ben Ortiz", touch = "details", company = "Acme", phone = "+46 70 123" }
"2026-11-30T09:00:00.000+01:00" = { who = "Ann Lee", touch = "lost" }
```

The tap log's guarantees hold here too, through the same code: a touch is
one ``os.write`` to a file opened with ``O_APPEND`` under the data folder's
lock, then ``fsync``; keys strictly increase within a file; a torn last line
is skipped and reported and the next writer starts a new line; one writer per
device file, every device's files merged; never through a link. Every value is
range-checked here, where it is read.
"""

from __future__ import annotations

import re
from dataclasses import field, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

from goaltui.lang import _
from goaltui.model.goals import is_word
from goaltui.model.names import DETAIL_FIELDS, name_problem
from goaltui.model.people import (
    MAX_DETAIL,
    MAX_NOTE,
    TOUCH_KINDS,
    NamedTap,
    Person,
    Touch,
    TouchKind,
    build_people,
)
from goaltui.model.record import record
from goaltui.store import files, tapappend, tapline, taplog, tapmonth
from goaltui.store.tap import Tap, key_datetime, parse_entry

FOLDER = "people"


def encode(key: str, touch: Touch) -> bytes:
    """The touch as one line of UTF-8 TOML ending in a newline; ``ValueError`` for a touch no reader would take."""
    problem = touch_problem(touch.who, touch.kind, touch.due, touch.note, touch.details, touch.stage)
    if problem:
        raise ValueError(problem)
    parts = [f"who = {tapline.quote(touch.who)}", f"touch = {tapline.quote(touch.kind)}"]
    if touch.stage:
        parts.append(f"stage = {tapline.quote(touch.stage)}")
    if touch.due is not None:
        parts.append(f"due = {touch.due.isoformat()}")
    parts += [f"{name} = {tapline.quote(value)}" for name, value in touch.details]
    if touch.note:
        parts.append(f"note = {tapline.quote(touch.note)}")
    return f"{tapline.quote(key)} = {{ {', '.join(parts)} }}\n".encode()


def touch_problem(
    who: object, kind: object, due: object, note: object, details: tuple[tuple[str, str], ...], stage: object = ""
) -> str:
    """Why these fields make no touch; "" when they do."""
    if name_problem(who):
        return _("who: {problem}").format(problem=name_problem(who))
    if kind not in TOUCH_KINDS:
        return _("touch = {kind} is not one of {kinds}").format(kind=repr(str(kind)[:20]), kinds=", ".join(TOUCH_KINDS))
    if (kind == "stage") != bool(stage):
        return _('stage (a funnel metric) goes with touch = "stage", and it needs one')
    if stage and not is_word(stage):
        return _("stage is not a metric id (letters, digits, - and _)")
    if (kind == "follow-up") != (due is not None):
        return _("due goes with a follow-up, and only with one")
    if due is not None and (type(due) is not date or not date(1900, 1, 1) <= due <= date(9998, 12, 31)):
        return _("due is not a day from 1900 to 9998")
    if not isinstance(note, str) or len(note) > MAX_NOTE:
        return _("note is not text of at most {n} characters").format(n=MAX_NOTE)
    fields = ", ".join(DETAIL_FIELDS)
    if (kind == "details") != bool(details):
        return _('details ({fields}) go with touch = "details", and it needs one').format(fields=fields)
    for name, value in details:
        if name not in DETAIL_FIELDS:
            return _("{name} is not a detail ({fields})").format(name=name[:20], fields=fields)
        if not isinstance(value, str) or len(value) > MAX_DETAIL or not value.isprintable():
            return _("{name} is not one line of at most {n} characters").format(name=name, n=MAX_DETAIL)
    return ""


def _touch(key: str, value: Any, month: date | None = None) -> Touch:
    """Check one parsed ``key = value`` pair of the people log and make it a Touch."""
    at = key_datetime(key, month)
    if not isinstance(value, dict):
        raise ValueError(_('the value is not a table like { who = "Ben Ortiz", touch = "no-answer" }'))
    unknown = set(value) - {"who", "touch", "due", "note", "stage", *DETAIL_FIELDS}
    if unknown:
        raise ValueError(_("unknown field {name}").format(name=repr(sorted(unknown)[0][:20])))
    details = tuple((name, value[name]) for name in DETAIL_FIELDS if name in value)
    who, kind, due, note = value.get("who"), value.get("touch"), value.get("due"), value.get("note", "")
    stage = value.get("stage", "")
    problem = touch_problem(who, kind, due, note, details, stage)
    if problem:
        raise ValueError(problem)
    return Touch(at, str(who), kind, due, note, details, stage)  # type: ignore[arg-type]  # checked just above


def parse_touch(line: str) -> Touch | None:
    """The touch on one line of the people log; None for a blank or comment line; ``ValueError`` otherwise."""
    entry = parse_entry(line, None, _touch)
    return None if entry is None else entry[1]


@record(frozen=False)
class PeopleRead:
    """Every device's touches in time order, and what could not be read."""

    touches: list[Touch] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    conflicts: list[Path] = field(default_factory=list)


class PeopleLog:
    """The people log of one data dir; this device writes ``people/<device>/``, reads every device."""

    def __init__(self, data_dir: Path, device: str | None = None) -> None:
        self.data_dir = Path(data_dir)
        self.device = taplog.TapLog(data_dir, device).device  # the same checks on the device's name
        self.notices: list[str] = []

    def append(
        self,
        who: str,
        kind: TouchKind,
        *,
        now: datetime,
        due: date | None = None,
        note: str = "",
        details: tuple[tuple[str, str], ...] = (),
        stage: str = "",
    ) -> Touch:
        """Append one touch durably and return it as written (its key later than the file's last one)."""
        at = tapappend.key_time(now)
        made = Touch(at, who, kind, due, note, details, stage)
        encode(at.isoformat(timespec="milliseconds"), made)  # fails before the file is touched

        def line_at(key: datetime) -> bytes:
            return encode(key.isoformat(timespec="milliseconds"), Touch(key, who, kind, due, note, details, stage))

        key = tapappend.append_line(self.data_dir, [FOLDER, self.device], at, line_at, self.notices)
        return Touch(key, who, kind, due, note, details, stage)

    def read(self) -> PeopleRead:
        """Every device's touches, bad lines skipped and reported."""
        result = PeopleRead()
        for _path, rel, _st in tapmonth.month_files(self.data_dir, FOLDER, result.problems, result.conflicts):
            try:
                data, _st = files.read_file(self.data_dir, rel, files.TAP_FILE_LIMIT)
            except files.Refused as err:
                result.problems.append(str(err))
                continue
            except OSError as err:
                result.problems.append(tapmonth.could_not_read(rel, err))
                continue
            parsed = tapmonth.parse_month(data, rel, _touch)
            result.touches.extend(parsed.taps)
            result.problems.extend(parsed.problems)
        result.touches.sort(key=lambda t: t.at)
        return result

    def own_files(self) -> list[str]:
        """This device's month files, relative to the data folder."""
        return [
            rel
            for _path, rel, _st in tapmonth.month_files(self.data_dir, FOLDER, [], [])
            if rel.split("/")[1] == self.device
        ]


@record(frozen=False)
class PeopleFound:
    """Everyone in the data folder, and what could not be read on the way."""

    people: dict[str, Person]
    problems: list[str]


def read_people(data_dir: Path, funnel: list[str], device: str | None = None) -> PeopleFound:
    """Everyone named in the tap log and the people log of every device (``funnel``: metric ids, top first)."""
    log = PeopleLog(data_dir, device)
    read = log.read()
    taps = [
        NamedTap(tap.at, tap.counts_for, tap.metric, tap.n, tap.who, tap.note)
        for tap in named_taps(data_dir)
        if tap.who and not tap.for_key
    ]
    problems = read.problems + [
        _("{path}: a sync conflict copy, not read").format(path=path) for path in read.conflicts
    ]
    return PeopleFound(build_people(funnel, taps, read.touches), problems)


def stamp(data_dir: Path) -> tuple[object, ...]:
    """What :func:`read_people` reads, as it stands: each tap and people month file's name, size, mtime,
    ctime (a chmod too) and inode, and the folders' conflict copies and problems. The same stamp twice: the
    same people (a stat of each file, not a read)."""
    parts: list[object] = []
    for top in ("taps", FOLDER):
        problems: list[str] = []
        conflicts: list[Path] = []
        months = tapmonth.month_files(data_dir, top, problems, conflicts)
        parts += [tuple((rel, st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino) for _p, rel, st in months)]
        parts += [tuple(map(str, conflicts)), tuple(problems)]
    return tuple(parts)


_WHO_LINES = re.compile(rb"[^\n]*who[^\n]*\n?")


def named_taps(data_dir: Path) -> list[Tap]:
    """Every device's taps that may name someone: only their lines are parsed (years of taps stay quick)."""
    found: list[Tap] = []
    for _path, rel, _st in tapmonth.month_files(data_dir, "taps", [], []):
        try:
            data, _st = files.read_file(data_dir, rel, files.TAP_FILE_LIMIT)
        except OSError:
            continue  # the tap log's own reading reports it
        if b"who" not in data:
            continue  # a month that names no one (most, for many): nothing to split
        lines = _WHO_LINES.findall(data)  # each line with "who" in it, found in C: a team reads 2,600 files
        found.extend(_named(data, rel, tapmonth.parse_month(b"".join(lines) + b"\n", rel).taps))
    found.sort(key=lambda tap: tap.at)
    return found


def _named(data: bytes, rel: str, taps: list[Tap]) -> list[Tap]:
    """``taps`` with each name given after the fact (a note line naming a tap, with ``who``) put on that tap.

    The tap's own line is found by its key in the same file (one device writes
    both); the latest name given to a tap wins, and a tap that named someone when
    it was made keeps that name.
    """
    later: dict[str, Tap] = {}
    named = []
    for tap in taps:
        if tap.for_key:
            if tap.who:  # else a plain note that happens to hold the word
                later[tap.for_key] = tap
        else:
            named.append(tap)
    for key, line in later.items():
        own = _line_of(data, rel, key)
        if own is not None and not own.who and not own.for_key:
            named.append(replace(own, who=line.who, note=line.note or own.note))
    return named


def _line_of(data: bytes, rel: str, key: str) -> Tap | None:
    """The tap whose line in ``data`` has ``key``; None if it is not there or cannot be read."""
    start = data.find(b'"' + key.encode() + b'" = ')
    if start < 0 or (start and data[start - 1 : start] != b"\n"):
        return None
    end = data.find(b"\n", start)
    if end < 0:
        return None
    taps = tapmonth.parse_month(data[start : end + 1], rel).taps
    return taps[0] if taps else None

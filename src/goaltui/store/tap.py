"""One tap and its line: the Tap, and checking one ``key = value`` line of a month file into one.

A line in the form the writers write is read by the reader made for it
(store/lineread.py), any other by tomllib; either way every value is
range-checked here before it counts (store/taplog.py has the file's format).
Reading a whole month file is store/tapmonth.py.

On the path of `goaltui log`: it imports only the standard library it needs.
"""

from __future__ import annotations

import math
import re
import tomllib
from collections.abc import Callable
from dataclasses import field
from datetime import date, datetime, timedelta
from typing import Any

from goaltui.lang import _
from goaltui.model.counts import Reading
from goaltui.model.names import name_problem
from goaltui.model.numbers import MAX_N, count, local
from goaltui.model.record import record
from goaltui.store import lineread, tapline

MONTH_FILE = re.compile(r"\d{4}-\d{2}\.toml")
FIRST_YEAR = 1900  # a date before it is no tap of anyone's: a typo, or not ours
_FIRST_DAY = date(FIRST_YEAR, 1, 1)
_ONE_DAY = timedelta(days=1)


@record
class Tap:
    """One tap: ``n`` of ``metric`` at ``at`` (aware, whole milliseconds), counted for ``day`` if given."""

    at: datetime
    metric: str
    n: float = 1
    day: date | None = None
    note: str = ""
    for_key: str = ""  # a note line: the key of the earlier tap it adds ``note`` to (TOML ``for``)
    who: str = ""  # the person the tap was about, if named
    level: float | None = None  # a reading of a level: its value (the line counts n = 0)
    undo: str = ""  # the take-back of the reading with this key (on the same device)
    device: str = field(default="", compare=False)  # where a reading was read from (set for readings only)

    @property
    def counts_for(self) -> date:
        """The day this tap counts for: ``day`` if given (a backfill), else the key's local date."""
        return self.day if self.day is not None else self.at.date()

    @property
    def key(self) -> str:
        """The line's key: the local timestamp with milliseconds and UTC offset."""
        return self.at.isoformat(timespec="milliseconds")

    def to_line(self) -> str:
        """The tap as one line of TOML, ending in a newline."""
        if self.at.utcoffset() is None:
            raise ValueError(_("a tap's time must carry a UTC offset"))
        if not FIRST_YEAR <= self.at.year <= 9998:
            raise ValueError(
                _("a tap's time must be in the years {first} to {last}").format(first=FIRST_YEAR, last=9998)
            )
        if self.day is not None and type(self.day) is not date:
            raise ValueError(_("day must be a date, not a datetime"))
        day = self.day.isoformat() if self.day is not None else ""
        line = tapline.encode(
            self.key, self.metric, self.n, day, self.note, self.for_key, self.who, self.level, self.undo
        )
        return line.decode()

    def reading(self, device: str) -> Reading | None:
        """This line as a reading of a level (or its take-back) made on ``device``; None for any other tap."""
        if self.level is None and not self.undo:
            return None
        return Reading(self.metric, self.device or device, self.key, self.at, self.counts_for, self.level, self.undo)


def parse_line(line: str) -> Tap:
    """The tap on one line of a month file; ``ValueError`` with a short reason if it is not one."""
    entry = parse_entry(line)
    if entry is None:
        raise ValueError(_("the line is blank or a comment"))
    tap: Tap = entry[1]
    return tap


def parse_entry(line: str, month: date | None = None, make: Callable[..., Any] | None = None) -> tuple[str, Any] | None:
    """``(key, tap)`` for a tap line, ``None`` for a blank or comment line; ``ValueError`` otherwise.

    ``month`` (its first day) is the month of the file the line is in: a key far from it is refused.
    """
    text = line.strip()
    if not text or text.startswith("#"):
        return None
    pair = written(text) or one_pair(text)
    if pair is None:
        raise ValueError(_("expected one tap on the line"))
    key, value = pair
    return key, (make or tap_of)(key, value, month)


def month_of(rel: str) -> date | None:
    """The first day of the month a month file ``.../2026-11.toml`` holds; None for another name or no month."""
    name = rel.rsplit("/", 1)[-1]
    if not MONTH_FILE.fullmatch(name):
        return None
    year, month = int(name[:4]), int(name[5:7])
    return date(year, month, 1) if FIRST_YEAR <= year <= 9998 and 1 <= month <= 12 else None


def near(at: datetime, month: date) -> bool:
    """True when ``at``'s own date is in ``month`` or a day either side (a key bumped past midnight)."""
    bounds = _BOUNDS.get(month)
    if bounds is None:
        bounds = _BOUNDS[month] = (month - timedelta(days=1), month_after(month))
    return bounds[0] <= at.date() <= bounds[1]


_BOUNDS: dict[date, tuple[date, date]] = {}  # a month's first day -> the first and last day its keys may have


def key_datetime(key: str, month: date | None = None) -> datetime:
    """A line's key as a time; ``ValueError`` unless it has a UTC offset and belongs in the file of ``month``."""
    try:
        at = datetime.fromisoformat(key)
    except ValueError:
        raise ValueError(_("the key {key} is not a timestamp").format(key=repr(key[:40]))) from None
    if at.utcoffset() is None:
        raise ValueError(_("the timestamp {key} has no UTC offset").format(key=key[:40]))
    if at.year < FIRST_YEAR or at.year > 9998:
        raise ValueError(_("the timestamp {key} is out of range").format(key=key[:40]))
    if month is not None and not near(at, month):
        raise ValueError(
            _("the timestamp {key} does not belong in the file of {month}").format(key=key[:40], month=f"{month:%Y-%m}")
        )
    return at


def tap_of(key: str, value: Any, month: date | None = None) -> Tap:
    """Check one parsed ``key = value`` pair and make it a Tap; every value is range-checked here."""
    return Tap(*tap_fields(key, value, month))


TapFields = tuple[datetime, str, float, date | None, str, str, str, float | None, str]


def tap_fields(key: str, value: Any, month: date | None = None) -> TapFields:
    """A Tap's fields from one parsed ``key = value`` pair, every value range-checked; ``ValueError`` says why not."""
    at = key_datetime(key, month)
    if not isinstance(value, dict):
        raise ValueError(_('the value is not a table like { metric = "prospects" }'))
    metric = value.get("metric")
    if not isinstance(metric, str) or not metric:
        raise ValueError(_("metric is missing or not a string"))
    n = value.get("n", 1)
    if type(n) is not int and (type(n) is not float or not math.isfinite(n)):  # a bool is no number here
        raise ValueError(_("n is not a number"))
    if abs(n) > MAX_N:
        raise ValueError(
            _("n = {n} is out of range (at most {most} a tap)").format(n=local(f"{n:.3g}"), most=count(MAX_N))
        )
    day = value.get("day")
    if day is not None and type(day) is not date:
        raise ValueError(_("day is not a date like 2026-11-20"))
    if day is not None and not _FIRST_DAY <= day <= at.date() + _ONE_DAY:
        raise ValueError(
            _("day = {day} is out of range (a tap counts for its own day or an earlier one)").format(day=day)
        )
    note = value.get("note", "")
    if not isinstance(note, str):
        raise ValueError(_("note is not a string"))
    for_key = value.get("for", "")
    if not isinstance(for_key, str):
        raise ValueError(_("for is not the key of a tap"))
    who = value.get("who", "")
    if who != "" and name_problem(who):
        raise ValueError(_("who: {problem}").format(problem=name_problem(who)))
    level, undo = value.get("level"), value.get("undo", "")
    if level is not None:
        if type(level) is not int and (type(level) is not float or not math.isfinite(level)):
            raise ValueError(_("level is not a number"))
        if abs(level) > MAX_N:
            raise ValueError(
                _("level = {level} is out of range (at most {most})").format(
                    level=local(f"{level:.3g}"), most=count(MAX_N)
                )
            )
    if undo != "":
        if not isinstance(undo, str):
            raise ValueError(_("undo is not the key of a reading"))
        key_datetime(undo)
    if (level is not None or undo) and (n != 0 or (level is not None and undo)):
        raise ValueError(_("a reading (level) or its take-back (undo), one of them, with n = 0"))
    return at, metric, n, day, note, for_key, who, level, undo


def written(text: str) -> tuple[str, dict[str, Any]] | None:
    """``(key, table)`` of a line exactly as goaltui writes it (store/lineread.py); None: one for tomllib."""
    try:
        return lineread.read_line(text)
    except ValueError:  # a number with more digits than int() reads: tomllib says so in its own words
        return None


def one_pair(text: str) -> tuple[str, Any] | None:
    """The one ``key = value`` of a line that tomllib reads (None for a comment); ``ValueError`` says why not."""
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise ValueError(_("not valid TOML ({error})").format(error=err)) from None
    if not doc:
        return None
    if len(doc) != 1:
        raise ValueError(_("expected one tap on the line"))
    ((key, value),) = doc.items()
    return key, value


def month_before(day: date) -> date:
    return date(day.year - 1, 12, 1) if day.month == 1 else date(day.year, day.month - 1, 1)


def month_after(day: date) -> date:
    return date(day.year + 1, 1, 1) if day.month == 12 else date(day.year, day.month + 1, 1)

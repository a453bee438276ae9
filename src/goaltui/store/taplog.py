"""The tap log: one append-only TOML file per device per month, one tap per line.

```
<data>/taps/<device>/2026-11.toml
"2026-11-23T09:14:03.512+01:00" = { metric = "prospects" }
"2026-11-23T09:20:41.007+01:00" = { metric = "prospects", n = -1 }
"2026-11-23T11:02:10.300+01:00" = { metric = "revenue", n = 250, note = "Acme" }
"2026-11-24T08:00:00.000+01:00" = { metric = "leads", day = 2026-11-20 }
```

A note added to an earlier tap is a line of its own, under its own key,
naming that tap's key in ``for``: ``{ metric = "leads", n = 0, day =
2026-11-20, for = "2026-11-24T08:00:00.000+01:00", note = "Ann, Acme" }``.
It counts nothing (``n = 0``, on the named tap's day), so a reader that knows
no ``for`` still counts right and merely sees a note on no tap.

A reading of a level is a line of its own too: ``{ metric = "downline", n = 0,
level = 57 }``; taking it back names its key: ``{ metric = "downline", n = 0,
undo = "<key>" }``. Both count nothing for a reader that knows no levels; the
value is the latest reading (model/counts.py).

A tap is one ``os.write`` of a whole line to a file opened with ``O_APPEND``,
then ``fsync``; it counts as saved only once that returns. Keys strictly
increase within a file. A crash can only tear the last, unacknowledged line:
readers skip and report it, the next writer starts a new line, and no byte is
ever deleted. Readers merge every device's files; daily counts of unchanged
files come from a summary cache, so reading costs the same with years of
history as with a week, and a file that only grew since is read on from where
the cache stopped (its bytes up to there checked unchanged).

This module sits on the quick path (``goaltui log``): it imports only the
standard library it needs, and ``json`` only when the cache is used.
"""

from __future__ import annotations

import math
import os
import re
import stat
import tomllib
from collections.abc import Callable, Sequence
from contextlib import suppress
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from goaltui.model.counts import DailyCounts, Reading
from goaltui.model.names import name_problem
from goaltui.model.numbers import MAX_N
from goaltui.store import files, lineread, locations, tapline
from goaltui.store.conflicts import is_conflict
from goaltui.store.durable import locked

CACHE_SCHEMA = 3  # 2: entries say how far the file was read, to read on from there; 3: readings of levels
_MONTH_FILE = re.compile(r"\d{4}-\d{2}\.toml")
_KEY_AT_LINE_START = re.compile(rb'^[ \t]*(["\'])([^"\'\n]*)\1[ \t]*=', re.MULTILINE)
_ONE_MS = timedelta(milliseconds=1)
_TAIL = 512  # bytes read back to find the last key; doubled while it holds no whole line
_FIRST_YEAR = 1900  # a date before it is no tap of anyone's: a typo, or not ours
_FIRST_DAY = date(_FIRST_YEAR, 1, 1)
_ONE_DAY = timedelta(days=1)


# --------------------------------------------------------------------------- one tap


@dataclass(frozen=True, slots=True)
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
            raise ValueError("a tap's time must carry a UTC offset")
        if not _FIRST_YEAR <= self.at.year <= 9998:
            raise ValueError(f"a tap's time must be in the years {_FIRST_YEAR} to 9998")
        if self.day is not None and type(self.day) is not date:
            raise ValueError("day must be a date, not a datetime")
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
        raise ValueError("the line is blank or a comment")
    tap: Tap = entry[1]
    return tap


def parse_entry(line: str, month: date | None = None, make: Callable[..., Any] | None = None) -> tuple[str, Any] | None:
    """``(key, tap)`` for a tap line, ``None`` for a blank or comment line; ``ValueError`` otherwise.

    ``month`` (its first day) is the month of the file the line is in: a key far from it is refused.
    """
    text = line.strip()
    if not text or text.startswith("#"):
        return None
    pair = _written(text) or _one_pair(text)
    if pair is None:
        raise ValueError("expected one tap on the line")
    key, value = pair
    return key, (make or _tap)(key, value, month)


def month_of(rel: str) -> date | None:
    """The first day of the month a month file ``.../2026-11.toml`` holds; None for another name or no month."""
    name = rel.rsplit("/", 1)[-1]
    if not _MONTH_FILE.fullmatch(name):
        return None
    year, month = int(name[:4]), int(name[5:7])
    return date(year, month, 1) if _FIRST_YEAR <= year <= 9998 and 1 <= month <= 12 else None


def _near(at: datetime, month: date) -> bool:
    """True when ``at``'s own date is in ``month`` or a day either side (a key bumped past midnight)."""
    bounds = _BOUNDS.get(month)
    if bounds is None:
        bounds = _BOUNDS[month] = (month - timedelta(days=1), _month_after(month))
    return bounds[0] <= at.date() <= bounds[1]


_BOUNDS: dict[date, tuple[date, date]] = {}  # a month's first day -> the first and last day its keys may have


def key_datetime(key: str, month: date | None = None) -> datetime:
    """A line's key as a time; ``ValueError`` unless it has a UTC offset and belongs in the file of ``month``."""
    try:
        at = datetime.fromisoformat(key)
    except ValueError:
        raise ValueError(f"the key {key[:40]!r} is not a timestamp") from None
    if at.utcoffset() is None:
        raise ValueError(f"the timestamp {key[:40]} has no UTC offset")
    if at.year < _FIRST_YEAR or at.year > 9998:
        raise ValueError(f"the timestamp {key[:40]} is out of range")
    if month is not None and not _near(at, month):
        raise ValueError(f"the timestamp {key[:40]} does not belong in the file of {month:%Y-%m}")
    return at


def _tap(key: str, value: Any, month: date | None = None) -> Tap:
    """Check one parsed ``key = value`` pair and make it a Tap; every value is range-checked here."""
    return Tap(*_checked(key, value, month))


TapFields = tuple[datetime, str, float, date | None, str, str, str, float | None, str]


def _checked(key: str, value: Any, month: date | None = None) -> TapFields:
    """A Tap's fields from one parsed ``key = value`` pair, every value range-checked; ``ValueError`` says why not."""
    at = key_datetime(key, month)
    if not isinstance(value, dict):
        raise ValueError('the value is not a table like { metric = "prospects" }')
    metric = value.get("metric")
    if not isinstance(metric, str) or not metric:
        raise ValueError("metric is missing or not a string")
    n = value.get("n", 1)
    if type(n) is not int and (type(n) is not float or not math.isfinite(n)):  # a bool is no number here
        raise ValueError("n is not a number")
    if abs(n) > MAX_N:
        raise ValueError(f"n = {n:.3g} is out of range (at most {MAX_N:,} a tap)")
    day = value.get("day")
    if day is not None and type(day) is not date:
        raise ValueError("day is not a date like 2026-11-20")
    if day is not None and not _FIRST_DAY <= day <= at.date() + _ONE_DAY:
        raise ValueError(f"day = {day} is out of range (a tap counts for its own day or an earlier one)")
    note = value.get("note", "")
    if not isinstance(note, str):
        raise ValueError("note is not a string")
    for_key = value.get("for", "")
    if not isinstance(for_key, str):
        raise ValueError("for is not the key of a tap")
    who = value.get("who", "")
    if who != "" and name_problem(who):
        raise ValueError(f"who: {name_problem(who)}")
    level, undo = value.get("level"), value.get("undo", "")
    if level is not None:
        if type(level) is not int and (type(level) is not float or not math.isfinite(level)):
            raise ValueError("level is not a number")
        if abs(level) > MAX_N:
            raise ValueError(f"level = {level:.3g} is out of range (at most {MAX_N:,})")
    if undo != "":
        if not isinstance(undo, str):
            raise ValueError("undo is not the key of a reading")
        key_datetime(undo)
    if (level is not None or undo) and (n != 0 or (level is not None and undo)):
        raise ValueError("a reading (level) or its take-back (undo), one of them, with n = 0")
    return at, metric, n, day, note, for_key, who, level, undo


# --------------------------------------------------------------------------- parsing a file


class _Parsed:
    """What one read of a file found (a plain class: dataclasses cost import time on the quick path)."""

    __slots__ = ("consumed", "low", "plain", "problems", "taps", "top", "torn")

    def __init__(self, taps: list[Any], problems: list[str], consumed: int) -> None:
        self.taps = taps
        self.problems = problems
        self.consumed = consumed  # bytes taken: every complete line, plus a trailing fragment that was a whole tap
        # Read line by line with no line that could open a statement spanning lines: reading more bytes
        # after these reads the same lines the same way (see TapLog.read).
        self.plain = False
        self.low = self.top = ""  # the least and greatest key taken (as text)
        self.torn = False  # the last problem is the last line's, which had no newline yet


def parse_month(data: bytes, rel: str, make: Callable[[str, Any, date | None], Any] | None = None) -> _Parsed:
    """The lines of a month file made by ``make`` (taps by default; touches for the people log), bad lines reported."""
    return _parse_bytes(data, rel, make=make)


_SPANS_LINES = ("[", '"""', "'''")  # how TOML goes on past a line: an array, a table, a multi-line string


def _parse_bytes(data: bytes, rel: str, first_line: int = 1, make: Callable[..., Any] | None = None) -> _Parsed:
    """The taps in ``data`` (whole lines of a month file), with a problem line for each bad line.

    Line by line, so one bad line costs only itself: a line in the form the
    writers write is read by the reader made for it (store/lineread.py), any
    other by tomllib. The result is the same as reading the whole text as TOML
    whenever that succeeds; a line that might make the two differ (one that
    could go on past its line, or one whose key another line holds too) has the
    whole text read as TOML first. A trailing fragment without a newline is taken only if it is a
    whole tap (a write in progress or a torn write is left alone).
    """
    month = month_of(rel)
    make = make or _tap
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:  # never TOML as a whole: each line for itself
        return _by_line(data.split(b"\n"), rel, first_line, month, make)[0]
    lines = text.split("\n")
    quick = _all_written(lines, len(data), month, make)
    if quick is not None:
        return quick
    parsed, tangled = _by_line(lines, rel, first_line, month, make, data.isascii())
    # With nothing to skip, a last comment or blank without its newline is taken as the whole text takes it.
    if tangled or (not parsed.problems and parsed.consumed < len(data)):
        try:
            doc = tomllib.loads(text)
            return _Parsed([make(key, value, month) for key, value in doc.items()], [], len(data))
        except ValueError:  # not TOML, or not taps: line by line it is
            pass
    return parsed


def _all_written(lines: list[str], size: int, month: date | None, make: Callable[..., Any]) -> _Parsed | None:
    """The taps of ``lines`` (``size`` bytes), whole lines each blank or a good tap in the writers' form; else None.

    The common case, read as _by_line would read it, with less to do a line.
    """
    if lines[-1]:
        return None  # a last line without its newline
    decode = _written
    taps: list[Any] = []
    keys: set[str] = set()
    for raw in lines:
        if not raw:
            continue
        pair = decode(raw)
        if pair is None:
            return None
        key, value = pair
        try:
            taps.append(make(key, value, month))
        except ValueError:
            return None
        keys.add(key)
    if len(keys) != len(taps):
        return None  # a key repeats
    parsed = _Parsed(taps, [], size)
    parsed.plain = True
    if keys:
        parsed.low, parsed.top = min(keys), max(keys)
    return parsed


def _by_line(
    lines: Sequence[str | bytes],
    rel: str,
    first_line: int,
    month: date | None,
    make: Callable[..., Any],
    ascii: bool = False,
) -> tuple[_Parsed, bool]:
    """The lines read one by one (see _parse_bytes), and whether the whole text as TOML might read otherwise.

    ``ascii``: the lines are text of one byte a character.
    """
    what = "a tap" if make is _tap or make is _checked else "a touch"
    taps: list[Any] = []
    problems: list[str] = []
    keys: dict[str, int] = {}  # the line of each key taken
    held: dict[str, bool] = {}  # every key on a line, and whether a line not in the writers' form holds it
    tangled = False  # a line could go on past its end, or a key is on two lines, one not in the writers' form
    plain = isinstance(lines[0], str)  # see _Parsed.plain
    torn = False
    last = len(lines) - 1
    consumed = pos = 0
    for i, raw in enumerate(lines):
        lineno = first_line + i
        complete = i < last
        end = pos + (len(raw) if ascii or isinstance(raw, bytes) else len(raw.encode())) + complete
        entry: tuple[str, Any] | None = None
        reason = ""
        try:
            text = raw.strip() if isinstance(raw, str) else raw.decode("utf-8").strip()
        except UnicodeDecodeError:
            text, reason = "", "not UTF-8 text"
        pair = _written(text) if text and text[0] != "#" else None
        odd = pair is None and bool(text) and text[0] != "#"  # not the writers' form, nor blank, nor a comment
        unsure = False  # what the bytes after this line could change
        if odd:
            unsure = any(mark in text for mark in _SPANS_LINES)
            tangled = tangled or unsure
            try:
                pair = _one_pair(text)
                if pair is None:
                    reason = "expected one tap on the line"
            except ValueError as err:
                reason = str(err)
        if pair is not None:
            key, value = pair
            if key in held and (odd or held[key]):
                tangled = True
            held[key] = held.get(key, False) or odd
            unsure = unsure or odd  # a line tomllib reads that the writers never write
            try:
                entry = key, make(key, value, month)
            except ValueError as err:
                reason = str(err)
        if reason:
            if complete:
                problems.append(f"{rel}:{lineno}: skipped a line that is not {what}: {reason}")
                consumed = end
            else:
                problems.append(f"{rel}:{lineno}: skipped an incomplete last line (an interrupted write?): {reason}")
                torn = True
        elif entry is not None:
            key, tap = entry
            if key in keys:
                problems.append(
                    f"{rel}:{lineno}: skipped a line that is not {what}: its key {key} repeats line {keys[key]}"
                )
            else:
                keys[key] = lineno
                taps.append(tap)
            consumed = end
        elif complete:
            consumed = end
        if unsure and consumed == end:
            plain = False
        pos = end
    parsed = _Parsed(taps, problems, consumed)
    parsed.plain, parsed.torn = plain, torn
    if keys:
        parsed.low, parsed.top = min(keys), max(keys)
    return parsed, tangled


def _written(text: str) -> tuple[str, dict[str, Any]] | None:
    """``(key, table)`` of a line exactly as goaltui writes it (store/lineread.py); None: one for tomllib."""
    try:
        return lineread.read_line(text)
    except ValueError:  # a number with more digits than int() reads: tomllib says so in its own words
        return None


def _one_pair(text: str) -> tuple[str, Any] | None:
    """The one ``key = value`` of a line that tomllib reads (None for a comment); ``ValueError`` says why not."""
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise ValueError(f"not valid TOML ({err})") from None
    if not doc:
        return None
    if len(doc) != 1:
        raise ValueError("expected one tap on the line")
    ((key, value),) = doc.items()
    return key, value


def _summarize(taps: list[TapFields], days: dict[str, dict[str, float]]) -> dict[str, dict[str, float]]:
    """``days`` (daily totals per metric, keyed by ISO day: the cache's shape) with ``taps`` added, in order."""
    named: dict[date, dict[str, float]] = {}  # each day's totals by its date: isoformat once a day, not a tap
    for at, metric, n, day, *_ in taps:
        when = day or at.date()
        per_metric = named.get(when)
        if per_metric is None:
            per_metric = named[when] = days.setdefault(when.isoformat(), {})
        per_metric[metric] = per_metric.get(metric, 0) + n
    return days


def _readings(taps: list[TapFields]) -> list[list[Any]]:
    """The readings of levels (and their take-backs) among ``taps``, as the cache keeps them."""
    return [
        [at.isoformat(timespec="milliseconds"), (day or at.date()).isoformat(), metric, level, undo]
        for at, metric, _n, day, _note, _for, _who, level, undo in taps
        if level is not None or undo
    ]


# --------------------------------------------------------------------------- the log


@dataclass(slots=True)
class LogRead:
    """Everything in the log: counts of every device, and what could not be counted."""

    counts: DailyCounts
    problems: list[str] = field(default_factory=list)  # one line each: "taps/dev/2026-11.toml:12: ..."
    conflicts: list[Path] = field(default_factory=list)  # sync-conflict copies: reported, not counted


class _Seen:
    """How far a month file has been read (for poll)."""

    __slots__ = ("ino", "last", "mtime_ns", "offset", "size")

    def __init__(self, size: int, mtime_ns: int, ino: int, offset: int, last: datetime | None) -> None:
        self.size = size
        self.mtime_ns = mtime_ns
        self.ino = ino
        self.offset = offset  # bytes already turned into taps
        self.last = last  # the latest tap read from the file


class TapLog:
    """The tap log of one data dir; this device writes ``taps/<device>/``, reads every device.

    ``append`` is safe across processes (it holds the lock) and threads.
    ``read`` and ``poll`` share read positions: call them from one thread at a time.
    """

    def __init__(self, data_dir: Path, device: str | None = None) -> None:
        self.data_dir = Path(data_dir)
        self.device = device if device is not None else locations.device_id()
        if (
            not self.device
            or self.device.startswith(".")
            or "/" in self.device
            or "\\" in self.device
            or "\0" in self.device
            or is_conflict(self.device)
        ):
            raise ValueError(f"{self.device!r} cannot name a device folder")
        self._seen: dict[Path, _Seen] = {}
        self.notices: list[str] = []  # what appending had to set right (a link where this device's file belongs)

    @property
    def taps_dir(self) -> Path:
        return self.data_dir / "taps"

    @property
    def device_dir(self) -> Path:
        return self.taps_dir / self.device

    def month_path(self, when: date, device: str | None = None) -> Path:
        """The file holding the taps written in ``when``'s month by ``device`` (this one by default)."""
        return self.taps_dir / (device or self.device) / f"{when.year:04d}-{when.month:02d}.toml"

    # ----------------------------------------------------------------------- writing

    def append(
        self,
        metric: str,
        n: float = 1,
        *,
        now: datetime,
        day: date | None = None,
        note: str = "",
        for_key: str = "",
        who: str = "",
        level: float | None = None,
        undo: str = "",
    ) -> Tap:
        """Append one tap durably and return it as written; counts as saved once this returns.

        The key is ``now`` (made aware with the local zone if naive), or the file's
        last key plus 1 ms if ``now`` is not later (with ``day`` set if that moves it
        past midnight). ``OSError`` passes through;
        a write error that can be detected leaves no partial line behind.
        """
        return self.append_all([Tap(now, metric, n, day, note, for_key, who, level, undo)])[0]

    def append_all(self, taps: Sequence[Tap]) -> list[Tap]:
        """Append ``taps`` (each ``at`` the moment it was made, all in one month) durably, in one write and one
        fsync, as :meth:`append` would one after another; return them as written. All or none count as saved."""
        wanted = [replace(tap, at=key_time(tap.at), device=self.device) for tap in taps]
        for tap in wanted:
            tap.to_line()  # invalid values fail here, before the file is touched
        made: list[Tap] = []

        def line_at(i: int, key: datetime) -> bytes:
            tap = wanted[i]
            if key != tap.at:  # moved past midnight by a later line: it still counts for the day it was made
                keep = tap.day if tap.day is not None or key.date() == tap.at.date() else tap.at.date()
                tap = replace(tap, at=key, day=keep)
            made.append(tap)
            return tap.to_line().encode("utf-8")

        append_lines(self.data_dir, ["taps", self.device], [tap.at for tap in wanted], line_at, self.notices)
        return made

    # ----------------------------------------------------------------------- reading

    def read(self) -> LogRead:
        """Every device's taps (all history) as daily counts, with problems and sync conflicts.

        Unchanged files (same size and mtime) come from the summary cache; a
        file that only grew is parsed from where the cache stopped, any other
        from its start, and the cache is updated. Also sets the starting point
        for ``poll``.
        """
        result = LogRead(DailyCounts())
        found = list(self._scan(result.problems, result.conflicts))
        cache_path, cached = self._load_cache() if found else (None, {})
        entries: dict[str, dict[str, Any]] = {}
        changed = False
        seen: dict[Path, _Seen] = {}
        readings: list[Reading] = []
        for path, rel, st in found:
            entry = cached.get(rel)
            days = None if entry is None else _valid_entry(entry, st)
            levels = None if days is None else _valid_readings(entry, path.parent.name)
            if entry is None or days is None or levels is None:
                fresh = self._summarize_file(rel, result.problems, entry)
                if fresh is None:
                    continue
                entry, st = fresh
                days, levels = _valid_entry(entry, None), _valid_readings(entry, path.parent.name)
                assert days is not None and levels is not None
                changed = True
            readings += levels
            for day, metric, n in days:
                result.counts.add(day, metric, n)
            result.problems.extend(entry["problems"])
            last = datetime.fromisoformat(entry["last"]) if entry["last"] else None
            seen[path] = _Seen(st.st_size, st.st_mtime_ns, st.st_ino, entry["end"], last)
            entries[rel] = entry
        result.counts.read(readings)
        if cache_path is not None and (changed or entries.keys() != cached.keys()):
            self._save_cache(cache_path, entries)
        self._seen = seen
        return result

    def add_note(self, tap: Tap, note: str, *, now: datetime, who: str = "") -> Tap:
        """Append a note to the earlier ``tap``: a new line naming its key; the tap's own line stays as it is.

        ``who`` names the person the tap was about, after the fact (then the note may be empty).
        """
        if not note.strip() and not who:
            raise ValueError("a note needs some text")
        return self.append(tap.metric, 0, now=now, day=tap.counts_for, note=note.strip(), for_key=tap.key, who=who)

    def taps(self, since: date | None = None) -> list[tuple[str, Tap]]:
        """Every device's taps as ``(device, tap)`` in time order, note lines included, bad lines skipped.

        ``since`` skips the month files written before its month: a tap counted
        for a day is never written before that day (a backfill is written later).
        """
        first = f"{since:%Y-%m}" if since else ""
        found: list[tuple[str, Tap]] = []
        for path, rel, _ in self._scan([], []):
            if path.stem < first:
                continue
            try:
                data, _st = self._read(rel, 0)
            except OSError:
                continue
            device = path.parent.name
            found.extend((device, tap) for tap in _parse_bytes(data, rel).taps)
        found.sort(key=lambda item: item[1].at)
        return found

    def poll(self) -> list[Tap]:
        """Taps written since the last ``read()`` or ``poll()``, by any process or device.

        This includes taps this TapLog appended itself: the log does not tell
        them apart (a caller that counted its own taps when appending skips them
        by key). Costs one directory scan and one stat per month file when
        nothing changed; otherwise reads only the new bytes. A line still being
        written is left for the next poll. A file replaced by a sync tool is
        re-read, keeping only taps later than the last one read from it. Before
        any ``read()``, every file is new, so the first poll returns everything.
        """
        found: list[Tap] = []
        for path, rel, st in self._scan([], []):
            old = self._seen.get(path)
            if old is not None and (old.size, old.mtime_ns, old.ino) == (st.st_size, st.st_mtime_ns, st.st_ino):
                continue
            start, floor = 0, None
            if old is not None:
                grew = old.ino == st.st_ino and st.st_size > old.size and st.st_size >= old.offset
                start, floor = (old.offset, None) if grew else (0, old.last)
            try:
                data, fst = self._read(rel, start)
            except OSError:
                continue  # vanished, unreadable or refused for now: try again next time
            parsed = _parse_bytes(data, rel)
            taps = parsed.taps if floor is None else [t for t in parsed.taps if t.at > floor]
            taps = [replace(t, device=path.parent.name) if t.level is not None or t.undo else t for t in taps]
            last = old.last if old is not None else None
            for tap in taps:
                if last is None or tap.at > last:
                    last = tap.at
            self._seen[path] = _Seen(fst.st_size, fst.st_mtime_ns, fst.st_ino, start + parsed.consumed, last)
            found.extend(taps)
        return found

    def day_total(self, metric: str, day: date, today: date) -> float:
        """The total of ``metric`` counted for ``day``, over every device.

        Reads only the files that can hold such taps: those of ``day``'s month
        (and the month before, on the 1st) up to ``today``'s month, and parses
        only the lines that mention the day.
        """
        needle = day.isoformat()
        first = _month_before(day) if day.day == 1 else day.replace(day=1)
        months = []
        month = first
        while month <= max(today.replace(day=1), first):
            months.append(month)
            month = _month_after(month)
        total: float = 0
        for device in self._devices([], []):
            for month in months:
                try:
                    data, _st = self._read(f"taps/{device}/{month:%Y-%m}.toml", 0)
                except OSError:
                    continue
                text = data.decode("utf-8", "replace")
                if needle not in text:
                    continue
                keys: set[str] = set()
                for line in text.split("\n"):
                    if needle not in line:
                        continue
                    try:
                        entry = parse_entry(line, month)
                    except ValueError:
                        continue
                    if entry is None or entry[0] in keys:
                        continue
                    keys.add(entry[0])
                    tap = entry[1]
                    if tap.metric == metric and tap.counts_for == day:
                        total += tap.n
        return total

    # ----------------------------------------------------------------------- helpers

    def _devices(self, problems: list[str], conflicts: list[Path]) -> list[str]:
        """The device folders under taps/, sorted; conflict copies go to ``conflicts``."""
        return device_folders(self.data_dir, "taps", problems, conflicts)

    def _scan(self, problems: list[str], conflicts: list[Path]) -> list[tuple[Path, str, os.stat_result]]:
        """Every month file of every device: ``(path, path relative to the data dir, stat)``."""
        return month_files(self.data_dir, "taps", problems, conflicts)

    def _summarize_file(
        self, rel: str, problems: list[str], before: Any = None
    ) -> tuple[dict[str, Any], os.stat_result] | None:
        """Parse one month file into a cache entry (``None`` if it cannot be read).

        ``before``, the file's entry from an earlier read: when the file has
        only grown since (the same file, its bytes up to where that read
        stopped the same), only what came after is parsed.
        """
        try:
            data, st = self._read(rel, 0)
        except files.Refused as err:
            problems.append(str(err))
            return None
        except OSError as err:
            problems.append(f"{rel}: could not read the file: {err.strerror or err}")
            return None
        entry = None if before is None else _grown(before, data, st, rel)
        if entry is None:
            entry = _entry(_parse_bytes(data, rel, make=_checked), data, st)  # fields are enough: no Tap is made
        return entry, st

    def _read(self, rel: str, start: int) -> tuple[bytes, os.stat_result]:
        """The bytes of the month file ``rel`` from ``start``: a plain file, never through a link, within the limit."""
        return files.read_file(self.data_dir, rel, files.TAP_FILE_LIMIT, start)

    def _load_cache(self) -> tuple[Path | None, dict[str, Any]]:
        """The summary cache's entries; empty if it is missing, corrupt or from another version."""
        try:
            path = locations.summary_cache_path(self.data_dir)
        except OSError:
            return None, {}
        try:
            import json

            doc = json.loads(path.read_bytes())
            kept = doc["files"] if doc.get("schema") == CACHE_SCHEMA else {}
            return path, kept if isinstance(kept, dict) else {}
        except (OSError, ValueError, AttributeError, KeyError, TypeError):
            return path, {}

    @staticmethod
    def _save_cache(path: Path, entries: dict[str, Any]) -> None:
        import json

        from goaltui.store.quick import replace

        data = json.dumps({"schema": CACHE_SCHEMA, "files": entries}, separators=(",", ":")).encode()
        # Only a cache: replaced whole (a reader sees the old or the new one) but not fsynced, as a crash
        # costs it nothing that the next read does not parse again.
        with suppress(OSError):
            replace(str(path), data)


# --------------------------------------------------------------------------- low-level helpers


def key_time(now: datetime) -> datetime:
    """``now`` as a line's key: aware (the local zone if naive), whole milliseconds, a fixed UTC offset."""
    if now.utcoffset() is None:
        now = now.astimezone()
    offset = now.utcoffset()
    assert offset is not None
    return now.replace(microsecond=now.microsecond - now.microsecond % 1000).astimezone(timezone(offset))


def append_line(
    data_dir: Path, folders: list[str], at: datetime, line_at: Callable[[datetime], bytes], notices: list[str]
) -> datetime:
    """Append the line ``line_at(key)`` to the month file of ``at`` in ``folders`` durably; the key it got.

    The key is ``at``, or the file's last key plus 1 ms if ``at`` is not later.
    Under the data folder's lock; a torn last line is ended first; a link or a
    pipe where the file belongs is removed (said in ``notices``).
    """
    return append_lines(data_dir, folders, [at], lambda _, key: line_at(key), notices)[0]


def append_lines(
    data_dir: Path,
    folders: list[str],
    ats: Sequence[datetime],
    line_at: Callable[[int, datetime], bytes],
    notices: list[str],
) -> list[datetime]:
    """Append ``line_at(i, key)`` for each of ``ats`` (one month's) in one write and one fsync; the keys they got.

    As :func:`append_line` one after another: each key is its ``at``, or the
    key before it plus 1 ms if ``at`` is not later.
    """
    month = date(ats[0].year, ats[0].month, 1)
    if any((at.year, at.month) != (month.year, month.month) for at in ats):
        raise ValueError("taps of one month's file at a time")
    with locked(locations.lock_path(data_dir)):
        name = f"{month:%Y-%m}.toml"
        try:
            fd, size = files.open_append(data_dir, folders, name)
        except files.Refused:
            # A link or a pipe where this device's own file belongs holds nothing of ours: it goes, the line stays.
            notices.extend(files.remove_odd(data_dir, [*folders, name]))
            fd, size = files.open_append(data_dir, folders, name)
        try:
            last = None
            if size:
                last, torn = _tail(fd, size, month)
                if torn:
                    size = tapline.end_torn_line(fd, size)
            keys, lines = [], []
            for i, at in enumerate(ats):
                key = at if last is None or at > last else (last + _ONE_MS).astimezone(at.tzinfo)
                keys.append(key)
                lines.append(line_at(i, key))
                last = key
            tapline.write(fd, b"".join(lines), size)
        finally:
            os.close(fd)
    return keys


def device_folders(data_dir: Path, top: str, problems: list[str], conflicts: list[Path]) -> list[str]:
    """The device folders under ``top`` (taps, people), sorted; conflict copies go to ``conflicts``."""
    try:
        with os.scandir(data_dir / top) as it:
            entries = sorted(it, key=lambda e: e.name)
    except FileNotFoundError:
        return []
    except OSError as err:
        problems.append(f"{top}: could not list the folder: {err.strerror}")
        return []
    devices = []
    for entry in entries:
        if is_conflict(entry.name):
            conflicts.append(Path(entry.path))
        elif entry.name.startswith("."):
            continue
        elif entry.is_symlink():
            problems.append(str(files.refusal(f"{top}/{entry.name}", 0o120000)))
        elif entry.is_dir(follow_symlinks=False):
            devices.append(entry.name)
    return devices


def month_files(
    data_dir: Path, top: str, problems: list[str], conflicts: list[Path]
) -> list[tuple[Path, str, os.stat_result]]:
    """Every month file of every device under ``top``: ``(path, path relative to the data dir, stat)``."""
    found = []
    for device in device_folders(data_dir, top, problems, conflicts):
        folder = data_dir / top / device
        try:
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as err:
            problems.append(f"{top}/{device}: could not list the folder: {err.strerror}")
            continue
        for entry in entries:
            if is_conflict(entry.name):
                conflicts.append(Path(entry.path))
            elif _MONTH_FILE.fullmatch(entry.name):
                rel = f"{top}/{device}/{entry.name}"
                try:
                    st = entry.stat(follow_symlinks=False)
                except OSError:
                    continue
                if not stat.S_ISREG(st.st_mode):  # a link, a pipe, a device: never opened
                    problems.append(str(files.refusal(rel, st.st_mode)))
                elif month_of(entry.name) is None:
                    problems.append(f"{rel}: skipped: no month of the years {_FIRST_YEAR} to 9998")
                elif st.st_size > files.TAP_FILE_LIMIT:
                    problems.append(str(files.too_large(rel, st.st_size, files.TAP_FILE_LIMIT)))
                else:
                    found.append((Path(entry.path), rel, st))
    return found


def _entry(parsed: _Parsed, data: bytes, st: os.stat_result, before: Any = None) -> dict[str, Any]:
    """The cache entry of a month file of ``data``: ``before``'s (its counts taken over) and then ``parsed``'s.

    ``parsed``: the file read from where ``before`` stopped (from its start without ``before``).
    """
    start = 0 if before is None else before["end"]
    end = start + parsed.consumed
    last = max((t[0] for t in parsed.taps), default=None)
    entry = {
        "size": st.st_size,
        "mtime_ns": st.st_mtime_ns,
        "ino": st.st_ino,
        "end": end,
        "lines": data.count(b"\n", start, end),
        "hash": _digest(data, end),
        "plain": parsed.plain,
        "top": parsed.top,
        "torn": parsed.torn,
        "last": last.isoformat() if last else None,
        "counts": _summarize(parsed.taps, {} if before is None else before["counts"]),
        "readings": ([] if before is None else before["readings"]) + _readings(parsed.taps),
        "problems": parsed.problems,
    }
    if before is not None:
        entry["lines"] += before["lines"]
        entry["plain"] = parsed.plain and before["plain"]
        entry["top"] = max(parsed.top, before["top"])
        entry["problems"] = before["problems"][: -1 if before["torn"] else None] + parsed.problems
        if before["last"] is not None:
            earlier = datetime.fromisoformat(before["last"])
            entry["last"] = (earlier if last is None else max(earlier, last)).isoformat()
    return entry


def _grown(before: Any, data: bytes, st: os.stat_result, rel: str) -> dict[str, Any] | None:
    """The entry of a month file that only grew since ``before`` was made from it, parsing only what is new.

    None when that cannot be sure to read as a whole new reading would: another
    file now (a rewrite, a sync tool's replace), any byte up to where ``before``
    stopped changed, a line before or after that a later line could change
    (see _Parsed.plain), or a new key not after every earlier one (a key could
    then repeat).
    """
    if _valid_entry(before, None) is None:
        return None
    try:
        start = before["end"]
        resumable = (
            before["plain"] is True
            and before["ino"] == st.st_ino
            and type(start) is int
            and 0 <= start <= len(data)
            and type(before["lines"]) is int
            and type(before["torn"]) is bool
            and isinstance(before["top"], str)
            and isinstance(before["counts"], dict)
            and isinstance(before["readings"], list)
            and before["hash"] == _digest(data, start)
        )
    except (KeyError, TypeError):
        return None
    # A whole tap taken without its newline is a line of its own only if a newline comes next.
    if not resumable or (0 < start < len(data) and data[start - 1 : start + 1].count(b"\n") == 0):
        return None
    parsed = _parse_bytes(data[start:], rel, before["lines"] + 1, make=_checked)
    if not parsed.plain or (parsed.low and before["top"] and parsed.low <= before["top"]):
        return None
    return _entry(parsed, data, st, before)


def _digest(data: bytes, end: int) -> str:
    """What the first ``end`` bytes of a file were, to tell later that they are unchanged."""
    from hashlib import blake2b

    return blake2b(memoryview(data)[:end], digest_size=16).hexdigest()


def _valid_entry(entry: Any, st: os.stat_result | None) -> list[tuple[date, str, float]] | None:
    """The counts in a cache entry if it is well formed and (when ``st`` is given) matches the file."""
    try:
        if st is not None and (entry["size"] != st.st_size or entry["mtime_ns"] != st.st_mtime_ns):
            return None
        if not isinstance(entry["end"], int) or not isinstance(entry["problems"], list):
            return None
        if not all(isinstance(p, str) for p in entry["problems"]):
            return None
        if entry["last"] is not None:
            datetime.fromisoformat(entry["last"])
        rows = []
        for day, metrics in entry["counts"].items():
            when = date.fromisoformat(day)
            for metric, n in metrics.items():
                if isinstance(n, bool) or not isinstance(n, int | float) or not isinstance(metric, str):
                    return None
                rows.append((when, metric, n))
        return rows
    except (KeyError, TypeError, ValueError, AttributeError):
        return None


def _valid_readings(entry: Any, device: str) -> list[Reading] | None:
    """The readings of levels in a cache entry, made on ``device``; None when the entry has none or is malformed."""
    try:
        found = []
        for key, day, metric, value, undo in entry["readings"]:
            if not isinstance(metric, str) or not isinstance(undo, str):
                return None
            if value is not None and (isinstance(value, bool) or not isinstance(value, int | float)):
                return None
            found.append(
                Reading(metric, device, key, datetime.fromisoformat(key), date.fromisoformat(day), value, undo)
            )
        return found
    except (KeyError, TypeError, ValueError, AttributeError):
        return None


def _tail(fd: int, size: int, month: date) -> tuple[datetime | None, bool]:
    """The latest key near the end of the file, and whether its last line is torn (no newline).

    Only keys that belong in the file of ``month`` count: a key far from it is no tap of ours.
    """
    window = _TAIL
    while True:
        start = max(0, size - window)
        chunk = os.pread(fd, size - start, start)
        torn = not chunk.endswith(b"\n")
        if start:
            cut = chunk.find(b"\n")
            chunk = b"" if cut < 0 or cut == len(chunk) - 1 else chunk[cut + 1 :]  # drop the partial first line
        latest = None
        for match in _KEY_AT_LINE_START.finditer(chunk):
            try:
                at = datetime.fromisoformat(match.group(2).decode("ascii"))
            except (ValueError, UnicodeDecodeError):
                continue
            if at.utcoffset() is not None and _near(at, month) and (latest is None or at > latest):
                latest = at
        if latest is not None or start == 0:
            return latest, torn
        window *= 4


def _month_before(day: date) -> date:
    return date(day.year - 1, 12, 1) if day.month == 1 else date(day.year, day.month - 1, 1)


def _month_after(day: date) -> date:
    return date(day.year + 1, 1, 1) if day.month == 12 else date(day.year, day.month + 1, 1)

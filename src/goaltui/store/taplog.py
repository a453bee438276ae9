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

Here the log as a whole, TapLog: appending taps, reading every device's
files into daily counts, polling for what is new. Its parts: one tap and its
line (store/tap.py), finding and reading month files (store/tapmonth.py), the
summary cache (store/tapcache.py), the durable append (store/tapappend.py).

On the path of `goaltui log`: it imports only the standard library it needs.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import field, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

from goaltui.lang import _
from goaltui.model.counts import DailyCounts, Reading
from goaltui.model.record import record
from goaltui.store import files, locations, tapcache, tapmonth
from goaltui.store.conflicts import is_conflict
from goaltui.store.tap import Tap, month_after, month_before, parse_entry
from goaltui.store.tapappend import append_lines, key_time

# --------------------------------------------------------------------------- the log


@record(frozen=False)
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
            raise ValueError(_("{device} cannot name a device folder").format(device=repr(self.device)))
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
        cache_path, cached = tapcache.load(self.data_dir) if found else (None, {})
        entries: dict[str, dict[str, Any]] = {}
        changed = False
        seen: dict[Path, _Seen] = {}
        readings: list[Reading] = []
        for path, rel, st in found:
            entry = cached.get(rel)
            days = None if entry is None else tapcache.valid_entry(entry, st)
            levels = None if days is None else tapcache.valid_readings(entry, path.parent.name)
            if entry is None or days is None or levels is None:
                fresh = self._summarize_file(rel, result.problems, entry)
                if fresh is None:
                    continue
                entry, st = fresh
                days, levels = tapcache.valid_entry(entry, None), tapcache.valid_readings(entry, path.parent.name)
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
            tapcache.save(cache_path, entries)
        self._seen = seen
        return result

    def add_note(self, tap: Tap, note: str, *, now: datetime, who: str = "") -> Tap:
        """Append a note to the earlier ``tap``: a new line naming its key; the tap's own line stays as it is.

        ``who`` names the person the tap was about, after the fact (then the note may be empty).
        """
        if not note.strip() and not who:
            raise ValueError(_("a note needs some text"))
        return self.append(tap.metric, 0, now=now, day=tap.counts_for, note=note.strip(), for_key=tap.key, who=who)

    def taps(self, since: date | None = None) -> list[tuple[str, Tap]]:
        """Every device's taps as ``(device, tap)`` in time order, note lines included, bad lines skipped.

        ``since`` skips the month files written before its month: a tap counted
        for a day is never written before that day (a backfill is written later).
        """
        first = f"{since:%Y-%m}" if since else ""
        found: list[tuple[str, Tap]] = []
        for path, rel, _st in self._scan([], []):
            if path.stem < first:
                continue
            try:
                data, _st = self._read(rel, 0)
            except OSError:
                continue
            device = path.parent.name
            found.extend((device, tap) for tap in tapmonth.parse_bytes(data, rel).taps)
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
            parsed = tapmonth.parse_bytes(data, rel)
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
        first = month_before(day) if day.day == 1 else day.replace(day=1)
        months = []
        month = first
        while month <= max(today.replace(day=1), first):
            months.append(month)
            month = month_after(month)
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
        return tapmonth.device_folders(self.data_dir, "taps", problems, conflicts)

    def _scan(self, problems: list[str], conflicts: list[Path]) -> list[tuple[Path, str, os.stat_result]]:
        """Every month file of every device: ``(path, path relative to the data dir, stat)``."""
        return tapmonth.month_files(self.data_dir, "taps", problems, conflicts)

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
            problems.append(tapmonth.could_not_read(rel, err))
            return None
        return tapcache.entry_of(data, st, rel, before), st

    def _read(self, rel: str, start: int) -> tuple[bytes, os.stat_result]:
        """The bytes of the month file ``rel`` from ``start``: a plain file, never through a link, within the limit."""
        return files.read_file(self.data_dir, rel, files.TAP_FILE_LIMIT, start)

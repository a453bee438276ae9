"""The tap log's summary cache: each month file's daily counts and readings, kept until the file changes.

One JSON file beside the status line (store/locations.py) holds an entry per
month file: its size, mtime and inode, how far it was read and a digest of
those bytes, its daily totals per metric, its readings of levels and its
problems. An unchanged file is taken from its entry; a file that only grew
is read on from where the entry stopped (its bytes up to there checked
unchanged); any other is read again whole. A malformed entry is never used.
The problems are words, in the language the cache was written in: a cache
of another language is read again whole (an English one names no language).

On the path of `goaltui log`: ``json`` and ``hashlib`` load only when the cache is used.
"""

from __future__ import annotations

import os
from contextlib import suppress
from datetime import date, datetime
from pathlib import Path
from typing import Any

from goaltui import lang
from goaltui.model.counts import Reading
from goaltui.store import locations, tapmonth
from goaltui.store.tap import TapFields, tap_fields

CACHE_SCHEMA = 3  # 2: entries say how far the file was read, to read on from there; 3: readings of levels


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


def make_entry(parsed: tapmonth.Parsed, data: bytes, st: os.stat_result, before: Any = None) -> dict[str, Any]:
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
    (see tapmonth.Parsed.plain), or a new key not after every earlier one (a key could
    then repeat).
    """
    if valid_entry(before, None) is None:
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
    parsed = tapmonth.parse_bytes(data[start:], rel, before["lines"] + 1, make=tap_fields)
    if not parsed.plain or (parsed.low and before["top"] and parsed.low <= before["top"]):
        return None
    return make_entry(parsed, data, st, before)


def _digest(data: bytes, end: int) -> str:
    """What the first ``end`` bytes of a file were, to tell later that they are unchanged."""
    from hashlib import blake2b

    return blake2b(memoryview(data)[:end], digest_size=16).hexdigest()


def valid_entry(entry: Any, st: os.stat_result | None) -> list[tuple[date, str, float]] | None:
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


def valid_readings(entry: Any, device: str) -> list[Reading] | None:
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


def entry_of(data: bytes, st: os.stat_result, rel: str, before: Any = None) -> dict[str, Any]:
    """The cache entry of the month file ``rel`` of ``data``: read on from ``before`` (its earlier entry) if it
    only grew since, else read whole."""
    entry = None if before is None else _grown(before, data, st, rel)
    if entry is None:
        entry = make_entry(tapmonth.parse_bytes(data, rel, make=tap_fields), data, st)  # fields are enough: no Tap
    return entry


def load(data_dir: Path) -> tuple[Path | None, dict[str, Any]]:
    """The summary cache's entries; empty if it is missing, corrupt or from another version."""
    try:
        path = locations.summary_cache_path(data_dir)
    except OSError:
        return None, {}
    try:
        import json

        doc = json.loads(path.read_bytes())
        same = doc.get("schema") == CACHE_SCHEMA and doc.get("lang", lang.SOURCE) == lang.CURRENT.code
        kept = doc["files"] if same else {}
        return path, kept if isinstance(kept, dict) else {}
    except (OSError, ValueError, AttributeError, KeyError, TypeError):
        return path, {}


def save(path: Path, entries: dict[str, Any]) -> None:
    """Replace the cache with ``entries``."""
    import json

    from goaltui.store.quickstate import replace

    doc: dict[str, Any] = {"schema": CACHE_SCHEMA, "files": entries}
    if lang.CURRENT.code != lang.SOURCE:  # the problems' words: English is a cache's as it always was
        doc["lang"] = lang.CURRENT.code
    data = json.dumps(doc, separators=(",", ":")).encode()
    # Only a cache: replaced whole (a reader sees the old or the new one) but not fsynced, as a crash
    # costs it nothing that the next read does not parse again.
    with suppress(OSError):
        replace(str(path), data)

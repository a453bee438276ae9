"""Taps with their notes: a note added later (a line naming the tap in ``for``) joins the tap it names.

Also the taps export: one CSV row per tap (time, day counted, metric, n, note,
device, who), quoted as spreadsheets expect (RFC 4180: quotes doubled, a field with a
comma, quote or line break in quotes, CRLF between rows).
"""

from __future__ import annotations

import csv
import io
from datetime import date

from goaltui.model.record import record
from goaltui.model.shown import cell
from goaltui.store.tap import Tap

NOTE_JOIN = " · "  # between a tap's own note and the notes added to it, oldest first
CSV_HEADER = ("time", "day", "metric", "n", "note", "device", "who")


@record
class NotedTap:
    """A tap (not a note line) with every note it carries."""

    device: str
    tap: Tap
    note: str


def with_notes(taps: list[tuple[str, Tap]]) -> list[NotedTap]:
    """The taps in order, each with its own note and the notes added to it; note lines are not taps.

    A note names its tap by key on the same device (the only one that writes
    there); a note whose tap is not among ``taps`` is dropped.
    """
    added: dict[tuple[str, str], list[str]] = {}
    for device, tap in taps:
        if tap.for_key and tap.note:
            added.setdefault((device, tap.for_key), []).append(tap.note)
    rows = []
    for device, tap in taps:
        if tap.for_key:
            continue
        notes = [tap.note] if tap.note else []
        notes += added.get((device, tap.key), [])
        rows.append(NotedTap(device, tap, NOTE_JOIN.join(notes)))
    return rows


def day_notes(taps: list[NotedTap], day: date) -> list[NotedTap]:
    """The taps counted for ``day`` that carry a note."""
    return [t for t in taps if t.note and t.tap.counts_for == day]


def taps_csv(taps: list[NotedTap], start: date | None = None, end: date | None = None) -> str:
    """One row per tap counted from ``start`` to ``end`` (both included, open when None), with a header."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    for t in taps:
        day = t.tap.counts_for
        if (start and day < start) or (end and day > end):
            continue
        n = t.tap.n if t.tap.level is None else t.tap.level  # a reading of a level: the value read
        plain = int(n) if float(n).is_integer() else n
        writer.writerow(
            (t.tap.key, day.isoformat(), cell(t.tap.metric), plain, cell(t.note), cell(t.device), cell(t.tap.who))
        )
    return out.getvalue()

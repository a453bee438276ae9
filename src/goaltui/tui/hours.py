"""The history's hours view: a metric's taps by weekday and hour, the hours that bring leads and customers,
the best block in one sentence, and the last days' notes."""

from __future__ import annotations

from datetime import date

from textual.content import Content

from goaltui.lang import _, form, ngettext
from goaltui.model.calendar import short_date
from goaltui.model.format import counted, quantity, singular
from goaltui.model.hours import HourGrid, Moment, best_words, hour_grids
from goaltui.store.notes import NotedTap
from goaltui.tui.text import assemble, styled
from goaltui.tui.themes import HEAT_COLOUR
from goaltui.tui.widgets.heat import SHADES, heat_level
from goaltui.tui.widgets.history import bar

DAY_START, DAY_END = 8, 18  # the hours shown when none has a tap outside them
NOTE_DAYS = 7
NOTES_SHOWN = 6


def moments(taps: list[NotedTap]) -> list[Moment]:
    """When each tap was made; a backfill (counted for another day) says nothing about the hour."""
    return [(t.tap.at, t.tap.metric, t.tap.n) for t in taps if t.tap.day is None or t.tap.day == t.tap.at.date()]


def span(grids: dict[str, HourGrid]) -> range:
    """The hours with any tap, widened to the usual working day."""
    busy = [h for g in grids.values() for h, v in enumerate(g.by_hour()) if v > 0]
    return range(min([DAY_START, *busy]), max([DAY_END - 1, *busy]) + 1)


def hours_text(
    taps: list[NotedTap], metric: str, outcomes: list[str], today: date, units: dict[str, str | None] | None = None
) -> Content:
    """The grid of ``metric``, a line per outcome metric by hour, the best-block sentence, then the notes.

    ``units``: each metric's unit, for the metrics counted in amounts of money.
    """
    units = units or {}
    unit = units.get(metric)
    grids = hour_grids(moments(taps), list(dict.fromkeys([metric, *outcomes])))
    hours = span(grids)
    grid = grids[metric]
    top = max((v for row in grid.cells for v in row), default=0)
    lines = [styled("     " + "".join(f"{h:<3}" for h in hours), "dim")]
    for day, row in enumerate(grid.cells):
        parts: list[str | tuple[str, str]] = [(f"{form().weekdays[day][:4]:<5}", "dim")]
        for h in hours:
            level = heat_level(row[h], top)
            parts += [(SHADES[level] * 2, HEAT_COLOUR[level]), " "]
        lines.append(assemble(*parts))
    busiest = counted(top if unit else round(top), metric, unit)
    busiest_words = _("busiest hour {busiest} · {total} in all").format(
        busiest=busiest, total=quantity(grid.total, unit)
    )
    lines.append(styled(f"     {busiest_words}", "dim"))
    for name in outcomes:
        by_hour = grids[name].by_hour()
        peak = max((by_hour[h] for h in hours), default=0)
        cells = "".join(bar(by_hour[h], peak) * 2 + " " for h in hours)
        by_hour_words = _("{metric} by hour").format(metric=name)
        lines.append(assemble((f"{name[:4]:<5}", "bold"), cells, (f" {by_hour_words}", "dim")))
    lines.append(styled(best_words(grids, outcomes or [metric]), "bold"))
    lines.append(Content(""))
    lines += notes_lines(taps, today, units)
    return Content("\n").join(lines)


def notes_lines(taps: list[NotedTap], today: date, units: dict[str, str | None] | None = None) -> list[Content]:
    """The newest notes of the last days: when, what, the note (``units``: of the metrics counted in money)."""
    recent = [t for t in taps if t.note and 0 <= (today - t.tap.counts_for).days < NOTE_DAYS]
    if not recent:
        words = ngettext(
            "No notes in the last {n} day: enter after a tap adds one.",
            "No notes in the last {n} days: enter after a tap adds one.",
            NOTE_DAYS,
        )
        return [styled(words.format(n=NOTE_DAYS), "dim")]
    title = ngettext("Notes, last {n} day", "Notes, last {n} days", NOTE_DAYS).format(n=NOTE_DAYS)
    lines = [styled(title, "bold")]
    for t in reversed(recent[-NOTES_SHOWN:]):
        when = f"{short_date(t.tap.counts_for, today)} {t.tap.at:%H:%M}"
        unit = (units or {}).get(t.tap.metric)
        what = singular(t.tap.metric) if t.tap.n == 1 and not unit else counted(t.tap.n, t.tap.metric, unit)
        lines.append(assemble((f"{when:<17}", "dim"), f"{what:<10} ", t.note.replace("\n", " ")))
    return lines

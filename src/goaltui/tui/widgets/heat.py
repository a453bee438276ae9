"""Heat: the shades of the history's heatmap and the hours view, and how busy a cell is among them."""

from __future__ import annotations

from textual.content import Content

from goaltui.lang import _, form
from goaltui.model.format import counted
from goaltui.model.trends import Heatmap
from goaltui.tui.text import assemble, styled
from goaltui.tui.themes import HEAT_COLOUR

SHADES = ("·", "░", "▒", "▓", "█")  # none, then four levels up to the busiest


def heat_level(value: float, top: float) -> int:
    """0 for nothing, else 1 to 4 by how near ``value`` comes to ``top``, the busiest cell."""
    return 0 if value <= 0 or top <= 0 else min(4, 1 + int(4 * value / (top + 1e-9)))


def heatmap_text(heat: Heatmap, week_starts: int, unit: str | None = None) -> Content:
    """Month names over the columns, one row per weekday, a legend under it (``unit``: the metric's)."""
    words = form()  # the language's month and weekday names: "Jan", "Mon"
    weekdays = [words.weekdays[(week_starts + row) % 7] for row in range(7)]
    margin = " " * (max(len(day) for day in weekdays) + 1)  # the weekday names' column
    months = [" "] * len(heat.starts)
    free = 0  # first column a label may use: labels never overlap
    for i, start in enumerate(heat.starts):
        month_starts = start.day <= 7
        if month_starts and i >= free and i + 3 <= len(months):
            months[i : i + 3] = words.month_names[start.month - 1][:3]
            free = i + 4
    lines = [styled(margin + "".join(months), "dim")]
    for row in range(7):
        parts: list[str | tuple[str, str]] = [(f"{weekdays[row]:<{len(margin)}}", "dim")]
        for column in heat.weeks:
            value = column[row]
            if value is None:
                parts.append(" ")
                continue
            level = heat_level(value, heat.top)
            parts.append((SHADES[level], HEAT_COLOUR[level]))
        lines.append(assemble(*parts))
    legend = [(shade, colour) for shade, colour in zip(SHADES, HEAT_COLOUR, strict=True)]
    best = " " + _("more") + " · " + _("best day {what}").format(what=counted(heat.top, heat.metric, unit))
    lines.append(assemble((margin + _("less") + " ", "dim"), *legend, (best, "dim")))
    return Content("\n").join(lines)

"""The daily screen's compositor: a frame asks only the widgets on a changed line for that line.

A tap changes a few lines far apart: the counter's digits at the top, one
gauge, one week at the bottom. Textual 8.2.8's compositor draws a frame that
changes some lines by asking every widget whose clip touches the box around
all of them for every line it has, and then keeps the changed lines: for a
tap, thirteen widgets and about a hundred lines, to send seven. This one asks
each widget for the changed lines it covers, from the first to the last of
them, and no widget that covers none; what it sends is the same, byte for
byte (tests/tui/test_compositor.py holds it to Textual's). It is the daily
screen's own (`DailyScreen.__init__`), where a key's time to the screen is
measured, and a frame there took 1.35 ms where it took 1.85 (the key in tmux,
100 keys a side: 12.62 against 11.71 ms). docs/upstream/frame_draws_unchanged.py
shows the behaviour without goaltui; when Textual draws only the changed lines,
this module can go.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable

from textual._compositor import ChopsUpdate, Compositor
from textual.geometry import Region
from textual.strip import Strip


class LineCompositor(Compositor):
    """Textual's compositor, drawing a partial update from the changed lines alone."""

    def render_partial_update(self) -> ChopsUpdate | None:
        screen = self.size.region
        regions = {region for region in (screen.intersection(r) for r in self._dirty_regions) if region}
        self._dirty_regions.clear()
        if not regions:
            return None
        spans = list(self._regions_to_spans(regions))
        cuts = self.cuts
        chops = [dict[int, Strip | None].fromkeys(cut_set[:-1]) for cut_set in cuts]
        self._draw_lines(chops, sorted({y for y, _, _ in spans}))
        return ChopsUpdate(chops, spans, [cut_set[1:] for cut_set in cuts])

    def _draw_lines(self, chops: list[dict[int, Strip | None]], lines: list[int]) -> None:
        """Fill ``chops`` on each of ``lines`` (sorted), front to back as Textual does: the first widget to cover
        a cut wins it."""
        cuts = self.cuts
        wanted = set(lines)
        for widget, (region, clip) in self.visible_widgets.items():
            shown = region.intersection(clip)
            x, y, width, height = shown
            if not width or not height:
                continue
            first = bisect_left(lines, y)
            if first == len(lines) or lines[first] >= y + height:
                continue  # covers no changed line
            last = lines[bisect_left(lines, y + height) - 1]
            top = lines[first]
            strips = widget.render_lines(Region(x - region.x, top - region.y, width, last - top + 1))
            first_cut, last_cut = shown.column_span
            for line_y, strip in zip(range(top, last + 1), strips, strict=False):
                if line_y in wanted:
                    _fill(chops[line_y], [cut for cut in cuts[line_y] if last_cut >= cut >= first_cut], x, strip)


def _fill(line: dict[int, Strip | None], cuts: list[int], x: int, strip: Strip) -> None:
    """Cut ``strip`` (drawn from ``x``) at ``cuts`` into the pieces of a line no widget in front has taken."""
    pieces: Iterable[Strip] = strip.divide([cut - x for cut in cuts[1:]])
    for cut, piece in zip(cuts, pieces, strict=False):
        if line.get(cut) is None:
            line[cut] = piece

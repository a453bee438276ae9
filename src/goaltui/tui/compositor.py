"""The daily screen's compositor: a frame asks a widget only for the changed cells it shows.

A tap changes a few lines far apart: the counter's digits at the top, one
gauge, one week at the bottom. Textual 8.2.8's compositor draws a frame that
changes some lines by asking every widget whose clip touches the box around
all of them for every line it has, and then keeps the changed lines: for a
tap, thirteen widgets and about a hundred lines, to send seven. This one asks
a widget only for the lines where it shows a changed cell that no widget in
front of it has drawn: for a tap, the four widgets that changed, and not the
counters beside the one that did nor the containers behind them. What it
sends is the same, byte for byte (tests/tui/test_compositor.py holds it to
Textual's). It is the daily screen's own (`DailyScreen.__init__`), where a
key's time to the screen is measured: a frame there took 1.35 ms where it
took 1.85 when only whole lines were left out, and 0.5 ms less again once
the widgets beside and behind were (a key after a pause in tmux, traced in
the app, 116 keys a side). docs/upstream/frame_draws_unchanged.py shows the
behaviour without goaltui; when Textual draws only the changed cells, this
module can go.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable
from itertools import pairwise

from textual._compositor import ChopsUpdate, Compositor
from textual.geometry import Region
from textual.strip import Strip

_NOTHING = Strip([])


class LineCompositor(Compositor):
    """Textual's compositor, drawing a partial update from the changed cells alone."""

    def render_partial_update(self) -> ChopsUpdate | None:
        screen = self.size.region
        regions = {region for region in (screen.intersection(r) for r in self._dirty_regions) if region}
        self._dirty_regions.clear()
        if not regions:
            return None
        spans = list(self._regions_to_spans(regions))
        cuts = self.cuts
        chops = [dict[int, Strip | None].fromkeys(cut_set[:-1]) for cut_set in cuts]
        self._draw_spans(chops, spans)
        return ChopsUpdate(chops, spans, [cut_set[1:] for cut_set in cuts])

    def _draw_spans(self, chops: list[dict[int, Strip | None]], spans: list[tuple[int, int, int]]) -> None:
        """Fill the pieces of ``chops`` that ``spans`` send, front to back as Textual does: the first widget to
        cover a piece wins it. A widget is asked only for lines where it covers a piece that is sent and that no
        widget in front of it has taken."""
        cuts = self.cuts
        sent: dict[int, list[int]] = {}  # a changed line's pieces a span draws, each named by the cut it starts at
        edges: list[tuple[int, int]] = []  # pieces that start where a span ends
        for y, x1, x2 in spans:
            line = cuts[y]
            sent.setdefault(y, []).extend(x for x, end in pairwise(line) if x < x2 and end > x1)
            if x2 in chops[y]:
                edges.append((y, x2))
        lines = sorted(sent)
        for widget, (region, clip) in self.visible_widgets.items():
            shown = region.intersection(clip)
            x, y, width, height = shown
            if not width or not height:
                continue
            right = x + width
            covered = lines[bisect_left(lines, y) : bisect_left(lines, y + height)]
            wanted = [
                line_y
                for line_y in covered
                if any(x <= cut < right and chops[line_y][cut] is None for cut in sent[line_y])
            ]
            if not wanted:
                continue  # every piece it covers is taken, or not sent
            top, last = wanted[0], wanted[-1]
            strips = widget.render_lines(Region(x - region.x, top - region.y, width, last - top + 1))
            for line_y, strip in zip(range(top, last + 1), strips, strict=False):
                if line_y in wanted:
                    _fill(chops[line_y], [cut for cut in cuts[line_y] if right >= cut >= x], x, strip)
        # ChopsUpdate sends a piece that starts where a span ends as a cursor move and none of its cells (Textual
        # 8.2.8's `x > x2` where `x >= x2` would do): any strip gives the same bytes, so no widget is asked for it.
        for y, x in edges:
            if chops[y][x] is None:
                chops[y][x] = _NOTHING


def _fill(line: dict[int, Strip | None], cuts: list[int], x: int, strip: Strip) -> None:
    """Cut ``strip`` (drawn from ``x``) at ``cuts`` into the pieces of a line no widget in front has taken."""
    pieces: Iterable[Strip] = strip.divide([cut - x for cut in cuts[1:]])
    for cut, piece in zip(cuts, pieces, strict=False):
        if line.get(cut) is None:
            line[cut] = piece

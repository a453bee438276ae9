"""The funnel: conversion between stages, and what it takes to reach each customer goal."""

from __future__ import annotations

from rich.text import Text
from textual.content import Content

from goaltui.lang import N_, _
from goaltui.model.cohort import NO_FLOW, Flow
from goaltui.model.daily import DailyView
from goaltui.model.format import percent
from goaltui.model.funnel import Conversion
from goaltui.tui.text import rich
from goaltui.tui.widgets.lines import Lines, wrapped


def rate_words(conv: Conversion) -> str:
    """'18 %', '~18 % (9 %–30 %)' while the data is thin, or 'no data yet' (the style of every rate shown)."""
    if conv.rate is None:
        return " " + _("no data yet") + " "
    if conv.assumed is not None or not conv.share:
        return f" {conv.words()} "  # assumed in goals.toml (and the user's own beside it), or an amount per one
    if not conv.enough and conv.low is not None and conv.high is not None:
        return f" ~{percent(conv.rate)} ({percent(conv.low)}–{percent(conv.high)}) "
    return f" {percent(conv.rate)} "


TITLE = N_("Funnel · conversion over the last 20 working days")


def funnel_text(view: DailyView, flow: Flow = NO_FLOW) -> Text:
    """The section's title line, the conversion rates, the named people's cohorts, one sentence per customer goal."""
    text = Text(no_wrap=False)
    text.append(_(TITLE) + "\n", "bold")
    if not view.conversions:
        text.append(_("Add funnel stages (funnel = 1, 2, 3) to your metrics to see conversion rates."), "dim")
        return text
    last = None
    for conv in view.conversions:
        if conv.source != last:  # a chain that branches, or money from a stage: a line of its own
            text.append("\n" if last is not None else "")
            text.append(rich(conv.source, "bold"))
        text.append(f" ──{rate_words(conv)}──▶ ")
        text.append(rich(conv.target, "bold"))
        last = conv.target
    if flow.funnel_line():
        text.append("\n")
        text.append(rich(flow.funnel_line()))
    for rf in view.reverse:
        text.append("\n")
        text.append(rich(rf.sentence))
    return text


class FunnelPanel(Lines):
    """Conversion rates and the reverse-funnel quota; a tap repaints the lines whose figures it moved."""

    flow = NO_FLOW  # the named people's cohorts, once read (after the first frame)

    def __init__(self, view: DailyView, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._text = Content.from_rich_text(funnel_text(view, self.flow))

    def show(self, view: DailyView) -> None:
        """Show ``view``'s rates (most taps change none, and then nothing is painted)."""
        self._text = Content.from_rich_text(funnel_text(view, self.flow))
        self.changed()

    def lines(self, width: int) -> list[Content]:
        return wrapped(self._text.split("\n"), width)

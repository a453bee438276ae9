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


# Each conversion as (source, rate, target), then each sentence as ("", "", sentence); None: no funnel stages.
FunnelWords = tuple[tuple[str, str, str], ...] | None


def funnel_words(view: DailyView, flow: Flow = NO_FLOW) -> FunnelWords:
    """What the funnel says, as plain words: each conversion's (source, rate, target), then a line each for the
    named people's cohorts and every customer goal's sentence (rate "" for a line of its own). None: no stages."""
    if not view.conversions:
        return None
    lines = [(conv.source, rate_words(conv), conv.target) for conv in view.conversions]
    if line := flow.funnel_line():
        lines.append(("", "", line))
    lines.extend(("", "", rf.sentence) for rf in view.reverse)
    return tuple(lines)


def text_of(words: FunnelWords) -> Text:
    """The section's title line, then the funnel's words (:func:`funnel_words`) as the panel shows them."""
    text = Text(no_wrap=False)
    text.append(_(TITLE) + "\n", "bold")
    if words is None:
        text.append(_("Add funnel stages (funnel = 1, 2, 3) to your metrics to see conversion rates."), "dim")
        return text
    last = None
    for source, rate, target in words:
        if not source:  # a sentence
            text.append("\n")
            text.append(rich(target))
            continue
        if source != last:  # a chain that branches, or money from a stage: a line of its own
            text.append("\n" if last is not None else "")
            text.append(rich(source, "bold"))
        text.append(f" ──{rate}──▶ ")
        text.append(rich(target, "bold"))
        last = target
    return text


class FunnelPanel(Lines):
    """Conversion rates and the reverse-funnel quota; a tap repaints the lines whose figures it moved."""

    flow = NO_FLOW  # the named people's cohorts, once read (after the first frame)

    def __init__(self, view: DailyView, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._words = funnel_words(view, self.flow)
        self._text = Content.from_rich_text(text_of(self._words))

    def show(self, view: DailyView) -> None:
        """Show ``view``'s rates. Most taps change none of the words: then nothing is made again, nor painted."""
        words = funnel_words(view, self.flow)
        if words == self._words:
            return
        self._words = words
        self._text = Content.from_rich_text(text_of(words))
        self.changed()

    def lines(self, width: int) -> list[Content]:
        return wrapped(self._text.split("\n"), width)

"""The saved reviews a weekly report quotes, read from the data folder (the report itself is model/report.py)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from goaltui.model.calendar import Window
from goaltui.model.goals import Plan
from goaltui.model.month_report import TapNote
from goaltui.model.report import ReviewNotes, weeks_between
from goaltui.model.weeks import week_label
from goaltui.store.notes import with_notes
from goaltui.store.reviews import load_review
from goaltui.store.taplog import TapLog


def saved_notes(data_dir: Path, plan: Plan, start: date, end: date) -> dict[str, ReviewNotes]:
    """Notes and decisions of every review saved for the weeks from ``start`` to ``end``, by week label.

    Raises ReviewFileError for a review file that cannot be read.
    """
    saved = {}
    for week in weeks_between(start, end, plan):
        review = load_review(data_dir, week_label(week))
        if review is not None:
            saved[review.label] = ReviewNotes(review.notes, review.decisions)
    return saved


def tap_notes(data_dir: Path, within: Window) -> list[TapNote]:
    """The taps counted ``within`` the window that carry a note (a note added later joins its tap), in order."""
    taps = with_notes(TapLog(data_dir).taps(since=within.start))
    return [
        TapNote(t.tap.counts_for, t.tap.metric, t.tap.n, t.note)
        for t in taps
        if t.note and within.contains(t.tap.counts_for)
    ]

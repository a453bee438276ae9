"""What the screens read from the data folder, and the few lines they write there outside the tap queue.

The screens never import a store reader themselves (an import-linter contract
in pyproject.toml): they ask here, from a worker thread, with the app's
tracker. Each function is one call into the store, named for what a screen
wants, so a newcomer finds every disk access a screen makes in this file and
in tui/disk.py (the taps and the goals.toml saves).
"""

from __future__ import annotations

import threading
from datetime import date, datetime
from typing import TYPE_CHECKING

from goaltui.model.record import record
from goaltui.store import reviewed, taplog

if TYPE_CHECKING:
    from goaltui.model.people import TouchKind
    from goaltui.store.peoplelog import PeopleFound
    from goaltui.store.reviews import SavedReview
    from goaltui.store.tracker import Tracker

# The people log and the review files are imported where they are read: the daily screen's first
# frame asks only for the reviewed weeks, and the review's model costs about 15 ms to import.


class _LastPeople:
    """The last people read, and what they were read from: the due line and the People screen share one read.

    Both ask from a thread, often at once (the People screen opened right after the start): the second waits
    for the first read and takes it. Years of named taps take about half a second to read; a stat of each
    month file tells whether anything changed since. Nothing changes a Person once read.
    """

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.key: tuple[object, ...] | None = None
        self.found: PeopleFound | None = None


_LAST_PEOPLE = _LastPeople()


def people(tracker: Tracker) -> PeopleFound:
    """Everyone named in the taps and the people log, with the stage the plan's funnel gives them."""
    from goaltui.store import peoplelog

    funnel = [m.id for m in tracker.plan.funnel()]
    last = _LAST_PEOPLE
    with last.lock:
        key = (str(tracker.data_dir), tuple(funnel), tracker.log.device, peoplelog.stamp(tracker.data_dir))
        if key != last.key or last.found is None:
            last.found, last.key = peoplelog.read_people(tracker.data_dir, funnel, tracker.log.device), key
        return last.found


def touch(tracker: Tracker, who: str, kind: TouchKind, *, now: datetime, due: date | None, note: str) -> None:
    """A line in this device's people log: a follow-up set or done, a note, a person dropped."""
    from goaltui.store import peoplelog

    peoplelog.PeopleLog(tracker.data_dir, tracker.log.device).append(who, kind, now=now, due=due, note=note)


def count_for(tracker: Tracker, metric: str, who: str, *, now: datetime) -> None:
    """One tap of ``metric`` naming ``who``, in this device's tap log (the daily screen reads it on its next look)."""
    taplog.TapLog(tracker.data_dir, tracker.log.device).append(metric, 1, now=now, who=who)


def reviewed_weeks(tracker: Tracker) -> set[str]:
    """Labels of the weeks that have a saved review."""
    return reviewed.reviewed_weeks(tracker.data_dir)


@record(slots=False)
class ReviewRead:
    saved: SavedReview | None  # None: not reviewed yet, or unreadable
    problem: str | None = None  # why the saved file could not be read, in one line


def saved_review(tracker: Tracker, label: str) -> ReviewRead:
    """The saved review of week ``label``, or why it could not be read."""
    from goaltui.store import reviews

    try:
        return ReviewRead(reviews.load_review(tracker.data_dir, label))
    except reviews.ReviewFileError as err:
        return ReviewRead(None, str(err))

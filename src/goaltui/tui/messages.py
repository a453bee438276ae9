"""What the app's disk work tells the screens: typed messages, posted to every screen on the stack.

A screen handles the ones it shows (``on_taps_saved``, ``on_goals_changed``,
...); the others are ignored. None bubbles to the app.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from textual.app import App
from textual.message import Message


class DiskMessage(Message, bubble=False):
    """Something changed in the data folder, or in saving to it."""

    def __init_subclass__(cls, bubble: bool | None = False, **kwargs: Any) -> None:
        # Textual's default (bubble=True) would make each kind bubble again, to the app, once a screen.
        super().__init_subclass__(bubble=bubble, **kwargs)


class TapsSaved(DiskMessage):
    """The counts changed: taps of this app are on disk, or taps from elsewhere were found."""

    def __init__(self, pending: int) -> None:
        super().__init__()
        self.pending = pending  # taps still waiting to be written


class TapsWaiting(DiskMessage):
    """Taps are taking longer than a moment to reach the disk: ``pending`` wait, and none of them is counted yet."""

    def __init__(self, pending: int) -> None:
        super().__init__()
        self.pending = pending


class SaveFailed(DiskMessage):
    """A tap could not be written; it waits and is retried. ``reason`` says why, in words."""

    def __init__(self, reason: str) -> None:
        super().__init__()
        self.reason = reason


class NoteSaved(DiskMessage):
    """A note is on disk, as a line naming the tap it goes with."""

    def __init__(self, key: str, note: str, who: str = "") -> None:
        super().__init__()
        self.key = key  # the tap's key
        self.note = note
        self.who = who  # the person the tap was about, when named with the note


class GoalsChanged(DiskMessage):
    """The goals are new: saved by a screen of this app (told to every other screen), or edited on disk."""


class SaveAnswered(DiskMessage):
    """The answer to a save a screen asked for, told to that screen only: ``request`` is what ``save_goals`` or
    ``save_review`` returned it, and either ``result`` (on disk) or ``problem`` (in words: nothing was written)."""

    def __init__(self, request: int, result: object = None, problem: str | None = None) -> None:
        super().__init__()
        self.request = request
        self.result = result
        self.problem = problem


class DayChanged(DiskMessage):
    """Midnight passed while the app ran."""

    def __init__(self, today: date) -> None:
        super().__init__()
        self.today = today


def tell_screens(app: App[Any], make: Callable[[], DiskMessage], *, but: object = None) -> None:
    """Post a fresh message to every screen on the stack (``but`` that one; call on the app's thread)."""
    for screen in app.screen_stack:
        if screen is not but:
            screen.post_message(make())

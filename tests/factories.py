"""What tests build things from: plans and daily counts, a clock moved by hand, the tap files, and a wait."""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import TYPE_CHECKING

from textual import events
from textual.keys import _character_to_key
from textual.message import Message
from textual.notifications import Notification, Notify
from textual.worker import WorkerState

from goaltui.model.counts import DailyCounts
from goaltui.model.goals import Goal, Metric, Plan, Settings

if TYPE_CHECKING:
    from textual.app import App
    from textual.pilot import Pilot

TZ = timezone(timedelta(hours=1))
START = datetime(2026, 11, 25, 9, 0, tzinfo=TZ)  # a Wednesday


WEEKDAYS = Settings()  # weeks from Monday, Monday to Friday at work, no breaks
FUNNEL = (
    Metric("prospects", "p", funnel=1),
    Metric("leads", "l", funnel=2),
    Metric("customers", "c", funnel=3),
)
REVENUE = Metric("revenue", "r", unit="EUR")


def metrics(*extra: Metric) -> dict[str, Metric]:
    """The three funnel stages (prospects, leads, customers), then ``extra``, by id."""
    return {m.id: m for m in (*FUNNEL, *extra)}


def make_plan(*goals: Goal, settings: Settings = WEEKDAYS, extra: tuple[Metric, ...] = ()) -> Plan:
    """A plan of ``goals`` (in that order) on the funnel metrics and ``extra``."""
    return Plan(settings=settings, metrics=metrics(*extra), goals={g.id: g for g in goals})


def daily_counts(days: Mapping[date, float | Mapping[str, float]], metric: str = "prospects") -> DailyCounts:
    """Daily counts from ``{day: n}`` (of ``metric``) or ``{day: {metric: n, ...}}``."""
    return DailyCounts({day: dict(n) if isinstance(n, Mapping) else {metric: n} for day, n in days.items()})


def every_working_day(
    first: date, last: date, per_day: Mapping[str, float], settings: Settings = WEEKDAYS
) -> dict[date, dict[str, float]]:
    """``per_day`` on each working day from ``first`` to ``last``, for :func:`daily_counts` (``|`` joins two)."""
    days = {}
    day = first
    while day <= last:
        if settings.is_workday(day):
            days[day] = dict(per_day)
        day += timedelta(days=1)
    return days


class Clock:
    """A clock the test moves by hand."""

    def __init__(self, now: datetime = START) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


def tap_lines(data_dir: Path) -> list[str]:
    """Every line of every tap file under ``data_dir``, file by file."""
    return [line for p in sorted((data_dir / "taps").rglob("*.toml")) for line in p.read_text().splitlines()]


WAIT = 30.0  # seconds: a generous limit for what a slow, busy machine takes; a pass returns at once


async def wait_until(pilot: Pilot[object], condition: Callable[[], object], seconds: float = WAIT) -> bool:
    """Let the app run until ``condition()`` holds (or ``seconds`` pass): whether it came true."""
    deadline = time.monotonic() + seconds
    while True:
        await pilot.pause()
        if condition():
            return True
        if time.monotonic() > deadline:
            return False
        await pilot.pause(0.02)


async def settle(pilot: Pilot[object], seconds: float = WAIT) -> None:
    """Let the app finish what it started: no worker running, every queued tap on disk, the screen caught up.

    The one wait of the app's tests; it fails the test when the app is still busy after ``seconds``.
    """
    app = pilot.app

    def quiet() -> bool:
        disk = getattr(app, "disk", None)  # goaltui's app; the team view has none
        if disk is not None and not disk.idle:
            return False
        # The tap writer waits a while for the next tap (tui/disktaps.py): with the disk idle, it is quiet.
        busy = [w for w in app.workers if w.state in (WorkerState.PENDING, WorkerState.RUNNING)]
        return not [w for w in busy if disk is None or w.group != "taps"]

    assert await wait_until(pilot, quiet, seconds), f"the app is still busy after {seconds:g} s"
    await pilot.pause()


class Told:
    """Every notification the app posts, heard through ``run_test(message_hook=told)``: Textual's public hook.

    Unlike the toasts on screen, nothing here times out: a test can ask afterwards what the user was told.
    """

    def __init__(self) -> None:
        self.notes: list[Notification] = []

    def __call__(self, message: Message) -> None:
        if isinstance(message, Notify):
            self.notes.append(message.notification)

    def __contains__(self, text: str) -> bool:
        """``text`` is in a notification's title or message."""
        return any(text in note.title or text in note.message for note in self.notes)

    @property
    def lines(self) -> list[str]:
        """Every notification as ``title: message`` (or the message alone), in the order they came."""
        return [f"{n.title}: {n.message}" if n.title else n.message for n in self.notes]

    @property
    def text(self) -> str:
        """Every notification, one a line (see :attr:`lines`)."""
        return "\n".join(self.lines)


def burst(app: App[object], *keys: str) -> None:
    """Deliver ``keys`` all at once, as a slow SSH link or a paste does: nothing waits between them.

    Each key is one character (``*"some text"``) or a key name (``"tab"``, ``"ctrl+s"``).
    """
    for key in keys:
        char = key if len(key) == 1 else None
        name = _character_to_key(key) if char is not None and not key.isalnum() else key
        app.post_message(events.Key(name, char))

"""Keys land where they were typed, however fast they come.

A slow SSH link, a fast typist or a paste without bracketed paste delivers
keys in one burst. Textual forwards each key to the focused widget as soon as
the app reads it, but a key's effect (a binding that opens a screen, a tab that
moves the focus) only happens once the key has travelled through the widgets
and back up to the app. The keys behind it were already forwarded to the old
screen or field: a new goal typed in one burst lost its first letters and put
the metric into the title.

Here the app sends one key at a time: the next is held until the last one has
gone all the way through (a marker message follows it up the same path) and a
screen it opened has mounted and taken the focus. A key the screen says can
open nothing and move no focus (a tap of a count on the daily screen) lets
the keys behind it go out at once: they queue behind it in the same place.
"""

from __future__ import annotations

import time
from collections import deque
from typing import Any

from textual import events
from textual.app import App
from textual.dom import DOMNode
from textual.message import Message
from textual.timer import Timer


class KeyDone(Message):
    """Follows a key up from the widget it was sent to; back at the app, that key has been dealt with."""

    def __init__(self, number: int, lap: int = 1) -> None:
        super().__init__()
        self.number = number
        self.lap = lap


class KeysInOrder(App[Any]):
    """An app that hands keys to its widgets one at a time, in the order they were typed."""

    KEY_TIMEOUT = 10.0  # seconds: the last resort for a marker that never returns; see _watch for the usual case
    # A key's handler may post messages of its own (enter posts Input.Submitted, whose handler moves
    # the focus): they queue behind the marker. Each further lap from the bottom lets one more
    # generation of them be handled before the next key goes out.
    LAPS = 3

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._keys_held: deque[events.Key] = deque()
        self._key_number = 0  # the key in flight, if any
        self._key_in_flight = False
        self._key_timer: Timer | None = None
        self._key_sent = 0.0  # when the key in flight went out
        self._marker_at: DOMNode | None = None  # where its marker was last posted
        self._release_timer: Timer | None = None

    # Past the public API: App.on_event. Why, and a small app that shows it: docs/upstream/burst_keys.py.
    async def on_event(self, event: events.Event) -> None:
        if not isinstance(event, events.Key) or event.is_forwarded:
            await super().on_event(event)
        elif self._key_in_flight or self._keys_held or not self.screen.is_mounted:
            self._keys_held.append(event)
            self._release_soon()
        else:
            await self._send_key(event)

    async def _send_key(self, event: events.Key) -> None:
        while True:
            self._key_in_flight = True
            self._key_number += 1
            await super().on_event(event)  # a priority binding runs now; any other key is forwarded
            if not event.is_forwarded or not self._stays(event):
                break
            # It opens nothing and moves no focus: the keys behind it follow it into the same queue at once.
            if not self._keys_held:
                self._key_done()
                return
            event = self._keys_held.popleft()
        if not event.is_forwarded:
            self._key_done()
            return
        self._key_sent = time.monotonic()
        self._lap(KeyDone(self._key_number))
        self._key_timer = self.set_interval(0.05, self._watch, name="key-watch")

    def _stays(self, event: events.Key) -> bool:
        """The screen says this key opens no screen and moves no focus (a tap of a count): no need to wait for it.

        A screen answers through ``key_stays(event)``, judged as the key goes out; a screen without it waits for
        every key. A burst of 200 taps went out one at a time, three laps each: 5x the time a bare counter takes.
        """
        stays = getattr(self.screen, "key_stays", None)
        return bool(stays is not None and stays(event))

    def _lap(self, marker: KeyDone) -> None:
        target = self.screen.focused or self.screen
        self._marker_at = target
        if not target.post_message(marker):
            self._key_done()  # the widget is closing: its key has done what it will

    def _watch(self) -> None:
        """A marker is lost with the widget that held it (enter in a prompt closes the prompt): go on."""
        node = self._marker_at
        gone = node is not None and not node.is_attached
        if gone or time.monotonic() - self._key_sent > self.KEY_TIMEOUT:
            self._key_done()

    def on_key_done(self, message: KeyDone) -> None:
        message.stop()
        if message.number != self._key_number or not self._key_in_flight:
            return  # a marker from a key that timed out
        if message.lap < self.LAPS:
            self._lap(KeyDone(message.number, message.lap + 1))
        else:
            self._key_done()

    def _key_done(self) -> None:
        if self._key_timer is not None:
            self._key_timer.stop()
            self._key_timer = None
        self._marker_at = None
        self._key_in_flight = False
        if self._keys_held:
            self.call_next(self._release)

    def _release_soon(self) -> None:
        """Check again shortly: a new screen is still mounting."""
        if not self._key_in_flight and self._release_timer is None:
            self._release_timer = self.set_timer(0.01, self._release, name="key-release")

    def _release(self) -> None:
        self._release_timer = None
        if self._keys_held and not self._key_in_flight:
            if not self.screen.is_mounted:
                self._release_soon()
                return
            # A screen that has just mounted asks for its focus with call_later: that runs first.
            self._key_in_flight = True
            self.call_later(self._send_held)

    async def _send_held(self) -> None:
        self._key_in_flight = False
        if self._keys_held:
            await self._send_key(self._keys_held.popleft())

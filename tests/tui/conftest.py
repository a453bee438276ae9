"""Fixtures of the app's tests: a disk that fills up."""

from __future__ import annotations

import errno
import os
from typing import Any

import pytest

from goaltui.store import taplog
from goaltui.store.tap import Tap


@pytest.fixture
def full_disk(monkeypatch: pytest.MonkeyPatch) -> dict[str, bool]:
    """Writes of taps (and of anything naming a metric) fail with ENOSPC while ``full_disk["on"]`` is true."""
    real_write = os.write
    failing = {"on": False}

    def write(fd: int, data: bytes) -> int:
        if failing["on"] and b"metric" in bytes(data):
            raise OSError(28, "No space left on device")
        return real_write(fd, data)

    monkeypatch.setattr(os, "write", write)
    return failing


@pytest.fixture
def full_tap_log(monkeypatch: pytest.MonkeyPatch) -> dict[str, bool]:
    """The tap log's disk is full (its appends fail with ENOSPC) while ``full_tap_log["on"]`` is true.

    The state folder, on another disk, still takes writes.
    """
    real_append = taplog.TapLog.append_all  # every append goes through it, one tap or a burst
    failing = {"on": False}

    def append_all(self: taplog.TapLog, *args: Any, **kwargs: Any) -> list[Tap]:
        if failing["on"]:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_append(self, *args, **kwargs)

    monkeypatch.setattr(taplog.TapLog, "append_all", append_all)
    return failing

"""Fixtures the sync tests share: a bare remote, and two devices set up on it."""

from __future__ import annotations

from pathlib import Path

import pytest

from goaltui.store import goalsfile
from tests.factories import Clock
from tests.gitfolders import bare_remote
from tests.syncdevices import DAY, Device


@pytest.fixture
def remote(tmp_path: Path) -> Path:
    return bare_remote(tmp_path)


@pytest.fixture
def pair(tmp_path: Path, remote: Path, clock: Clock) -> tuple[Device, Device]:
    """A laptop with starter goals and a desk, both set up on the same remote."""
    laptop, desk = Device(tmp_path, "laptop", clock), Device(tmp_path, "desk", clock)
    goalsfile.ensure(laptop.goals, DAY)
    assert laptop.init(remote).ok
    assert desk.init(remote).ok
    return laptop, desk

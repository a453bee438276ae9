"""Devices for the sync tests: a data folder, a device name and a clock, synced in this process."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from goaltui.store import sync as gsync
from goaltui.store.syncresult import SyncResult
from goaltui.store.taplog import TapLog
from tests.factories import Clock

DAY = date(2026, 11, 25)


class Device:
    """One device's data folder, device name and clock."""

    def __init__(self, root: Path, name: str, clock: Clock) -> None:
        self.data = root / name
        self.name = name
        self.clock = clock

    def tap(self, n: int = 1, metric: str = "prospects") -> None:
        log = TapLog(self.data, device=self.name)
        for _ in range(n):
            self.clock.advance(seconds=1)
            log.append(metric, now=self.clock())

    def count(self, metric: str = "prospects") -> float:
        return TapLog(self.data, device=self.name).read().counts.get(DAY, metric)

    def init(self, remote: Path | str) -> SyncResult:
        return gsync.init(self.data, str(remote), self.name, self.clock)

    def sync(self) -> SyncResult:
        return gsync.sync(self.data, self.name, self.clock)

    @property
    def goals(self) -> Path:
        return self.data / "goals.toml"

    def edit_goals(self, old: str, new: str) -> None:
        text = self.goals.read_text()
        assert text.count(old) == 1, old
        self.goals.write_text(text.replace(old, new))

"""The people log through `goaltui sync`: it travels like the tap log, and only ever grows."""

from __future__ import annotations

import pytest

from goaltui.store.peoplelog import PeopleLog
from goaltui.store.syncrules import is_synced_file, tap_file_device
from tests.gitfolders import set_identity
from tests.syncdevices import DAY, Device


@pytest.fixture(autouse=True)
def identity(monkeypatch: pytest.MonkeyPatch) -> None:
    set_identity(monkeypatch)


def touch(device: Device, who: str, kind: str = "no-answer") -> None:
    device.clock.advance(seconds=1)
    PeopleLog(device.data, device.name).append(who, kind, now=device.clock())  # type: ignore[arg-type]


def kinds(device: Device) -> list[str]:
    return [f"{t.who}:{t.kind}" for t in PeopleLog(device.data, device.name).read().touches]


def test_the_people_log_is_one_of_goaltuis_append_only_files() -> None:
    assert is_synced_file("people/laptop/2026-11.toml") and tap_file_device("people/laptop/2026-11.toml") == "laptop"
    assert not is_synced_file("people/laptop/notes.txt") and not is_synced_file("people/x.toml")


def test_touches_on_two_devices_reach_both(pair: tuple[Device, Device]) -> None:
    laptop, desk = pair
    touch(laptop, "Ben Ortiz")
    touch(desk, "Ann Lee", "lost")
    assert laptop.sync().ok and desk.sync().ok and laptop.sync().ok
    assert kinds(laptop) == kinds(desk) == ["Ben Ortiz:no-answer", "Ann Lee:lost"]


def test_lines_taken_out_of_another_devices_people_file_are_restored(pair: tuple[Device, Device]) -> None:
    laptop, desk = pair
    touch(desk, "Ben Ortiz")
    touch(desk, "Ann Lee")
    desk.sync()
    laptop.sync()
    theirs = laptop.data / "people" / "desk" / f"{DAY:%Y-%m}.toml"
    full = theirs.read_bytes()
    theirs.write_bytes(full.split(b"\n", 1)[1])  # the first line cut out by hand
    result = laptop.sync()
    assert result.ok and result.restored == [f"people/desk/{DAY:%Y-%m}.toml"]
    assert theirs.read_bytes() == full


def test_the_summary_counts_taps_not_touches(pair: tuple[Device, Device]) -> None:
    laptop, _ = pair
    touch(laptop, "Ben Ortiz")
    laptop.tap(1)
    assert laptop.sync().summary == "sent 1 tap"

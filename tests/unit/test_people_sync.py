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


def names_in(device: Device, name: str) -> list[str]:
    return [
        p.relative_to(device.data).as_posix()
        for p in device.data.rglob("*.toml")
        if ".git" not in p.parts and name.encode() in p.read_bytes()
    ]


def test_a_forget_passes_sync_and_every_device_forgets(pair: tuple[Device, Device]) -> None:
    from goaltui.store import forget
    from goaltui.store.taplog import TapLog

    laptop, desk = pair
    for device in (laptop, desk):
        device.clock.advance(seconds=1)
        TapLog(device.data, device.name).append("leads", now=device.clock(), who="Ben Ortiz", note="met Ben")
        device.tap(1)
        touch(device, "Ben Ortiz")
        touch(device, "Ann Lee")
    assert laptop.sync().ok and desk.sync().ok and laptop.sync().ok
    assert names_in(laptop, "Ben Ortiz") and names_in(desk, "Ben Ortiz")

    forget.forget(laptop.data, "Ben Ortiz", laptop.name, laptop.clock())
    # Only the desk's own files hold the name now: the desk rewrites them.
    assert sorted(names_in(laptop, "Ben Ortiz")) == ["people/desk/2026-11.toml", "taps/desk/2026-11.toml"]
    sent = laptop.sync()
    assert sent.ok and sent.restored == [] and sent.refused == []
    assert sent.summary.startswith("sent forgotten/")  # lines rewritten: no tap is new
    received = desk.sync()
    assert received.ok and received.refused == [], received.refused
    assert sorted(names_in(desk, "Ben Ortiz")) == ["people/desk/2026-11.toml", "taps/desk/2026-11.toml"]
    assert forget.apply_markers(desk.data, desk.name).files  # its next start
    assert names_in(desk, "Ben Ortiz") == []
    again = desk.sync()
    assert again.ok and again.restored == [] and again.refused == []
    back = laptop.sync()
    assert back.ok and back.refused == [], back.refused
    assert names_in(laptop, "Ben Ortiz") == [] and names_in(laptop, "met Ben") == []
    assert laptop.count("leads") == desk.count("leads") == 2 and laptop.count() == desk.count() == 2
    assert kinds(laptop) == kinds(desk) == ["Ann Lee:no-answer", "Ann Lee:no-answer"]


def test_a_rewrite_that_is_not_a_forget_is_still_refused_with_a_marker_present(pair: tuple[Device, Device]) -> None:
    from goaltui.store import forget
    from goaltui.store.taplog import TapLog

    laptop, desk = pair
    desk.clock.advance(seconds=1)
    TapLog(desk.data, desk.name).append("leads", now=desk.clock(), who="Ben Ortiz")
    desk.tap(2)
    desk.sync()
    laptop.sync()
    forget.forget(desk.data, "Ann Lee", desk.name, desk.clock())  # a marker for someone else
    theirs = desk.data / "taps" / "desk" / "2026-11.toml"
    theirs.write_bytes(theirs.read_bytes().replace(b', who = "Ben Ortiz"', b""))  # Ben erased without a marker
    result = desk.sync()
    assert result.restored == ["taps/desk/2026-11.toml"]  # its own file: the lines it lost come back
    assert b"Ben Ortiz" in theirs.read_bytes()

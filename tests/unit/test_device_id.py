"""A device id names one machine: a state folder copied to another machine makes a new one there."""

from __future__ import annotations

from pathlib import Path

import pytest

from goaltui.store import locations


def on(monkeypatch: pytest.MonkeyPatch, machine: str) -> None:
    monkeypatch.setattr(locations, "machine", lambda: f"machine-id {machine}")


def test_the_id_is_made_once_and_kept_on_its_machine(monkeypatch: pytest.MonkeyPatch) -> None:
    on(monkeypatch, "aaa")
    first = locations.device_id()
    assert locations.device_id() == first
    assert (locations.state_dir() / "machine").read_text() == "machine-id aaa\n"


def test_a_state_folder_copied_to_another_machine_makes_a_new_id_there(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    on(monkeypatch, "old-laptop")
    old = locations.device_id()
    on(monkeypatch, "new-laptop")  # the same state folder, as a copied home folder brings it
    new = locations.device_id()
    assert new != old
    assert locations.device_id() == new  # kept from now on
    assert (locations.state_dir() / "device").read_text() == f"{new}\n"


def test_an_id_kept_before_machines_were_recorded_stays(monkeypatch: pytest.MonkeyPatch) -> None:
    state = locations.ensure_dir(locations.state_dir())
    (state / "device").write_text("desk-1a2b3c\n")
    on(monkeypatch, "aaa")
    assert locations.device_id() == "desk-1a2b3c"
    on(monkeypatch, "bbb")
    assert locations.device_id() != "desk-1a2b3c"


def test_renewing_an_id_another_process_already_renewed_keeps_its_new_one(monkeypatch: pytest.MonkeyPatch) -> None:
    on(monkeypatch, "aaa")
    old = locations.device_id()
    new = locations.renew_device_id(old)
    assert new != old
    assert locations.renew_device_id(old) == new  # the second process to find the clash takes the first's name
    assert locations.device_id() == new


def test_the_machine_is_told_by_its_machine_id_or_host_name() -> None:
    found = locations.machine()
    assert found.startswith(("machine-id ", "host ")) and len(found.split(" ", 1)[1]) > 0

"""Sync from the app: ctrl+s (or the palette) syncs in a worker; what comes in shows up; no set-up, one notice."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from goaltui.store import goalsfile
from goaltui.store import sync as gsync
from goaltui.store.syncresult import SyncResult
from goaltui.store.taplog import TapLog
from goaltui.tui.app import make_app
from goaltui.tui.widgets.counter import MetricCounter
from tests.factories import Clock, Told, wait_until
from tests.gitfolders import bare_remote, set_identity


@pytest.fixture(autouse=True)
def identity(monkeypatch: pytest.MonkeyPatch) -> None:
    set_identity(monkeypatch)


def shown(app, metric: str) -> str:
    return app.screen.query_one(f"#counter-{metric}", MetricCounter).value


async def test_sync_now_sends_and_receives_taps(tmp_path: Path, clock: Clock) -> None:
    remote = bare_remote(tmp_path)
    laptop, desk = tmp_path / "laptop", tmp_path / "desk"
    goalsfile.ensure(laptop / "goals.toml", clock().date() - timedelta(days=2))
    assert gsync.init(laptop, str(remote), "laptop", clock).ok
    assert gsync.init(desk, str(remote), "desk", clock).ok
    app = make_app(laptop, clock=clock, device="laptop", poll_interval=0.05)
    told = Told()
    async with app.run_test(size=(120, 40), message_hook=told) as pilot:
        await pilot.press("p", "p")
        assert await wait_until(pilot, lambda: app.disk.idle and shown(app, "prospects") == "2")
        await pilot.press("ctrl+s")
        assert await wait_until(pilot, lambda: any(n.title == "Synced" for n in told.notes))
        assert gsync.sync(desk, "desk", clock).received_taps == 2  # the desk has the laptop's taps
        TapLog(desk, device="desk").append("leads", now=clock())
        assert gsync.sync(desk, "desk", clock).ok
        await pilot.press("ctrl+s")
        assert await wait_until(pilot, lambda: shown(app, "leads") == "1")  # received, shown as any tap from elsewhere
        assert shown(app, "prospects") == "2"


async def test_sync_now_without_set_up_says_what_to_do(new_app) -> None:
    app = new_app()
    told = Told()
    async with app.run_test(size=(120, 40), message_hook=told) as pilot:
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert any("goaltui sync init REMOTE" in n.message for n in told.notes)
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert titles.count("Sync now") == 1


async def test_a_sync_that_breaks_unexpectedly_is_told_and_the_next_one_runs(
    tmp_path: Path, clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    laptop = tmp_path / "laptop"
    goalsfile.ensure(laptop / "goals.toml", clock().date())
    assert gsync.init(laptop, str(bare_remote(tmp_path)), "laptop", clock).ok
    calls: list[str] = []

    def broken(data: Path, device: str, clock: object) -> SyncResult:
        calls.append(device)
        raise UnicodeDecodeError("utf-8", b"\xff", 0, 1, "invalid start byte")

    monkeypatch.setattr(gsync, "sync", broken)
    app = make_app(laptop, clock=clock, device="laptop", poll_interval=0.05)
    told = Told()
    async with app.run_test(size=(120, 40), message_hook=told) as pilot:
        await pilot.press("ctrl+s")
        assert await wait_until(pilot, lambda: any(n.title.startswith("Sync failed") for n in told.notes))
        failed = next(n for n in told.notes if n.title.startswith("Sync failed"))
        assert failed.message.startswith("UnicodeDecodeError: 'utf-8' codec can't decode byte 0xff")
        await pilot.press("ctrl+s")
        assert await wait_until(pilot, lambda: len(calls) == 2)
        assert not any("already running" in n.message for n in told.notes)


async def test_another_machine_writing_as_this_device_is_told_and_the_app_taps_under_a_new_name(
    tmp_path: Path, clock: Clock
) -> None:
    import shutil

    remote = bare_remote(tmp_path)
    laptop, clone = tmp_path / "laptop", tmp_path / "clone"
    goalsfile.ensure(laptop / "goals.toml", clock().date() - timedelta(days=2))
    assert gsync.init(laptop, str(remote), "laptop", clock).ok
    shutil.copytree(laptop, clone)  # a copied home folder: the same device name on two machines
    clock.advance(seconds=1)
    TapLog(clone, device="laptop").append("leads", now=clock())
    assert gsync.sync(clone, "laptop", clock).ok
    app = make_app(laptop, clock=clock, device="laptop", poll_interval=0.05)
    told = Told()
    async with app.run_test(size=(120, 40), message_hook=told) as pilot:
        clock.advance(seconds=1)
        await pilot.press("p")
        assert await wait_until(pilot, lambda: app.disk.idle and shown(app, "prospects") == "1")
        await pilot.press("ctrl+s")
        assert await wait_until(pilot, lambda: app.tracker.log.device != "laptop")
        new = app.tracker.log.device
        assert any(f"this one writes as {new} from now on" in n.message for n in told.notes)
        assert await wait_until(pilot, lambda: shown(app, "leads") == "1")
        clock.advance(seconds=1)
        await pilot.press("p")
        assert await wait_until(pilot, lambda: app.disk.idle and shown(app, "prospects") == "2")
    assert (laptop / "taps" / new / f"{clock().date():%Y-%m}.toml").exists()

"""The tap writer waits a while for the next tap, so a person tapping is not kept waiting for a worker to start;
it ends after its wait, and at once when the app ends."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from textual.worker import WorkerState

from goaltui.tui.app import GoalApp
from goaltui.tui.widgets.counter import MetricCounter
from tests.factories import WAIT, wait_until


def count_writers(app: GoalApp) -> list[str]:
    """Every worker the disk starts from now on, by group (the tap writer's is "taps")."""
    started: list[str] = []
    real = app.disk._run

    def run(work: Callable[[], None], group: str, **kwargs: object) -> None:
        started.append(group)
        real(work, group, **kwargs)  # type: ignore[arg-type]

    app.disk._run = run  # type: ignore[method-assign]
    return started


def app_with_linger(new_app: Callable[..., GoalApp], linger: float) -> tuple[GoalApp, list[str]]:
    """An app whose tap writer waits ``linger`` seconds for the next tap, and the workers it starts."""
    app = new_app()
    app.disk.linger = linger
    return app, count_writers(app)


def taps_on_disk(data_dir: Path) -> int:
    return sum(f.read_text().count("\n") for f in (data_dir / "taps").rglob("*.toml"))


def writer_running(app: GoalApp) -> bool:
    return any(w.group == "taps" and w.state is WorkerState.RUNNING for w in app.workers)


async def test_a_tap_after_a_pause_goes_to_the_writer_that_waits(
    new_app: Callable[..., GoalApp], data_dir: Path
) -> None:
    app, started = app_with_linger(new_app, 3600)
    async with app.run_test(size=(120, 40)) as pilot:
        counter = app.screen.query_one("#counter-prospects", MetricCounter)
        for n in range(1, 4):
            await pilot.press("p")
            assert await wait_until(pilot, lambda n=n: counter.value == str(n) and app.disk.idle)  # type: ignore[misc]
            assert taps_on_disk(data_dir) == n
        assert started.count("taps") == 1
        assert writer_running(app)  # waiting for the next tap


async def test_the_apps_end_wakes_the_writer_that_waits(new_app: Callable[..., GoalApp], data_dir: Path) -> None:
    app = new_app()
    app.disk.linger = 3600  # only the app's end can stop its wait within the test
    ended = threading.Event()
    real = app.disk._write_taps

    def writer() -> None:
        try:
            real()
        finally:
            ended.set()

    app.disk._write_taps = writer  # type: ignore[method-assign]
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("p")
        assert await wait_until(pilot, lambda: app.disk.idle and taps_on_disk(data_dir) == 1)
        assert not ended.is_set()
    assert ended.wait(WAIT), "the tap writer still waits after the app ended"
    assert taps_on_disk(data_dir) == 1


async def test_a_writer_that_waited_its_while_ends_and_the_next_tap_starts_another(
    new_app: Callable[..., GoalApp], data_dir: Path
) -> None:
    app, started = app_with_linger(new_app, 0.05)
    async with app.run_test(size=(120, 40)) as pilot:
        counter = app.screen.query_one("#counter-prospects", MetricCounter)
        await pilot.press("p")
        assert await wait_until(pilot, lambda: counter.value == "1" and app.disk.idle and not writer_running(app))
        assert not app.disk._draining
        await pilot.press("p")
        assert await wait_until(pilot, lambda: counter.value == "2" and app.disk.idle)
        assert started.count("taps") == 2
    assert taps_on_disk(data_dir) == 2

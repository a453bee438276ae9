"""A failure nobody foresaw in one of the app's workers is heard: told in one line, written whole; the work goes on."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.message import Message

from goaltui.store import goal_edits
from goaltui.store.tracker import Tracker
from goaltui.tui.app import GoalApp
from goaltui.tui.messages import SaveAnswered
from goaltui.tui.widgets.counter import MetricCounter
from tests.factories import Told, wait_until


def once(real: Callable[..., object]) -> Callable[..., object]:
    """``real``, except that its first call raises an error no code expects."""
    calls = [0]

    def flaky(*args: object, **kwargs: object) -> object:
        calls[0] += 1
        if calls[0] == 1:
            raise RuntimeError("a bug in the worker")
        return real(*args, **kwargs)

    return flaky


def broke(told: Told) -> bool:
    return "unexpected error (RuntimeError: a bug in the worker)" in told


def crash_file(tmp_path: Path) -> str:
    return (tmp_path / "state" / "crash.txt").read_text()


async def test_a_tap_writer_that_breaks_is_told_and_its_taps_are_written_on_the_retry(
    new_app: Callable[..., GoalApp], monkeypatch: pytest.MonkeyPatch, tmp_path: Path, data_dir: Path
) -> None:
    monkeypatch.setattr(Tracker, "record_all", once(Tracker.record_all))
    app = new_app()
    app.disk.retry_interval = 0.05
    told = Told()
    async with app.run_test(size=(120, 40), message_hook=told) as pilot:
        await pilot.press("p", "p")
        counter = app.screen.query_one("#counter-prospects", MetricCounter)
        assert await wait_until(pilot, lambda: counter.value == "2" and app.disk.idle)
        assert broke(told)
        await pilot.press("p")  # later taps are not stuck behind the failed one
        assert await wait_until(pilot, lambda: counter.value == "3" and app.disk.idle)
    assert "RuntimeError: a bug in the worker" in crash_file(tmp_path)
    [tap_file] = (data_dir / "taps").rglob("*.toml")
    assert tap_file.read_text().count("\n") == 3


async def test_a_tap_result_that_breaks_on_the_apps_thread_is_told_and_taps_go_on(
    new_app: Callable[..., GoalApp], monkeypatch: pytest.MonkeyPatch, tmp_path: Path, data_dir: Path
) -> None:
    """The writer hands a written tap to the app's thread without waiting for it (DiskWork._tell): a failure
    there is heard in the same place as a worker's, the taps are counted again, and the writer goes on."""
    monkeypatch.setattr(Tracker, "apply", once(Tracker.apply))
    app = new_app()
    told = Told()
    async with app.run_test(size=(120, 40), message_hook=told) as pilot:
        await pilot.press("p")
        counter = app.screen.query_one("#counter-prospects", MetricCounter)
        assert await wait_until(pilot, lambda: broke(told) and counter.value == "1")  # counted again from the disk
        await pilot.press("p", "p")
        assert await wait_until(pilot, lambda: counter.value == "3" and app.disk.idle)
    assert "RuntimeError: a bug in the worker" in crash_file(tmp_path)
    [tap_file] = (data_dir / "taps").rglob("*.toml")
    assert tap_file.read_text().count("\n") == 3  # every tap is on disk


async def test_a_poll_that_breaks_is_told_and_polling_goes_on(
    new_app: Callable[..., GoalApp], monkeypatch: pytest.MonkeyPatch, data_dir: Path
) -> None:
    monkeypatch.setattr(Tracker, "poll", once(Tracker.poll))
    app = new_app(poll_interval=0.05)
    told = Told()
    async with app.run_test(size=(120, 40), message_hook=told) as pilot:
        assert await wait_until(pilot, lambda: broke(told))
        path = data_dir / "goals.toml"
        path.write_text(path.read_text().replace("target = 5\n", "target = 7\n", 1))
        assert await wait_until(pilot, lambda: app.tracker.plan.goals["daily-leads"].target == 7)


async def test_a_save_that_breaks_is_told_and_can_be_made_again(
    new_app: Callable[..., GoalApp], monkeypatch: pytest.MonkeyPatch, data_dir: Path
) -> None:
    monkeypatch.setattr(Tracker, "save_goals", once(Tracker.save_goals))
    app = new_app(poll_interval=0)
    answers: list[SaveAnswered] = []
    heard = Told()
    edit = goal_edits.set_status("daily-leads", "archived")

    def hook(message: Message) -> None:
        heard(message)
        if isinstance(message, SaveAnswered):
            answers.append(message)

    async with app.run_test(size=(120, 40), message_hook=hook) as pilot:
        first = app.disk.save_goals(edit, asker=app.screen)
        assert await wait_until(pilot, lambda: len(answers) == 1)
        second = app.disk.save_goals(edit, asker=app.screen)  # the user saves again
        assert await wait_until(pilot, lambda: len(answers) == 2)
    failed, saved = answers
    assert (failed.request, saved.request) == (first, second) and first != second  # each answer names its request
    assert failed.problem is not None and "unexpected error (RuntimeError: a bug in the worker)" in failed.problem
    assert saved.problem is None and saved.result is not None
    assert 'status = "archived"' in (data_dir / "goals.toml").read_text()


async def test_the_status_line_and_theme_workers_that_break_are_told(
    new_app: Callable[..., GoalApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    import goaltui.store.statusline as statusline

    monkeypatch.setattr(statusline, "write_line", once(statusline.write_line))
    app = new_app()
    told = Told()
    async with app.run_test(size=(120, 40), message_hook=told) as pilot:
        await pilot.press("p")
        assert await wait_until(pilot, lambda: broke(told))


async def test_a_screens_worker_that_breaks_is_heard_in_the_same_place_and_the_app_goes_on(
    new_app: Callable[..., GoalApp], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The daily screen's reading of who is due, and the People screen's, end as every worker does (one handler
    of Textual's Worker.StateChanged): an error no code expects is told and written, and no screen is stuck."""
    from goaltui.tui import folder

    def broken(*_: object) -> object:
        raise KeyError("a bug in the worker")  # not OSError or RuntimeError, which the reading expects

    monkeypatch.setattr(folder, "people", broken)
    app = new_app()
    told = Told()
    async with app.run_test(size=(120, 40), message_hook=told) as pilot:
        # the due line, read after the first frame
        assert await wait_until(pilot, lambda: "unexpected error (KeyError: 'a bug in the worker')" in told)
        await pilot.press("p")
        counter = app.screen.query_one("#counter-prospects", MetricCounter)
        assert await wait_until(pilot, lambda: counter.value == "1" and app.disk.idle)  # counting goes on
    assert "due-line worker" in crash_file(tmp_path)

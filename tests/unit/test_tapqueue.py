"""The tap queue on its own: order, retries, undo of a queued, an in-flight and a saved tap, and midnight."""

from __future__ import annotations

import threading
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from goaltui.store.taplog import TapLog
from goaltui.store.tapqueue import PendingTap, TapQueue

ZONE = timezone(timedelta(hours=1))
MORNING = datetime(2026, 11, 23, 9, 0, tzinfo=ZONE)
TODAY = MORNING.date()


def tap(metric: str = "prospects", n: float = 1, at: datetime = MORNING, day: date | None = None) -> PendingTap:
    return PendingTap(metric, n, at, day or at.date())


def write_all(queue: TapQueue) -> list[PendingTap]:
    """What a writer thread does: take, write, report, until nothing waits."""
    written = []
    while (item := queue.take()) is not None:
        written.append(item)
        queue.written(item)
    return written


def test_taps_are_written_in_the_order_pressed() -> None:
    queue = TapQueue()
    taps = [tap("prospects"), tap("leads"), tap("customers")]
    for t in taps:
        queue.push(t)
    assert queue.pending == 3
    assert write_all(queue) == taps
    assert queue.pending == 0
    assert not queue.writing


def test_the_tap_in_flight_counts_as_pending_until_written() -> None:
    queue = TapQueue()
    queue.push(tap())
    item = queue.take()
    assert item is not None
    assert queue.pending == 1 and queue.writing
    assert queue.written(item) is False  # nothing more waits
    assert queue.pending == 0


def test_written_says_when_more_wait() -> None:
    queue = TapQueue()
    queue.push(tap())
    queue.push(tap())
    first = queue.take()
    assert first is not None
    assert queue.written(first) is True


def test_a_failed_write_goes_back_to_the_head_and_keeps_its_moment() -> None:
    queue = TapQueue()
    first, second = tap(at=MORNING), tap(at=MORNING + timedelta(seconds=1))
    queue.push(first)
    queue.push(second)
    item = queue.take()
    assert item is first
    queue.failed(item)
    assert queue.pending == 2 and not queue.writing
    assert write_all(queue) == [first, second]
    assert first.at == MORNING  # a retry does not change when it was pressed


def test_only_the_tap_in_flight_can_be_reported() -> None:
    queue = TapQueue()
    queue.push(tap())
    with pytest.raises(RuntimeError):
        queue.written(tap())
    item = queue.take()
    assert item is not None
    with pytest.raises(RuntimeError):
        queue.take()  # one at a time


def test_undo_drops_a_queued_tap_and_nothing_is_written() -> None:
    queue = TapQueue()
    kept, dropped = tap("prospects"), tap("leads")
    queue.push(kept)
    queue.push(dropped)
    undone = queue.undo(MORNING)
    assert undone is not None and undone.tap is dropped and not undone.was_saved
    assert "was not saved yet" in undone.words()
    assert write_all(queue) == [kept]


def test_undo_of_the_tap_in_flight_queues_its_counter_tap_behind_it_at_once() -> None:
    queue = TapQueue()
    queue.push(tap("leads", 1))
    item = queue.take()
    assert item is not None
    later = MORNING + timedelta(seconds=5)
    undone = queue.undo(later)
    assert undone is not None and undone.tap is item and undone.was_saved
    queue.push(tap("prospects"))  # pressed after the undo: written after the counter-tap
    queue.failed(item)  # and a failed write keeps that order on the retry
    written = write_all(queue)
    assert [(t.metric, t.n) for t in written] == [("leads", 1), ("leads", -1), ("prospects", 1)]
    counter = written[1]
    assert (counter.day, counter.at, counter.undo) == (TODAY, later, True)
    assert [u.tap.metric for u in iter(lambda: queue.undo(later), None)] == ["prospects"]  # leads is done with


def test_undo_of_a_saved_tap_queues_a_counter_tap_for_the_same_day() -> None:
    queue = TapQueue()
    backfill = tap("customers", 1, day=TODAY - timedelta(days=2))
    queue.push(backfill)
    write_all(queue)
    undone = queue.undo(MORNING + timedelta(minutes=1))
    assert undone is not None and undone.was_saved and undone.words() == "customers +1"
    counter = queue.take()
    assert counter is not None
    assert counter.n == -1 and counter.day == TODAY - timedelta(days=2) and counter.backfill == counter.day


def test_undo_takes_back_the_newest_first_and_never_an_undo() -> None:
    queue = TapQueue()
    a, b = tap("prospects"), tap("leads")
    queue.push(a)
    queue.push(b)
    write_all(queue)
    first = queue.undo(MORNING)
    second = queue.undo(MORNING)
    assert first is not None and second is not None
    assert (first.tap, second.tap) == (b, a)  # the queued counter-tap of b is not itself undone
    assert queue.undo(MORNING) is None
    assert [t.metric for t in write_all(queue)] == ["leads", "prospects"]


def test_undo_with_nothing_to_take_back() -> None:
    assert TapQueue().undo(MORNING) is None


def test_a_tap_pressed_before_midnight_counts_for_its_own_day_when_written_after_it(tmp_path: Path) -> None:
    """The disk was full at 23:59:58; it is written at 00:00:03: it still counts for the day it was pressed."""
    log = TapLog(tmp_path, device="laptop")
    pressed = datetime(2026, 11, 23, 23, 59, 58, tzinfo=ZONE)
    queue = TapQueue()
    queue.push(tap(at=pressed))
    item = queue.take()
    assert item is not None
    queue.failed(item)  # disk full
    item = queue.take()
    assert item is not None
    written = log.append(item.metric, item.n, now=item.at, day=item.backfill)
    queue.written(item)
    assert written.at == pressed and written.counts_for == date(2026, 11, 23)
    assert log.read().counts.get(date(2026, 11, 23), "prospects") == 1


def test_a_key_pushed_past_midnight_by_an_earlier_line_keeps_the_day(tmp_path: Path) -> None:
    """Keys strictly increase: if the file's last key is later, the next key is moved past it, not the day."""
    log = TapLog(tmp_path, device="laptop")
    log.append("leads", now=datetime(2026, 11, 24, 0, 0, 1, tzinfo=ZONE))  # another process, after midnight
    written = log.append("prospects", now=datetime(2026, 11, 23, 23, 59, 59, tzinfo=ZONE))
    assert written.at.date() == date(2026, 11, 24)
    assert written.counts_for == date(2026, 11, 23)
    assert log.read().counts.get(date(2026, 11, 23), "prospects") == 1


def test_pushes_from_one_thread_while_another_writes_are_all_written_once() -> None:
    queue = TapQueue()
    written: list[PendingTap] = []
    done = threading.Event()

    def writer() -> None:
        while not (done.is_set() and queue.pending == 0):
            item = queue.take()
            if item is None:
                continue
            written.append(item)
            queue.written(item)

    thread = threading.Thread(target=writer)
    thread.start()
    taps = [tap(n=i + 1) for i in range(500)]
    for t in taps:
        queue.push(t)
    done.set()
    thread.join(timeout=60)
    assert not thread.is_alive()
    assert written == taps


def test_waiting_sums_what_is_not_on_disk_for_one_metric_and_day() -> None:
    queue = TapQueue()
    queue.push(tap("prospects", 1))
    queue.push(tap("prospects", 2))
    queue.push(tap("prospects", 5, day=TODAY - timedelta(days=1)))
    queue.push(tap("leads", 1))
    item = queue.take()
    assert item is not None  # in flight still counts
    assert queue.waiting("prospects", TODAY) == 3
    queue.written(item)
    assert queue.waiting("prospects", TODAY) == 2


def test_close_hands_over_every_tap_not_on_disk_and_the_writer_takes_no_more() -> None:
    queue = TapQueue()
    first, second, third = tap("prospects"), tap("leads"), tap("customers")
    for t in (first, second, third):
        queue.push(t)
    flying = queue.take()
    assert flying is first
    assert queue.close() == ([first], [second, third])
    assert queue.pending == 0 and queue.take() is None
    assert not queue.holds(first)
    assert queue.written(first) is False  # a write that finished after all: nothing breaks, nothing is kept twice
    later = tap("prospects")
    queue.push(later)  # pressed while the app was ending: the next close takes it
    assert queue.take() is None
    assert queue.close() == ([], [later])


def test_reopen_puts_the_taps_back_at_the_head() -> None:
    queue = TapQueue()
    first, second = tap("prospects"), tap("leads")
    queue.push(first)
    queue.push(second)
    _, taps = queue.close()
    newer = tap("customers")
    queue.push(newer)
    queue.reopen(taps)
    assert write_all(queue) == [first, second, newer]


def month(item: PendingTap) -> tuple[int, int]:
    return item.at.year, item.at.month


def test_a_batch_is_the_taps_queued_for_one_file_written_and_reported_in_order() -> None:
    queue = TapQueue()
    december = MORNING.replace(month=12, day=1)
    taps = [tap("prospects"), tap("leads"), tap("customers"), tap("prospects", at=december), tap("leads")]
    for t in taps:
        queue.push(t)
    batch = queue.take_batch(month)
    assert batch == taps[:3] and queue.pending == 5 and queue.writing  # December's tap waits for a write of its own
    with pytest.raises(RuntimeError):
        queue.take_batch(month)  # one write at a time
    assert [queue.written(t) for t in batch] == [True, True, True]
    assert queue.take_batch(month) == [taps[3]]
    assert queue.written(taps[3]) is True
    assert queue.take_batch(month, most=5) == [taps[4]]
    assert queue.written(taps[4]) is False
    assert queue.take_batch(month) == []


def test_a_failed_batch_goes_back_whole_and_undo_takes_back_its_newest_tap() -> None:
    queue = TapQueue()
    taps = [tap("prospects"), tap("leads"), tap("customers")]
    for t in taps:
        queue.push(t)
    batch = queue.take_batch(month, most=2)
    undone = queue.undo(MORNING)
    assert undone is not None and undone.tap is taps[2] and not undone.was_saved  # still queued: dropped
    undone = queue.undo(MORNING)
    assert undone is not None and undone.tap is taps[1] and undone.was_saved  # in flight: a counter-tap follows
    queue.failed(batch[0])  # the disk was full
    again = queue.take_batch(month)
    assert again[:2] == taps[:2] and again[2].undo and again[2].n == -1 and again[2].metric == "leads"
    assert queue.close() == (again, [])

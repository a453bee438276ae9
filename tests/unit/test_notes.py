"""Notes on taps: a later note is a new line naming its tap; the taps export quotes as spreadsheets expect."""

from __future__ import annotations

import csv
import io
import tomllib
from datetime import date, datetime, timedelta

from goaltui.store.notes import day_notes, taps_csv, with_notes
from goaltui.store.tap import parse_line
from goaltui.store.taplog import TapLog
from tests.factories import START, tap_lines


def test_a_note_is_a_new_line_naming_the_tap_and_counts_nothing(tmp_path) -> None:
    log = TapLog(tmp_path, device="laptop")
    tap = log.append("leads", now=START)
    before = tap_lines(tmp_path)
    log.add_note(tap, "Anna, Acme", now=START + timedelta(seconds=5))
    lines = tap_lines(tmp_path)
    assert lines[: len(before)] == before  # no line is edited
    assert lines[-1] == (
        '"2026-11-25T09:00:05.000+01:00" = { metric = "leads", n = 0, day = 2026-11-25, '
        'for = "2026-11-25T09:00:00.000+01:00", note = "Anna, Acme" }'
    )
    assert tomllib.loads("\n".join(lines))  # the whole file stays valid TOML
    assert log.read().counts.get(date(2026, 11, 25), "leads") == 1
    [noted] = with_notes(log.taps())
    assert (noted.tap.key, noted.note, noted.device) == (tap.key, "Anna, Acme", "laptop")


def test_an_old_line_without_for_still_reads_and_a_reader_ignoring_for_counts_right() -> None:
    old = parse_line('"2026-11-23T11:02:10.300+01:00" = { metric = "revenue", n = 250, note = "Acme" }')
    assert (old.for_key, old.note) == ("", "Acme")
    note = parse_line('"2026-11-23T11:03:00.000+01:00" = { metric = "revenue", n = 0, for = "x", note = "y" }')
    assert note.n == 0 and note.for_key == "x"


def test_notes_join_their_tap_in_order_and_day_notes_finds_them(tmp_path) -> None:
    log = TapLog(tmp_path, device="d")
    first = log.append("prospects", now=START, note="LinkedIn")
    log.append("prospects", now=START + timedelta(minutes=1))
    log.add_note(first, "Ben", now=START + timedelta(minutes=2))
    log.add_note(first, "called back", now=START + timedelta(minutes=3))
    rows = with_notes(log.taps())
    assert [r.note for r in rows] == ["LinkedIn · Ben · called back", ""]
    assert [r.tap.key for r in day_notes(rows, date(2026, 11, 25))] == [first.key]
    assert day_notes(rows, date(2026, 11, 24)) == []


def test_the_export_escapes_quotes_commas_and_line_breaks(tmp_path) -> None:
    log = TapLog(tmp_path, device="desk")
    tricky = 'Anna "the boss", Acme\nsecond line'
    log.append("customers", now=START, note=tricky)
    log.append("revenue", 250.5, now=START + timedelta(seconds=1), day=date(2026, 11, 20))
    text = taps_csv(with_notes(log.taps()))
    assert text.startswith("time,day,metric,n,note,device,who\r\n")
    assert '"Anna ""the boss"", Acme\nsecond line"' in text
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[1] == ["2026-11-25T09:00:00.000+01:00", "2026-11-25", "customers", "1", tricky, "desk", ""]
    assert rows[2] == ["2026-11-25T09:00:01.000+01:00", "2026-11-20", "revenue", "250.5", "", "desk", ""]
    only = list(csv.reader(io.StringIO(taps_csv(with_notes(log.taps()), start=date(2026, 11, 21)), newline="")))
    assert [r[2] for r in only[1:]] == ["customers"]  # filtered by the day counted, not the day written


def test_taps_since_skips_earlier_months(tmp_path) -> None:
    log = TapLog(tmp_path, device="d")
    log.append("prospects", now=datetime(2026, 10, 30, 9, tzinfo=START.tzinfo))
    log.append("prospects", now=START)
    assert [t.at.month for _, t in log.taps(since=date(2026, 11, 1))] == [11]
    assert len(log.taps()) == 2


def test_the_export_gives_a_reading_its_value(tmp_path) -> None:
    log = TapLog(tmp_path, device="desk")
    log.append("downline", 0, now=START, level=57)
    rows = list(csv.reader(io.StringIO(taps_csv(with_notes(log.taps())), newline="")))
    assert rows[1][2:4] == ["downline", "57"]

"""People: a tap's who, the people log (touches), and the model of stages, follow-ups and stale people."""

from __future__ import annotations

import os
import tomllib
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from goaltui.model.goals import PlanError
from goaltui.model.names import clean_name, name_key
from goaltui.model.people import (
    NamedTap,
    Touch,
    build_people,
    due_people,
    parse_when,
    stage_counts,
    week_end,
)
from goaltui.model.plan_parse import parse_settings
from goaltui.model.shown import shown
from goaltui.store import peoplelog
from goaltui.store.peoplelog import PeopleLog, read_people
from goaltui.store.tap import Tap, parse_line
from goaltui.store.taplog import TapLog

CET = timezone(timedelta(hours=1))
NOW = datetime(2026, 11, 23, 9, 0, tzinfo=CET)  # a Monday
TODAY = NOW.date()
FUNNEL = ["prospects", "leads", "customers"]
DEVICE = "laptop-1a2b3c"


# --------------------------------------------------------------------------- the tap's who


def test_a_tap_names_who_it_was_about_and_reads_back() -> None:
    tap = Tap(NOW, "leads", who="Ben Ortiz", note="call Thursday")
    line = tap.to_line()
    assert line == '"2026-11-23T09:00:00.000+01:00" = { metric = "leads", who = "Ben Ortiz", note = "call Thursday" }\n'
    assert parse_line(line) == tap


@pytest.mark.parametrize("who", ["Ben\x1b[31m", "tab\there", "x" * 81, "   ", "new\nline"])
def test_a_name_with_control_characters_or_too_long_is_refused_on_write_and_skipped_on_read(
    who: str, data_dir: Path
) -> None:
    with pytest.raises(ValueError, match="name"):
        Tap(NOW, "leads", who=who).to_line()
    log = TapLog(data_dir, DEVICE)
    path = log.month_path(TODAY)
    path.parent.mkdir(parents=True)
    escaped = who.replace("\x1b", "\\u001B").replace("\t", "\\t").replace("\n", "\\n")
    path.write_text(
        '"2026-11-23T09:00:00.000+01:00" = { metric = "leads" }\n'
        f'"2026-11-23T09:01:00.000+01:00" = {{ metric = "leads", who = "{escaped}" }}\n'
    )
    read = log.read()
    assert read.counts.on(TODAY) == {"leads": 1}
    assert len(read.problems) == 1 and "who:" in read.problems[0]


def test_names_are_cleaned_and_matched_whatever_the_case_and_spaces() -> None:
    assert clean_name("  Ben   Ortiz ") == "Ben Ortiz"
    assert name_key("ben ORTIZ") == name_key(" Ben  Ortiz")


# --------------------------------------------------------------------------- the people log


def test_touches_are_written_as_designed_and_read_back(data_dir: Path) -> None:
    log = PeopleLog(data_dir, DEVICE)
    log.append("Ben Ortiz", "follow-up", now=NOW, due=date(2026, 11, 27), note='say "hi"')
    log.append("Ben Ortiz", "details", now=NOW, details=(("company", "Acme"), ("phone", "+46 70 123")))
    log.append("Ann Lee", "lost", now=NOW)
    path = data_dir / "people" / DEVICE / "2026-11.toml"
    assert path.read_text().splitlines() == [
        '"2026-11-23T09:00:00.000+01:00" = { who = "Ben Ortiz", touch = "follow-up", due = 2026-11-27, '
        'note = "say \\"hi\\"" }',
        '"2026-11-23T09:00:00.001+01:00" = { who = "Ben Ortiz", touch = "details", company = "Acme", '
        'phone = "+46 70 123" }',
        '"2026-11-23T09:00:00.002+01:00" = { who = "Ann Lee", touch = "lost" }',
    ]
    tomllib.loads(path.read_text())  # the whole file stays valid TOML
    assert os.stat(path).st_mode & 0o777 == 0o600
    read = log.read()
    assert [t.kind for t in read.touches] == ["follow-up", "details", "lost"]
    assert read.touches[0].due == date(2026, 11, 27)
    assert read.problems == []


def test_a_torn_line_is_skipped_reported_and_the_next_touch_starts_a_new_line(data_dir: Path) -> None:
    log = PeopleLog(data_dir, DEVICE)
    log.append("Ben Ortiz", "no-answer", now=NOW)
    path = data_dir / "people" / DEVICE / "2026-11.toml"
    with path.open("ab") as f:
        f.write(b'"2026-11-23T09:05:00.000+01:00" = { who = "Ben')
    assert "incomplete last line" in log.read().problems[0]
    log.append("Ben Ortiz", "note", now=NOW, note="left a message")
    read = log.read()
    assert [t.kind for t in read.touches] == ["no-answer", "note"]
    assert read.touches[1].at > datetime(2026, 11, 23, 9, 5, tzinfo=CET)  # later than the torn line's key
    assert len(read.problems) == 1 and ":2: skipped a line that is not a touch" in read.problems[0]


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ('{ who = "Ben", touch = "follow-up" }', "due goes with a follow-up"),
        ('{ who = "Ben", touch = "done", due = 2026-11-27 }', "due goes with a follow-up"),
        ('{ who = "Ben", touch = "follow-up", due = 0001-01-01 }', "1900 to 9998"),
        ('{ who = "Ben", touch = "dance" }', "is not one of"),
        ('{ who = "Ben\\u001b[2J", touch = "lost" }', "control characters"),
        ('{ who = "Ben", touch = "details" }', "needs one"),
        ('{ who = "Ben", touch = "details", phone = "1\\n2" }', "one line"),
        ('{ who = "Ben", touch = "lost", ssn = "1" }', "unknown field"),
        ('{ who = "Ben", touch = "note", note = 3 }', "note is not text"),
        ("3", "not a table"),
    ],
)
def test_every_value_of_a_touch_is_checked_where_it_is_read(data_dir: Path, value: str, reason: str) -> None:
    path = data_dir / "people" / "desk" / "2026-11.toml"
    path.parent.mkdir(parents=True)
    path.write_text(
        f'"2026-11-23T09:00:00.000+01:00" = {value}\n'
        '"2026-11-23T09:01:00.000+01:00" = { who = "Ann", touch = "lost" }\n'
    )
    read = PeopleLog(data_dir, DEVICE).read()
    assert [t.who for t in read.touches] == ["Ann"]
    assert len(read.problems) == 1 and reason in read.problems[0]


def test_a_link_in_the_people_folder_is_never_followed(data_dir: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.toml"
    secret.write_text('"2026-11-23T09:00:00.000+01:00" = { who = "Ben", touch = "lost" }\n')
    (data_dir / "people" / "desk").mkdir(parents=True)
    (data_dir / "people" / "desk" / "2026-11.toml").symlink_to(secret)
    read = PeopleLog(data_dir, DEVICE).read()
    assert read.touches == [] and "link" in read.problems[0]
    own = data_dir / "people" / DEVICE / "2026-11.toml"
    own.parent.mkdir(parents=True)
    own.symlink_to(secret)
    log = PeopleLog(data_dir, DEVICE)
    log.append("Ann", "lost", now=NOW)
    assert secret.read_text().count("\n") == 1  # the link's target untouched; the link replaced by a file
    assert not own.is_symlink() and log.notices


def test_every_device_is_merged_in_time_order(data_dir: Path) -> None:
    PeopleLog(data_dir, "desk").append("Ben", "no-answer", now=NOW + timedelta(hours=1))
    PeopleLog(data_dir, DEVICE).append("Ben", "note", now=NOW, note="first")
    assert [t.kind for t in PeopleLog(data_dir, DEVICE).read().touches] == ["note", "no-answer"]


def test_an_invalid_touch_is_refused_before_the_file_is_touched(data_dir: Path) -> None:
    with pytest.raises(ValueError, match="due"):
        PeopleLog(data_dir, DEVICE).append("Ben", "follow-up", now=NOW)
    assert not (data_dir / "people").exists()
    with pytest.raises(ValueError):
        peoplelog.encode("k", Touch(NOW, "Ben", "details", details=(("ssn", "1"),)))


# --------------------------------------------------------------------------- the model


def tap(day: int, metric: str, who: str, n: float = 1) -> NamedTap:
    at = datetime(2026, 11, day, 10, tzinfo=CET)
    return NamedTap(at, at.date(), metric, n, who)


def touch(day: int, who: str, kind: str, due: date | None = None) -> Touch:
    return Touch(datetime(2026, 11, day, 11, tzinfo=CET), who, kind, due)  # type: ignore[arg-type]


def test_a_persons_stage_is_the_furthest_funnel_metric_counted_with_their_name() -> None:
    people = build_people(
        FUNNEL,
        [
            tap(2, "prospects", "Ben Ortiz"),
            tap(5, "leads", "ben ortiz"),
            tap(6, "prospects", "Ann"),
            tap(7, "leads", "Ann"),
            tap(7, "leads", "Ann", -1),  # taken back
            tap(8, "revenue", "Ann", 250),
        ],
        [],
    )
    assert people[name_key("Ben Ortiz")].stage == "leads"
    assert people[name_key("Ben Ortiz")].name == "Ben Ortiz"  # as first written
    assert people[name_key("Ben Ortiz")].reached == {"prospects": date(2026, 11, 2), "leads": date(2026, 11, 5)}
    assert people["ann"].stage == "prospects"
    assert stage_counts(people.values(), FUNNEL) == {"prospects": 1, "leads": 1, "customers": 0}


def test_the_next_follow_up_is_the_latest_set_and_not_done() -> None:
    people = build_people(
        FUNNEL,
        [tap(2, "leads", "Ben"), tap(2, "leads", "Ann"), tap(2, "leads", "Cy")],
        [
            touch(3, "Ben", "follow-up", date(2026, 11, 20)),
            touch(4, "Ben", "follow-up", date(2026, 11, 25)),  # moved
            touch(3, "Ann", "follow-up", date(2026, 11, 10)),
            touch(10, "Ann", "done"),
            touch(3, "Cy", "follow-up", date(2026, 11, 20)),
        ],
    )
    assert people["ben"].follow_up == date(2026, 11, 25)
    assert people["ann"].follow_up is None
    assert [p.name for p in due_people(people.values(), TODAY)] == ["Cy"]
    end = week_end(TODAY, 0)
    assert end == date(2026, 11, 29)
    assert people["ben"].due(TODAY, end) == "week"
    assert people["cy"].due(TODAY, end) == "overdue"
    assert people["cy"].due(date(2026, 11, 20), end) == "today"


def test_stale_is_no_touch_for_the_stages_days_and_lost_people_are_not_due_or_stale() -> None:
    people = build_people(
        FUNNEL,
        [tap(2, "leads", "Ben"), tap(2, "leads", "Ann"), tap(2, "prospects", "Cy"), tap(2, "leads", "Di")],
        [touch(17, "Ann", "no-answer"), touch(3, "Di", "follow-up", date(2026, 11, 4)), touch(5, "Di", "lost")],
    )
    stale_after = dict(parse_settings({}).stale_after)
    assert stale_after == {"leads": 7}
    assert people["ben"].stale(TODAY, stale_after)  # 21 days
    assert not people["ann"].stale(TODAY, stale_after)  # touched 6 days ago
    assert not people["cy"].stale(TODAY, stale_after)  # prospects: no stale_after
    assert not people["di"].stale(TODAY, stale_after) and people["di"].follow_up is None
    assert stage_counts(people.values(), FUNNEL)["leads"] == 2  # lost is not open


def test_stale_after_is_read_per_stage_from_settings() -> None:
    assert dict(parse_settings({"stale_after": {"customers": 30}}).stale_after) == {"leads": 7, "customers": 30}
    assert parse_settings({"stale_after": {"leads": 0}}).stale_after == ()
    for bad in ({"leads": -1}, {"leads": "7"}, 7, {"leads": 99999}):
        with pytest.raises(PlanError, match="stale_after"):
            parse_settings({"stale_after": bad})


def test_read_people_merges_taps_that_name_someone_with_touches(data_dir: Path) -> None:
    TapLog(data_dir, DEVICE).append("prospects", now=NOW - timedelta(days=3), who="Ben Ortiz")
    TapLog(data_dir, DEVICE).append("prospects", now=NOW - timedelta(days=3))  # nobody named
    TapLog(data_dir, "desk").append("leads", now=NOW - timedelta(days=1), who="ben ortiz")
    PeopleLog(data_dir, DEVICE).append("Ben Ortiz", "follow-up", now=NOW, due=TODAY)
    found = read_people(data_dir, FUNNEL, DEVICE)
    assert list(found.people) == ["ben ortiz"]
    ben = found.people["ben ortiz"]
    assert (ben.stage, ben.follow_up, ben.first_seen) == ("leads", TODAY, date(2026, 11, 20))
    assert [e.kind for e in ben.events] == ["tap", "tap", "follow-up"]


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("today", date(2026, 11, 23)),
        ("tomorrow", date(2026, 11, 24)),
        ("fri", date(2026, 11, 27)),
        ("Friday", date(2026, 11, 27)),
        ("mon", date(2026, 11, 30)),  # today is a Monday: the next one
        ("+3", date(2026, 11, 26)),
        ("2026-12-01", date(2026, 12, 1)),
    ],
)
def test_when_is_read_as_people_say_it(text: str, day: date) -> None:
    assert parse_when(text, TODAY) == day


@pytest.mark.parametrize("text", ["someday", "+", "+99999", "0001-01-01", "frx", "-3"])
def test_a_when_that_is_no_day_says_what_to_write(text: str) -> None:
    with pytest.raises(ValueError, match=r"tomorrow|range|ten years"):
        parse_when(text, TODAY)


def test_shown_escapes_control_characters() -> None:
    assert shown("Ben\x1b[2J\n") == "Ben\\x1b[2J\\n"
    assert shown("Zoë 日本") == "Zoë 日本"


def test_cohorts_say_how_many_moved_on_and_in_how_many_days_only_from_ten_people() -> None:
    from goaltui.model.cohort import cohorts, pipeline

    taps = []
    for i in range(12):
        taps.append(tap(1 + i, "prospects", f"P{i}"))
        if i < 6:
            taps.append(tap(3 + i + i % 3, "leads", f"P{i}"))  # 2, 3 or 4 days later
    taps.append(tap(20, "customers", "P0"))
    people = build_people(FUNNEL, taps, [touch(21, "P1", "lost")])
    found = cohorts(people.values(), FUNNEL, TODAY)
    first, second = found
    assert (first.people, first.moved, first.median_days, first.enough) == (12, 6, 3.0, True)
    assert first.rate.rate == 0.5 and first.rate.low is not None and first.rate.low < 0.5 < (first.rate.high or 0)
    assert first.words().startswith("prospects → leads: of 12 prospects first counted in the last 8 weeks, 6 became")
    assert (second.people, second.moved, second.enough) == (6, 1, False)
    assert second.words() == "leads → customers: 6 named leads in the last 8 weeks, 10 needed for a rate"
    flow = pipeline(people.values(), FUNNEL, found, TODAY, {})
    assert flow is not None and (flow.open, flow.expected) == (4, None)  # P0 a customer, P1 lost
    old = cohorts(people.values(), FUNNEL, TODAY + timedelta(weeks=9))
    assert old[0].people == 0  # out of the window


def test_the_pipeline_is_open_leads_times_the_cohort_rate() -> None:
    from goaltui.model.cohort import cohorts, pipeline

    taps = [tap(10 + i, "leads", f"L{i}") for i in range(12)]
    taps += [tap(22, "customers", f"L{i}") for i in range(6)]
    taps += [tap(2, "leads", "Stale One")]
    people = build_people(FUNNEL, taps, [])
    found = cohorts(people.values(), FUNNEL, TODAY)
    flow = pipeline(people.values(), FUNNEL, found, TODAY, {"leads": 10})
    assert flow is not None
    assert flow.open == 6 and flow.expected == pytest.approx(6 * 6 / 13)  # the stale lead is not open
    assert flow.words() == "6 open leads ≈ 2.8 more customers (not counted in the buffer)"


def test_a_name_given_after_the_tap_names_that_tap(data_dir: Path) -> None:
    """The app's note prompt names a tap after it was made: a note line with who, naming the tap by key."""
    log = TapLog(data_dir, DEVICE)
    lead = log.append("leads", now=NOW - timedelta(days=2))
    other = log.append("prospects", now=NOW - timedelta(days=2, hours=-1), note="Acme")
    log.add_note(lead, "", now=NOW - timedelta(days=1), who="Ben Ortiz")  # a name, no note
    log.add_note(other, "who knows", now=NOW)  # a plain note holding the word: names nobody
    log.add_note(other, "met at the fair", now=NOW, who="Ann Lee")
    log.add_note(other, "", now=NOW + timedelta(minutes=1), who="Ann Lee-Smith")  # named again: the latest wins
    found = read_people(data_dir, FUNNEL, DEVICE)
    assert sorted(found.people) == ["ann lee-smith", "ben ortiz"]
    ben = found.people["ben ortiz"]
    assert (ben.stage, ben.first_seen, ben.reached) == ("leads", lead.at.date(), {"leads": lead.at.date()})
    ann = found.people["ann lee-smith"]
    assert (ann.stage, ann.counted) == ("prospects", {"prospects": 1})
    assert [e.text for e in ann.events] == ["prospects: Acme"]  # the tap's own note when the naming has none


def test_a_note_line_with_who_needs_a_tap_of_its_own_device_and_file(data_dir: Path) -> None:
    """A name pointing at no tap, or at a tap that names someone already, changes nobody's count."""
    log = TapLog(data_dir, DEVICE)
    named = log.append("leads", now=NOW, who="Cy Young")
    log.add_note(named, "", now=NOW + timedelta(seconds=1), who="Dee Ray")  # already named: Cy keeps it
    ghost = Tap(NOW - timedelta(hours=1), "customers")  # never written
    log.add_note(ghost, "", now=NOW + timedelta(seconds=2), who="Eve Ng")
    people = read_people(data_dir, FUNNEL, DEVICE).people
    assert {k: p.counted for k, p in people.items()} == {"cy young": {"leads": 1}}

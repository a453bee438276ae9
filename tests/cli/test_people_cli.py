"""The people commands as a user types them: log --who, due, people, follow, touch, export, status --line, remind."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from goaltui.command import run as main
from goaltui.store.goalsfile import starter_text, write_new

CET = timezone(timedelta(hours=1))
MONDAY = datetime(2026, 11, 23, 16, 0, tzinfo=CET)


class Run:
    def __init__(self, capsys: pytest.CaptureFixture[str]) -> None:
        self.capsys = capsys
        self.now = MONDAY

    def __call__(self, *args: str) -> tuple[int, str, str]:
        code = main(list(args), clock=lambda: self.now)
        out, err = self.capsys.readouterr()
        return code, out, err


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str], data_dir: Path) -> Run:
    write_new(data_dir / "goals.toml", starter_text(date(2026, 11, 2)))
    return Run(capsys)


def test_a_tap_names_who_and_says_where_they_stand(run: Run, data_dir: Path) -> None:
    assert run("log", "p", "--who", "Ben Ortiz")[1] == "prospects: 1 today\nBen Ortiz: prospects\n"
    assert run("log", "l", "--who", " ben  ortiz ")[1] == "leads: 1 today\nBen Ortiz: leads (was prospects)\n"
    line = (data_dir / "taps").rglob("2026-11.toml").__next__().read_text().splitlines()[-1]
    assert line.endswith('{ metric = "leads", who = "Ben Ortiz" }')


def test_a_second_lead_for_the_same_person_is_said_and_counted_only_when_asked(run: Run) -> None:
    run("log", "l", "--who", "Ben Ortiz")
    code, out, err = run("log", "l", "--who", "Ben Ortiz")
    assert (code, out) == (1, "")
    assert "Ben Ortiz is already counted as one of your leads" in err and "--again" in err
    assert run("status", "--json")[1].count('"leads"') >= 1
    assert json.loads(run("status", "--json")[1])["counts"]["leads"] == 1
    assert run("log", "l", "--who", "Ben Ortiz", "--again")[1] == "leads: 2 today\n"
    assert run("log", "l", "-1", "--who", "Ben Ortiz")[0] == 0  # a correction is never refused


@pytest.mark.parametrize("name", ["Ben\x1b[2J", "Ben\x7f", "Ben\u200bOrtiz", "x" * 81, "  "])
def test_a_name_that_cannot_be_one_is_one_line_and_nothing_is_written(run: Run, data_dir: Path, name: str) -> None:
    code, out, err = run("log", "p", "--who", name)
    assert code == 2 and out == "" and err.count("\n") == 1 and "\x1b" not in err
    assert not (data_dir / "taps").exists()


def test_follow_ups_set_listed_due_and_done(run: Run, data_dir: Path) -> None:
    for name in ("Ben Ortiz", "Ann Lee", "Cy Young"):
        run("log", "p", "--who", name)
    assert run("follow", "Ben Ortiz", "fri", "--note", "pricing")[1] == "Ben Ortiz: follow up on Fri 27 Nov 2026\n"
    assert run("follow", "ann lee", "tomorrow")[1] == "Ann Lee: follow up on Tue 24 Nov 2026\n"
    assert run("follow", "Cy Young", "+14")[0] == 0
    assert run("due")[1] == "no follow-ups due today (next: Ann Lee on Tue 24 Nov)\n"
    run.now = datetime(2026, 11, 27, 9, 0, tzinfo=CET)  # Friday
    assert run("due")[1] == "3 days overdue    Ann Lee (prospects)\ntoday             Ben Ortiz (prospects)  pricing\n"
    due = json.loads(run("due", "--json")[1])
    assert [(d["name"], d["days_overdue"]) for d in due["due"]] == [("Ann Lee", 3), ("Ben Ortiz", 0)]
    assert run("follow", "Ann Lee", "done")[1] == "Ann Lee: followed up\n"
    assert [d["name"] for d in json.loads(run("due", "--json")[1])["due"]] == ["Ben Ortiz"]
    assert run("follow", "Ann Lee", "done")[0] == 2  # nothing set any more
    assert "next week" not in run("people")[1]
    lines = run("people")[1].splitlines()
    assert lines[0].startswith("Ben Ortiz") and "follow up Fri 27 Nov" in lines[0]
    assert lines[-1].startswith("Ann Lee")
    assert run("touch", "Ben Ortiz", "done", "--note", "sent it")[1] == "Ben Ortiz: followed up\n"  # said as a touch
    assert json.loads(run("due", "--json")[1])["due"] == []


def test_a_typo_of_a_known_name_is_caught_and_new_people_need_new(run: Run) -> None:
    run("log", "p", "--who", "Ben Ortiz")
    code, _, err = run("follow", "Ben Ortz", "fri")
    assert code == 2 and "did you mean 'Ben Ortiz'?" in err
    assert run("follow", "Dee", "fri", "--new")[0] == 0
    assert run("follow", "Ben Ortiz", "someday")[0] == 2
    assert run("follow", "Ben Ortiz", "2026-11-01")[0] == 2  # past


def test_people_filters_by_stage_and_stale(run: Run) -> None:
    run("log", "l", "--who", "Ben Ortiz")
    run("log", "p", "--who", "Ann Lee")
    run.now = MONDAY + timedelta(days=7)
    run("touch", "Ann Lee", "no-answer")
    assert [p["name"] for p in json.loads(run("people", "--stage", "l", "--json")[1])["people"]] == ["Ben Ortiz"]
    assert run("people", "--stale")[1].startswith("Ben Ortiz")  # a lead 7 days without a touch
    assert run("people", "--stale")[1].rstrip().endswith("stale")
    assert run("people", "--stage", "zzz")[0] == 2


def test_touches_details_and_lost(run: Run, data_dir: Path) -> None:
    run("log", "p", "--who", "Ben Ortiz")
    assert run("touch", "Ben Ortiz", "details", "--company", "Acme", "--phone", "+46 70 123")[0] == 0
    assert run("touch", "Ben Ortiz", "details")[0] == 2
    assert run("touch", "Ben Ortiz", "note")[0] == 2
    run("follow", "Ben Ortiz", "fri")
    run("touch", "Ben Ortiz", "lost")
    person = json.loads(run("people", "--json")[1])["people"][0]
    assert person["details"] == {"company": "Acme", "phone": "+46 70 123"}
    assert person["lost"] and person["follow_up"] is None


def test_what_was_typed_is_shown_escaped(run: Run) -> None:
    run("log", "p", "--who", "Ben Ortiz")
    run("follow", "Ben Ortiz", "today", "--note", "call \x1b[31mnow\x07")
    out = run("due")[1]
    assert "\x1b" not in out and "\x07" not in out and "call \\x1b[31mnow\\x07" in out


def test_exports_name_who(run: Run) -> None:
    run("log", "p", "--who", "Ben Ortiz")
    run("log", "p")
    run("touch", "Ben Ortiz", "details", "--company", "Acme")
    taps = list(csv.DictReader(io.StringIO(run("export", "--format", "taps")[1])))
    assert [t["who"] for t in taps] == ["Ben Ortiz", ""]
    people = list(csv.DictReader(io.StringIO(run("export", "--format", "people")[1])))
    assert len(people) == 1
    assert {k: people[0][k] for k in ("name", "stage", "prospects_on", "company", "taps")} == {
        "name": "Ben Ortiz",
        "stage": "prospects",
        "prospects_on": "2026-11-23",
        "company": "Acme",
        "taps": "1",
    }


def test_status_line_due_and_remind_name_the_follow_ups_due_today(run: Run) -> None:
    run("log", "p", "--who", "Ben Ortiz")
    run("log", "p", "--who", "Ann Lee")
    run("follow", "Ben Ortiz", "today")
    assert run("status", "--line", "--format", "{due} due")[1] == "1 due\n"
    out = run("remind", "--dry-run")[1]
    assert "would send: follow up today: Ben Ortiz (goaltui due)" in out
    run("remind")
    assert "Ben Ortiz" not in run("remind", "--dry-run")[1]  # once a day


def test_import_people_is_idempotent_and_skips_bad_rows_by_line(run: Run, data_dir: Path, tmp_path: Path) -> None:
    assert run("import", "people", "--template")[1].startswith("name,stage,next follow-up,")
    sheet = tmp_path / "contacts.csv"
    sheet.write_bytes(
        "\ufeffName;Stage;Next follow-up;Company;Note\n"
        "Ben Ortiz;leads;2026-11-27;Acme;asked for prices\n"
        ";leads;;;\n"
        "Zoë Åberg;p;;;\n"
        "Cy;boss;;;\n"
        "Di;l;27/11/2026;;\n".encode()
    )
    code, out, err = run("import", "people", str(sheet), "--dry-run")
    assert code == 1 and not (data_dir / "people").exists()
    assert "line 2: Ben Ortiz: new, stage leads, follow up Fri 27 Nov 2026, details company, a note" in out
    assert [line.split(": ")[2] for line in err.splitlines()] == ["line 3", "line 5", "line 6"]
    run("log", "p", "--who", "Zoë Åberg")  # already a prospect: nothing to change for her
    code, out, _ = run("import", "people", str(sheet))
    assert "3 row(s)" not in out and "Zoë" not in out and "changed 1, 1 already as the file says, 3 skipped" in out
    before = sorted(p.read_bytes() for p in (data_dir / "people").rglob("*.toml"))
    assert "changed 0, 2 already" in run("import", "people", str(sheet))[1]
    assert sorted(p.read_bytes() for p in (data_dir / "people").rglob("*.toml")) == before
    ben = json.loads(run("people", "--json")[1])["people"][0]
    assert (ben["name"], ben["stage"], ben["follow_up"], ben["details"]) == (
        "Ben Ortiz",
        "leads",
        "2026-11-27",
        {"company": "Acme"},
    )
    assert json.loads(run("status", "--json")[1])["counts"]["leads"] == 0  # an imported stage counts nothing


def test_import_of_a_file_that_is_not_utf8_or_missing_is_one_line(run: Run, tmp_path: Path) -> None:
    sheet = tmp_path / "latin1.csv"
    sheet.write_bytes("name\nZo\xeb\n".encode("latin-1"))
    code, _, err = run("import", "people", str(sheet))
    assert code == 1 and "UTF-8" in err and err.count("\n") == 1
    assert run("import", "people", str(tmp_path / "nope.csv"))[0] == 2

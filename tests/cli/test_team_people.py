"""The team never sees names: every byte `goaltui team --json`, the team report and the Team screen print."""

from __future__ import annotations

import html
import json
import re
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from goaltui.cli.team import team_rows
from goaltui.command import run as main
from goaltui.model.team import team_view
from goaltui.store.goalsfile import starter_text, write_new
from goaltui.store.peoplelog import PeopleLog
from goaltui.store.taplog import TapLog
from goaltui.tui.screens.team import MemberDailyScreen
from goaltui.tui.team import TeamApp
from tests.factories import Clock, wait_until

CET = timezone(timedelta(hours=1))
NOW = datetime(2026, 11, 25, 10, 30, tzinfo=CET)  # a Wednesday
SECRETS = ("Zelda Quux", "Yorick Vance", "Xanthe Pell", "Acme Rockets", "zelda@quux.example", "+46 70 999", "gold deal")


def member_with_people(root: Path) -> Path:
    folder = root / "anna"
    folder.mkdir(parents=True)
    write_new(folder / "goals.toml", starter_text(date(2026, 10, 26)))
    taps, people = TapLog(folder, "anna-laptop"), PeopleLog(folder, "anna-laptop")
    start = NOW - timedelta(days=20)
    for i, (name, metric) in enumerate(
        [("Zelda Quux", "prospects"), ("Zelda Quux", "leads"), ("Yorick Vance", "prospects"), ("Xanthe Pell", "leads")]
    ):
        taps.append(metric, now=start + timedelta(days=i), who=name, note="gold deal")
    taps.append("prospects", now=NOW - timedelta(hours=1), note="gold deal")
    people.append("Zelda Quux", "follow-up", now=start, due=NOW.date() - timedelta(days=2), note="gold deal")
    people.append("Yorick Vance", "follow-up", now=start, due=NOW.date())
    people.append(
        "Zelda Quux",
        "details",
        now=start,
        details=(("company", "Acme Rockets"), ("email", "zelda@quux.example"), ("phone", "+46 70 999")),
    )
    return folder


def screen_text(app: TeamApp) -> str:
    """Every character on the screen, as the terminal shows it."""
    return html.unescape(re.sub(r"<[^>]+>", "", app.export_screenshot())).replace("\xa0", " ")


def assert_no_secret(text: str) -> None:
    for secret in SECRETS:
        for form in (secret, secret.lower(), secret.upper(), json.dumps(secret)[1:-1]):
            assert form not in text, secret


def test_team_json_and_the_team_report_count_people_and_never_name_them(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    folder = member_with_people(tmp_path / "team")
    assert main(["team", "add", "Anna", str(folder)], clock=lambda: NOW) == 0
    capsys.readouterr()
    assert main(["team", "--json", str(folder)], clock=lambda: NOW) == 0
    out, err = capsys.readouterr()
    assert_no_secret(out + err)
    people = json.loads(out)["members"][0]["people"]
    assert people == {"stages": {"prospects": 1, "leads": 2, "customers": 0}, "overdue": 1, "due_today": 1, "stale": 2}
    assert main(["team", "--json"], clock=lambda: NOW) == 0
    assert main(["export", "--team", "--format", "md", "--week", "2026-W47"], clock=lambda: NOW) == 0
    out, err = capsys.readouterr()
    assert_no_secret(out + err)
    assert "| Anna | 1 | 2 | 0 | 1 | 2 |" in out


async def test_the_team_screen_and_a_members_day_never_show_a_name(tmp_path: Path, clock: Clock) -> None:
    folder = member_with_people(tmp_path / "team")
    clock.now = NOW
    view = team_view(team_rows([str(folder)], clock()), clock().date())
    app = TeamApp(view, clock=clock, theme=None, keymap={})
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.pause()
        assert_no_secret(screen_text(app))
        assert "anna" in screen_text(app) and "prospects 1 · leads 2 · 1 overdue" in screen_text(app)
        await pilot.press("enter")
        assert await wait_until(pilot, lambda: isinstance(app.screen, MemberDailyScreen))
        await pilot.pause()
        assert "prospects" in screen_text(app)
        assert_no_secret(screen_text(app))

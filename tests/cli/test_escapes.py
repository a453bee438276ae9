"""Text from files on the command line: escape sequences printed as text, in every command; files left as written."""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime
from pathlib import Path

import pytest

from goaltui.command import quick_path
from goaltui.command import run as main
from tests.factories import TZ
from tests.hostile import HOSTILE_GOALS, HOSTILE_REVIEW, RAW

NOW = datetime(2026, 11, 25, 16, 0, tzinfo=TZ)  # a Wednesday afternoon: reminders are due
TITLE = "Talk \\x1b]0;pwned\\x07to people [bold red]red[/] \\x9b31m\\u202eevil"


def run(capsys: pytest.CaptureFixture[str], *args: str, now: datetime = NOW) -> tuple[int, str, str]:
    code = main(list(args), clock=lambda: now)
    out, err = capsys.readouterr()
    return code, out, err


def no_raw(*texts: str) -> None:
    for text in texts:
        assert not [c for c in RAW if c in text], text


@pytest.fixture
def hostile(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> dict[Path, bytes]:
    """A data folder written by a stranger, with a tap whose note is hostile; what every file holds."""
    (data_dir / "goals.toml").write_text(HOSTILE_GOALS)
    (data_dir / "reviews").mkdir()
    (data_dir / "reviews" / "2026-W47.toml").write_text(HOSTILE_REVIEW)
    assert run(capsys, "log", "v", "250", "--note", "=HYPERLINK(1) \x1b[2J")[0] == 0
    run(capsys, "log", "p")
    return {p: p.read_bytes() for p in sorted(data_dir.rglob("*")) if p.is_file()}


@pytest.mark.parametrize(
    ("args", "shows"),
    [
        (["status"], "daily-prospects: 1/30 today"),
        (["check"], "why \\x1b]52;c;cHduZWQ=\\x07 clip"),
        (["remind", "--dry-run"], f"would send: {TITLE}: 29 more today"),
        (["export", "--format", "md", "--from", "2026-11-16"], f"| {TITLE} | 150 |"),
        (["export", "--format", "md", "--from", "2026-11-16"], "good \\x1b]0;review\\x07 week [b]bold[/b]"),
        (["export", "--format", "csv", "--from", "2026-11-25"], "revenue,250,EUR[b]x[/b],yes"),
        (["export", "--format", "taps"], "revenue,250,'=HYPERLINK(1) \\x1b[2J,"),
        (["log", "v", "5"], "revenue: 255.00 EUR[b]x[/b] today"),
    ],
)
def test_every_command_prints_text_from_files_escaped(
    capsys: pytest.CaptureFixture[str], data_dir: Path, hostile: dict[Path, bytes], args: list[str], shows: str
) -> None:
    code, out, err = run(capsys, *args)
    assert code == 0, err
    no_raw(out, err)
    assert shows in out
    if args[0] != "log":
        assert {p: p.read_bytes() for p in hostile} == hostile  # files keep what was written


def test_a_csv_cell_never_starts_a_formula_and_keeps_the_data(
    capsys: pytest.CaptureFixture[str], hostile: dict[Path, bytes]
) -> None:
    rows = list(csv.reader(io.StringIO(run(capsys, "export", "--format", "taps")[1])))
    notes = [row[4] for row in rows[1:]]
    assert notes == ["'=HYPERLINK(1) \\x1b[2J", ""]
    assert [row[3] for row in rows[1:]] == ["250", "1"]


def test_json_output_escapes_every_control_character(
    capsys: pytest.CaptureFixture[str], hostile: dict[Path, bytes], tmp_path: Path
) -> None:
    out = run(capsys, "status", "--json")[1]
    assert out.isascii() and "\x1b" not in out
    (tmp_path / "config").mkdir()
    team = tmp_path / "config" / "team.toml"
    team.write_text(f'[members.anna]\nname = "Anna \\u001b[2J"\nfolder = "{next(iter(hostile)).parent}"\n')
    out = run(capsys, "team", "--json")[1]
    assert out.isascii() and "\\u001b[2J" in out
    assert json.loads(out)["members"][0]["name"] == "Anna \x1b[2J"  # the data itself, unchanged


def test_the_team_report_and_its_warnings_escape_names(
    capsys: pytest.CaptureFixture[str], data_dir: Path, hostile: dict[Path, bytes], tmp_path: Path
) -> None:
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "team.toml").write_text(
        f'[members.anna]\nname = "Anna | \\u001b]0;x\\u0007"\nfolder = "{data_dir}"\n'
        f'[members.bob]\nname = "Bob \\u001b[2J"\nfolder = "{tmp_path / "missing"}"\n'
    )
    code, out, err = run(capsys, "export", "--team", "--format", "md", "--week", "2026-W47")
    assert code == 0, err
    no_raw(out, err)
    assert "## Anna \\| \\x1b]0;x\\x07" in out and "- Bob \\x1b[2J: " in out
    assert "good \\x1b]0;review\\x07 week" in out  # a member's saved review is quoted too


def test_notify_send_gets_the_text_escaped_and_no_markup(
    capsys: pytest.CaptureFixture[str], hostile: dict[Path, bytes], notify_send: Path
) -> None:
    assert run(capsys, "remind")[0] == 0
    sent = notify_send.read_text()
    no_raw(sent)
    assert "Talk \\x1b]0;pwned\\x07to people [bold red]red[/]" in sent
    assert "Sign 40 [link=https://evil.example]click[/link]" in sent


def test_the_quick_path_prints_escaped(capsys: pytest.CaptureFixture[str], hostile: dict[Path, bytes]) -> None:
    """`goaltui log` the quick way (from the state the full runs left) names the unit as the full way does."""
    assert quick_path(["log", "v"], now=NOW, refresh=lambda *_: None) == 0
    out = capsys.readouterr().out
    no_raw(out)
    assert out == "revenue: 251.00 EUR[b]x[/b] today\n"
    no_raw(run(capsys, "status", "--line")[1])

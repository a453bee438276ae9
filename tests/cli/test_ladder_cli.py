"""`goaltui check` on day one: the seeds' ladder, typed into a fresh goals.toml with assumed rates."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from goaltui.command import run as main

TZ = timezone(timedelta(hours=1))
DAY_ONE = datetime(2027, 1, 4, 8, 0, tzinfo=TZ)  # a Monday
README = Path(__file__).parents[2] / "README.md"


def run(capsys: pytest.CaptureFixture[str], *args: str, now: datetime = DAY_ONE) -> tuple[int, str, str]:
    code = main(list(args), clock=lambda: now)
    out, err = capsys.readouterr()
    return code, out, err


def seeds_ladder() -> str:
    """The example ladder in the README, as a user would copy it."""
    text = README.read_text(encoding="utf-8")
    start = text.index("```toml\n# The seeds' ladder") + len("```toml\n")
    return text[start : text.index("```", start)]


def test_the_readme_ladder_gets_a_full_check_on_day_one(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    (data_dir / "goals.toml").write_text(seeds_ladder())
    code, out, err = run(capsys, "check")
    assert err == ""
    assert "Not checked" not in out
    assert (
        "recruits-monthly: A ok: 30 prospects a day at assumed 20 %, 25 % and 33 % make about 10.5 recruits a "
        "month: enough for 10 a month." in out
    )
    # The ten-year goal is where the ladder leads: this year's share of its road, not a prorated quota.
    assert (
        "retire: A ok: Where the ladder leads: 100,000.00 EUR a year by Wed 31 Dec 2036. This year's share of the "
        "road: 10,000.00 EUR a year (2027). income-2027 asks 20,000.00 EUR a year: on the road." in out
    )
    assert "realistic" not in out
    assert code == 0
    code, out, err = run(capsys, "status")
    assert (code, err) == (0, "")
    assert out.splitlines()[-1] == (
        "retire: vision, 100,000.00 EUR a year by 2036: the road passes 10,000.00 EUR in 2027; "
        "income-2027 asks 20,000.00 EUR: on the road"
    )


@pytest.mark.parametrize(
    ("line", "said"),
    [
        ('assumed = "20 per cent"', "metric 'leads': assumed = '20 per cent': write the share of prospects"),
        ('from = "leeds"', "metric 'leads': from = 'leeds': no such metric"),
    ],
)
def test_a_bad_rate_is_one_error_naming_its_line(
    capsys: pytest.CaptureFixture[str], data_dir: Path, line: str, said: str
) -> None:
    text = seeds_ladder().replace('assumed = "20 %"', line, 1)
    (data_dir / "goals.toml").write_text(text)
    code, out, err = run(capsys, "check")
    number = text[: text.index("[metrics.leads]")].count("\n") + 1
    assert code == 1 and out == ""
    assert f"goals.toml:{number}:" in err and said in err
    assert len(err.strip().splitlines()) <= 2  # the line and the offending text

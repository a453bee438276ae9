"""Synthetic history: deterministic, in the tap log's exact format, realistic rates."""

from __future__ import annotations

import tomllib
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

import pytest

from goaltui.store.tap import parse_line
from goaltui.store.taplog import TapLog
from synthetic import SALES_DAY, generate_history

START, END = date(2026, 1, 1), date(2026, 6, 30)


def month_files(data_dir: Path, device: str = "generated") -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((data_dir / "taps" / device).iterdir())}


def test_the_same_seed_gives_the_same_bytes(tmp_path: Path) -> None:
    a, b, c = tmp_path / "a", tmp_path / "b", tmp_path / "c"
    assert generate_history(a, start=START, end=END) == generate_history(b, start=START, end=END)
    generate_history(c, start=START, end=END, seed=2)
    assert month_files(a) == month_files(b)
    assert month_files(a) != month_files(c)


def test_it_writes_valid_month_files_that_the_log_reads_without_problems(data_dir: Path) -> None:
    count = generate_history(data_dir, start=START, end=END, device="demo")
    files = month_files(data_dir, "demo")
    assert list(files) == [f"2026-{m:02d}.toml" for m in range(1, 7)]
    lines = 0
    for data in files.values():
        text = data.decode()
        assert text.endswith("\n")
        doc = tomllib.loads(text)
        keys = [parse_line(line).at for line in text.splitlines()]
        assert keys == sorted(set(keys)) and len(doc) == len(keys)
        lines += len(keys)
    assert lines == count
    result = TapLog(data_dir, device="reader").read()
    assert result.problems == [] and result.conflicts == []
    assert min(result.counts.days()) >= START and max(result.counts.days()) <= END


def test_the_rates_look_like_a_salesperson(data_dir: Path) -> None:
    generate_history(data_dir, start=START, end=END)
    counts = TapLog(data_dir, device="reader").read().counts
    days = [START + timedelta(days=i) for i in range((END - START).days + 1)]
    workdays = [d for d in days if d.weekday() < 5]
    weekend = [d for d in days if d.weekday() >= 5]
    per_workday = {m: counts.total(m, START, END) / len(workdays) for m in ("prospects", "leads", "customers")}
    assert 27 < sum(counts.get(d, "prospects") for d in workdays) / len(workdays) < 33
    assert 5 < per_workday["leads"] < 7.5
    assert 0.7 < per_workday["customers"] < 1.4
    empty_weekend_days = sum(1 for d in weekend if not any(counts.on(d).values()))
    assert empty_weekend_days > 0.6 * len(weekend)


def test_custom_metrics(data_dir: Path) -> None:
    generate_history(data_dir, start=date(2026, 3, 2), end=date(2026, 3, 6), metrics={"calls": (10, 0)})
    counts = TapLog(data_dir, device="reader").read().counts
    assert {m for _, metrics in counts.items() for m in metrics} == {"calls"}


def test_it_never_overwrites_a_month_file(data_dir: Path) -> None:
    generate_history(data_dir, start=START, end=date(2026, 1, 31))
    before = month_files(data_dir)
    with pytest.raises(FileExistsError):
        generate_history(data_dir, start=START, end=date(2026, 1, 31), seed=5)
    assert month_files(data_dir) == before


def test_a_time_of_day_shape_puts_the_taps_in_its_hours(data_dir: Path) -> None:
    generate_history(data_dir, start=START, end=date(2026, 2, 28), shape=SALES_DAY)
    hours = Counter(tap.at.hour for _, tap in TapLog(data_dir).taps())
    assert set(hours) <= set(SALES_DAY)
    assert hours[10] > 3 * hours[12]  # mid-morning is busy, lunch is quiet


def test_without_a_shape_the_files_stay_as_they_were(tmp_path: Path) -> None:
    """Benchmarks and snapshots made from the generator keep their bytes."""
    generate_history(tmp_path, start=date(2026, 11, 23), end=date(2026, 11, 23), seed=3)
    first = (tmp_path / "taps" / "generated" / "2026-11.toml").read_text().splitlines()[0]
    assert first == '"2026-11-23T08:42:48.898+01:00" = { metric = "leads" }'

"""Generated bad input: no traceback ever, a message naming the file and line, no file changed."""

from __future__ import annotations

import contextlib
import io
import os
import re
import string
from datetime import datetime, timedelta, timezone
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from goaltui.command import run as main
from goaltui.store.goalsfile import GoalsFileError, load
from goaltui.store.taplog import TapLog

NOW = datetime(2026, 11, 25, 10, 0, tzinfo=timezone(timedelta(hours=1)))
CASES = settings(max_examples=1100, deadline=None, suppress_health_check=list(HealthCheck))

# Pieces of goals.toml, good and bad, that hypothesis strings together.
VALUES = st.one_of(
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(lambda f: repr(f).replace("inf", "inf").replace("nan", "nan")),
    st.sampled_from(
        [
            "0",
            "-1",
            "1e308",
            "1e999",
            "true",
            "[]",
            "{}",
            "2027-03-31",
            "2026-13-45",
            '"30"',
            '""',
            '"day"',
            '"fortnight"',
            "nan",
            "inf",
            "-inf",
            "0x1F",
            "1_000",
        ]
    ),
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=12).map(
        lambda t: '"' + t.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'
    ),
)
KEYS = st.sampled_from(
    [
        "title",
        "metric",
        "target",
        "stretch",
        "every",
        "start",
        "deadline",
        "why",
        "how",
        "parent",
        "status",
        "key",
        "funnel",
        "unit",
        "schema",
        "week_starts",
        "workdays",
        "breaks",
    ]
)
IDS = st.sampled_from(["a", "b", "c", "prospects", "leads", "customers", "daily-prospects", "x y", "é"])


@st.composite
def goals_files(draw: st.DrawFn) -> str:
    lines = ["schema = 1"]
    for _ in range(draw(st.integers(0, 6))):
        kind = draw(st.sampled_from(["goals", "metrics", "settings"]))
        header = f"[{kind}]" if kind == "settings" else f"[{kind}.{draw(IDS)}]"
        lines.append(header if '"' not in header and " " not in header else f'[{kind}."{draw(IDS)}"]')
        for _ in range(draw(st.integers(0, 6))):
            lines.append(f"{draw(KEYS)} = {draw(VALUES)}")
        if draw(st.booleans()):
            lines.append(f'parent = "{draw(IDS)}"')
    text = "\n".join(lines) + "\n"
    if draw(st.booleans()):  # break the syntax somewhere
        cut = draw(st.integers(0, len(text)))
        junk = draw(st.sampled_from(["=", "[", "]]", '"', "\\", "= =", "\x00", "\ufeff", "key", "[goals.]", "\n=\n"]))
        text = text[:cut] + junk + text[cut:]
    return text


@CASES
@given(text=goals_files())
def test_goals_files_give_a_clear_message_and_stay_unchanged(text: str, tmp_path_factory) -> None:
    data = tmp_path_factory.mktemp("data")
    path = data / "goals.toml"
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    before = path.read_bytes()
    try:
        load(path)
    except GoalsFileError as err:
        message = str(err)
        assert "\n" not in message
        assert message.startswith(f"{path}:")
        if re.match(re.escape(str(path)) + r":\d+", message):
            line = int(message[len(str(path)) + 1 :].split(":")[0])
            assert 1 <= line <= text.count("\n") + 1
    for command in (["status"], ["check"], ["log", "p"]):
        err_out = io.StringIO()
        with contextlib.redirect_stderr(err_out), contextlib.redirect_stdout(io.StringIO()):
            code = main(["--data-dir", str(data), *command], clock=lambda: NOW)
        assert code in (0, 1, 2), (command, code)
        if code:
            errors = [line for line in err_out.getvalue().splitlines() if "warning" not in line]
            assert errors and "Traceback" not in err_out.getvalue()
            if code != 1 or command[0] != "check":  # a failed check prints its findings on stdout
                assert len(errors) == 1 and errors[0].startswith("goaltui: "), errors
    assert path.read_bytes() == before


TAP_LINES = st.one_of(
    st.just('"2026-11-25T09:00:00.000+01:00" = { metric = "prospects" }'),
    st.just('"2026-11-25T09:00:01.000+01:00" = { metric = "leads", n = 2 }'),
    st.just('"2026-11-25T09:00:02.000+01:00" = { metric = "nobody", n = -1 }'),
    st.just('"2026-11-25T09:00:03.000+01:00" = { metric = 5 }'),
    st.just('"2026-11-25T09:00:04.000+01:00" = { metric = "leads", n = "two" }'),
    st.just('"2026-11-25T09:00:05.000+01:00" = { metric = "leads", day = "yesterday" }'),
    st.just('"not a time" = { metric = "leads" }'),
    st.just('"2026-11-25T09:00:06.000+01:00" = { metr'),
    st.text(alphabet=string.printable, max_size=40).map(lambda t: t.replace("\n", " ")),
    st.binary(max_size=20).map(lambda b: b.decode("latin-1")),
)


@CASES
@given(lines=st.lists(TAP_LINES, max_size=12), torn=st.booleans())
def test_tap_files_are_read_with_bad_lines_reported(lines: list[str], torn: bool, tmp_path_factory) -> None:
    data = tmp_path_factory.mktemp("data")
    month = data / "taps" / "laptop" / "2026-11.toml"
    month.parent.mkdir(parents=True)
    body = "\n".join(lines) + ("" if torn or not lines else "\n")
    month.write_bytes(body.encode("utf-8", "surrogateescape"))
    before = month.read_bytes()
    result = TapLog(data, device="this-device").read()
    for problem in result.problems:
        assert problem.startswith("taps/laptop/2026-11.toml:"), problem
        assert "\n" not in problem
    assert month.read_bytes() == before
    assert isinstance(result.counts.get(NOW.date(), "prospects"), int | float)
    # and a tap can still be added after whatever was there
    TapLog(data, device="laptop").append("prospects", now=NOW + timedelta(hours=1))
    after = TapLog(data, device="this-device").read()
    assert after.counts.get(NOW.date(), "prospects") == result.counts.get(NOW.date(), "prospects") + 1
    assert month.read_bytes().startswith(before)


def test_a_read_only_data_dir_gives_one_line_and_writes_nothing(tmp_path: Path, capsys, monkeypatch) -> None:
    """Simulated at the open call: the suite may run as root, who can write anywhere."""
    data = tmp_path / "ro"
    main(["--data-dir", str(data), "init"], clock=lambda: NOW)
    capsys.readouterr()
    real_open = os.open

    def read_only(path, flags, *args, **kwargs):
        if str(path).endswith(".toml") and flags & (os.O_WRONLY | os.O_RDWR):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", read_only)
    code = main(["--data-dir", str(data), "log", "p"], clock=lambda: NOW)
    err = capsys.readouterr().err
    assert code == 1
    assert err.count("\n") == 1 and "Permission denied" in err and "Traceback" not in err
    assert not list((data / "taps").rglob("*.toml"))

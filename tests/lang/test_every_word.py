"""Every word goaltui shows in Swedish is Swedish: a word on a screen or in a command's output that no Swedish
translation holds (and the user did not write) was left unmarked, so it would stay English."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from contextlib import nullcontext
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from goaltui import lang
from goaltui.cli import COMMANDS
from goaltui.command import run as goaltui
from goaltui.model.format import singular
from goaltui.store.goalsfile import starter_text, write_new
from goaltui.store.peoplelog import PeopleLog
from goaltui.store.taplog import TapLog
from i18n.catalogs import read
from synthetic import generate_history
from tests.factories import Clock, settle, wait_until

WORD = re.compile(r"[^\W\d_]{2,}")
# Not words of a language: the program's name, key names on the key bar, the unit in the goals.
NAMES = {"goaltui", "esc", "ctrl", "tab", "enter", "shift", "space", "eur", "smart", "csv", "json", "md", "toml", "utf"}
NAMES |= {"dark", "light", "high", "contrast"}  # the shipped themes' names
NOW = datetime(2026, 11, 25, 11, 15).astimezone()
NAMED = "Ann Lee mässan"  # a person the user named, and their note


def vocabulary(data_dir: Path, *also: str) -> set[str]:
    """Every word of every Swedish translation, and every word the user wrote (goals.toml, names, notes)."""
    words = set(NAMES) | {name for name in COMMANDS if name}  # a command's name is typed, never translated
    form = lang.form_of("sv_SE", "sv")  # CLDR's names of days and months
    for name in (*form.weekdays, *form.weekday_names, *form.months, *form.month_names):
        words.update(word.lower() for word in WORD.findall(name))
    words.update(name[:3] for name in form.month_names)  # the heatmap's three columns a month
    for message in read("sv"):
        strings = message.string if isinstance(message.string, (tuple, list)) else (message.string,)
        for string in strings:
            words.update(word.lower() for word in WORD.findall(string or ""))
    for text in (*(path.read_text() for path in data_dir.glob("*.toml")), *also):
        words.update(word.lower() for word in WORD.findall(text))
        words.update(singular(word.lower()) for word in WORD.findall(text))  # "1 customer": the user's own word
    return words


def not_swedish(text: str, words: set[str]) -> list[str]:
    """The words of ``text`` not in ``words``.

    Not counted: an all-capitals word (a name: METRIC, SMART, CSV), an option as typed (--lang), and a word
    that touches a box's edge (the screen under a dialog shows cut there: "ev│").
    """
    text = re.sub(r"--[a-z][a-z-]*", " ", text)
    text = re.sub(r"\S*/\S*", " ", text)  # a path names the user's folders, and a theme file its theme
    text = re.sub(r"[^\W\d_]+(?=[│┃▏▕▎▊])", " ", text)
    return sorted({word for word in WORD.findall(text) if word.lower() not in words and not word.isupper()})


TEXT = re.compile(r'<text[^>]*? x="([\d.]+)" y="([\d.]+)" textLength="([\d.]+)"[^>]*>(.*?)</text>', re.S)


def screen_text(app) -> str:
    """The screen's text row by row; a space where the cells between two pieces are blank (two widgets side by side)."""
    rows: dict[float, list[tuple[float, float, str]]] = {}
    for x, y, length, text in TEXT.findall(app.export_screenshot()):
        rows.setdefault(float(y), []).append((float(x), float(length), html.unescape(text).replace("\xa0", " ")))
    lines = []
    for pieces in (sorted(row) for _y, row in sorted(rows.items())):
        line, end = "", None
        for x, length, text in pieces:
            line += (" " if end is not None and x > end + 1 else "") + text
            end = x + length
        lines.append(line)
    return "\n".join(lines)


@pytest.fixture
def swedish_app(data_dir: Path, clock: Clock, new_app):
    """Four weeks of history and people, spoken to in Swedish."""
    write_new(data_dir / "goals.toml", starter_text(date(2026, 10, 26)))
    generate_history(data_dir, start=date(2026, 10, 26), end=date(2026, 11, 24), seed=3)
    taps, people = TapLog(data_dir, "laptop"), PeopleLog(data_dir, "laptop")
    taps.append("prospects", now=clock.now - timedelta(hours=1), who="Ann Lee", note="mässan")
    people.append("Ann Lee", "follow-up", now=clock.now - timedelta(minutes=50), due=clock.now.date())
    clock.now = clock.now.replace(hour=11, minute=15)
    lang.use("sv", "sv_SE")
    return new_app(poll_interval=0)


def _on(app, name: str):
    return lambda: type(app.screen).__name__ == name


async def _screens(app) -> Iterable[tuple[str, str]]:
    """Each screen the issue names (and help), as text, at 120 x 40."""
    found = []
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press(*"ppl")
        await settle(pilot)
        found.append(("daily", screen_text(app)))
        for keys, name in ((["left"], "a day before"), (["w"], "when"), (["u"], "after an undo")):
            await pilot.press(*keys)
            await settle(pilot)
            found.append((name, screen_text(app)))
            await pilot.press("escape", "t")
            await settle(pilot)
        for key, name in (("g", "GoalsScreen"), ("r", "ReviewScreen"), ("h", "HistoryScreen"), ("@", "PeopleScreen")):
            await pilot.press(key)
            assert await wait_until(pilot, _on(app, name))
            await settle(pilot)
            found.append((name, screen_text(app)))
            await pilot.press("question_mark")
            await settle(pilot)
            found.append((f"help of {name}", screen_text(app)))
            await pilot.press("escape")
            await pilot.press("escape")
            await settle(pilot)
        await pilot.press("g")
        assert await wait_until(pilot, _on(app, "GoalsScreen"))
        for keys, name in ((["d"], "road"), (["m"], "milestones"), (["n"], "new goal form"), (["e"], "edit form")):
            await pilot.press(*keys)
            await settle(pilot)
            found.append((name, screen_text(app)))
            await pilot.press("escape")
            await settle(pilot)
    return found


async def test_every_screen_speaks_swedish(swedish_app, data_dir: Path) -> None:
    words = vocabulary(data_dir, NAMED)
    left = {name: not_swedish(text, words) for name, text in await _screens(swedish_app)}
    assert {name: found for name, found in left.items() if found} == {}


RUNS = [
    ["--help"],
    ["log", "--help"],
    ["status", "--help"],
    ["status"],
    ["check"],
    ["log", "p"],
    ["log", "nosuch"],
    ["log", "p", "--date", "someday"],
    ["due"],
    ["people"],
    ["export", "--format", "md", "--month", "2026-11"],
    ["nosuchcommand"],
    ["export", "--format", "md", "--week", "2026-W47"],
    ["remind", "--dry-run"],
    ["themes"],
    ["sync"],
    ["touch", "Ann Lee", "no-answer"],
    ["follow", "Ann Lee", "fre"],
    ["log", "p", "0"],
    ["log", "p", "abc"],
    ["status", "--line"],
]


@pytest.mark.parametrize("argv", RUNS, ids=lambda argv: " ".join(argv))
def test_every_command_speaks_swedish(argv: list[str], data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_new(data_dir / "goals.toml", starter_text(date(2026, 10, 26)))
    generate_history(data_dir, start=date(2026, 10, 26), end=date(2026, 11, 24), seed=3)
    TapLog(data_dir, "laptop").append("prospects", now=NOW, who="Ann Lee")
    with pytest.raises(SystemExit) if "--help" in argv or argv == ["nosuchcommand"] else nullcontext():
        goaltui(["--lang", "sv", *argv], clock=lambda: NOW)
    out, err = capsys.readouterr()
    written = "".join(path.read_text() for path in data_dir.rglob("*.md"))
    assert (out + err).strip()
    assert not_swedish(out + err + written, vocabulary(data_dir, NAMED, *argv)) == []  # what was typed comes back

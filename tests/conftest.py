"""Every test runs in its own directories, never the real home; an app on them, on a clock the test moves."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from goaltui import lang
from tests.factories import Clock

if TYPE_CHECKING:
    from goaltui.tui.app import GoalApp


@pytest.fixture(autouse=True)
def isolated_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point HOME, XDG_* and every goaltui directory at tmp_path."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    for var, sub in [
        ("XDG_DATA_HOME", ".local/share"),
        ("XDG_CONFIG_HOME", ".config"),
        ("XDG_STATE_HOME", ".local/state"),
        ("XDG_CACHE_HOME", ".cache"),
    ]:
        monkeypatch.setenv(var, str(home / sub))
    monkeypatch.setenv("GOALTUI_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("GOALTUI_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("GOALTUI_STATE_DIR", str(tmp_path / "state"))
    monkeypatch.setenv("GOALTUI_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("NO_COLOR", raising=False)
    # git reads neither the user's nor the system's config: the machine's own setup never leaks in.
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", os.devnull)
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    # English unless a test asks for another language: the machine's own locale never leaks in.
    for var in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        monkeypatch.delenv(var, raising=False)
    lang.use()
    return tmp_path


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    path = tmp_path / "data"
    path.mkdir(mode=0o700, exist_ok=True)
    return path


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def new_app(data_dir: Path, clock: Clock) -> Callable[..., GoalApp]:
    """Build an app on the test's data dir (starter goals unless goals.toml exists)."""
    from goaltui.store.goalsfile import starter_text, write_new
    from goaltui.tui.app import make_app

    def build(**kwargs: object) -> GoalApp:
        path = data_dir / "goals.toml"
        if not path.exists():
            write_new(path, starter_text(clock().date() - timedelta(days=2)))
        kwargs.setdefault("poll_interval", 0.05)
        return make_app(data_dir, clock=clock, device="test-device", **kwargs)  # type: ignore[arg-type]

    return build

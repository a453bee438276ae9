"""`goaltui themes` and `--theme NAME` from the command line."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from goaltui.command import run as main

BROKEN = 'name = "broken"\nprimary = "#123456"\n'


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def user_themes(tmp_path: Path) -> Path:
    folder = tmp_path / "config" / "themes"  # GOALTUI_CONFIG_DIR is tmp_path/config
    folder.mkdir(parents=True)
    return folder


def test_themes_lists_shipped_themes_with_the_default_in_use(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "themes")
    assert (code, err) == (0, "")
    table, legend = out.split("\n\n")
    rows = [line.split() for line in table.splitlines()]
    assert rows[0][:3] == ["*", "goaltui-dark", "shipped"]
    names = {row[-3] for row in rows}
    assert {"goaltui-dark", "goaltui-light", "goaltui-high-contrast"} <= names
    assert all(row[-1].endswith(".toml") for row in rows)
    assert "goaltui --theme NAME" in legend


def test_themes_shows_user_files_the_saved_choice_and_bad_files(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    folder = user_themes(tmp_path)
    light = Path(__file__).parents[2] / "themes" / "goaltui-light.toml"
    (folder / "paper.toml").write_text(light.read_text().replace('"goaltui-light"', '"paper"'))
    (folder / "broken.toml").write_text(BROKEN)
    (tmp_path / "config" / "config.toml").write_text('theme = "paper"\n')
    code, out, err = run(capsys, "themes")
    assert code == 1
    assert "* paper" in out and f"user     {folder / 'paper.toml'}" in out
    assert "  goaltui-dark " in out
    assert str(folder) in out
    assert err.count("\n") == 1
    assert err.startswith(f"goaltui: {folder / 'broken.toml'}: missing colours secondary, accent")
    assert err.endswith("(skipped)\n")


def test_themes_does_not_load_textual() -> None:
    code = (
        "import sys, contextlib, io\nfrom goaltui.command import run as main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n    assert main(['themes']) == 0\n"
        "print(any(m.startswith('textual') for m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_an_unknown_theme_is_bad_usage_and_lists_the_valid_ones(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "--theme", "nope")
    assert (code, out) == (2, "")
    assert err.count("\n") == 1
    assert err.startswith("goaltui: unknown theme 'nope': choose one of goaltui-dark, ")
    assert "goaltui-light" in err and "goaltui-high-contrast" in err


def test_unknown_theme_check_comes_before_textual() -> None:
    code = (
        "import sys, contextlib, io\nfrom goaltui.command import run as main\n"
        "with contextlib.redirect_stderr(io.StringIO()):\n    assert main(['--theme', 'nope']) == 2\n"
        "print(any(m.startswith('textual') for m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_a_broken_user_theme_cannot_be_chosen(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    (user_themes(tmp_path) / "broken.toml").write_text(BROKEN)
    code, _, err = run(capsys, "--theme", "broken")
    assert code == 2
    assert "unknown theme 'broken'" in err and "could not be used: see 'goaltui themes'" in err


def test_themes_marks_the_theme_given_with_the_flag(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--theme", "goaltui-light", "themes")
    assert code == 0
    assert "* goaltui-light" in out and "  goaltui-dark" in out


def test_themes_warns_once_of_a_config_it_cannot_read_and_uses_the_default(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    config = tmp_path / "config" / "config.toml"  # GOALTUI_CONFIG_DIR is tmp_path/config
    config.parent.mkdir(parents=True)
    config.write_text('theme = "goaltui-light\n', encoding="utf-8")
    code, out, err = run(capsys, "themes")
    assert code == 0
    assert err.count("\n") == 1 and err.startswith(f"goaltui: warning: {config}:1:")
    assert "fix or remove the file; using the defaults until then" in err
    assert next(line.split()[1] for line in out.splitlines() if line.startswith("* ")) == "goaltui-dark"

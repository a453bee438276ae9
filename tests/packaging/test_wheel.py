"""The shipped themes travel in the wheel: build it, install it into a fresh virtual environment, list them.

Offline on purpose: the wheel is built without build isolation (hatchling is in the test environment) and
installed without its dependencies, which `goaltui themes` must not need anyway (it never loads Textual).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def _run(*args: str | Path, **kwargs) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(a) for a in args], capture_output=True, text=True, timeout=120, **kwargs)


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv holding only the goaltui wheel built from this checkout."""
    root = tmp_path_factory.mktemp("wheel")
    built = _run(
        sys.executable,
        "-m",
        "pip",
        "wheel",
        "--no-deps",
        "--no-build-isolation",
        "--no-index",
        "-q",
        "-w",
        root / "dist",
        REPO,
    )
    assert built.returncode == 0, built.stderr
    [wheel] = (root / "dist").glob("goaltui-*.whl")
    venv = root / "venv"
    made = _run(sys.executable, "-m", "venv", "--without-pip", venv)
    assert made.returncode == 0, made.stderr
    python = venv / "bin" / "python"
    put = _run(sys.executable, "-m", "pip", "--python", python, "install", "--no-deps", "--no-index", "-q", wheel)
    assert put.returncode == 0, put.stderr
    return venv


def test_the_wheel_installed_app_lists_the_shipped_themes(installed: Path, tmp_path: Path) -> None:
    env = {
        "PATH": f"{installed / 'bin'}:/usr/bin:/bin",
        "HOME": str(tmp_path / "home"),
        "GOALTUI_CONFIG_DIR": str(tmp_path / "config"),
        "GOALTUI_DATA_DIR": str(tmp_path / "data"),
        "GOALTUI_STATE_DIR": str(tmp_path / "state"),
        "GOALTUI_CACHE_DIR": str(tmp_path / "cache"),
    }
    listed = _run(installed / "bin" / "goaltui", "themes", env=env, cwd=tmp_path)
    assert listed.returncode == 0, listed.stderr
    packaged = next((installed / "lib").glob("python3*/site-packages/goaltui/themes"))
    for name in ("goaltui-dark", "goaltui-light", "goaltui-high-contrast"):
        assert f"{packaged / name}.toml" in listed.stdout, listed.stdout  # the wheel's copy, not the checkout's
    assert str(REPO) not in listed.stdout

    chosen = _run(installed / "bin" / "goaltui", "--theme", "nope", "themes", env=env, cwd=tmp_path)
    assert chosen.returncode == 2
    assert "choose one of goaltui-dark" in chosen.stderr


def test_an_editable_checkout_finds_the_themes_folder() -> None:
    code = "from goaltui.store.themes import shipped_dir; print(shipped_dir())"
    out = _run(sys.executable, "-c", code, env={**os.environ, "PYTHONPATH": str(REPO / "src")})
    assert out.stdout.strip() == str(REPO / "themes")


def test_the_wheel_holds_the_served_page_and_its_font(installed: Path) -> None:
    serve = next((installed / "lib").glob("python3*/site-packages/goaltui/serve"))
    assert "width=device-width" in (serve / "templates" / "app_index.html").read_text()
    assert (serve / "static" / "fonts" / "DejaVuSansMono.ttf").stat().st_size > 100_000
    assert "Bitstream" in (serve / "static" / "fonts" / "LICENSE.txt").read_text()


def test_the_wheel_speaks_swedish(installed: Path, tmp_path: Path) -> None:
    """The compiled catalog and CLDR's forms travel in the wheel, and the installed command speaks with them."""
    env = {
        "PATH": f"{installed / 'bin'}:/usr/bin:/bin",
        "HOME": str(tmp_path / "home"),
        "LANG": "sv_SE.UTF-8",
        **{f"GOALTUI_{kind}_DIR": str(tmp_path / kind.lower()) for kind in ("CONFIG", "DATA", "STATE", "CACHE")},
    }
    lang = next((installed / "lib").glob("python3*/site-packages/goaltui/lang"))
    assert (lang / "sv" / "LC_MESSAGES" / "goaltui.mo").stat().st_size > 10_000
    listed = _run(installed / "bin" / "goaltui", "--theme", "nope", "themes", env=env, cwd=tmp_path)
    assert listed.returncode == 2 and "goaltui-dark" in listed.stderr
    assert "välj" in listed.stderr.lower(), listed.stderr

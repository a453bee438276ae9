"""The whole hostile world at once: a remote and a member's folder written by a stranger, every trick together.

Two devices sync through a bare repository; a stranger with push access plants
links to files outside, a path outside the folder, a name that is not UTF-8,
a shrunk tap file, far-future keys, absurd counts, a file larger than any
month's, escape sequences in goals. A teammate's folder holds a pipe, a link
to /dev/zero and a huge goals.toml. Every command a user runs goes through
the real `goaltui` console script, each with a time limit. Afterwards: no
byte outside the data folders changed, nothing hung, nothing printed a
traceback or a raw escape, and both devices count every acknowledged tap once.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from goaltui.store import files
from tests.gitfolders import Pusher, bare_remote, set_identity

GOALTUI = Path(sys.executable).parent / "goaltui"
LIMIT = 60  # seconds any one command may take on a slow machine; a hang fails the test instead of blocking it
NOW = "2026-12-03T10:00:00+01:00"
ESC_TITLE = "\x1b]0;pwned\x07"


class Device:
    """One machine: its own data, state, cache and config folders, and the real console script."""

    def __init__(self, root: Path, name: str, home: Path) -> None:
        self.root = root / name
        self.data = self.root / "data"
        self.outputs: list[str] = []
        self.env = {
            **{k: v for k, v in os.environ.items() if not k.startswith(("GOALTUI_", "XDG_"))},
            "HOME": str(home),
            "GOALTUI_DATA_DIR": str(self.data),
            "GOALTUI_STATE_DIR": str(self.root / "state"),
            "GOALTUI_CACHE_DIR": str(self.root / "cache"),
            "GOALTUI_CONFIG_DIR": str(self.root / "config"),
            "GOALTUI_NOW": NOW,
            "GIT_CONFIG_GLOBAL": os.devnull,
            "GIT_CONFIG_NOSYSTEM": "1",
            "NO_COLOR": "1",
        }

    def run(self, *args: str, ok: bool = True) -> subprocess.CompletedProcess[bytes]:
        done = subprocess.run(
            [str(GOALTUI), *args], env=self.env, capture_output=True, stdin=subprocess.DEVNULL, timeout=LIMIT
        )
        said = (done.stdout + done.stderr).decode("utf-8", "replace")
        self.outputs.append(said)
        assert "Traceback" not in said, (args, said)
        assert done.returncode != 70, (args, said)
        if ok:
            assert done.returncode == 0, (args, said)
        return done

    def counts(self) -> dict[str, float]:
        return json.loads(self.run("status", "--json").stdout)["counts"]

    def device(self) -> str:
        return (self.root / "state" / "device").read_text().strip()


def everything_under(folder: Path) -> dict[str, tuple[bytes, int, int]]:
    """Each file's bytes, mode and mtime, and each folder's mode (never following a link)."""
    found = {}
    for path in sorted(folder.rglob("*")):
        st = path.lstat()
        content = path.read_bytes() if path.is_file() and not path.is_symlink() else b""
        found[str(path.relative_to(folder))] = (content, st.st_mode, st.st_mtime_ns)
    return found


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """The user's other files: a shell's start-up file, a secret, a folder."""
    folder = tmp_path / "outside"
    (folder / "projects").mkdir(parents=True)
    (folder / ".bashrc").write_text("export PATH=$PATH:~/bin\n")
    (folder / "secret.toml").write_text('"2026-12-03T09:00:00.000+01:00" = { metric = "prospects", n = 1000 }\n')
    (folder / "projects" / "notes.txt").write_text("private\n")
    return folder


def test_a_hostile_remote_and_member_folder_change_nothing_outside_and_lose_no_tap(
    tmp_path: Path, outside: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    set_identity(monkeypatch)  # the stranger's commits
    home = tmp_path / "home"  # made by the suite's own fixture
    before = everything_under(outside)
    remote = bare_remote(tmp_path)
    laptop, desk = Device(tmp_path, "laptop", home), Device(tmp_path, "desk", home)

    # Both devices count and sync: every acknowledged tap is recorded here.
    acknowledged = {"prospects": 0, "leads": 0, "customers": 0}

    def tap(device: Device, metric: str, n: int = 1, *extra: str) -> None:
        args = ("log", metric[0]) if n == 1 else ("log", metric[0], str(n))
        done = device.run(*args, *extra)
        assert b" today" in done.stdout
        acknowledged[metric] += n

    tap(laptop, "prospects")
    tap(laptop, "prospects", 1, "--note", f"Ben {ESC_TITLE} \x1b[2J")
    tap(laptop, "leads", 2)
    laptop.run("sync", "init", str(remote))
    desk.run("sync", "init", str(remote))
    tap(desk, "prospects")
    tap(desk, "customers")
    desk.run("sync")
    laptop.run("sync")

    # A stranger with push access plants every trick at once.
    pusher = Pusher(tmp_path, remote)
    pusher.link(f"taps/{desk.device()}/2027-01.toml", outside / ".bashrc")  # desk's next month
    pusher.link(f"taps/{laptop.device()}/2026-12.toml", outside / ".bashrc")  # laptop's month, replaced
    pusher.link("reviews/2026-W49.toml", outside / ".bashrc")
    pusher.link("taps/evil/2026-12.toml", outside / "secret.toml")
    pusher.link("taps/zero/2026-12.toml", "/dev/zero")
    pusher.put(
        "taps/mallory/2026-12.toml",
        b'"9999-12-31T23:59:59.999+01:00" = { metric = "prospects" }\n'
        b'"2026-12-03T09:00:00.000+01:00" = { metric = "prospects", n = 1e308 }\n'
        b'"2026-12-03T09:00:01.000+01:00" = { metric = "prospects", day = 0001-01-01 }\n'
        b'"2026-12-03T09:00:02.000+01:00" = { metric = "leads", n = -9_000_000_000 }\n',
    )
    pusher.put("taps/huge/2026-12.toml", b"# " + b"x" * (files.TAP_FILE_LIMIT + 10) + b"\n")
    pusher.put_on_top(b"..", b'[metrics."$(touch PWNED)"]\nkey = "z"\n', inside=b"goals.toml")
    pusher.put_on_top(b"\xff\xfe.toml", b"x = 1\n")
    pusher.put(".gitattributes", b"*.toml filter=evil\n")
    pusher.push("the stranger's change")

    # Both sync again (refusals are one line each), count more, and sync until both have everything.
    laptop.run("sync")
    tap(laptop, "prospects")
    desk.run("sync")
    tap(desk, "leads")
    tap(desk, "prospects", 3, "--note", f"Acme {ESC_TITLE}")
    desk.run("sync")
    laptop.run("sync")
    desk.run("sync")

    # A teammate's folder holds a pipe, a link to /dev/zero and a huge goals.toml.
    members = tmp_path / "members"
    for name in ("pipe", "zero", "huge", "links"):
        (members / name / "taps" / "x").mkdir(parents=True)
    os.mkfifo(members / "pipe" / "goals.toml")
    (members / "zero" / "goals.toml").symlink_to("/dev/zero")
    with (members / "huge" / "goals.toml").open("wb") as f:
        f.truncate(files.GOALS_FILE_LIMIT + 1)
    (members / "links" / "goals.toml").write_bytes((laptop.data / "goals.toml").read_bytes())
    os.mkfifo(members / "links" / "taps" / "x" / "2026-12.toml")
    (members / "links" / "taps" / "x" / "2026-11.toml").symlink_to(outside / "secret.toml")

    # Every command a user runs, on both devices: none hangs, none prints a traceback.
    for device in (laptop, desk):
        device.run("status")
        device.run("status", "--line")
        device.run("check", ok=False)
        device.run("remind", "--dry-run")
        device.run("export", "--format", "md")
        device.run("export", "--format", "taps")
        device.run("team", "--json", *(str(members / m) for m in ("pipe", "zero", "huge", "links")), str(desk.data))

    # Nothing outside the data folders changed or appeared, and no file ran a command.
    assert everything_under(outside) == before
    assert not list(tmp_path.rglob("PWNED")) and not (tmp_path / "goals.toml").exists()
    for device in (laptop, desk):
        assert [p for p in device.data.rglob("*") if p.is_symlink()] == []

    # Both devices count every acknowledged tap, once.
    assert laptop.counts() == desk.counts() == acknowledged

    # No raw escape reached a terminal: what was typed in a note shows as text.
    printed = "".join(laptop.outputs + desk.outputs)
    assert "\x1b" not in printed and "\x07" not in printed
    assert "\\x1b]0;pwned\\x07" in laptop.run("export", "--format", "taps").stdout.decode()

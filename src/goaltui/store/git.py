"""The real git, run for one data folder: a timeout, no prompts, and never a repository above the folder.

Every call runs with ``GIT_TERMINAL_PROMPT=0``, no terminal to ask on (its own
session) and standard input closed, so a remote that wants a password fails
at once instead of waiting for an answer nobody can give. Messages are in
English (``LC_ALL=C``) so goaltui can tell an unreachable remote from a
refused login. New files are owner-only (``umask 077``), as everything goaltui
writes.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
from dataclasses import dataclass
from pathlib import Path

LOCAL_TIMEOUT = 120.0  # seconds for a step on this disk
NETWORK_TIMEOUT = 300.0  # seconds for a fetch or a push
# Variables that would point git at another repository than the data folder's own.
_FOREIGN = ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY", "GIT_NAMESPACE", "GIT_PREFIX")


class GitMissing(Exception):
    """No git on PATH."""


class GitFailed(Exception):
    """A git command failed; ``detail`` is git's own reason, on one line."""

    def __init__(self, args: tuple[str, ...], code: int, detail: str) -> None:
        super().__init__(f"git {' '.join(args)}: {detail}")
        self.code = code
        self.detail = detail


class GitTimedOut(GitFailed):
    """A git command took longer than its timeout and was stopped."""


@dataclass(frozen=True, slots=True)
class Run:
    code: int
    out: bytes
    err: str

    @property
    def text(self) -> str:
        return self.out.decode("utf-8", "replace").strip()


# What git adds after the real reason when a remote cannot be used: it says nothing by itself.
_GENERIC = (
    "could not read from remote repository",
    "please make sure you have the correct access rights",
    "and the repository exists",
)


def reason(err: str) -> str:
    """git's own reason for failing, on one line: its first ``fatal:`` or ``error:`` line that says something."""
    lines = [line.rstrip() for line in err.splitlines() if line.strip()]
    telling = [(i, line) for i, line in enumerate(lines) if not any(g in line.lower() for g in _GENERIC)]
    for i, line in telling:
        for prefix in ("fatal:", "error:"):
            if line.startswith(prefix):
                text = line[len(prefix) :].strip()
                if text.endswith(":"):  # a list of files follows, indented: name them
                    names = [n.strip() for n in lines[i + 1 :] if n[:1].isspace()]
                    text = f"{text} {', '.join(names)}"
                return text
    return telling[0][1].strip() if telling else (lines[-1].strip() if lines else "no reason given")


class Git:
    """git commands run in ``folder``, which must be (or become) a repository of its own."""

    def __init__(self, folder: Path, *, network_timeout: float = NETWORK_TIMEOUT) -> None:
        exe = shutil.which("git")
        if exe is None:
            raise GitMissing("git is not installed (or not on PATH)")
        self.exe = exe
        self.folder = folder
        self.network_timeout = network_timeout
        env = {k: v for k, v in os.environ.items() if k not in _FOREIGN}
        env.update(
            GIT_TERMINAL_PROMPT="0",
            GIT_CEILING_DIRECTORIES=str(folder.resolve().parent),  # a repository above the folder is not ours
            GIT_MERGE_AUTOEDIT="no",
            GIT_EDITOR=":",
            LC_ALL="C",
        )
        self.env = env

    def run(self, *args: str, data: bytes | None = None, network: bool = False, check: bool = True) -> Run:
        """Run ``git ARGS``; ``GitFailed`` on a non-zero exit when ``check``, ``GitTimedOut`` after the timeout."""
        timeout = self.network_timeout if network else LOCAL_TIMEOUT
        proc = subprocess.Popen(
            [self.exe, *args],
            cwd=self.folder,
            env=self.env,
            stdin=subprocess.PIPE if data is not None else subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            start_new_session=True,  # no terminal to prompt on, and its helpers (ssh) can be stopped together
            umask=0o077,
        )
        try:
            out, err = proc.communicate(data, timeout=timeout)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate()
            raise GitTimedOut(args, -1, f"no answer within {timeout:g} seconds") from None
        result = Run(proc.returncode, out, err.decode("utf-8", "replace"))
        if check and result.code != 0:
            raise GitFailed(args, result.code, reason(result.err))
        return result

    def text(self, *args: str) -> str:
        """The output of ``git ARGS``, stripped."""
        return self.run(*args).text

    def succeeds(self, *args: str) -> bool:
        return self.run(*args, check=False).code == 0

    def ref(self, name: str) -> str | None:
        """The commit ``name`` points to, or None when there is no such ref."""
        found = self.run("rev-parse", "--verify", "-q", f"{name}^{{commit}}", check=False)
        return found.text if found.code == 0 else None

    def is_own_repository(self) -> bool:
        """True when the folder is the top of a git working copy (not inside another one)."""
        if not (self.folder / ".git").exists():
            return False
        top = self.run("rev-parse", "--show-toplevel", check=False)
        return top.code == 0 and Path(top.text).resolve() == self.folder.resolve()

    def identity(self, device: str) -> list[str]:
        """``-c`` options naming a fallback author when the user has set up no git identity."""
        if self.succeeds("var", "GIT_AUTHOR_IDENT") and self.succeeds("var", "GIT_COMMITTER_IDENT"):
            return []
        options = []
        if not self.run("config", "--get", "user.name", check=False).text:
            options += ["-c", "user.name=goaltui"]
        if not self.run("config", "--get", "user.email", check=False).text:
            options += ["-c", f"user.email={device}@goaltui.invalid"]
        return options

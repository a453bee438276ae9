"""Sync through git: the data folder as a working copy of a remote, committed, merged and pushed.

One sync: fetch (no lock: a slow remote never delays a tap), then under the
data folder's lock commit what changed here and merge what came in, then push
(no lock; when the remote moved meanwhile, fetch and merge again, a few
times). Tap files never clash: each device writes only its own. A file git
cannot merge (goals.toml, a review) keeps this device's version in place and
the other device's beside it as a conflict copy, committed and reported. The
repository is never left mid-merge, and nothing is ever lost: when the remote
cannot be reached the commit waits here for the next sync.

Nothing here imports Textual; the app runs ``sync`` in a worker.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from goaltui.store import conflicts, goalsfile, locations
from goaltui.store.durable import atomic_write, locked
from goaltui.store.git import NETWORK_TIMEOUT, Git, GitFailed, GitMissing, reason

Clock = Callable[[], datetime]

MARKER = "goaltui sync"  # starts every message goaltui writes, so an interrupted merge of its own is known
TRAILER = "Goaltui-Device"  # names the device in each commit: the conflict copy of its version carries it
ATTEMPTS = 3  # pushes tried while the remote keeps moving
_MONTH_FILE = re.compile(r"taps/[^/]+/\d{4}-\d{2}\.toml")
_REVIEW_FILE = re.compile(r"reviews/[^/]+\.toml")
_DEVICE_CHARS = re.compile(r"[^A-Za-z0-9_-]+")
_IN_PROGRESS = (
    ("MERGE_HEAD", "a merge", "git merge --abort"),
    ("rebase-merge", "a rebase", "git rebase --abort"),
    ("rebase-apply", "a rebase", "git rebase --abort"),
    ("CHERRY_PICK_HEAD", "a cherry-pick", "git cherry-pick --abort"),
    ("REVERT_HEAD", "a revert", "git revert --abort"),
)
_WAITS = "your changes are committed here and go with the next sync"


class SyncError(Exception):
    """Sync cannot go on; the message is one line saying what to do."""


class NeedsRemote(ValueError):
    """``init`` without a remote, in a folder that has none: bad usage."""


@dataclass(slots=True)
class SyncResult:
    """What one sync did, for the command line and the app."""

    summary: str = ""  # the one line to show: what happened, or what went wrong and what to do
    ok: bool = True
    received: bool = False  # files came in: taps and goals to read again
    conflicts: list[Path] = field(default_factory=list)  # conflict copies this sync kept
    sent_taps: int = 0
    received_taps: int = 0
    sent_files: list[str] = field(default_factory=list)  # other files sent (goals.toml, reviews/...)
    received_files: list[str] = field(default_factory=list)


def is_synced_file(rel: str) -> bool:
    """True for the files goaltui syncs (relative to the data folder): goals, taps, reviews, their conflict copies."""
    if rel == goalsfile.FILENAME:
        return True
    if rel.startswith("goals") and "/" not in rel and rel.endswith(".toml"):
        return conflicts.is_conflict(rel)
    return rel.endswith(".toml") and (rel.startswith("taps/") or bool(_REVIEW_FILE.fullmatch(rel)))


def is_set_up(data_dir: Path) -> bool:
    """True when ``data_dir`` is a git working copy (``goaltui sync init`` ran); cheap: no git is run."""
    return (data_dir / ".git").exists()


def sync(data_dir: Path, device: str, clock: Clock, *, network_timeout: float = NETWORK_TIMEOUT) -> SyncResult:
    """Commit what changed here, merge what the remote has, push; never raises for what a user can fix."""
    return _attempt(data_dir, device, clock, network_timeout, lambda session: session.sync_set_up())


def init(
    data_dir: Path, remote: str | None, device: str, clock: Clock, *, network_timeout: float = NETWORK_TIMEOUT
) -> SyncResult:
    """Make ``data_dir`` a git working copy of ``remote`` (empty or made by goaltui), then sync.

    A folder that is already a repository of its own is used as it is; ``remote``
    is added as ``origin`` when it has none. ``NeedsRemote`` when no remote is
    given and the folder has none.
    """
    return _attempt(data_dir, device, clock, network_timeout, lambda session: session.set_up(remote))


def _attempt(
    data_dir: Path, device: str, clock: Clock, network_timeout: float, steps: Callable[[_Session], SyncResult]
) -> SyncResult:
    """Run ``steps`` on a new session; what went wrong becomes a failed result that says what to do."""
    session: _Session | None = None
    try:
        session = _Session(data_dir, device, clock, network_timeout)
        return steps(session)
    except SyncError as err:
        return _failed(session, str(err))
    except GitFailed as err:
        return _failed(session, f"{err}: sort it out with git in {data_dir}, then sync again")
    except OSError as err:
        return _failed(session, f"{err.filename or data_dir}: {err.strerror or err}; nothing was lost")


def _failed(session: _Session | None, error: str) -> SyncResult:
    result = session.result if session is not None else SyncResult()
    done = session.describe() if session is not None else ""
    result.ok = False
    result.summary = f"{done}; but {error}" if done and done != "up to date" else error
    return result


def remote_address(remote: str) -> str:
    """``remote`` as git should keep it: a local path made absolute (git would read it from the data folder)."""
    path = Path(remote).expanduser()
    if "://" not in remote and path.exists():
        return str(path.resolve())
    return remote


class _Session:
    """One sync of one data folder."""

    def __init__(self, data_dir: Path, device: str, clock: Clock, network_timeout: float) -> None:
        try:
            self.git = Git(data_dir, network_timeout=network_timeout)
        except GitMissing:
            raise SyncError("git is not installed (or not on PATH): install git, then sync again") from None
        self.data = data_dir
        self.device = device
        self.clock = clock
        self.result = SyncResult()
        self._ident: list[str] | None = None

    # ------------------------------------------------------------------ the steps

    def sync_set_up(self) -> SyncResult:
        if not self.data.is_dir() or not self.git.is_own_repository():
            raise SyncError(f"{self.data} is not set up for sync yet: run 'goaltui sync init REMOTE' first")
        return self.sync()

    def set_up(self, remote: str | None) -> SyncResult:
        locations.ensure_dir(self.data)
        if self.git.is_own_repository():
            self.adopt(remote)
            return self.sync()
        if not remote:
            raise NeedsRemote("give the remote to sync with: goaltui sync init REMOTE")
        return self.clone_into(remote)

    def sync(self) -> SyncResult:
        self.check_ready(locked_now=False)
        remote, branch = self.upstream()
        fetch_error = self.fetch(remote)
        with self.lock():
            self.check_ready(locked_now=True)
            self.commit_local()
            if fetch_error:
                raise SyncError(f"{fetch_error}; {_WAITS}")
            self.merge(remote, branch)
        self.push_until_accepted(remote, branch)
        self.result.summary = self.describe()
        return self.result

    def adopt(self, remote: str | None) -> None:
        """Use a repository the user made: add ``remote`` as origin if it has none, else check it is the same."""
        remotes = self.git.text("remote").split()
        if remote:
            address = remote_address(remote)
            if "origin" in remotes:
                current = self.git.text("remote", "get-url", "origin")
                if current not in (remote, address):
                    raise SyncError(
                        f"{self.data} already syncs with {current}: to change it run "
                        f"'git -C {self.data} remote set-url origin {remote}', then sync again"
                    )
            else:
                self.git.run("remote", "add", "origin", address)
        elif not remotes:
            raise NeedsRemote(f"{self.data} is a git repository with no remote: goaltui sync init REMOTE adds one")

    def clone_into(self, remote: str) -> SyncResult:
        """Turn a plain folder (empty or with goals and taps) into a working copy of ``remote``, then push."""
        address = remote_address(remote)
        heads = self.remote_heads(address)
        branch = _pick_branch(heads)
        self.git.run("init", "-q", f"--initial-branch={branch}")
        try:
            self.git.run("remote", "add", "origin", address)
            if heads:
                self.fetch("origin", strict=True)
        except (SyncError, GitFailed):
            self._undo_init()
            raise
        with self.lock():
            if heads:
                self.take_remote(f"refs/remotes/origin/{branch}")
            self.git.run("config", f"branch.{branch}.remote", "origin")
            self.git.run("config", f"branch.{branch}.merge", f"refs/heads/{branch}")
            self.commit_local(first=not heads)
        self.push_until_accepted("origin", branch)
        self.result.summary = f"{self.data} now syncs with {address}: {self.describe()}"
        return self.result

    def check_ready(self, *, locked_now: bool) -> None:
        """Refuse, in one line, a state only the user should sort out: detached HEAD, a merge of theirs, ..."""
        git_dir = Path(self.git.text("rev-parse", "--absolute-git-dir"))
        for name, what, undo in _IN_PROGRESS:
            if not (git_dir / name).exists():
                continue
            if name == "MERGE_HEAD" and _read(git_dir / "MERGE_MSG").startswith(MARKER):
                if not locked_now:
                    return  # a sync of ours was interrupted: undone under the lock, then checked again
                self.git.run("merge", "--abort")
                continue
            raise SyncError(
                f"{what} is in progress in {self.data}: finish it, or undo it with "
                f"'git -C {self.data} {undo.removeprefix('git ')}', then sync again"
            )
        if self.git.run("symbolic-ref", "-q", "HEAD", check=False).code != 0:
            raise SyncError(
                f"{self.data} is on a detached HEAD, not a branch: run 'git -C {self.data} switch main' "
                "(or your branch), then sync again"
            )
        foreign, unmerged = [], []
        for code, rel in self.status(untracked=False):
            if "U" in code or code in ("AA", "DD"):
                unmerged.append(rel)
            elif not is_synced_file(rel):
                foreign.append(rel)
        if unmerged:
            raise SyncError(
                f"{self.data} has unresolved conflicts ({_names(unmerged)}): resolve them with git, then sync again"
            )
        if foreign:
            raise SyncError(
                f"{self.data} has changes goaltui does not sync ({_names(foreign)}): commit or undo them "
                "with git, then sync again"
            )

    def upstream(self) -> tuple[str, str]:
        """The remote and the remote branch this branch syncs with."""
        branch = self.git.text("symbolic-ref", "--short", "HEAD")
        remote = self.git.run("config", "--get", f"branch.{branch}.remote", check=False).text
        merge = self.git.run("config", "--get", f"branch.{branch}.merge", check=False).text
        if not remote:
            remotes = self.git.text("remote").split()
            if not remotes:
                raise SyncError(f"{self.data} has no remote to sync with: run 'goaltui sync init REMOTE'")
            remote = "origin" if "origin" in remotes else remotes[0]
        return remote, merge.removeprefix("refs/heads/") or branch

    def fetch(self, remote: str, *, strict: bool = False) -> str | None:
        """Fetch ``remote`` (no lock); the reason in one line when it cannot be reached (raised when ``strict``)."""
        try:
            self.git.run("fetch", "--quiet", "--no-tags", remote, network=True)
        except GitFailed as err:
            problem = self.network_problem(remote, err.detail)
            if strict:
                raise SyncError(f"{problem}; nothing was changed") from None
            return problem
        return None

    def remote_heads(self, address: str) -> dict[str, str]:
        """The branches of ``address`` and what HEAD names, from one ``ls-remote`` (no lock)."""
        try:
            listing = self.git.run("ls-remote", "--symref", address, network=True).text
        except GitFailed as err:
            raise SyncError(f"{self.network_problem(address, err.detail)}; nothing was changed") from None
        heads: dict[str, str] = {}
        for line in listing.splitlines():
            first, _, name = line.partition("\t")
            if first.startswith("ref: ") and name == "HEAD":
                heads["HEAD"] = first.removeprefix("ref: refs/heads/")
            elif name.startswith("refs/heads/"):
                heads[name.removeprefix("refs/heads/")] = first
        if "HEAD" in heads and heads["HEAD"] not in heads:
            del heads["HEAD"]  # a bare repository's HEAD may name a branch nobody pushed
        return heads

    def commit_local(self, *, first: bool = False) -> None:
        """Commit every change to goaltui's files (under the lock). ``first`` commits even when there is none."""
        changed = [rel for _, rel in self.status(untracked=True) if is_synced_file(rel)]
        if changed:
            self.on_paths(changed, "add", "-A")
        first = first or self.git.ref("HEAD") is None  # a branch needs a commit before it can merge or push
        if not first and self.git.succeeds("diff", "--cached", "--quiet"):
            return
        self.commit("-m", f"{MARKER}: {self.device}, {self.stamp()}", *(["--allow-empty"] if first else []))

    def stamp(self) -> str:
        """This device's local time, for a commit message."""
        return self.clock().astimezone().strftime("%Y-%m-%d %H:%M %z")

    def ident(self) -> list[str]:
        """The user's git identity, or a fallback naming this device (commits and merges need one)."""
        if self._ident is None:
            self._ident = self.git.identity(self.device)
        return self._ident

    def commit(self, *args: str) -> None:
        trailer = f"{TRAILER}: {self.device}"
        self.git.run(*self.ident(), "commit", "-q", "--no-verify", "--no-gpg-sign", *args, "-m", trailer)

    def merge(self, remote: str, branch: str) -> None:
        """Merge the fetched branch into this one (under the lock); unmergeable files become conflict copies."""
        theirs = self.git.ref(f"refs/remotes/{remote}/{branch}")
        before = self.git.ref("HEAD")
        if theirs is None or before is None or self.git.succeeds("merge-base", "--is-ancestor", theirs, before):
            return
        if self.git.succeeds("merge-base", "--is-ancestor", before, theirs):
            tried = self.git.run(*self.ident(), "merge", "-q", "--ff-only", theirs, check=False)
            if tried.code != 0:
                raise self.refused(remote, branch, reason(tried.err))
        else:
            message = f"{MARKER}: {self.device} merged {remote}/{branch}, {self.stamp()}"
            tried = self.git.run(
                *self.ident(), "merge", "--no-commit", "--no-ff", "--no-verify", "-m", message, theirs, check=False
            )
            git_dir = Path(self.git.text("rev-parse", "--absolute-git-dir"))
            if not (git_dir / "MERGE_HEAD").exists():
                raise self.refused(remote, branch, reason(tried.err))
            try:
                self.keep_both(theirs)
                self.keep_valid(before, theirs)
                self.commit("-m", message)
            finally:
                if (git_dir / "MERGE_HEAD").exists():
                    self.git.run("merge", "--abort", check=False)  # back to our own commit: nothing lost
        self.count(before, "HEAD", received=True)

    def refused(self, remote: str, branch: str, detail: str) -> SyncError:
        """git would not even start the merge (a file in the way, unrelated histories): what to do, in one line."""
        return SyncError(
            f"git could not merge {remote}/{branch} into {self.data}: {detail}; move such files away "
            f"or sort it out with git, then sync again ({_WAITS})"
        )

    def keep_both(self, theirs: str) -> None:
        """Settle every file git could not merge: ours stays, theirs goes beside it as a conflict copy."""
        stages: dict[str, dict[int, str]] = {}
        for entry in self.git.run("ls-files", "-u", "-z").out.split(b"\0"):
            if entry:
                meta, _, rel = entry.decode().partition("\t")
                _mode, sha, stage = meta.split()
                stages.setdefault(rel, {})[int(stage)] = sha
        for rel, blobs in stages.items():
            ours, other = blobs.get(2), blobs.get(3)
            if ours and other:
                self.keep_copy(rel, self.blob(other), self.their_device(rel, theirs))
            kept = ours or other
            if kept:
                self.write(rel, self.blob(kept))
                self.git.run("--literal-pathspecs", "add", "--", rel)
            else:
                self.git.run("--literal-pathspecs", "rm", "-q", "--cached", "--ignore-unmatch", "--", rel)

    def keep_valid(self, before: str, theirs: str) -> None:
        """A goals.toml or review git merged line by line into what goaltui cannot read: keep ours, copy theirs."""
        merged = self.git.run("diff", "--cached", "--name-only", "-z", before).out.split(b"\0")
        for rel in (r.decode() for r in merged if r):
            if rel != goalsfile.FILENAME and not _REVIEW_FILE.fullmatch(rel):
                continue
            ours = self.show(before, rel)
            other = self.show(theirs, rel)
            path = self.data / rel
            if ours is None or other is None or not path.is_file():
                continue
            if not _readable(rel, path.read_bytes(), path) and _readable(rel, ours, path):
                self.keep_copy(rel, other, self.their_device(rel, theirs))
                self.write(rel, ours)
                self.git.run("--literal-pathspecs", "add", "--", rel)

    def keep_copy(self, rel: str, content: bytes, device: str) -> None:
        copy = conflicts.copy_path(self.data / rel, self.clock().date(), device)
        self.write(copy.relative_to(self.data).as_posix(), content)
        self.git.run("--literal-pathspecs", "add", "--", copy.relative_to(self.data).as_posix())
        self.result.conflicts.append(copy)

    def take_remote(self, tracking: str) -> None:
        """Check out what the remote holds over a plain folder: a local file that differs is kept as a copy."""
        listing = self.git.run("ls-tree", "-r", "-z", tracking).out.split(b"\0")
        entries = [e.decode().split("\t", 1) for e in listing if e]
        files = {rel: meta.split()[2] for meta, rel in entries}
        if files and not any(rel == goalsfile.FILENAME or rel.startswith("taps/") for rel in files):
            self._undo_init()
            raise SyncError(
                "the remote holds no goaltui folder (no goals.toml, no taps): give an empty repository, "
                "or one goaltui set up"
            )
        take = []
        today = self.clock().date()
        for rel, sha in files.items():
            path = self.data / rel
            if not path.exists() and not path.is_symlink():
                take.append(rel)
                continue
            mine = path.read_bytes() if path.is_file() else None
            theirs = self.blob(sha)
            if mine == theirs:
                continue
            if mine is not None and rel.startswith("taps/"):
                if not mine.startswith(theirs):  # this device's own log, grown since: nothing to keep apart
                    self.keep_copy(rel, theirs, "remote")
                continue
            if rel == goalsfile.FILENAME and mine is not None and _is_unedited_starter(mine):
                take.append(rel)  # the starter a first run wrote: nothing of the user's in it
                continue
            copy = conflicts.copy_path(path, today, self.device)
            path.rename(copy)
            self.result.conflicts.append(copy)
            take.append(rel)
        self.git.run("reset", "-q", tracking)
        if take:
            self.on_paths(take, "checkout", "-q")
        self.count(None, tracking, received=True)

    def push_until_accepted(self, remote: str, branch: str) -> None:
        """Push (no lock); when the remote moved meanwhile, fetch, merge and push again, a few times."""
        for _ in range(ATTEMPTS):
            tracking = f"refs/remotes/{remote}/{branch}"
            theirs = self.git.ref(tracking)
            if theirs is not None and self.git.succeeds("merge-base", "--is-ancestor", "HEAD", theirs):
                return  # nothing to send
            pushed = self.git.run(
                "push", "--porcelain", "--no-verify", remote, f"HEAD:refs/heads/{branch}", network=True, check=False
            )
            if pushed.code == 0:
                self.count(theirs, "HEAD", received=False)
                return
            refused = [line for line in pushed.text.splitlines() if line.startswith("!")]
            if not refused:
                raise SyncError(f"{self.network_problem(remote, reason(pushed.err))}; {_WAITS}")
            if not any(word in refused[0] for word in ("fetch first", "non-fast-forward")):
                why = refused[0].rpartition("\t")[2]  # "[remote rejected] (protected branch)": a rule over there
                raise SyncError(f"{self.address(remote)} would not take the push: {why}; {_WAITS}")
            problem = self.fetch(remote)
            if problem:
                raise SyncError(f"{problem}; {_WAITS}")
            with self.lock():
                self.check_ready(locked_now=True)
                self.merge(remote, branch)
        raise SyncError(f"{self.address(remote)} kept changing while this sync ran: {_WAITS}")

    # ------------------------------------------------------------------ helpers

    @contextmanager
    def lock(self) -> Iterator[None]:
        """The lock the tap log and goals.toml writer take: no tap is half-written while git works."""
        with locked(locations.lock_path(self.data)):
            yield

    def status(self, *, untracked: bool) -> list[tuple[str, str]]:
        """``(XY, path)`` for every changed path (both names of a rename)."""
        out = self.git.run(
            "status", "--porcelain=v1", "-z", f"--untracked-files={'all' if untracked else 'no'}", "--no-renames"
        ).out
        fields = out.split(b"\0")
        found = []
        i = 0
        while i < len(fields):
            entry = fields[i].decode()
            i += 1
            if len(entry) < 4:
                continue
            code, rel = entry[:2], entry[3:]
            found.append((code, rel))
            if "R" in code or "C" in code:
                found.append((code, fields[i].decode()))
                i += 1
        return found

    def on_paths(self, paths: list[str], *command: str) -> None:
        """``git COMMAND -- PATHS``, the paths taken as they are (no globs) and passed on stdin (no length limit)."""
        names = b"\0".join(rel.encode() for rel in paths)
        self.git.run("--literal-pathspecs", *command, "--pathspec-from-file=-", "--pathspec-file-nul", data=names)

    def blob(self, sha: str) -> bytes:
        return self.git.run("cat-file", "blob", sha).out

    def show(self, commit: str, rel: str) -> bytes | None:
        found = self.git.run("cat-file", "blob", f"{commit}:{rel}", check=False)
        return found.out if found.code == 0 else None

    def write(self, rel: str, content: bytes) -> None:
        path = self.data / rel
        locations.ensure_dir(path.parent)
        atomic_write(path, content)

    def their_device(self, rel: str, theirs: str) -> str:
        """The device that made the other version of ``rel``: from its commit's trailer, else its author."""
        log = self.git.run(
            "log",
            "-1",
            f"--format=%(trailers:key={TRAILER},valueonly,separator=%x20)%x00%an",
            theirs,
            "--",
            rel,
            check=False,
        ).text
        for candidate in log.split("\0"):
            name = _DEVICE_CHARS.sub("-", candidate.strip()).strip("-")[:40]
            if name:
                return name
        return "remote"

    def count(self, start: str | None, end: str, *, received: bool) -> None:
        """Add what changed from ``start`` (None: nothing) to ``end`` to what was sent or received."""
        base = start or self.git.run("hash-object", "-t", "tree", "--stdin", data=b"").text
        out = self.git.run("diff", "--numstat", "-z", "--no-renames", base, end).out
        taps, files, copies = 0, [], []
        for entry in out.split(b"\0"):
            added, _, rest = entry.decode().partition("\t")
            rel = rest.partition("\t")[2]
            if not rel or any(rel == c.relative_to(self.data).as_posix() for c in self.result.conflicts):
                continue
            if conflicts.is_conflict(rel.rpartition("/")[2]):
                copies.append(self.data / rel)
                continue
            if _MONTH_FILE.fullmatch(rel):
                taps += int(added) if added.isdigit() else 0
            elif rel not in files:
                files.append(rel)
        result = self.result
        if received:
            result.received_taps += taps
            result.received_files += [f for f in files if f not in result.received_files]
            result.conflicts += copies  # another device kept this one's version aside: tell this device too
            result.received = result.received or bool(taps or files or copies)
        else:
            result.sent_taps += taps
            result.sent_files += [f for f in files if f not in result.sent_files]

    def describe(self) -> str:
        """The one line of what happened: sent, received, conflict copies kept."""
        r = self.result
        parts = []
        sent = _what(r.sent_taps, r.sent_files)
        got = _what(r.received_taps, r.received_files)
        if sent:
            parts.append(f"sent {sent}")
        if got:
            parts.append(f"received {got}")
        if r.conflicts:
            names = ", ".join(c.relative_to(self.data).as_posix() for c in r.conflicts)
            parts.append(f"conflict copies kept: {names} (compare each with its file, keep what you need, delete it)")
        return "; ".join(parts) or "up to date"

    def address(self, remote: str) -> str:
        """Where ``remote`` points (its URL or path), to name it the way the user set it up."""
        return self.git.run("remote", "get-url", remote, check=False).text or remote

    def network_problem(self, remote: str, detail: str) -> str:
        return network_problem(self.address(remote), detail)

    def _undo_init(self) -> None:
        """Remove the .git this init made (before its first commit), so the folder is as it was."""
        import shutil

        shutil.rmtree(self.data / ".git", ignore_errors=True)


def network_problem(where: str, detail: str) -> str:
    """Why the remote at ``where`` could not be used (git's ``detail``), and what to do: login refused, or no way in."""
    low = detail.lower()
    refused = (
        *("authentication failed", "permission denied", "could not read username", "could not read password"),
        *("terminal prompts disabled", "access denied", "error: 403", "error: 401", "host key verification"),
    )
    if any(word in low for word in refused):
        return f"{where} refused the login ({detail}): check your SSH key or access token, then sync again"
    return f"could not reach {where} ({detail}): check the address and your connection, then sync again"


def _pick_branch(heads: dict[str, str]) -> str:
    """The remote's branch to follow: what its HEAD names, else main, else master, else the first; main if empty."""
    if "HEAD" in heads:
        return heads["HEAD"]
    for name in ("main", "master"):
        if name in heads:
            return name
    return min(heads) if heads else "main"


def _what(taps: int, files: list[str]) -> str:
    """``4 taps and goals.toml``."""
    items = [f"{taps} tap{'s' if taps != 1 else ''}"] if taps else []
    items += files if len(files) <= 3 else [f"{len(files)} files"]
    return " and ".join([", ".join(items[:-1]), items[-1]]) if len(items) > 1 else "".join(items)


def _names(paths: list[str]) -> str:
    return ", ".join(paths[:3]) + (f" and {len(paths) - 3} more" if len(paths) > 3 else "")


def _read(path: Path) -> str:
    try:
        return path.read_text("utf-8", "replace")
    except OSError:
        return ""


def _readable(rel: str, content: bytes, path: Path) -> bool:
    """True when goaltui can use ``content`` as ``rel``: valid goals for goals.toml, valid TOML for a review."""
    try:
        text = content.decode("utf-8")
        if rel == goalsfile.FILENAME:
            goalsfile.parse_text(path, text)
        else:
            tomllib.loads(text)
    except (UnicodeDecodeError, tomllib.TOMLDecodeError, goalsfile.GoalsFileError):
        return False
    return True


def _is_unedited_starter(content: bytes) -> bool:
    """True for a goals.toml exactly as a first run wrote it."""
    text = content.decode("utf-8", "replace")
    found = re.search(r"^start = (\d{4}-\d{2}-\d{2})$", text, re.MULTILINE)
    if found is None:
        return False
    try:
        return text == goalsfile.starter_text(date.fromisoformat(found.group(1)))
    except ValueError:
        return False

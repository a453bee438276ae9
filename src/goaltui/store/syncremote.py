"""The remote a sync works with: which one and which branch, fetching it, and what to say when it cannot be reached.

Fetching and listing a remote's branches run without the data folder's lock
(a slow remote never delays a tap). A remote that cannot be reached is said
in one line: the login was refused, or there was no way in. Nothing here
imports Textual.
"""

from __future__ import annotations

from pathlib import Path

from goaltui.lang import _
from goaltui.store.git import GitFailed
from goaltui.store.syncdisk import SyncError, WorkingCopy


class Remote(WorkingCopy):
    """The remote of one sync's working copy."""

    def upstream(self) -> tuple[str, str]:
        """The remote and the remote branch this branch syncs with."""
        branch = self.git.text("symbolic-ref", "--short", "HEAD")
        remote = self.git.run("config", "--get", f"branch.{branch}.remote", check=False).text
        merge = self.git.run("config", "--get", f"branch.{branch}.merge", check=False).text
        if not remote:
            remotes = self.git.text("remote").split()
            if not remotes:
                raise SyncError(
                    _("{folder} has no remote to sync with: run 'goaltui sync init REMOTE'").format(folder=self.data)
                )
            remote = "origin" if "origin" in remotes else remotes[0]
        return remote, merge.removeprefix("refs/heads/") or branch

    def fetch(self, remote: str, *, strict: bool = False) -> str | None:
        """Fetch ``remote`` (no lock); the reason in one line when it cannot be reached (raised when ``strict``)."""
        try:
            self.git.run("fetch", "--quiet", "--no-tags", remote, network=True)
        except GitFailed as err:
            problem = self.network_problem(remote, err.detail)
            if strict:
                raise SyncError(nothing_changed(problem)) from None
            return problem
        return None

    def remote_heads(self, address: str) -> dict[str, str]:
        """The branches of ``address`` and what HEAD names, from one ``ls-remote`` (no lock)."""
        try:
            listing = self.git.run("ls-remote", "--symref", address, network=True).text
        except GitFailed as err:
            raise SyncError(nothing_changed(self.network_problem(address, err.detail))) from None
        heads: dict[str, str] = {}
        for line in listing.splitlines():
            first, _sep, name = line.partition("\t")
            if first.startswith("ref: ") and name == "HEAD":
                heads["HEAD"] = first.removeprefix("ref: refs/heads/")
            elif name.startswith("refs/heads/"):
                heads[name.removeprefix("refs/heads/")] = first
        if "HEAD" in heads and heads["HEAD"] not in heads:
            del heads["HEAD"]  # a bare repository's HEAD may name a branch nobody pushed
        return heads

    def address(self, remote: str) -> str:
        """Where ``remote`` points (its URL or path), to name it the way the user set it up."""
        return self.git.run("remote", "get-url", remote, check=False).text or remote

    def network_problem(self, remote: str, detail: str) -> str:
        return network_problem(self.address(remote), detail)


def remote_address(remote: str) -> str:
    """``remote`` as git should keep it: a local path made absolute (git would read it from the data folder)."""
    path = Path(remote).expanduser()
    if "://" not in remote and path.exists():
        return str(path.resolve())
    return remote


def network_problem(where: str, detail: str) -> str:
    """Why the remote at ``where`` could not be used (git's ``detail``), and what to do: login refused, or no way in."""
    low = detail.lower()
    refused = (
        *("authentication failed", "permission denied", "could not read username", "could not read password"),
        *("terminal prompts disabled", "access denied", "error: 403", "error: 401", "host key verification"),
    )
    if any(word in low for word in refused):
        return _("{where} refused the login ({detail}): check your SSH key or access token, then sync again").format(
            where=where, detail=detail
        )
    return _("could not reach {where} ({detail}): check the address and your connection, then sync again").format(
        where=where, detail=detail
    )


def nothing_changed(problem: str) -> str:
    return _("{problem}; nothing was changed").format(problem=problem)


def pick_branch(heads: dict[str, str]) -> str:
    """The remote's branch to follow: what its HEAD names, else main, else master, else the first; main if empty."""
    if "HEAD" in heads:
        return heads["HEAD"]
    for name in ("main", "master"):
        if name in heads:
            return name
    return min(heads) if heads else "main"

"""What one sync did, in words: the summary line, the warnings beyond it, and what to tell after it."""

from __future__ import annotations

from dataclasses import field
from pathlib import Path

from goaltui.lang import N_, _, ngettext
from goaltui.model.record import record
from goaltui.store import locations
from goaltui.store.syncrules import listed, names

UP_TO_DATE = N_("up to date")  # a sync that had nothing to send or take (said with ``_``)


def waits(problem: str) -> str:
    """``problem``, and that nothing is lost: the commit waits here for the next sync."""
    return _("{problem}; your changes are committed here and go with the next sync").format(problem=problem)


@record(frozen=False)
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
    refused: list[str] = field(default_factory=list)  # paths the remote changed that were kept out, each with why
    restored: list[str] = field(default_factory=list)  # tap files here that had lost lines, put back
    not_sent: list[str] = field(default_factory=list)  # goaltui's names here that are not plain files
    dropped: list[str] = field(default_factory=list)  # links and submodules an earlier sync let in, taken out
    reread: bool = False  # a tap file here changed other than at its end: read every tap again
    clash: bool = False  # another machine writes taps under this device's name: ``follow_up`` gives this one a new name
    device: str = ""  # this device's new name, when ``follow_up`` gave it one

    @property
    def warnings(self) -> list[str]:
        """One line for each thing the user should know beyond the summary: what was refused, restored, held back."""
        lines = []
        if self.refused:
            lines.append(
                _(
                    "refused from the remote: {paths}; none of it came into this folder, and this "
                    "device's version goes back with its push: check who can push to the remote"
                ).format(paths=listed(self.refused))
            )
        if self.restored:
            lines.append(
                _(
                    "restored {paths} from the last sync: lines were taken out or changed, and a tap "
                    "file only grows (any lines added by hand are in a conflict copy beside it)"
                ).format(paths=names(self.restored))
            )
        if self.not_sent:
            lines.append(_("not sent: {paths}: goaltui syncs plain files only").format(paths=listed(self.not_sent)))
        if self.dropped:
            lines.append(
                _(
                    "took out of sync the links an earlier sync let in: {paths} (what they point to is untouched)"
                ).format(paths=names(self.dropped))
            )
        return lines


def follow_up(result: SyncResult, device: str) -> list[str]:
    """What to tell after a sync, beyond its summary; gives this machine a new device name on a clash.

    Another machine writing taps under ``device`` (a copied home folder) is
    found when its taps arrive in this device's own files; every tap is kept
    either way, and from now on this machine writes under a name of its own.
    """
    told = list(result.warnings)
    if result.clash:
        new = locations.renew_device_id(device)
        result.device = new
        told.append(
            _(
                "another machine also writes taps as {device}: this one writes as {new} from now on "
                "(every tap stays counted once)"
            ).format(device=device, new=new)
        )
    return told


def what(taps: int, files: list[str]) -> str:
    """``4 taps and goals.toml``."""
    items = [ngettext("{n} tap", "{n} taps", taps).format(n=taps)] if taps else []
    items += files if len(files) <= 3 else [ngettext("{n} file", "{n} files", len(files)).format(n=len(files))]
    if len(items) > 1:
        return _("{items} and {last}").format(items=", ".join(items[:-1]), last=items[-1])
    return "".join(items)

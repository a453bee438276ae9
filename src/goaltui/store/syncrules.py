"""What goaltui sync lets into the data folder and out of it: its own files, as plain files, tap files only growing.

A remote holds whatever anyone with push access put there. Before anything
of it is merged or checked out, each path the remote changed is checked:

- a plain file (git mode 100644 or 100755): never a symbolic link, a
  submodule or anything else git can hold;
- a name that is UTF-8, printable, and one of goaltui's own kinds:
  ``goals.toml``, ``taps/<device>/<YYYY-MM>.toml``, the people log
  ``people/<device>/<YYYY-MM>.toml``, ``reviews/<name>.toml``, and the
  conflict copies of each; so nothing outside the folder, nothing
  hidden, nothing git itself would obey (``.gitattributes``, ``.gitmodules``);
- not clashing with another name on a disk that ignores case;
- a size a real file of its kind can reach;
- a tap file only grows: its new bytes start with all of its old ones. A tap
  file is never deleted. The people log's files are append-only logs too and
  follow every rule of a tap file here.

A change that fails is refused for that path alone (the path keeps this
device's version); the rest comes in. Tap files two writers changed are
combined line by line (``union``), so no tap is ever lost.

Nothing here runs git: these are the rules, on names and bytes.
"""

from __future__ import annotations

import re
import unicodedata

from goaltui.lang import _, ngettext
from goaltui.store import conflicts, goalsfile

MAX_FILE = 64 * 1024 * 1024  # bytes; a month of taps at ten thousand a day is a tenth of it
PLAIN_MODES = ("100644", "100755")
_MONTH = re.compile(r"\d{4}-\d{2}\.toml")
_MARKER = re.compile(r"[0-9a-f]{16}\.toml")  # forgotten/<id>.toml: a name's salted hash, see store.forget
LOGS = ("taps", "people")  # folders of append-only month files, one folder per device


def _plain(name: str) -> bool:
    """A file or folder name goaltui may hold: printable (so valid UTF-8), not hidden, no path of its own."""
    return bool(name) and name.isprintable() and not name.startswith(".") and "\\" not in name and "/" not in name


def is_synced_file(rel: str) -> bool:
    """True for the files goaltui syncs (a path relative to the data folder): goals, taps, reviews, their copies."""
    parts = rel.split("/")
    if not rel.endswith(".toml") or not all(_plain(part) for part in parts):
        return False
    if len(parts) == 1:
        return rel == goalsfile.FILENAME or (rel.startswith("goals") and conflicts.is_conflict(rel))
    if len(parts) == 2:
        return parts[0] == "reviews" or (parts[0] == "forgotten" and _MARKER.fullmatch(parts[1]) is not None)
    if len(parts) == 3:
        return (
            parts[0] in LOGS
            and not conflicts.is_conflict(parts[1])
            and (_MONTH.fullmatch(parts[2]) is not None or conflicts.is_conflict(parts[2]))
        )
    return False


def tap_file_device(rel: str) -> str | None:
    """The device whose append-only month file ``rel`` is (``taps/<device>/<YYYY-MM>.toml``, or people/), else None."""
    parts = rel.split("/")
    if len(parts) == 3 and parts[0] in LOGS and _MONTH.fullmatch(parts[2]) and is_synced_file(rel):
        return parts[1]
    return None


def refusal(rel: str | None, mode: str) -> str | None:
    """Why a file at ``rel`` (None: its name is not UTF-8) with git ``mode`` may not come in; None when it may."""
    if rel is None:
        return _("a name that is not UTF-8")
    if mode == "120000":
        return _("a symbolic link")
    if mode == "160000":
        return _("a submodule")
    if mode not in PLAIN_MODES:
        return _("not a plain file")
    parts = rel.split("/")
    if ".." in parts or "." in parts or "" in parts:
        return _("outside the data folder")
    if not is_synced_file(rel):
        return _("not one of goaltui's files")
    return None


def fold(rel: str) -> str:
    """The name as a disk that ignores case and Unicode form sees it: two names that fold alike are one file there."""
    return unicodedata.normalize("NFC", rel).casefold()


def grows(old: bytes, new: bytes) -> bool:
    """True when ``new`` keeps every byte of ``old`` and only adds after it: how a tap file may change."""
    return new.startswith(old)


def union(first: bytes, second: bytes) -> bytes:
    """``first``, then each line of ``second`` it does not hold, in ``second``'s order: no tap of either is lost.

    The result grows ``first``. Repeated lines are taken once: a tap's line is
    unique (its key is its time, to the millisecond).
    """
    have = set(first.split(b"\n"))
    extra: list[bytes] = []
    for line in second.split(b"\n"):
        if line and line not in have:
            extra.append(line)
            have.add(line)
    if not extra:
        return first
    start = first if not first or first.endswith(b"\n") else first + b"\n"
    return start + b"\n".join(extra) + b"\n"


def shown(rel: str) -> str:
    """A path as a message may show it: bytes that are not UTF-8 as ``\\xff``, control characters escaped."""
    text = rel.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in text)


def names(paths: list[str], *, english: bool = False) -> str:
    """``a, b, c and 2 more``, each shown safely; ``english`` for a commit message, in any language."""
    return listed([shown(p) for p in paths], english=english)


def listed(items: list[str], *, english: bool = False) -> str:
    """``a, b, c and 2 more``: ``items`` already shown safely."""
    first, more = ", ".join(items[:3]), len(items) - 3
    if more <= 0:
        return first
    if english:
        return f"{first} and {more} more"
    return ngettext("{items} and {n} more", "{items} and {n} more", more).format(items=first, n=more)

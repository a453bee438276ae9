"""A TOML syntax error as one line: the file, the line and column, the reason, and the line itself.

And the other lines said of a TOML file that cannot be used: not UTF-8, or not readable at all.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from goaltui.lang import _
from goaltui.model.shown import shown as escaped

_POSITION = re.compile(r"\(at line (\d+), column (\d+)\)|\(at end of document\)")
SHOWN = 60  # characters of the offending line quoted in the message


def describe(path: Path, text: str, err: tomllib.TOMLDecodeError) -> str:
    """``PATH:LINE:COL: reason: the offending line``, on one line."""
    message = str(err)
    match = _POSITION.search(message)
    lines = text.splitlines()
    if match and match.group(1):
        line, col = int(match.group(1)), int(match.group(2))
    else:
        line, col = max(len(lines), 1), 1
    reason = _POSITION.sub("", message).strip().rstrip(".")
    reason = reason[:1].lower() + reason[1:]
    shown = lines[line - 1].strip() if 0 < line <= len(lines) else ""
    shown = escaped(shown)  # the file's characters, never the terminal's commands
    if len(shown) > SHOWN:
        shown = shown[: SHOWN - 3] + "..."
    hint = f": {shown}" if shown else ""
    return f"{path}:{line}:{col}: {reason}{hint}"


def undecodable(path: Path, raw: bytes, err: UnicodeDecodeError) -> str:
    """``PATH:LINE: not valid UTF-8 text``, naming the line of the first bad byte."""
    line = raw[: err.start].count(b"\n") + 1
    return _("{path}:{line}: not valid UTF-8 text").format(path=path, line=line)


def cannot_read(path: object, err: OSError) -> str:
    """``PATH: cannot be read: REASON``, the system's reason for a file that could not be read."""
    return _("{path}: cannot be read: {reason}").format(path=path, reason=err.strerror or err)


def save_as_utf8(problem: str) -> str:
    """A file that is not UTF-8 (``problem`` names the line), and what to do."""
    return _("{problem}: save the file as UTF-8").format(problem=problem)

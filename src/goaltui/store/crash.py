"""What a bug leaves behind: its traceback in the state folder, and one line for the user.

A user's mistake gets its own message; anything else that goes wrong (a bug
in the command line, or in one of the app's workers) is written here whole
and told in one line that says what failed and where the details are.
"""

from __future__ import annotations

from datetime import datetime

from goaltui.lang import _
from goaltui.store import locations

FILENAME = "crash.txt"


def report(err: BaseException, doing: str) -> str:
    """Append ``err``'s traceback to the state folder's crash file; one line saying what failed and where.

    ``doing``: what was running (goaltui's version and the command, or the app's worker).
    """
    import traceback  # loaded only when a bug is reported: every command's start would pay about 1 ms

    what = f"{type(err).__name__}: {err}"[:200]
    try:
        path = locations.ensure_dir(locations.state_dir()) / FILENAME
        with path.open("a", encoding="utf-8", errors="backslashreplace") as f:
            f.write(f"--- {datetime.now().isoformat(timespec='seconds')}: {doing}\n")
            f.write("".join(traceback.format_exception(err)))
        where = _("the full traceback is in {path}").format(path=path)
    except OSError:
        where = _("the traceback could not be written")
    return _("unexpected error ({what}); {where}: please report it").format(what=what, where=where)

"""Where goaltui keeps its files. Computed when asked, never at import.

- data dir (synced between devices): ``--data-dir``, else ``$GOALTUI_DATA_DIR``,
  else the platform's user data dir;
- config dir (theme, keymap, user themes): ``$GOALTUI_CONFIG_DIR``, else the
  platform's user config dir;
- state dir (device id, lock files) and cache dir (summary cache): device-local,
  never inside the synced data dir; ``$GOALTUI_STATE_DIR`` / ``$GOALTUI_CACHE_DIR``
  override them.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from goaltui.store import quickstate

APP = "goaltui"
DIR_MODE = 0o700
FILE_MODE = 0o600


def _folder(kind: str, override: str | os.PathLike[str] | None = None) -> Path:
    known = quickstate.folder_of(kind, os.fspath(override) if override else None)
    if known is not None:
        return Path(known)
    import platformdirs  # only where the XDG rule might not be its answer: it takes 13 ms to load

    return Path(getattr(platformdirs, f"user_{kind}_path")(APP))


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    return _folder("data", override)


def config_dir() -> Path:
    return _folder("config")


def state_dir() -> Path:
    return _folder("state")


def cache_dir() -> Path:
    return _folder("cache")


def ensure_dir(path: Path) -> Path:
    """Create ``path`` (and parents) with owner-only permissions."""
    path.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
    return path


def data_key(data: Path) -> str:
    """A short stable name per data dir (two folders sharing one would only share a lock, which is harmless)."""
    return _key(str(data))


@lru_cache(maxsize=64)
def _key(data: str) -> str:
    # Kept: each tap takes the lock, and resolving the folder's path was a stat of each step of it (3 to 8).
    return quickstate.data_key(str(Path(data).resolve()))


def lock_path(data: Path) -> Path:
    """The lock for one data dir, kept outside it so syncing never carries it (``durable.locked`` makes its
    folder when it is missing)."""
    return state_dir() / "locks" / f"{data_key(data)}.lock"


def summary_cache_path(data: Path) -> Path:
    return ensure_dir(cache_dir()) / f"summary-{data_key(data)}.json"


def device_id() -> str:
    """This device's name in the tap log: made once per machine, then kept in the state dir.

    The state dir also records the machine the name was made on (``machine()``).
    A state dir that finds itself on another machine (a home folder copied to a
    new laptop) makes a new name there, so two machines never write the same tap
    files; the taps already written under the old name stay where they are and
    count once.
    """
    folder = state_dir()
    value = _read_line(folder / "device")
    if not value:
        return _first_device_id(folder)
    made_on = _read_line(folder / "machine")
    here = machine()
    if made_on == here:
        return value
    if not made_on:  # named before machines were recorded: the name stays with this machine
        _replace_line(folder / "machine", here)
        return value
    return renew_device_id(value)


def renew_device_id(old: str) -> str:
    """A new name for this device, which another machine also writes taps as; the name now in use if not ``old``."""
    import fcntl

    folder = ensure_dir(state_dir())
    fd = os.open(ensure_dir(folder / "locks") / "device.lock", os.O_RDWR | os.O_CREAT, FILE_MODE)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)  # two processes that both find the clash make one new name
        current = _read_line(folder / "device")
        here = machine()
        if current and current != old and _read_line(folder / "machine") == here:
            return current
        value = _new_name()
        _replace_line(folder / "device", value)  # the name first: a crash before the machine makes another
        _replace_line(folder / "machine", here)
        return value
    finally:
        os.close(fd)


def machine() -> str:
    """What tells this machine from another: its machine id where the system keeps one, else its host name."""
    for candidate in ("/etc/machine-id", "/var/lib/dbus/machine-id"):
        found = _read_line(Path(candidate))
        if found:
            return f"machine-id {found}"
    import socket

    return f"host {socket.gethostname()}"


def _first_device_id(folder: Path) -> str:
    value = _new_name()
    ensure_dir(folder)
    _replace_line(folder / "machine", machine())
    tmp = folder / f".device-{os.getpid()}"
    tmp.write_text(value + "\n", encoding="utf-8")
    os.chmod(tmp, FILE_MODE)
    try:
        os.link(tmp, folder / "device")  # first writer wins when two processes start at once
    except FileExistsError:
        value = _read_line(folder / "device") or value
    finally:
        tmp.unlink(missing_ok=True)
    return value


def _new_name() -> str:
    import secrets
    import socket

    host = "".join(c for c in socket.gethostname().lower() if c.isalnum() or c == "-")[:24] or "device"
    return f"{host}-{secrets.token_hex(3)}"


def _read_line(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        return ""


def _replace_line(path: Path, value: str) -> None:
    quickstate.replace(str(path), (value + "\n").encode("utf-8"))

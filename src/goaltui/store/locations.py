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
from pathlib import Path

from goaltui.store import quick

APP = "goaltui"
DIR_MODE = 0o700
FILE_MODE = 0o600


def _folder(kind: str, override: str | os.PathLike[str] | None = None) -> Path:
    known = quick.folder_of(kind, os.fspath(override) if override else None)
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
    return quick.data_key(str(data.resolve()))


def lock_path(data: Path) -> Path:
    """The lock for one data dir, kept outside it so syncing never carries it."""
    return ensure_dir(state_dir() / "locks") / f"{data_key(data)}.lock"


def summary_cache_path(data: Path) -> Path:
    return ensure_dir(cache_dir()) / f"summary-{data_key(data)}.json"


def device_id() -> str:
    """This device's name in the tap log: made once, then kept in the state dir."""
    path = state_dir() / "device"
    try:
        value = path.read_text(encoding="utf-8").strip()
        if value:
            return value
    except FileNotFoundError:
        pass
    import secrets  # only on a device's very first run
    import socket

    host = "".join(c for c in socket.gethostname().lower() if c.isalnum() or c == "-")[:24] or "device"
    value = f"{host}-{secrets.token_hex(3)}"
    ensure_dir(path.parent)
    tmp = path.with_name(f".device-{os.getpid()}")
    tmp.write_text(value + "\n", encoding="utf-8")
    os.chmod(tmp, FILE_MODE)
    try:
        os.link(tmp, path)  # first writer wins when two processes start at once
    except FileExistsError:
        value = path.read_text(encoding="utf-8").strip() or value
    finally:
        tmp.unlink(missing_ok=True)
    return value

"""config.toml in the config dir: the chosen theme and the user's keymap.

```toml
theme = "goaltui-dark"
[keymap]            # binding id = keys (comma separated)
undo = "u,ctrl+z"
```
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from goaltui.store import locations
from goaltui.store.durable import atomic_write

FILENAME = "config.toml"


class ConfigError(Exception):
    """The config file exists but cannot be read, so it is not overwritten."""


@dataclass(slots=True)
class Config:
    theme: str | None = None
    keymap: dict[str, str] = field(default_factory=dict)
    problem: str | None = None  # why the file could not be read, if it could not


def config_path() -> Path:
    return locations.config_dir() / FILENAME


def load_config(path: Path | None = None) -> Config:
    """Read the config; a missing file is the defaults, a broken one is the defaults plus a problem."""
    path = path or config_path()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Config()
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as err:
        return Config(problem=f"{path}: {err}: using the defaults")
    theme = data.get("theme")
    keymap = data.get("keymap", {})
    if not isinstance(keymap, dict):
        keymap = {}
    return Config(
        theme=theme if isinstance(theme, str) else None,
        keymap={str(k): v for k, v in keymap.items() if isinstance(v, str)},
    )


@contextmanager
def updating(path: Path | None = None) -> Iterator[Config]:
    """Change the config and save it, keeping whatever else the user wrote in the file."""
    import tomlkit
    import tomlkit.exceptions

    path = path or config_path()
    config = load_config(path)
    yield config
    try:
        doc = tomlkit.parse(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        doc = tomlkit.document()
    except (OSError, UnicodeDecodeError, tomlkit.exceptions.TOMLKitError) as err:
        raise ConfigError(f"{path}: not saved, the file cannot be read ({err}): fix or remove it") from None
    if config.theme is not None and doc.get("theme") != config.theme:
        doc["theme"] = config.theme
    if config.keymap and dict(doc.get("keymap", {})) != config.keymap:
        doc["keymap"] = config.keymap
    locations.ensure_dir(path.parent)
    atomic_write(path, tomlkit.dumps(doc).encode("utf-8"))

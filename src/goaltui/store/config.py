"""config.toml in the config dir: the chosen theme, the user's keymap, and a goals.toml link the user made.

```toml
theme = "goaltui-dark"
goals_link = "~/dotfiles/goals.toml"   # goals.toml in the data folder is a link to this file
[settings]
language = "sv"     # the language goaltui speaks (else the locale's: LC_ALL, LC_MESSAGES, LANG)
[keymap]            # binding id = keys (comma separated)
undo = "u,ctrl+z"
```

The config folder is this device's own (never synced), so what it names is
what the user said here: a goals.toml link is followed only to that file.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import field
from pathlib import Path

from goaltui.lang import N_, _
from goaltui.model.record import record
from goaltui.store import locations, tomlerrors
from goaltui.store.durable import atomic_write

FILENAME = "config.toml"


DEFAULTS = N_("; using the defaults until then")


class ConfigError(Exception):
    """The config file exists but cannot be read, so it is not overwritten."""


@record(frozen=False)
class Config:
    theme: str | None = None
    keymap: dict[str, str] = field(default_factory=dict)
    goals_link: Path | None = None  # the file the user's own goals.toml link may lead to
    language: str | None = None  # settings.language: goaltui.lang.configured_language reads it for the run
    problem: str | None = None  # one line: what in the file could not be used, where, and what to do


def config_path() -> Path:
    return locations.config_dir() / FILENAME


def load_config(path: Path | None = None) -> Config:
    """Read the config; a missing file is the defaults, one that cannot be used is the defaults and a ``problem``.

    A setting of the wrong kind is left out and named in ``problem``; the others still count.
    """
    path = path or config_path()
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return Config()
    except OSError as err:
        return Config(
            problem=_("{path}: cannot be read ({why}): check it is a file you may read").format(
                path=path, why=err.strerror or err
            )
            + _(DEFAULTS)
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        return Config(problem=tomlerrors.save_as_utf8(tomlerrors.undecodable(path, raw, err)) + _(DEFAULTS))
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        problem = _("{where}: fix or remove the file").format(where=tomlerrors.describe(path, text, err))
        return Config(problem=problem + _(DEFAULTS))
    config = Config()
    wrong: list[str] = []
    theme = data.get("theme")
    if isinstance(theme, str):
        config.theme = theme
    elif theme is not None:
        wrong.append(
            _('theme = {value}: write the name in quotes, like theme = "goaltui-dark"').format(value=repr(theme))
        )
    link = data.get("goals_link")
    if isinstance(link, str) and link.strip():
        config.goals_link = Path(link).expanduser()
    elif link is not None:
        wrong.append(
            _('goals_link = {value}: write the file in quotes, like goals_link = "~/dotfiles/goals.toml"').format(
                value=repr(link)
            )
        )
    settings = data.get("settings", {})
    language = settings.get("language") if isinstance(settings, dict) else None
    if isinstance(language, str) and language.strip():
        config.language = language.strip()
    elif language is not None:
        wrong.append(
            _('settings language = {value}: write the language in quotes, like language = "sv"').format(
                value=repr(language)
            )
        )
    keymap = data.get("keymap", {})
    if isinstance(keymap, dict):
        for binding, keys in keymap.items():
            if isinstance(keys, str):
                config.keymap[binding] = keys
            else:
                wrong.append(
                    _('keymap {binding} = {value}: write the keys in quotes, like {binding} = "u,ctrl+z"').format(
                        binding=binding, value=repr(keys)
                    )
                )
    else:
        wrong.append(_('keymap must be a table of binding = "keys", like [keymap] then undo = "u,ctrl+z"'))
    if wrong:
        config.problem = _("{path}: {problems} (ignored until fixed)").format(path=path, problems="; ".join(wrong))
    return config


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
        raise ConfigError(
            _("{path}: not saved, the file cannot be read ({why}): fix or remove it").format(path=path, why=err)
        ) from None
    if config.theme is not None and doc.get("theme") != config.theme:
        doc["theme"] = config.theme
    if config.keymap and dict(doc.get("keymap", {})) != config.keymap:
        doc["keymap"] = config.keymap
    locations.ensure_dir(path.parent)
    atomic_write(path, tomlkit.dumps(doc).encode("utf-8"))

"""The user's language: every word shown goes through ``_`` or ``ngettext``; numbers and dates through ``FORM``.

English is the source language: its words are the msgids in the code. Another
language is a gettext catalog compiled to ``<lang>/LC_MESSAGES/goaltui.mo``
(extracted and compiled with Babel: ``python -m i18n``). Its numbers and dates
come from CLDR (``forms.py``, written from Babel's data by the same tool), so
nothing here imports Babel, or even ``gettext``: the quick path (`goaltui log
p`) pays only for reading the one compiled file, and only in a language other
than English.

Marking: ``_("Saved")`` where the text is shown; ``N_("Saved")`` where it is
defined at import time (a table, a class attribute), translated with ``_`` where
shown; ``ngettext("{n} tap", "{n} taps", n).format(n=n)`` for a count, never an
"s" glued on; ``pgettext("key bar", "Undo")`` where one English word needs two
translations. Placeholders are named (``{metric}``), so a translation may move
them.

Files never change with the language: goals.toml, config.toml, the tap log,
CSV and ``--json`` keep their English, locale-free form.
"""

from __future__ import annotations

import os

from goaltui.lang.form import ENGLISH, Form

TYPE_CHECKING = False  # typing itself is not loaded on the quick path
if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

SOURCE = "en"
DOMAIN = "goaltui"
HERE = os.path.dirname(__file__)
NAMES = {"en": "English", "sv": "svenska"}  # the languages goaltui speaks, each in its own words


class Catalog:
    """One compiled gettext catalog (.mo), looked up where it lies: no table is built for a run that says one line.

    Babel writes the originals sorted by their message id (the singular of a plural; a context does not
    count), so a lookup is a binary search over that id; each answer is kept for the next time.
    """

    __slots__ = ("count", "data", "found", "originals", "plural", "plural_rule", "translations", "unpack")

    def __init__(self, data: bytes) -> None:
        import struct

        magic = struct.unpack_from("<I", data)[0]
        order = "<" if magic == 0x950412DE else ">"
        if struct.unpack_from(order + "I", data)[0] != 0x950412DE:
            raise ValueError("not a compiled gettext catalog")
        self.data = data
        self.unpack = struct.Struct(order + "II").unpack_from
        self.count, self.originals, self.translations = struct.unpack_from(order + "3I", data, 8)
        self.found: dict[str, str | None] = {}
        self.plural_rule = "n != 1"
        for line in (self.lookup("") or "").splitlines():
            if line.lower().startswith("plural-forms:") and "plural=" in line:
                self.plural_rule = line.split("plural=", 1)[1].strip().rstrip(";").strip()
        self.plural: Callable[[int], int] | None = None

    def _original(self, i: int) -> bytes:
        length, offset = self.unpack(self.data, self.originals + 8 * i)
        return self.data[offset : offset + length]

    def lookup(self, key: str) -> str | None:
        """The translation stored for ``key`` ("ctx\x04id", "singular\x00plural" for a plural), or None."""
        if key in self.found:
            return self.found[key]
        wanted = key.encode()
        sort_key = wanted.rpartition(b"\x04")[2].partition(b"\x00")[0]
        low, high = 0, self.count
        while low < high:  # the first original whose id is not before the wanted one
            middle = (low + high) // 2
            if self._original(middle).rpartition(b"\x04")[2].partition(b"\x00")[0] < sort_key:
                low = middle + 1
            else:
                high = middle
        answer = None
        for i in range(low, self.count):  # the originals of that id: one, or one per context
            original = self._original(i)
            if original == wanted:
                length, offset = self.unpack(self.data, self.translations + 8 * i)
                answer = self.data[offset : offset + length].decode()
                break
            if original.rpartition(b"\x04")[2].partition(b"\x00")[0] != sort_key:
                break
        self.found[key] = answer
        return answer

    def gettext(self, message: str) -> str:
        return self.lookup(message) or message

    def pairs(self) -> list[tuple[str, str]]:
        """Every (key, translation) the catalog holds, read whole: for a search the other way round."""
        found = []
        for i in range(self.count):
            length, offset = self.unpack(self.data, self.translations + 8 * i)
            found.append((self._original(i).decode(), self.data[offset : offset + length].decode()))
        return found

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        forms = self.lookup(f"{singular}\x00{plural}")
        if not forms:
            return singular if n == 1 else plural
        if self.plural is None:
            import gettext  # only for a plural: c2py reads the catalog's Plural-Forms rule safely

            self.plural = gettext.c2py(self.plural_rule)
        choices = forms.split("\x00")
        index = self.plural(n)
        return choices[index] if 0 <= index < len(choices) else choices[-1]


def form_of(locale: str, code: str) -> Form:
    """CLDR's form for ``locale`` (sv_SE), else for its language (sv), else English's; its territory's first day.

    English keeps Monday (lang/form.py), so an English user's weeks do not move under them.
    """
    if code == SOURCE and locale in (SOURCE, "en_US"):
        return ENGLISH
    from goaltui.lang.forms import FIRST_DAYS, FORMS  # CLDR's tables: only for a language other than English

    form = FORMS.get(locale) or FORMS.get(code) or ENGLISH
    territory = locale.partition("_")[2]
    if code != SOURCE and territory and FIRST_DAYS.get(territory, 0) != form.first_weekday:
        form = form.with_first_weekday(FIRST_DAYS.get(territory, 0))
    return form


class Language:
    """What is in use: the language's code, its catalog (None for English) and its numbers' and dates' form.

    ``problem``: why the language asked for is not the one spoken (said once: on stderr, and by the app).
    """

    __slots__ = ("catalog", "code", "form", "locale", "problem")

    def __init__(
        self, code: str = SOURCE, locale: str = SOURCE, catalog: Catalog | None = None, problem: str | None = None
    ) -> None:
        self.code, self.locale, self.catalog, self.problem = code, locale, catalog, problem
        self.form: Form = form_of(locale, code)


CURRENT = Language()


def _(message: str) -> str:
    """``message`` in the user's language (itself in English, or when the catalog has no translation)."""
    catalog = CURRENT.catalog
    if catalog is None or not message:  # argparse asks for None (no description); "" is the catalog's header
        return message
    return catalog.gettext(message)


def N_(message: str) -> str:
    """Mark ``message`` for the catalog where it is defined; ``_`` translates it where it is shown."""
    return message


def ngettext(singular: str, plural: str, n: float) -> str:
    """The form of a counted phrase for ``n`` in the user's language (a whole ``n`` picks; a fraction is plural)."""
    whole = int(n) if float(n).is_integer() else 2
    catalog = CURRENT.catalog
    if catalog is None:
        return singular if whole == 1 else plural
    return catalog.ngettext(singular, plural, whole)


def pgettext(context: str, message: str) -> str:
    """``message`` as it is meant in ``context``, where one English word needs two translations."""
    catalog = CURRENT.catalog
    if catalog is None:
        return message
    return catalog.lookup(f"{context}\x04{message}") or message


def form() -> Form:
    """The numbers' and dates' form of the language in use."""
    return CURRENT.form


# --------------------------------------------------------------------------- choosing


def catalog_path(code: str) -> str:
    return os.path.join(HERE, code, "LC_MESSAGES", f"{DOMAIN}.mo")


def split_locale(value: str | None) -> tuple[str, str] | None:
    """``sv_SE.UTF-8`` -> ("sv", "sv_SE"); "sv" -> ("sv", "sv"); C, POSIX or nothing -> None."""
    if not value:
        return None
    name = value.split(".", 1)[0].split("@", 1)[0].replace("-", "_").strip()
    language = name.split("_", 1)[0].lower()
    if not language.isascii() or not language.isalpha() or language in ("c", "posix") or len(language) > 8:
        return None
    territory = name.split("_", 1)[1].upper() if "_" in name else ""
    if territory and not (territory.isascii() and territory.isalnum() and len(territory) <= 3):
        territory = ""
    return language, f"{language}_{territory}" if territory else language


class Choice:
    """The language chosen and, when it was asked for by name and goaltui does not speak it, why not (one line)."""

    __slots__ = ("code", "locale", "problem")

    def __init__(self, code: str, locale: str, problem: str | None = None) -> None:
        self.code, self.locale, self.problem = code, locale, problem


def choose(asked: str | None = None, configured: str | None = None, env: Mapping[str, str] | None = None) -> Choice:
    """``--lang``, else config.toml's ``settings.language``, else LC_ALL, LC_MESSAGES, LANG; else English.

    A language asked for by name (``--lang``, the config) that goaltui does not speak is English, with a
    problem to say once; one that only the environment names is English silently (its numbers and
    dates still follow the locale, when CLDR knows it).
    """
    environ = os.environ if env is None else env
    for value in (asked, configured):
        if value:
            split = split_locale(value)
            if split is None:
                return Choice(SOURCE, SOURCE, _unknown(value))
            code, locale = split
            if code not in NAMES:
                return Choice(SOURCE, SOURCE, _unknown(value))
            if locale == code:  # "sv": the territory, when the environment's locale is in that language
                env_split = split_locale(_environment(environ))
                if env_split and env_split[0] == code:
                    locale = env_split[1]
            return Choice(code, locale)
    split = split_locale(_environment(environ))
    if split is None:
        return Choice(SOURCE, SOURCE)
    code, locale = split
    return Choice(code if code in NAMES else SOURCE, locale)


def _environment(env: Mapping[str, str]) -> str | None:
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        if env.get(name):
            return env[name]
    return None


def _unknown(value: str) -> str:
    spoken = ", ".join(f"{code} ({name})" for code, name in NAMES.items())
    return f"no language {value!r} here yet, so English it is: goaltui speaks {spoken}"


_CATALOGS: dict[str, Catalog | None] = {}  # each language's catalog, read once a run (None: it cannot be read)


def catalog_of(code: str) -> Catalog | None:
    """``code``'s compiled catalog, read the first time it is asked for; None for English or one that cannot be read."""
    if code == SOURCE:
        return None
    if code not in _CATALOGS:
        try:
            with open(catalog_path(code), "rb") as file:
                _CATALOGS[code] = Catalog(file.read())
        except (OSError, ValueError, UnicodeDecodeError):  # struct.error is a ValueError too
            _CATALOGS[code] = None
    return _CATALOGS[code]


def use(code: str = SOURCE, locale: str | None = None, problem: str | None = None) -> Language:
    """Speak ``code`` from now on; English when its catalog cannot be read."""
    global CURRENT
    catalog = catalog_of(code)
    if catalog is None:
        code = SOURCE
    CURRENT = Language(code, locale or code, catalog, problem)
    return CURRENT


def words_in(code: str) -> Callable[[str], str]:
    """``_`` for ``code`` whatever the language in use (to recognise what goaltui wrote in another one)."""
    catalog = catalog_of(code)
    return (lambda message: message) if catalog is None else catalog.gettext


def use_choice(choice: Choice) -> Language:
    return use(choice.code, choice.locale, choice.problem)


def configured_language(config_dir: str | None) -> str | None:
    """``settings.language`` in config.toml, read without a TOML parser (the quick path reads it too).

    Only a plain ``language = "sv"`` line under ``[settings]`` counts; the full parser (store/config.py)
    says what is wrong with anything else.
    """
    if not config_dir:
        return None
    try:
        with open(os.path.join(config_dir, "config.toml"), "rb") as file:
            raw = file.read(65536)
    except OSError:
        return None
    if b"language" not in raw:
        return None
    table = ""
    for line in raw.decode("utf-8", "replace").splitlines():
        text = line.strip()
        if text.startswith("["):
            table = text.strip("[] \t")
        elif table == "settings" and text.startswith("language"):
            key, _sep, value = text.partition("=")
            value = value.split("#", 1)[0].strip()
            if key.strip() == "language" and len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
                return value[1:-1].strip() or None
    return None

"""What the import-linter contracts in pyproject.toml cannot say: what loads when a module is imported.

The layers themselves (command -> cli -> tui | serve -> store -> model; no
Textual below the app; no screen importing the app) are contracts that
`lint-imports` checks in `make test`. Each module is parsed (never imported) and every import it holds is collected:
relative ones resolved, those inside functions included, and each marked as
run at import time or not (inside a function, or under ``if TYPE_CHECKING:``).
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

import goaltui

PACKAGE = Path(goaltui.__file__).parent


@dataclass(frozen=True, slots=True)
class Import:
    """One imported name: ``goaltui.store.taplog`` for ``from goaltui.store import taplog``."""

    module: str  # the importing module
    name: str
    line: int
    at_import: bool  # runs when the module is imported (not in a function, not only for the type checker)

    def __str__(self) -> str:
        return f"{self.module}:{self.line} imports {self.name}"


def module_name(path: Path) -> str:
    parts = ["goaltui", *path.relative_to(PACKAGE).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def imports_of(source: str, module: str, *, is_package: bool = False) -> list[Import]:
    """Every import in ``source``, the text of ``module``."""
    package = module.split(".") if is_package else module.split(".")[:-1]
    found: list[Import] = []

    def visit(node: ast.AST, at_import: bool) -> None:
        if isinstance(node, ast.Import):
            found.extend(Import(module, alias.name, node.lineno, at_import) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            source_module = ".".join([*base, *([node.module] if node.module else [])])
            for alias in node.names:
                found.append(Import(module, f"{source_module}.{alias.name}", node.lineno, at_import))
        elif isinstance(node, ast.If) and _is_type_checking(node.test):
            for statement in node.body:
                visit(statement, False)
            for statement in node.orelse:
                visit(statement, at_import)
            return
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            at_import = False
        for child in ast.iter_child_nodes(node):
            visit(child, at_import)

    visit(ast.parse(source), True)
    return found


def all_imports() -> dict[str, list[Import]]:
    """The imports of every module of the package, by module name."""
    result = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        name = module_name(path)
        result[name] = imports_of(path.read_text(encoding="utf-8"), name, is_package=path.name == "__init__.py")
    return result


MODULES = all_imports()


def under(name: str, *prefixes: str) -> bool:
    """True when ``name`` is one of ``prefixes`` or inside one of them."""
    return any(name == p or name.startswith(p + ".") for p in prefixes)


def offending(
    modules: tuple[str, ...],
    allowed: tuple[str, ...] = (),
    forbidden: tuple[str, ...] = (),
    *,
    at_import_only: bool = False,
) -> list[str]:
    """Imports by ``modules`` (and those under them) of goaltui outside ``allowed``, or of anything ``forbidden``."""
    found = []
    for module, imports in MODULES.items():
        if not under(module, *modules):
            continue
        for imp in imports:
            if at_import_only and not imp.at_import:
                continue
            outside = allowed and under(imp.name, "goaltui") and not under(imp.name, *allowed)
            if outside or under(imp.name, *forbidden):
                found.append(str(imp))
    return found


def test_every_module_is_read() -> None:
    files = sorted(PACKAGE.rglob("*.py"))
    assert len(MODULES) == len(files)
    for layer in ("goaltui.model.goals", "goaltui.store.taplog", "goaltui.cli", "goaltui.tui.app"):
        assert layer in MODULES
    assert any(under(m, "goaltui.tui.screens") for m in MODULES) and any(
        under(m, "goaltui.tui.widgets") for m in MODULES
    )


def test_the_command_line_loads_the_app_only_when_it_opens_it() -> None:
    """Only the commands that open a screen import the app as they load; the Team screen is loaded when asked."""
    screens = ("goaltui.cli.app:", "goaltui.cli.review:")  # as offending() names a module: "module:line imports"
    found = offending(("goaltui.cli",), forbidden=("goaltui.tui",), at_import_only=True)
    assert [line for line in found if not line.startswith(screens)] == []
    assert len(found) == 2  # those two: each opens the app


def test_the_front_door_and_the_quick_path_load_almost_nothing() -> None:
    """Every `goaltui` run loads these two (and model.numbers, model.shown, store.files, store.quickstate) first."""
    WORDS = ("goaltui.lang.N_", "goaltui.lang._", "goaltui.lang.pgettext")  # every run has loaded goaltui.lang
    lean = {
        "goaltui.command": {
            *("gc", "os", "sys", "goaltui.lang", "goaltui.store.quick", "goaltui.store.quickstate"),
            "goaltui.model.shown.shown",
        },
        "goaltui.store.quick": {
            *("fcntl", "os", "time"),
            *("goaltui.model.numbers.quantity", "goaltui.model.numbers.SURE_N", "goaltui.store.files.open_file"),
            *("goaltui.store.tapline", "goaltui.model.standing", "goaltui.store.quickstate", "goaltui.lang._"),
        },
        "goaltui.lang": {"os", "goaltui.lang.form.ENGLISH", "goaltui.lang.form.Form"},  # a catalog: read when used
        "goaltui.lang.form": set(),
        "goaltui.store.quickstate": {"os", "sys", "zlib"},  # the state file, its folders and stamp
        "goaltui.model.standing": {"goaltui.model.numbers.count", "goaltui.model.shown.shown", *WORDS},
        "goaltui.model.numbers": {"goaltui.lang"},
        "goaltui.model.shown": set(),
        "goaltui.store.files": {"os", "stat", "goaltui.lang._"},  # stat: loaded by os itself
        "goaltui.store.tapline": {
            *("os", "goaltui.model.numbers.MAX_N", "goaltui.model.numbers.count", "goaltui.model.names.name_problem"),
            "goaltui.lang._",
        },
        "goaltui.model.names": {"goaltui.lang._"},  # the tap line checks a name with it
    }
    for module, allowed in lean.items():
        loaded = {i.name for i in MODULES[module] if i.at_import and i.name != "__future__.annotations"}
        assert loaded <= allowed, module


# --- the reader itself -----------------------------------------------------------------


SAMPLE = """
from __future__ import annotations
import json
from typing import TYPE_CHECKING
from . import calendar
from ..store.taplog import TapLog

if TYPE_CHECKING:
    from goaltui.tui.app import GoalApp
else:
    import os

def later():
    from goaltui.tui import app
"""


def test_the_reader_resolves_relative_imports_and_marks_what_runs_at_import() -> None:
    found = {(i.name, i.at_import) for i in imports_of(SAMPLE, "goaltui.model.sample")}
    assert found == {
        ("__future__.annotations", True),
        ("json", True),
        ("typing.TYPE_CHECKING", True),
        ("goaltui.model.calendar", True),
        ("goaltui.store.taplog.TapLog", True),
        ("goaltui.tui.app.GoalApp", False),
        ("os", True),
        ("goaltui.tui.app", False),
    }


def test_a_package_resolves_relative_imports_from_itself() -> None:
    found = imports_of("from . import goals\n", "goaltui.model", is_package=True)
    assert [i.name for i in found] == ["goaltui.model.goals"]


def test_no_module_is_over_500_lines() -> None:
    """A module a newcomer reads in one sitting: split by what it does when it grows past 500 lines."""
    long = {
        path.relative_to(PACKAGE).as_posix(): n
        for path in PACKAGE.rglob("*.py")
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > 500
    }
    assert long == {}

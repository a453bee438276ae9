"""Words goaltui reads back from its own sentences work in Swedish too."""

from __future__ import annotations

import pytest

from goaltui import lang
from goaltui.lang import _
from goaltui.tui.screens.goal_form import form_fix


@pytest.mark.parametrize(
    ("code", "wanted"),
    [
        ("en", ["set Target to 35 on x", "fill in Target: 20"]),
        ("sv", ["sätt Mål till 35 på x", "fyll i Mål: 20"]),
    ],
)
def test_a_smart_fix_names_the_forms_fields_in_either_language(code: str, wanted: list[str]) -> None:
    lang.use(code)
    fixes = [
        _("set target = {target} on {goal}").format(target=35, goal="x"),
        _("add target = {target}").format(target=20),
    ]
    assert [form_fix(fix) for fix in fixes] == wanted

"""The funnel panel on the daily screen: a tap repaints it without laying the screen out again."""

from __future__ import annotations

from rich.text import Text

from goaltui.tui.widgets.funnel import same_lines


def test_a_funnel_text_with_the_same_rows_needs_no_layout() -> None:
    """A tap that changes a figure of the funnel panel repaints it alone; a new line or a wrapped one lays out."""
    before = Text("prospects ── 20 % ──▶ leads\nTo get 5 more: 30 prospects a day")
    assert same_lines(before, Text("prospects ── 21 % ──▶ leads\nTo get 4 more: 29 prospects a day"), 80)
    assert not same_lines(before, Text("prospects ── 21 % ──▶ leads"), 80)  # a line less
    assert not same_lines(before, Text("prospects ── 21 % ──▶ leads\nTo get 4 more: 29 prospects a day"), 20)
    assert not same_lines("not yet shown", Text("x"), 80)

"""Files as a stranger with push access might write them: escape sequences, C1 controls, bidi overrides, markup."""

from __future__ import annotations

OSC_TITLE = "\\u001b]0;pwned\\u0007"  # as TOML writes it: the file holds the real ESC and BEL
HOSTILE_GOALS = f"""schema = 1

[metrics.prospects]
key = "p"
funnel = 1
[metrics.leads]
key = "l"
funnel = 2
[metrics.customers]
key = "c"
funnel = 3
[metrics.revenue]
key = "v"
unit = "EUR[b]x[/b]"  # markup, not control characters: a unit with those is refused as goals.toml is read

[goals.daily-prospects]
title = "Talk {OSC_TITLE}to people [bold red]red[/] \\u009b31m\\u202eevil"
metric = "prospects"
target = 30
every = "day"
why = "why \\u001b]52;c;cHduZWQ=\\u0007 clip"
how = "how \\u001b[2J clear"
start = 2026-11-16

[goals.q1-customers]
title = "Sign 40 [link=https://evil.example]click[/link]"
metric = "customers"
target = 40
start = 2026-11-16
deadline = 2027-03-31
[[goals.q1-customers.milestones]]
title = "First 10 \\u001b]0;milestone\\u0007"
due = 2026-12-31
"""
HOSTILE_REVIEW = """week = "2026-W47"
start = 2026-11-16
end = 2026-11-22
saved = 2026-11-23

[notes]
went_well = "good \\u001b]0;review\\u0007 week [b]bold[/b]"
went_badly = ""
to_change = ""
"""
# What a terminal would obey, or Textual would read: none may be drawn raw.
RAW = ("\x1b", "\x07", "\x9b", "\u202e")

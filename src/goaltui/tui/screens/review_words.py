"""The review screen's words: the notes' labels, the verdicts, a decision, and the week's funnel."""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual.content import Content

from goaltui.lang import N_, _
from goaltui.model.calendar import short_date
from goaltui.model.decisions import Decision
from goaltui.model.format import count, percent, quantity
from goaltui.model.review import NO_SHORTFALL, Review
from goaltui.model.score import SCORE_WORDS
from goaltui.tui.text import assemble, rich, styled

# Shown through _() (the language is chosen after this module is imported).
NOTE_LABELS = {"went_well": N_("Went well"), "went_badly": N_("Did not"), "to_change": N_("To change")}
NOTE_HINTS = {
    "went_well": N_("what went well this week"),
    "went_badly": N_("what did not go well"),
    "to_change": N_("what you will change next week"),
}
VERDICT_STYLE = {
    "stretch": (N_("✓✓ stretch"), "bold $pace-done"),
    "hit": (N_("✓ hit"), "$pace-done"),
    "missed": (N_("✗ missed"), "bold $pace-missed"),
    "under way": (N_("… under way"), "$pace-behind"),
}


def decision_text(d: Decision, unit: str | None, *, applied: bool) -> Text:
    """A goal's decision in the table's words ("raise → 40"); ✓ once it is saved as it stands."""
    if d.kind in ("raise", "lower"):
        value = quantity(d.value, unit)  # type: ignore[arg-type]
        words = (_("raise → {value}") if d.kind == "raise" else _("lower → {value} next")).format(value=value)
    elif d.kind == "extend":
        words = _("extend → {date}").format(date=d.value)
    else:
        words = {
            "keep": _("keep"),
            "carry": _("carry over"),
            "achieved": _("archive: achieved"),
            "dropped": _("archive: dropped"),
        }.get(d.kind, d.kind)
    return rich(words + (" ✓" if applied else ""), "dim" if d.kind == "keep" else "bold")


def funnel_text(review: Review, today: date) -> Content:
    """The week's funnel: each stage against its usual, the rates, the scores, the diagnosis, what fell due."""
    lines = []
    width = max((len(s.metric) for s in review.stages), default=0)
    for i, s in enumerate(review.stages):
        parts: list[str | tuple[str, str]] = [
            (f"{s.metric:<{width}} ", "bold"),
            f"{count(s.week):>5}",
            ("  " + _("usual") + f" {count(round(s.usual)) if s.weeks else '–':>4}", "dim"),
        ]
        if i:
            r = review.rates[i - 1]
            parts += [
                "  " + _("{percent} of {stage}").format(percent=percent(r.week), stage=r.source),
                (" " + _("(usual {percent})").format(percent=percent(r.usual)), "dim"),
            ]
        lines.append(assemble(*parts))
    if review.scores:
        scores = " · ".join(f"{goal_id} {percent(value)}" for goal_id, value in review.scores.items())
        lines.append(assemble((_("Score") + " ", "bold"), scores))
        lines.append(Content.styled(_(SCORE_WORDS), "dim"))
    for line in review.diagnosis:
        lines.append(styled(line, "$pace-done" if line == _(NO_SHORTFALL) else "$pace-behind"))
    done, undone = _("done"), _("not done")
    extras = [f"{d.what} {short_date(d.due, today)}: {d.title} ({done if d.done else undone})" for d in review.due]
    extras += [_("break {date}").format(date=short_date(b, today)) for b in review.breaks]
    if extras:
        lines.append(styled(" · ".join(extras), "dim"))
    return Content("\n").join(lines)

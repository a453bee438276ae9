"""`goaltui forget NAME`: a person's name, details and notes out of every file of this device."""

from __future__ import annotations

import argparse
from pathlib import Path

from goaltui.cli.common import Clock, load_goals
from goaltui.cli.followups import people_of
from goaltui.cli.people import checked_name, known
from goaltui.lang import _, ngettext
from goaltui.model.numbers import count
from goaltui.model.shown import shown
from goaltui.store import forget, locations


def run(args: argparse.Namespace, data: Path, clock: Clock) -> int:
    now = clock()
    plan = load_goals(data, now.date(), kept=True).plan
    name = checked_name(args.name, "NAME")
    person = known(people_of(data, plan), name, new=False)
    assert person is not None
    done = forget.forget(data, person.name, locations.device_id(), now)
    if name != person.name:
        forget.scrub_device_folders(data, name)
    taps = ngettext(
        "{n} tap kept without the name (counts stay)", "{n} taps kept without the name (counts stay)", done.taps
    ).format(n=count(done.taps))
    touches = ngettext("{n} touch removed", "{n} touches removed", done.touches).format(n=count(done.touches))
    words = _("forgot {name}: {taps}, {touches}; other devices forget them at their next start")
    print(words.format(name=shown(person.name), taps=taps, touches=touches))
    return 0

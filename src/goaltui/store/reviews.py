"""reviews/<week>.toml: one file per review, and applying its decisions to goals.toml.

A review file holds the week's results, the three notes and the decisions,
each decision with ``applied = true`` once goals.toml has it. Saving again
applies only decisions that differ from the ones already applied, so a
second save with nothing changed changes nothing on disk. Each change written
to goals.toml names the review in its note, and a change that is already
there is not written again: even a crash between the two files cannot apply
a decision twice.
"""

from __future__ import annotations

import math
import tomllib
from collections.abc import Callable
from dataclasses import field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from goaltui.lang import _
from goaltui.model.decisions import Decision, effect, is_decision_kind
from goaltui.model.format import plain_number
from goaltui.model.numbers import MAX_N
from goaltui.model.record import record
from goaltui.model.review import NOTES, Review, ReviewError
from goaltui.model.targets import due_fields
from goaltui.store import files, goalsfile, goaltables, locations
from goaltui.store.durable import locked
from goaltui.store.reviewed import FOLDER, review_path


class ReviewFileError(Exception):
    """A review file that cannot be read or written; one line saying what to do."""


@record(frozen=False)
class SavedReview:
    """A review as on disk: notes, decisions, and which of them goals.toml has."""

    label: str
    notes: dict[str, str] = field(default_factory=lambda: dict.fromkeys(NOTES, ""))
    decisions: dict[str, Decision] = field(default_factory=dict)
    applied: set[str] = field(default_factory=set)  # goal ids whose decision is applied
    saved_on: date | None = None


@record
class SaveResult:
    applied: tuple[str, ...]  # goal ids whose decision changed goals.toml now
    wrote_review: bool
    goals: goalsfile.GoalsFile


def load_review(data_dir: Path, label: str) -> SavedReview | None:
    """The saved review of a week, or None when there is none."""
    path = review_path(data_dir, label)
    try:
        raw, _st = files.read_file(data_dir, f"{FOLDER}/{label}.toml", files.REVIEW_FILE_LIMIT)
        data = tomllib.loads(raw.decode("utf-8"))
    except FileNotFoundError:
        return None
    except files.Refused as err:
        raise ReviewFileError(
            _("{error}; goaltui saves this week's review as a plain file again").format(error=err)
        ) from None
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as err:
        raise ReviewFileError(
            _("{path}: cannot be read ({error}): fix or move the file").format(path=path, error=err)
        ) from None
    saved = SavedReview(label)
    notes = data.get("notes", {})
    for key in NOTES:
        if isinstance(notes.get(key), str):
            saved.notes[key] = notes[key]
    decisions = data.get("decisions", {})
    for goal_id, raw in decisions.items() if isinstance(decisions, dict) else ():
        if isinstance(raw, dict) and is_decision_kind(raw.get("kind")) and _in_range(raw.get("value")):
            saved.decisions[goal_id] = Decision(goal_id, raw["kind"], raw.get("value"))
            if raw.get("applied") is True:
                saved.applied.add(goal_id)
    on = data.get("saved")
    saved.saved_on = on if isinstance(on, date) else None
    return saved


def review_text(
    review: Review, notes: dict[str, str], decisions: dict[str, Decision], applied: set[str], saved_on: date
) -> str:
    """The review file's TOML: week, notes, results, decisions."""
    import tomlkit

    doc = tomlkit.document()
    doc.add(tomlkit.comment(f"goaltui weekly review of {review.label} ({review.week.start} to {review.week.end})"))
    doc["week"] = review.label
    doc["start"] = review.week.start
    doc["end"] = review.week.end
    doc["saved"] = saved_on
    notes_table = tomlkit.table()
    for key in NOTES:
        notes_table[key] = tomlkit.string(notes.get(key, ""), multiline="\n" in notes.get(key, ""))
    doc["notes"] = notes_table
    results = tomlkit.table(is_super_table=True)
    for r in review.goals:
        row = tomlkit.table()
        row["target"] = plain_number(r.target, 2)
        if r.stretch is not None:
            row["stretch"] = plain_number(r.stretch, 2)
        row["actual"] = plain_number(r.actual, 2)
        row["result"] = r.verdict
        row["window"] = [r.window.start, r.window.end]
        results[r.goal_id] = row
    doc["results"] = results
    funnel = tomlkit.table(is_super_table=True)
    for stage in review.stages:
        row = tomlkit.table()
        row["week"] = plain_number(stage.week, 2)
        row["usual"] = round(stage.usual, 1)
        funnel[stage.metric] = row
    doc["funnel"] = funnel
    doc["diagnosis"] = list(review.diagnosis)
    table = tomlkit.table(is_super_table=True)
    for goal_id, d in decisions.items():
        row = tomlkit.table()
        row["kind"] = d.kind
        if d.value is not None:
            row["value"] = d.value
        row["applied"] = goal_id in applied
        table[goal_id] = row
    doc["decisions"] = table
    return tomlkit.dumps(doc)


def save_review(
    data_dir: Path,
    review: Review,
    notes: dict[str, str],
    decisions: dict[str, Decision],
    today: date,
    *,
    lock_file: Path | None = None,
    update: Callable[[goalsfile.Edit], goalsfile.Saved] | None = None,
) -> SaveResult:
    """Write the review file and apply new decisions to goals.toml, never one twice.

    Every decision is checked before anything is written (ReviewError names
    the goal and the fix). goals.toml is changed first, then the review file
    records what was applied. ``update`` rewrites goals.toml (default:
    goalsfile.update on the file as read now; the app passes its tracker's).
    """
    previous = load_review(data_dir, review.label)
    applied_before = previous.applied if previous else set()
    old = previous.decisions if previous else {}
    loaded = goalsfile.load(goalsfile.goals_path(data_dir))
    plan = loaded.plan
    results = {r.goal_id: r for r in review.goals}
    todo: dict[str, Any] = {}
    for goal_id, decision in decisions.items():
        if goal_id in applied_before and _same(old.get(goal_id), decision):
            continue
        if decision.kind == "keep":
            continue
        goal = plan.goals.get(goal_id)
        if goal is None:
            raise ReviewError(_("goal '{id}' is no longer in goals.toml: choose keep for it").format(id=goal_id))
        todo[goal_id] = effect(decision, goal, plan.settings, results.get(goal_id), today)
    label = review.label
    begun = {goal_id: fields for goal_id, goal in plan.goals.items() if (fields := due_fields(goal, today))}

    def edit(doc: Any) -> None:
        for goal_id, fields in begun.items():  # changes decided earlier that have begun: the file says so now
            goaltables.set_fields(goaltables.goal_table(doc, goal_id), fields)
        for goal_id, eff in todo.items():
            table = goaltables.goal_table(doc, goal_id)
            marks = {(c.get("what"), str(c.get("new")), c.get("note")) for c in table.get("changes", [])}
            fresh = [c for c in eff.changes if (c.what, str(c.new), f"{c.note} ({label})") not in marks]
            if not fresh:
                continue  # already in the file: a save that crashed before recording it
            goaltables.set_fields(table, eff.fields)
            for c in fresh:
                goaltables.append_table(
                    table,
                    "changes",
                    {
                        "on": c.on,
                        "what": c.what,
                        "old": c.old,
                        "new": c.new,
                        "effective": c.effective,
                        "note": f"{c.note} ({label})",
                    },
                )

    file = loaded
    if todo or begun:
        try:
            rewrite = update or (lambda e: goalsfile.update(loaded, e, lock_file=lock_file))
            file = rewrite(edit).file
        except goalsfile.GoalsFileError as err:
            raise ReviewFileError(str(err)) from None
    applied = {g for g in applied_before if _same(old.get(g), decisions.get(g))} | set(todo)
    applied |= {g for g, d in decisions.items() if d.kind == "keep"}
    saved_on = previous.saved_on if previous and previous.saved_on else today
    text = review_text(review, notes, decisions, applied, saved_on)
    path = review_path(data_dir, label)
    wrote = False
    try:
        with locked(lock_file or locations.lock_path(data_dir)):  # never while a sync merges this folder
            rel = f"{FOLDER}/{label}.toml"
            try:
                current: bytes | None = files.read_file(data_dir, rel, files.REVIEW_FILE_LIMIT)[0]
            except (FileNotFoundError, files.Refused):
                current = None  # none yet, or a link or pipe there: replaced by the review, never followed
            if current != text.encode("utf-8"):
                files.replace_file(data_dir, rel, text.encode("utf-8"))
                wrote = True
    except OSError as err:
        raise ReviewFileError(_("{path}: not saved: {reason}").format(path=path, reason=err.strerror or err)) from None
    return SaveResult(tuple(todo), wrote, file)


def _in_range(value: object) -> bool:
    """A decision's value as a review file may hold it: none, a finite number a goal can have, or a date."""
    if value is None or (isinstance(value, date) and not isinstance(value, datetime)):
        return value is None or value.year >= 1900
    if isinstance(value, bool) or not isinstance(value, int | float):
        return False
    return math.isfinite(value) and abs(value) <= MAX_N


def _same(a: Decision | None, b: Decision | None) -> bool:
    if a is None or b is None:
        return a is b
    return a.kind == b.kind and a.value == b.value

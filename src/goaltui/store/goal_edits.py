"""Edits of goals.toml for the goals screen: each returns a function for goalsfile.update.

Every edit assigns only what changed, so the user's comments and layout stay.
An edit runs on the file as it is on disk at save time (it may have changed
since it was loaded), so each one checks that what it changes is still there
and raises KeyError or ValueError with a plain message when it is not; update
turns that into a GoalsFileError and leaves the file as it was. No Textual.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from goaltui.lang import _
from goaltui.model.format import plain_number
from goaltui.model.goals import GOAL_FIELDS, is_slug
from goaltui.store.goalsfile import Edit
from goaltui.store.goaltables import append_table, goal_table, set_fields


def _clean(fields: dict[str, Any]) -> dict[str, Any]:
    unknown = set(fields) - set(GOAL_FIELDS) - {"status"}
    if unknown:
        raise ValueError(_("unknown goal field(s): {fields}").format(fields=", ".join(sorted(unknown))))
    out = dict(fields)
    for key in ("target", "stretch"):
        if key in out:
            out[key] = None if out[key] is None else plain_number(out[key])
    return out


def create_goal(goal_id: str, fields: dict[str, Any], *, metric: tuple[str, str] | None = None) -> Edit:
    """Add [goals.<goal_id>] with ``fields`` (and first a new [metrics.<id>] with its key)."""
    if not is_slug(goal_id):
        raise ValueError(_("'{id}' is not a simple id: use lower-case letters, digits and hyphens").format(id=goal_id))
    values = _clean(fields)

    def edit(doc: Any) -> None:
        goals = doc.get("goals")
        if goals is not None and goal_id in goals:
            raise ValueError(
                _("a goal with the id '{id}' is already in the file: choose another id").format(id=goal_id)
            )
        if metric is not None:
            add_metric(*metric)(doc)
        table = goal_table(doc, goal_id, create=True)
        set_fields(table, {k: v for k, v in values.items() if v is not None and v != ""})

    return edit


def update_goal(goal_id: str, changed: dict[str, Any], *, metric: tuple[str, str] | None = None) -> Edit:
    """Assign the ``changed`` fields of a goal (None or "" removes one)."""
    values = _clean(changed)

    def edit(doc: Any) -> None:
        table = goal_table(doc, goal_id)
        if metric is not None:
            add_metric(*metric)(doc)
        set_fields(table, values)

    return edit


def set_status(goal_id: str, status: str) -> Edit:
    """Archive (``"archived"``) or restore (``"active"``) a goal; it stays in the file."""
    if status not in ("active", "archived"):
        raise ValueError(_("status {status}: use active or archived").format(status=repr(status)))

    def edit(doc: Any) -> None:
        table = goal_table(doc, goal_id)
        if status == "active":
            if "status" in table:
                del table["status"]
        else:
            set_fields(table, {"status": status})

    return edit


def add_metric(metric_id: str, key: str) -> Edit:
    """Add [metrics.<metric_id>] with ``key``; refuses an id or key already in the file."""
    import tomlkit

    if not is_slug(metric_id):
        raise ValueError(
            _("'{id}' is not a simple metric name: use lower-case letters, digits and hyphens").format(id=metric_id)
        )

    def edit(doc: Any) -> None:
        metrics = doc.get("metrics")
        if metrics is None:
            metrics = tomlkit.table(is_super_table=True)
            doc["metrics"] = metrics
        if metric_id in metrics:
            raise ValueError(_("metric '{id}' is already in the file").format(id=metric_id))
        for other, spec in metrics.items():
            if isinstance(spec, dict) and spec.get("key", other[:1]) == key:
                raise ValueError(_("key '{key}' is already used by metric '{metric}'").format(key=key, metric=other))
        table = tomlkit.table()
        table["key"] = key
        metrics[metric_id] = table

    return edit


def _milestone(table: Any, index: int, title: str) -> Any:
    """Milestone ``index`` of a goal, checked by title: the file may have changed since."""
    items = table.get("milestones")
    if items is None or index >= len(items) or items[index].get("title", "") != title:
        raise KeyError(_("milestone '{title}' is no longer where it was in the file").format(title=title))
    return items[index]


def add_milestone(goal_id: str, title: str, due: date | None) -> Edit:
    """Append a [[goals.<id>.milestones]] entry, not done."""
    if not title.strip():
        raise ValueError(_("a milestone needs a title"))

    def edit(doc: Any) -> None:
        append_table(goal_table(doc, goal_id), "milestones", {"title": title.strip(), "due": due, "done": False})

    return edit


def set_milestone_done(goal_id: str, index: int, title: str, done: bool) -> Edit:
    """Tick (or untick) milestone ``index`` of a goal."""

    def edit(doc: Any) -> None:
        set_fields(_milestone(goal_table(doc, goal_id), index, title), {"done": done})

    return edit


def remove_milestone(goal_id: str, index: int, title: str) -> Edit:
    """Remove milestone ``index`` of a goal (the others keep their order)."""

    def edit(doc: Any) -> None:
        table = goal_table(doc, goal_id)
        _milestone(table, index, title)
        items = table["milestones"]
        del items[index]
        if not len(items):
            del table["milestones"]

    return edit

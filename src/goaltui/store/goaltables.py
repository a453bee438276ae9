"""A goal's table in goals.toml, changed in place with tomlkit so the user's comments and layout stay.

Each function assigns only what changed: a new key goes after the table's
last plain key, and a new [[...]] entry (a milestone, a change) before the
blank line and comments that close the goal, which introduce what follows.
The edits of store/goal_edits.py and the review's changes (store/reviews.py)
are made of these; goalsfile.update runs them on the file as it is on disk.
tomlkit is imported only when an edit runs.
"""

from __future__ import annotations

from typing import Any

from goaltui.lang import _


def goal_table(doc: Any, goal_id: str, *, create: bool = False) -> Any:
    """The [goals.<id>] table of a tomlkit document."""
    import tomlkit

    goals = doc.get("goals")
    if goals is None:
        if not create:
            raise KeyError(_("goal '{id}' is no longer in the file").format(id=goal_id))
        goals = tomlkit.table(is_super_table=True)
        doc["goals"] = goals
    if goal_id not in goals:
        if not create:
            raise KeyError(_("goal '{id}' is no longer in the file").format(id=goal_id))
        goals[goal_id] = tomlkit.table()
    return goals[goal_id]


def set_fields(table: Any, fields: dict[str, Any]) -> None:
    """Assign only the fields whose value differs; a value of None (or "") removes the key.

    A new key goes after the table's last plain key. Appending would put it
    after the comments that close the table (they often introduce the next
    one) or after its [[milestones]], where it would belong to the last one.
    """
    for key, value in fields.items():
        if value is None or value == "":
            if key in table:
                del table[key]
        elif key in table:
            if table.get(key) != value:
                table[key] = value
        else:
            _insert(table, key, value)


def _insert(table: Any, key: str, value: Any) -> None:
    """Put a new key right after the table's last plain key.

    tomlkit has no public way to insert at a position; `Container._insert_at`
    is the one it uses itself (0.13 to 0.15 alike), and tomlkit is pinned to
    one version so that a change there shows as a failing layout test.
    """
    import tomlkit
    from tomlkit.items import AoT, Table

    container = getattr(table, "value", None)
    body = getattr(container, "body", None)
    insert_at = getattr(container, "_insert_at", None)
    plain = [i for i, (k, item) in enumerate(body or []) if k is not None and not isinstance(item, Table | AoT)]
    if not plain or insert_at is None or plain[-1] + 1 >= len(body or []):
        table[key] = value  # nothing after the last key (or no helper): appending is the same place
        return
    insert_at(plain[-1] + 1, key, tomlkit.item(value))


def append_table(table: Any, key: str, fields: dict[str, Any]) -> None:
    """Append one [[...key]] entry (milestones, changes) to a goal, with the goal's other tables.

    The entry goes before the blank line and comments that close the goal:
    they introduce what follows (the next goal, or the starter's note on
    one-off goals), so they stay after it.
    """
    import tomlkit

    entry = tomlkit.table()
    for k, v in fields.items():
        if v is not None:
            entry[k] = v
    closing = _closing_lines(table)
    if key not in table:
        aot = tomlkit.aot()
        aot.append(entry)
        table[key] = aot
    else:
        table[key].append(entry)
    _last_body(table).extend(closing)


def _last_body(table: Any) -> list[Any]:
    """The body (list of key and item) of what a goal's text ends with: itself, or its last subtable."""
    from tomlkit.items import AoT, Table

    body: list[Any] = table.value.body
    while body:
        keyed = [item for k, item in body if k is not None]
        last = keyed[-1] if keyed else None
        if isinstance(last, AoT) and last.body:
            body = last.body[-1].value.body
        elif isinstance(last, Table):
            body = last.value.body
        else:
            break
    return body


def _closing_lines(table: Any) -> list[Any]:
    """Take the blank line and comments that end a goal's text off it, and return them.

    From the first blank line of the trailing comments on: a comment right
    under a key, with no blank line between, stays with the goal.
    """
    from tomlkit.items import Comment, Whitespace

    body = _last_body(table)
    end = len(body)
    while end and body[end - 1][0] is None and isinstance(body[end - 1][1], Comment | Whitespace):
        end -= 1
    start = next((i for i in range(end, len(body)) if isinstance(body[i][1], Whitespace)), len(body))
    closing = body[start:]
    del body[start:]
    return closing

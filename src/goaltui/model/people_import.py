"""`goaltui import people FILE.csv`: a spreadsheet of contacts read into touches, idempotently.

Pure: the text of the file in, rows and problems out; then what each row
would change for the people already known. A row changes only what differs,
so importing the same file twice changes nothing. A person's stage from a
file counts nothing (a ``stage`` touch): the counts stay the taps you made.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from dataclasses import field
from datetime import date

from goaltui.lang import _
from goaltui.model.names import DETAIL_FIELDS, clean_name, name_key
from goaltui.model.numbers import count
from goaltui.model.people import MAX_DETAIL, MAX_NOTE, Person
from goaltui.model.record import record

COLUMNS = ("name", "stage", "follow_up", *DETAIL_FIELDS, "note")
_ALIASES = {"next_follow_up": "follow_up", "followup": "follow_up", "next_followup": "follow_up", "follow": "follow_up"}
TEMPLATE = (
    "name,stage,next follow-up,company,phone,email,note\r\n"
    "Ben Ortiz,leads,2026-12-04,Acme,+46 70 123 45 67,ben@example.com,asked for the price list\r\n"
    "Ann Lee,prospects,,,,,met at the fair\r\n"
)
MAX_ROWS = 100_000


@record
class Row:
    line: int
    name: str
    stage: str = ""
    follow_up: date | None = None
    details: tuple[tuple[str, str], ...] = ()
    note: str = ""


@record(frozen=False)
class Parsed:
    rows: list[Row] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # "line 4: ...": skipped rows


def _column(header: str) -> str:
    word = "_".join(header.strip().lower().replace("-", " ").split())
    return _ALIASES.get(word, word)


def parse_rows(text: str, stages: Mapping[str, str]) -> Parsed:
    """The rows of a CSV (comma or semicolon, a header row); ``stages``: what a stage may be written as -> metric id."""
    text = text.removeprefix("\ufeff")
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    result = Parsed()
    try:
        header = [_column(h) for h in next(reader)]
    except StopIteration:
        result.problems.append(_("line 1: the file is empty: it needs a header row (see --template)"))
        return result
    if "name" not in header:
        result.problems.append(
            _("line 1: no name column in the header ({columns}; see --template)").format(columns=", ".join(COLUMNS))
        )
        return result
    unknown = [h for h in header if h and h not in COLUMNS]
    if unknown:
        result.problems.append(
            _("line 1: columns {unknown} are not read ({columns})").format(
                unknown=", ".join(unknown), columns=", ".join(COLUMNS)
            )
        )
    seen: dict[str, int] = {}
    try:
        for cells in reader:
            line = reader.line_num
            if len(result.rows) >= MAX_ROWS:
                result.problems.append(
                    _("line {line}: more than {most} rows: the rest is not read").format(
                        line=line, most=count(MAX_ROWS)
                    )
                )
                break
            if not any(c.strip() for c in cells):
                continue
            values = {h: c.strip() for h, c in zip(header, cells, strict=False) if h in COLUMNS}
            try:
                row = _row(line, values, stages)
            except ValueError as err:
                result.problems.append(_("line {line}: {problem}: skipped").format(line=line, problem=err))
                continue
            key = name_key(row.name)
            if key in seen:
                result.problems.append(
                    _("line {line}: {name} is on line {first} already: skipped").format(
                        line=line, name=row.name, first=seen[key]
                    )
                )
                continue
            seen[key] = line
            result.rows.append(row)
    except csv.Error as err:
        result.problems.append(
            _("line {line}: not CSV ({problem}): the rest is not read").format(line=reader.line_num, problem=err)
        )
    return result


def _row(line: int, values: dict[str, str], stages: Mapping[str, str]) -> Row:
    try:
        name = clean_name(values.get("name", ""))
    except ValueError as err:
        raise ValueError(_("name: {problem}").format(problem=err)) from None
    stage_text = values.get("stage", "").lower()
    stage = stages.get(stage_text, "") if stage_text else ""
    if stage_text and not stage:
        raise ValueError(
            _("stage {stage} is not a funnel stage ({stages})").format(
                stage=repr(stage_text[:30]), stages=", ".join(sorted(set(stages.values())))
            )
        )
    follow_text = values.get("follow_up", "")
    try:
        follow_up = date.fromisoformat(follow_text) if follow_text else None
    except ValueError:
        raise ValueError(
            _("next follow-up {text} is not a day like 2026-12-04").format(text=repr(follow_text[:30]))
        ) from None
    if follow_up is not None and not date(1900, 1, 1) <= follow_up <= date(9998, 12, 31):
        raise ValueError(_("next follow-up is out of range"))
    details = []
    for name_ in DETAIL_FIELDS:
        value = values.get(name_, "")
        if len(value) > MAX_DETAIL or not value.isprintable():
            raise ValueError(
                _("{column} is not one line of at most {most} characters").format(column=name_, most=MAX_DETAIL)
            )
        if value:
            details.append((name_, value))
    note = values.get("note", "")
    if len(note) > MAX_NOTE:
        raise ValueError(_("note has more than {most} characters").format(most=MAX_NOTE))
    return Row(line, name, stage, follow_up, tuple(details), note)


@record
class Change:
    """What one row changes: each a touch to append; empty when the person is as the row says."""

    row: Row
    new: bool
    stage: str = ""
    follow_up: date | None = None
    details: tuple[tuple[str, str], ...] = ()
    note: str = ""

    @property
    def empty(self) -> bool:
        return not (self.stage or self.follow_up or self.details or self.note)


def changes(rows: list[Row], people: Mapping[str, Person], funnel: list[str]) -> list[Change]:
    """For each row, what differs from the person known (or all of it, for someone new)."""
    rank = {metric: i for i, metric in enumerate(funnel)}
    found = []
    for row in rows:
        person = people.get(name_key(row.name))
        if person is None:
            found.append(Change(row, True, row.stage, row.follow_up, row.details, row.note))
            continue
        stage = row.stage if row.stage and rank.get(row.stage, -1) > rank.get(person.stage, -1) else ""
        follow = row.follow_up if row.follow_up and row.follow_up != person.follow_up else None
        details = tuple((k, v) for k, v in row.details if person.details.get(k) != v)
        noted = {e.text for e in person.events if e.kind == "note"}
        note = row.note if row.note and row.note not in noted else ""
        found.append(Change(row, False, stage, follow, details, note))
    return found

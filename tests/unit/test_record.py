"""A record says, compares and hashes exactly as the dataclass it stands for."""

from __future__ import annotations

import dataclasses
import pickle
from dataclasses import dataclass, field

import pytest
from hypothesis import given
from hypothesis import strategies as st

from goaltui.model.record import record


@dataclass(frozen=True, slots=True)
class Plain:
    name: str
    n: int = 0
    tags: tuple[str, ...] = ()
    note: str = field(default="", compare=False)
    secret: str = field(default="", repr=False)
    cached: int = field(default=0, hash=False)


@record
class Rec:
    name: str
    n: int = 0
    tags: tuple[str, ...] = ()
    note: str = field(default="", compare=False)
    secret: str = field(default="", repr=False)
    cached: int = field(default=0, hash=False)


@record
class One:
    n: int


@record
class Nothing:
    pass


@record(frozen=False)
class Mutable:
    items: list[int] = field(default_factory=list)


@record
class OwnWords:
    n: int

    def __repr__(self) -> str:
        return "own"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, OwnWords)

    __hash__ = object.__hash__


values = st.tuples(st.text(max_size=5), st.integers(), st.lists(st.text(max_size=3), max_size=3).map(tuple))


@given(values, values, st.text(max_size=3), st.integers())
def test_a_record_reads_compares_and_hashes_as_its_dataclass(a, b, note: str, cached: int) -> None:
    (name, n, tags), (name2, n2, tags2) = a, b
    plain_a, rec_a = Plain(name, n, tags, note, "s", cached), Rec(name, n, tags, note, "s", cached)
    plain_b, rec_b = Plain(name2, n2, tags2), Rec(name2, n2, tags2)
    assert repr(rec_a).removeprefix("Rec") == repr(plain_a).removeprefix("Plain")
    assert (rec_a == rec_b) == (plain_a == plain_b)
    assert (rec_a != rec_b) == (plain_a != plain_b)
    assert hash(rec_a) == hash(plain_a)
    assert rec_a == dataclasses.replace(rec_a, note="other")  # not compared: still equal
    assert hash(rec_a) == hash(dataclasses.replace(rec_a, cached=cached + 1))  # compared, not hashed
    other: object = plain_a
    assert rec_a != other  # another class is never equal, as between dataclasses


def test_a_record_is_a_frozen_dataclass_with_slots() -> None:
    rec = Rec("x", 1)
    with pytest.raises(dataclasses.FrozenInstanceError):
        rec.n = 2  # type: ignore[misc]
    assert not hasattr(rec, "__dict__")
    assert [f.name for f in dataclasses.fields(rec)] == ["name", "n", "tags", "note", "secret", "cached"]
    assert dataclasses.asdict(rec)["n"] == 1
    assert pickle.loads(pickle.dumps(rec)) == rec
    assert (One(3), repr(One(3)), hash(One(3))) == (One(3), "One(n=3)", hash((3,)))
    assert (Nothing() == Nothing(), repr(Nothing()), hash(Nothing())) == (True, "Nothing()", hash(()))
    assert Rec.__match_args__ == ("name", "n", "tags", "note", "secret", "cached")


def test_a_mutable_record_is_unhashable_and_what_a_class_defines_stays() -> None:
    box = Mutable()
    box.items.append(1)
    box.items = [2]
    assert box == Mutable([2]) and repr(box) == "Mutable(items=[2])"
    with pytest.raises(TypeError):
        hash(box)
    assert repr(OwnWords(1)) == "own" and OwnWords(1) == OwnWords(2)
    assert hash(OwnWords(1)) != hash(OwnWords(1))  # object's identity hash, as the class says

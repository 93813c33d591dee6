"""Building blocks of a table declaration: fields with types, docs and constraints."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

import pyarrow as pa

#: Every timestamp is UTC, microsecond precision.
TIMESTAMP = pa.timestamp("us", tz="UTC")
#: Every money amount.
MONEY = pa.decimal128(18, 2)
STRINGS = pa.list_(pa.string())


@dataclass(frozen=True)
class Check:
    """A constraint on a field's values, beyond its type.

    ``kind`` is one of: ``e164`` (an E.164 phone number), ``sender`` (E.164, a short code of
    3-8 digits, or an alphanumeric sender id of up to 11 characters), ``non_negative``,
    ``currency`` (an ISO 4217 code), ``enum`` (one of ``values``), ``entity`` (a typed entity
    id ``kind:value``), ``range`` (``low`` <= value <= ``high``), ``not_empty``.
    """

    kind: str
    values: tuple[str, ...] = ()
    low: float | None = None
    high: float | None = None

    def describe(self) -> str:
        if self.kind == "enum":
            return "one of " + ", ".join(self.values)
        if self.kind == "range":
            return f"between {self.low:g} and {self.high:g}"
        return _CHECK_TEXT[self.kind]


_CHECK_TEXT = {
    "e164": "an E.164 phone number (+ then 8-15 digits)",
    "sender": "an E.164 number, a 3-8 digit short code or an alphanumeric sender id (max 11 chars)",
    "non_negative": "zero or more",
    "currency": "an ISO 4217 currency code (3 capital letters, e.g. CNY)",
    "entity": "a typed entity id kind:value (e.g. phone:+8613812345678)",
    "not_empty": "a non-empty text",
}


def one_of(enum: type[StrEnum]) -> Check:
    return Check("enum", tuple(member.value for member in enum))


@dataclass(frozen=True)
class Field:
    name: str
    type: pa.DataType
    doc: str
    nullable: bool = False
    check: Check | None = None

    def arrow(self) -> pa.Field:
        return pa.field(self.name, self.type, nullable=self.nullable)


@dataclass(frozen=True)
class TableSpec:
    name: str
    doc: str
    role: str  # "reference", "event" or "output"
    fields: tuple[Field, ...]
    key: tuple[str, ...]
    time_field: str | None = None
    _by_name: dict[str, Field] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        names = [f.name for f in self.fields]
        if len(set(names)) != len(names):
            raise ValueError(f"table {self.name}: duplicate field names")
        missing = set(self.key) - set(names)
        if missing:
            raise ValueError(f"table {self.name}: key fields {missing} not declared")
        self._by_name.update({f.name: f for f in self.fields})

    @property
    def schema(self) -> pa.Schema:
        return pa.schema([f.arrow() for f in self.fields])

    @property
    def column_names(self) -> list[str]:
        return [f.name for f in self.fields]

    @property
    def required(self) -> list[str]:
        return [f.name for f in self.fields if not f.nullable]

    def field(self, name: str) -> Field:
        return self._by_name[name]

    def empty(self) -> pa.Table:
        return self.schema.empty_table()

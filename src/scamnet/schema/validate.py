"""Vectorised validation of canonical Arrow tables against their ``TableSpec``.

Each rule turns a whole column into a mask of bad rows with one ``pyarrow.compute`` call, so
millions of rows are checked without a Python loop per row. Only the first few bad rows become
``Problem`` objects (file, row, column, value, what was expected); the rest are counted.
The decision service checks a few posted rows at a time: ``row_passes`` reads the same ``Check``
of each field one value at a time and only ever accepts (a row it cannot vouch for goes to the
column checks, which name its problems), so the two cannot disagree on what is refused, nor how.

>>> import pyarrow as pa
>>> from scamnet.schema import table
>>> items = pa.table({"report_id": ["R1", "R1"], "kind": ["phone", "fax"], "value": ["+8613812345678", "x"]})
>>> found = check_table(table("report_items"), items, source="items.csv", rows=pa.array([2, 3]))
>>> found.total
1
>>> print(found.problems[0])  # doctest: +ELLIPSIS
items.csv, line 3, column 'kind': got 'fax', expected one of phone, account, card, ...
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from scamnet.core.enums import EntityKind
from scamnet.core.errors import Problem
from scamnet.schema.chain import ADDRESS_COLUMNS, address_faults
from scamnet.schema.currencies import ISO_4217
from scamnet.schema.entities import E164_PATTERN
from scamnet.schema.fields import Check, TableSpec

SENDER_PATTERN = re.compile(r"^(\+[1-9][0-9]{7,14}|[0-9]{3,8}|[A-Za-z0-9][A-Za-z0-9 ._&'-]{0,10})$")
ENTITY_PATTERN = re.compile(r"^(" + "|".join(k.value for k in EntityKind) + r"):\S")
REQUIRED = "a value (the field is required)"
_CURRENCIES = pa.array(sorted(ISO_4217))


@dataclass(frozen=True)
class Fault:
    """The rows of one column that break one rule: ``mask`` is true where a row is bad."""

    column: str | None
    mask: pa.Array
    values: pa.Array
    expected: str


@dataclass
class Findings:
    """The first ``limit`` problems of an input, in row order, and how many there are in all."""

    problems: list[Problem] = field(default_factory=list)
    total: int = 0
    limit: int = 20

    def add(self, problems: Iterable[Problem], total: int) -> None:
        room = self.limit - len(self.problems)
        self.problems.extend(list(problems)[: max(room, 0)])
        self.total += total

    def __bool__(self) -> bool:
        return self.total > 0


def bad_values(check: Check, values: pa.Array) -> pa.Array:
    """A boolean mask, true where a value breaks ``check``; nulls are never bad here."""
    mask = _RULES[check.kind](check, values)
    return pc.and_(mask, values.is_valid()).fill_null(False)


def _regex(pattern: re.Pattern[str]):
    return lambda _check, values: pc.invert(pc.match_substring_regex(values, pattern.pattern))


def _non_negative(_check: Check, values: pa.Array) -> pa.Array:
    zero = pa.scalar(Decimal(0), values.type) if pa.types.is_decimal(values.type) else 0
    return pc.less(values, zero)


def _in_set(allowed: pa.Array, values: pa.Array) -> pa.Array:
    return pc.invert(pc.is_in(values, value_set=allowed))


def _range(check: Check, values: pa.Array) -> pa.Array:
    return pc.or_(pc.less(values, check.low), pc.greater(values, check.high))


def _blank(_check: Check, values: pa.Array) -> pa.Array:
    return pc.equal(pc.utf8_length(pc.utf8_trim_whitespace(values)), 0)


_RULES = {
    "e164": _regex(E164_PATTERN),
    "sender": _regex(SENDER_PATTERN),
    "entity": _regex(ENTITY_PATTERN),
    "non_negative": _non_negative,
    "currency": lambda _check, values: _in_set(_CURRENCIES, values),
    "enum": lambda check, values: _in_set(pa.array(check.values, pa.string()), values),
    "range": _range,
    "not_empty": _blank,
}


def _visible(text: str) -> bool:
    """A text with a printable ASCII character: not blank by any reckoning of white space (Python's or Arrow's)."""
    return _PRINTABLE(text) is not None


_PRINTABLE = re.compile("[!-~]").search  # "!" <= c <= "~": one search instead of a generator over the text


def _matches(pattern: re.Pattern[str], *, ascii_only: bool = False) -> Callable[[Check], Callable[[Any], bool]]:
    # Python's ``$`` also matches before a final newline, RE2's does not: a text ending in one is left to Arrow
    search = pattern.search
    if ascii_only:
        return lambda _check: lambda value: value.isascii() and search(value) is not None and not value.endswith("\n")
    return lambda _check: lambda value: search(value) is not None and not value.endswith("\n")


def _within(check: Check) -> Callable[[Any], bool]:
    low, high = check.low, check.high
    return lambda value: bool(low <= value <= high)


#: Per check kind: the check of a single value, made once per field: true when the value surely passes the check
#: ``_RULES`` applies to a column (false: it may not, and the column check decides). The serve path accepts a posted
#: row on these and refuses with ``_RULES``'s words (``tests/schema/test_row_checks.py`` holds the two to each other).
#: One call per value (a set's own ``__contains__`` where it is one look-up).
_ROW_RULES: dict[str, Callable[[Check], Callable[[Any], bool]]] = {
    "e164": _matches(E164_PATTERN),
    "sender": _matches(SENDER_PATTERN),
    "entity": _matches(ENTITY_PATTERN, ascii_only=True),
    "non_negative": lambda _check: lambda value: value >= 0,
    "currency": lambda _check: ISO_4217.__contains__,
    "enum": lambda check: check.values.__contains__,
    "range": _within,
    "not_empty": lambda _check: _visible,
}


def row_passes(spec: TableSpec, row: Mapping[str, Any]) -> bool:
    """Whether one canonical row surely breaks no rule of ``column_faults``: no null in a required field, every
    value within its check. False when it may break one: ``column_faults`` then names the problems."""
    checkable, checks = row_checks(spec)
    if not checkable:
        return False
    for name, required, passes in checks:
        value = row.get(name)
        if value is None:
            if required:
                return False
        elif passes is not None and not passes(value):
            return False
    return True


RowCheck = tuple[str, bool, Callable[[Any], bool] | None]
_ROW_CHECKS: dict[str, tuple[bool, list[RowCheck]]] = {}


def row_checks(spec: TableSpec) -> tuple[bool, list[RowCheck]]:
    """What ``row_passes`` checks (made once per table): whether rows of ``spec`` can be checked one by one, and per
    field checked its name, whether it is required and its check of one value."""
    made = _ROW_CHECKS.get(spec.name)
    if made is None:
        made = _ROW_CHECKS[spec.name] = _row_checks(spec)
    return made


def _row_checks(spec: TableSpec) -> tuple[bool, list[RowCheck]]:
    """Whether rows of ``spec`` can be checked one by one (addresses are checked against their row's chain, by the
    column checks only), and per field checked: its name, whether it is required, its check."""
    checks: list[RowCheck] = [(f.name, not f.nullable, _ROW_RULES[f.check.kind](f.check) if f.check else None)
              for f in spec.fields if not f.nullable or f.check is not None]
    return spec.name not in ADDRESS_COLUMNS, checks


def missing_columns(spec: TableSpec, names: Iterable[str]) -> list[str]:
    """Required columns of ``spec`` that ``names`` lacks."""
    given = set(names)
    return [name for name in spec.required if name not in given]


def missing_column_problem(source: str, name: str, present: Iterable[str]) -> Problem:
    """The problem of a required column absent from an input that has the columns ``present``."""
    return Problem(source, None, name, "columns " + ", ".join(present), "a column of that name (it is required)")


def column_faults(spec: TableSpec, data: pa.Table, *, already_bad: Mapping[str, pa.Array] | None = None) -> list[Fault]:
    """Nulls in required fields and values that break their field's check.

    ``already_bad`` masks rows of a column that failed earlier (e.g. could not be read as a
    number), so they are not reported twice.
    """
    faults = []
    for spec_field in spec.fields:
        if spec_field.name not in data.column_names:
            continue
        values = data.column(spec_field.name).combine_chunks()
        if not spec_field.nullable:
            nulls = values.is_null()
            if already_bad and spec_field.name in already_bad:
                nulls = pc.and_(nulls, pc.invert(already_bad[spec_field.name]))
            faults.append(Fault(spec_field.name, nulls, values, REQUIRED))
        if spec_field.check is not None:
            faults.append(Fault(spec_field.name, bad_values(spec_field.check, values), values, spec_field.check.describe()))
    return faults + [Fault(*found) for found in address_faults(spec, data)]


def problems_of(
    faults: Iterable[Fault], *, source: str, rows: pa.Array, row_label: str = "line", limit: int = 20
) -> tuple[list[Problem], int]:
    """The first ``limit`` problems among ``faults`` in row order, and the count of all of them."""
    found: list[tuple[int, int, Problem]] = []
    total = 0
    for order, fault in enumerate(faults):
        count = pc.sum(fault.mask).as_py() or 0
        if not count:
            continue
        total += count
        for index in pc.indices_nonzero(fault.mask)[:limit].to_pylist():
            row = rows[index].as_py()
            problem = Problem(source, row, fault.column, _shown(fault.values[index].as_py()), fault.expected, row_label)
            found.append((row, order, problem))
    found.sort(key=lambda item: (item[0], item[1]))
    return [problem for _, _, problem in found[:limit]], total


def _shown(value: object) -> object:
    """Values as a user would write them: ``-5.00`` rather than ``Decimal('-5.00')``."""
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime):
        return value.isoformat()
    return value


def check_table(
    spec: TableSpec,
    data: pa.Table,
    *,
    source: str,
    rows: pa.Array | None = None,
    row_label: str = "line",
    limit: int = 20,
) -> Findings:
    """Every rule of ``spec`` over ``data`` (canonical column names and types).

    ``rows`` numbers the rows for messages (line numbers of a CSV file, say); by default 1, 2, ...
    """
    findings = Findings(limit=limit)
    for name in missing_columns(spec, data.column_names):
        findings.add([missing_column_problem(source, name, data.column_names)], 1)
    numbers = rows if rows is not None else pa.array(range(1, data.num_rows + 1), pa.int64())
    problems, total = problems_of(column_faults(spec, data), source=source, rows=numbers, row_label=row_label, limit=limit)
    findings.add(problems, total)
    return findings

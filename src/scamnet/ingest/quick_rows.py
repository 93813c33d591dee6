"""Posted records of one field set, converted and checked by one generated Python function (the quick road, fast).

``records.validated_rows`` takes records written the canonical way through ``quick``'s conversions
and ``schema.validate.row_passes``'s checks, without Arrow. Field by field that is a loop step, a
conversion wrapper and a check call per value; here the fields of one set (the record fields
posted, the table, the settings) are written out once as the source of one function, which makes
a batch's rows, or answers None where the field-by-field road would (a value that road does not
take raises ``NotQuick``, as there). ``tests/ingest/test_quick_rows.py`` holds the two equal.

>>> from scamnet.core.settings import Settings
>>> from scamnet.schema import table
>>> rows_of = rows_function(table("transfers"), ("txn_id", "ts", "dst_account", "amount", "channel"), Settings(), "body")
>>> rows_of([{"txn_id": "t1", "ts": "2026-03-01T09:05:00Z", "dst_account": "B", "amount": "120.5", "channel": "atm"}])[0]["amount"]
Decimal('120.50')
>>> rows_of([{"txn_id": "t1", "ts": "2026-03-01T09:05:00Z", "dst_account": "B", "amount": "120.5", "channel": "bike"}]) is None
True
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from typing import Any

import pyarrow as pa

from scamnet.core.settings import Settings
from scamnet.ingest.convert import plan_columns, time_window
from scamnet.ingest.mapping import Mapping as ColumnMapping
from scamnet.ingest.mapping import Rule
from scamnet.ingest.quick import NotQuick, posted_text, quick_converter, quick_parts
from scamnet.schema import TableSpec
from scamnet.schema.fields import Field
from scamnet.schema.validate import row_checks

#: Records of one field set → their canonical rows, or None (a value needs ingest's road); may raise ``NotQuick``.
RowsFunction = Callable[[Sequence[Mapping[str, Any]]], list[dict[str, Any]] | None]

#: The functions of the field sets posted lately, with when they were made: the event window's far edge moves with
#: the clock, so they are remade each ``_FRESH_S`` (a window a moment old is narrower, never wider: an event at its
#: very edge takes ingest's road, which takes it).
_MADE: dict[tuple[Any, ...], tuple[float, RowsFunction | None]] = {}
_FRESH_S, _KEPT = 1.0, 256


def rows_function(spec: TableSpec, names: tuple[str, ...], settings: Settings, source: str) -> RowsFunction | None:
    """The function making rows of ``spec`` from records with the fields ``names``; None when those fields have
    problems, a rule takes the query, or the table's rows are not checked one by one."""
    key = (spec.name, names, source, settings.default_currency, settings.event_earliest, settings.event_future_hours)
    made = _MADE.get(key)
    now = time.monotonic()
    if made is None or now - made[0] > _FRESH_S:
        if len(_MADE) >= _KEPT:
            _MADE.clear()
        made = _MADE[key] = (now, _made(spec, names, settings, source))
    return made[1]


def _made(spec: TableSpec, names: tuple[str, ...], settings: Settings, source: str) -> RowsFunction | None:
    plan = plan_columns(spec, ColumnMapping(), list(names), settings, source)
    checkable, checks = row_checks(spec)
    if plan.problems or not checkable:
        return None
    writer = _Writer(time_window(spec, settings))
    try:
        values = {f.name: writer.field(f, plan.rules.get(f.name)) for f in spec.fields}
    except NotQuick:
        return None
    for name, required, passes in checks:
        writer.check(values[name], required, passes)
    return writer.function(values)


class _Writer:
    """Writes one record's conversion and checks as lines of the function; names what the lines need (``bound``)."""

    def __init__(self, window: tuple[datetime, datetime]) -> None:
        self.window = window
        self.lines: list[str] = []
        self.bound: dict[str, Any] = {}

    def _bind(self, value: Any) -> str:
        name = f"_k{len(self.bound)}"
        self.bound[name] = value
        return name

    def field(self, spec_field: Field, rule: Rule | None) -> str:
        """Lines giving the field's value; the name (or constant) that holds it."""
        if rule is None:  # no source: null
            return "None"
        if rule.phone:
            raise NotQuick
        if rule.source is None:  # a constant (the default currency)
            constant = quick_converter(spec_field, rule, self.window)(rule.value)
            if constant is None and rule.value is not None:
                raise NotQuick
            return self._bind(constant)
        convert, default = quick_parts(spec_field, rule, self.window)
        text = f"t{len(self.lines)}"
        self.lines += [f"{text} = get({self._bind(rule.source)})",
                       f"if {text} is not None and {text}.__class__ is not str: {text} = _text({text})"]
        if pa.types.is_string(spec_field.type) and default is None:  # text taken as it is
            return text
        value, given = f"v{len(self.lines)}", text
        if default is not None:
            given = f"d{len(self.lines)}"
            self.lines.append(f"{given} = {self._bind(default)} if {text} is None else {text}")
        self.lines += [f"{value} = None if {given} is None else {self._bind(convert)}({given})",
                       f"if {value} is None and {text} is not None: return None  # out of the window: ingest names it"]
        return value

    def check(self, value: str, required: bool, passes: Callable[[Any], bool] | None) -> None:
        if value == "None" or value.startswith("_k"):  # a null or a constant: checked now, once
            constant = self.bound.get(value)
            if (constant is None and required) or (constant is not None and passes is not None and not passes(constant)):
                self.lines.append("return None")
            return
        if required:
            self.lines.append(f"if {value} is None: return None")
        if passes is not None:
            self.lines.append(f"if {value} is not None and not {self._bind(passes)}({value}): return None")

    def function(self, row: dict[str, str]) -> RowsFunction:
        made = ", ".join(f"{self._bind(name)}: {value}" for name, value in row.items())
        body = "".join(f"        {line}\n" for line in self.lines)
        source = (f"def rows_of(records):\n    rows = []\n    add = rows.append\n    for record in records:\n"
                  f"        get = record.get\n{body}        add({{{made}}})\n    return rows\n")
        namespace: dict[str, Any] = {"_text": posted_text, **self.bound}
        exec(compile(source, "<rows>", "exec"), namespace)  # noqa: S102 (source written here; values bound, not spelt)
        function: RowsFunction = namespace["rows_of"]
        return function

"""The conversion of a few posted events whose values are already canonical, without a DuckDB query.

``Converter`` converts a batch with one DuckDB query (``column_sql``). For a file that is cheap
per row, but a query costs about 10 ms whatever its size, and the decision service converts a
few events at a time. Values written the canonical way — an ISO 8601 time with ``T``, at most six
decimals of a second and a zone of ``Z`` or ``±HH:MM`` up to 14 h (or none: UTC), an amount with
at most two decimals, a count, ``true`` or ``false``, a text — convert to the same values in
Python, and ``quick_columns`` does that. Any other value, or any other rule (a format, an epoch,
a time zone, cents, a boolean vocabulary), makes it answer ``None``, and the batch takes DuckDB's
road. It never refuses anything: values outside the event window become null here as there, and
ingest's own checks (``column_faults``) then name them. ``tests/ingest/test_quick.py`` holds it to
the query's results, value for value.

>>> from scamnet.ingest.mapping import Rule
>>> from scamnet.schema import table
>>> spec = table("transfers")
>>> raw = pa.table({"ts": ["2026-03-01T09:05:00.5+08:00"], "amount": ["120.5"]})
>>> window = (datetime(2020, 1, 1, tzinfo=UTC), datetime(2030, 1, 1, tzinfo=UTC))
>>> fields = [f for f in spec.fields if f.name in ("ts", "amount")]
>>> row = quick_columns(raw, fields, {"ts": Rule("ts", "ts"), "amount": Rule("amount", "amount")}, window).to_pylist()[0]
>>> row["ts"].isoformat(), row["amount"]
('2026-03-01T01:05:00.500000+00:00', Decimal('120.50'))
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import pyarrow as pa

from scamnet.ingest.mapping import Rule
from scamnet.schema.fields import Field

_TIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,6})?(?:Z|[+-](?:0\d|1[0-4]):[0-5]\d)?")
_AMOUNT = re.compile(r"(?:0|[1-9]\d{0,15})(?:\.\d{1,2})?")
_COUNT = re.compile(r"0|[1-9]\d{0,8}")  # fits every integer type of the schema but TINYINT/SMALLINT (not quick)
_BOOLEAN = {"true": True, "false": False}
_CENT = Decimal("0.01")
_AMOUNT_MATCHES, _COUNT_MATCHES = _AMOUNT.fullmatch, _COUNT.fullmatch


class NotQuick(Exception):
    """A value or rule the quick road does not take: the batch goes to DuckDB."""



def quick_columns(raw: pa.Table, fields: list[Field], rules: Mapping[str, Rule],
                  window: tuple[datetime, datetime]) -> pa.Table | None:
    """The converted columns of ``fields`` (as ``Converter``'s query makes them), or None when a value needs the query."""
    try:
        columns = {f.name: pa.array(_values(raw, f, rules[f.name], window), f.type) for f in fields}
    except NotQuick:
        return None
    return pa.table(columns) if columns else pa.table({})


def _values(raw: pa.Table, spec_field: Field, rule: Rule, window: tuple[datetime, datetime]) -> list[Any]:
    if rule.source is None:
        texts: list[str | None] = [rule.value] * raw.num_rows
    elif rule.source in raw.column_names and pa.types.is_string(raw.schema.field(rule.source).type):
        texts = raw.column(rule.source).to_pylist()
    else:
        raise NotQuick
    convert = quick_converter(spec_field, rule, window)
    return [convert(text) for text in texts]


def quick_converter(spec_field: Field, rule: Rule, window: tuple[datetime, datetime]) -> Callable[[str | None], Any]:
    """The value of ``spec_field`` from one text of the rule's source (its ``value`` when it has none), as the
    query makes it; raises ``NotQuick`` for a rule the quick road does not take, and when called on a value it
    does not take."""
    convert, default = quick_parts(spec_field, rule, window)

    def converted(text: str | None) -> Any:
        text = default if text is None else text
        return None if text is None else convert(text)

    return converted


def quick_parts(spec_field: Field, rule: Rule, window: tuple[datetime, datetime]
                ) -> tuple[Callable[[str], Any], str | None]:
    """``quick_converter``'s parts: the conversion of a text that is there, and the text taken for a missing one."""
    if rule.format or rule.epoch or rule.timezone or rule.unit != "units" or rule.true or rule.false:
        raise NotQuick
    return _converter(spec_field.type, window), rule.default


def _converter(kind: pa.DataType, window: tuple[datetime, datetime]) -> Callable[[str], Any]:
    if pa.types.is_string(kind):
        return str
    if pa.types.is_timestamp(kind):
        return _time_in(window)
    if pa.types.is_decimal(kind) and kind.scale == 2:
        return _amount
    if pa.types.is_integer(kind) and kind.bit_width >= 32:
        return _count
    if pa.types.is_boolean(kind):
        return _boolean
    raise NotQuick


def posted_text(value: Any) -> str | None:
    """A posted JSON value as the text a JSON Lines file gives ingest (``true``, ``61``, ``{"a": 1}``)."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    return json.dumps(value)


def _time_in(window: tuple[datetime, datetime]) -> Callable[[str], datetime | None]:
    """A timestamp's text as a time in UTC, or None outside ``window``: one call per value (the pattern, the window
    and the methods bound here)."""
    earliest, latest = window
    matches, read = _TIME.fullmatch, datetime.fromisoformat

    def time_of(text: str) -> datetime | None:
        if matches(text) is None:
            raise NotQuick
        try:
            at = read(text)
        except ValueError:  # a day or an hour that does not exist: the query says null, and so the problem
            raise NotQuick from None
        at = at.replace(tzinfo=UTC) if at.tzinfo is None else at.astimezone(UTC)
        return at if earliest <= at <= latest else None

    return time_of


def _amount(text: str) -> Decimal:
    if _AMOUNT_MATCHES(text) is None:
        raise NotQuick
    return Decimal(text).quantize(_CENT)


def _count(text: str) -> int:
    if _COUNT_MATCHES(text) is None:
        raise NotQuick
    return int(text)


def _boolean(text: str) -> bool:
    if text not in _BOOLEAN:
        raise NotQuick
    return _BOOLEAN[text]

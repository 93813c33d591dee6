"""Events posted as JSON objects, validated exactly as ingest validates a JSON Lines file.

A JSON Lines file is read as text columns (``readers``) and then converted and checked by the
same ``plan_columns`` / ``Converter`` / ``column_faults`` as every other input; a posted event
takes that road too, so a value ingest refuses is refused live with the same words. The decision
service reads its events through ``validated_rows``: events written the canonical way whose values
surely pass their checks (``quick``'s conversions, ``schema.validate.row_passes``: the same plan,
conversions and ``Check`` list) become rows in Python, at a tenth of Arrow's cost for a few events;
every other batch, refusals included, takes the road above.

>>> from scamnet.core.settings import Settings
>>> rows = validated_records("transfers", [{"txn_id": "t1", "ts": "2026-03-01T09:05:00Z", "src_account": "A",
...     "dst_account": "B", "amount": "120.50", "channel": "mobile"}], Settings())
>>> rows.column("amount")[0].as_py(), rows.column("currency")[0].as_py()
(Decimal('120.50'), 'CNY')
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import duckdb
import pyarrow as pa

from scamnet.core.errors import InputError
from scamnet.core.settings import Settings
from scamnet.ingest.convert import Converter, plan_columns, time_window
from scamnet.ingest.mapping import Mapping as ColumnMapping
from scamnet.ingest.quick import NotQuick, quick_columns, quick_converter
from scamnet.schema import TableSpec, table
from scamnet.schema.fields import Field
from scamnet.schema.validate import column_faults, problems_of, row_passes

SHOWN = 20


def validated_records(kind: str, records: Sequence[Mapping[str, Any]], settings: Settings, *,
                      source: str = "body", positions: Sequence[int] | None = None) -> pa.Table:
    """Canonical rows of table ``kind`` from JSON objects, or an ``InputError`` naming each bad field and value.

    ``positions`` numbers the records in the problems (their places in a posted batch; default 0, 1, ...).
    """
    spec = table(kind)
    raw = _text_columns(records)
    plan = plan_columns(spec, ColumnMapping(), raw.column_names, settings, source)
    if plan.problems:
        raise InputError(plan.problems[:SHOWN], total=len(plan.problems), hint=_HINT)
    typed, faults, failed = _RecordConverter(spec, plan, settings, _calc_connection()).convert(raw)
    faults += column_faults(spec, typed.select(list(plan.rules)), already_bad=failed)
    numbers = pa.array(list(positions) if positions is not None else range(raw.num_rows), pa.int64())
    problems, total = problems_of(faults, source=source, rows=numbers, row_label="event", limit=SHOWN)
    if total:
        raise InputError(problems, total=total, hint=_HINT)
    return typed


def validated_rows(kind: str, records: Sequence[Mapping[str, Any]], settings: Settings, *,
                   source: str = "body", positions: Sequence[int] | None = None) -> list[dict[str, Any]]:
    """``validated_records`` as Python rows. Records whose every value is written the canonical way and surely
    passes its checks (``quick_converter``, ``row_passes``) skip Arrow and give the same rows; any other batch,
    and every refusal, takes ``validated_records``, so a bad event is refused with ingest's words."""
    rows = _quick_rows(table(kind), records, settings, source)
    return rows if rows is not None else validated_records(kind, records, settings, source=source,
                                                           positions=positions).to_pylist()


def _quick_rows(spec: TableSpec, records: Sequence[Mapping[str, Any]], settings: Settings,
                source: str) -> list[dict[str, Any]] | None:
    names = tuple(dict.fromkeys(name for record in records for name in record))
    converters = _row_converters(spec, names, settings, source)
    if converters is None:
        return None
    rows = []
    try:
        for record in records:
            row = {}
            for name, field_source, convert in converters:
                text = None if field_source is None else record.get(field_source)
                if text is not None and text.__class__ is not str:
                    text = _text(text)
                if convert is None:  # text taken as it is
                    row[name] = text
                    continue
                value = row[name] = convert(text)
                if value is None and text is not None:  # out of the window: ingest names it
                    return None
            if not row_passes(spec, row):
                return None
            rows.append(row)
    except NotQuick:
        return None
    return rows


#: Per field: its name, the record's field it is made from, its conversion (None: the text as it is, or null)
_Converters = list[tuple[str, str | None, Callable[[str | None], Any] | None]]
#: The conversions of the field sets posted lately, with when they were made: the event window's far edge moves
#: with the clock, so they are remade each ``_FRESH_S`` (a window a moment old is narrower, never wider: an event
#: at its very edge takes ingest's road, which takes it).
_MADE: dict[tuple[Any, ...], tuple[float, _Converters | None]] = {}
_FRESH_S, _KEPT = 1.0, 256


def _row_converters(spec: TableSpec, names: tuple[str, ...], settings: Settings, source: str) -> _Converters | None:
    """Per field of ``spec``, in order: its name, the record's field it is made from and its quick conversion;
    None when the records' fields have problems or a rule takes the query."""
    key = (spec.name, names, source, settings.default_currency, settings.event_earliest, settings.event_future_hours)
    made = _MADE.get(key)
    now = time.monotonic()
    if made is None or now - made[0] > _FRESH_S:
        if len(_MADE) >= _KEPT:
            _MADE.clear()
        made = _MADE[key] = (now, _made_converters(spec, names, settings, source))
    return made[1]


def _made_converters(spec: TableSpec, names: tuple[str, ...], settings: Settings, source: str) -> _Converters | None:
    plan = plan_columns(spec, ColumnMapping(), list(names), settings, source)
    if plan.problems:
        return None
    window = time_window(spec, settings)
    converters: _Converters = []
    for spec_field in spec.fields:
        rule = plan.rules.get(spec_field.name)
        if rule is None:  # no source: null
            converters.append((spec_field.name, None, None))
            continue
        if rule.phone:
            return None
        try:
            convert = quick_converter(spec_field, rule, window)
            if rule.source is None:  # a constant (the default currency)
                constant = convert(rule.value)
                if constant is None and rule.value is not None:
                    return None
                convert = _always(constant)
        except NotQuick:
            return None
        plain = pa.types.is_string(spec_field.type) and rule.source is not None and rule.default is None
        converters.append((spec_field.name, rule.source, None if plain else convert))
    return converters


def _always(value: Any) -> Callable[[str | None], Any]:
    return lambda _text: value


class _RecordConverter(Converter):
    """Ingest's converter; values already written the canonical way skip its query (``quick``: the same values)."""

    def _computed(self, raw: pa.Table, fields: list[Field]) -> pa.Table:
        quick = quick_columns(raw, fields, self.plan.rules, time_window(self.spec, self.settings))
        return quick if quick is not None else super()._computed(raw, fields)


_LOCAL = threading.local()


def warm_up() -> None:
    """Open this thread's conversion connection now, so that the first event posted does not wait for it."""
    _calc_connection()


def _calc_connection() -> duckdb.DuckDBPyConnection:
    """This thread's in-memory connection for the conversions: opening one costs about 60 ms, a request must not."""
    calc = getattr(_LOCAL, "calc", None)
    if calc is None:
        calc = duckdb.connect()
        calc.execute("SET TimeZone = 'UTC'")
        _LOCAL.calc = calc
    return calc


_HINT = "send the canonical fields of the event kind (docs/data-model.md), as ingest would take them"


def _text_columns(records: Sequence[Mapping[str, Any]]) -> pa.Table:
    """Every field as text, as a JSON Lines file is read, so the conversions are ingest's own."""
    names = list(dict.fromkeys(name for record in records for name in record))
    return pa.table({name: pa.array([_text(r.get(name)) for r in records], pa.string()) for name in names})


def _text(value: Any) -> str | None:
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    return value if isinstance(value, str) else json.dumps(value)

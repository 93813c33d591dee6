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

import threading
from collections.abc import Collection, Mapping, Sequence
from typing import Any

import duckdb
import pyarrow as pa

from scamnet.core.errors import InputError
from scamnet.core.settings import Settings
from scamnet.ingest.convert import Converter, plan_columns, time_window
from scamnet.ingest.mapping import Mapping as ColumnMapping
from scamnet.ingest.quick import NotQuick, posted_text, quick_columns
from scamnet.ingest.quick_rows import rows_function
from scamnet.schema import TableSpec, table
from scamnet.schema.fields import Field
from scamnet.schema.validate import column_faults, problems_of

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
                   source: str = "body", positions: Sequence[int] | None = None,
                   ignore: Collection[str] = ()) -> list[dict[str, Any]]:
    """``validated_records`` as Python rows. Records whose every value is written the canonical way and surely
    passes its checks (``quick_converter``, ``row_passes``) skip Arrow and give the same rows; any other batch,
    and every refusal, takes ``validated_records``, so a bad event is refused with ingest's words. The records'
    fields ``ignore`` are not the table's (an event's ``kind``): they are left out, as if they were not there."""
    rows = _quick_rows(table(kind), records, settings, source, ignore)
    if rows is not None:
        return rows
    if ignore:
        records = [{k: v for k, v in record.items() if k not in ignore} for record in records]
    return validated_records(kind, records, settings, source=source, positions=positions).to_pylist()


def _quick_rows(spec: TableSpec, records: Sequence[Mapping[str, Any]], settings: Settings,
                source: str, ignore: Collection[str] = ()) -> list[dict[str, Any]] | None:
    names: dict[str, None] = {}
    seen = None
    for record in records:  # the fields of every record, in the order first seen (most records have one set)
        if seen is None or record.keys() != seen:
            names.update(dict.fromkeys(record))
            seen = record.keys()
    for name in ignore:
        names.pop(name, None)
    rows_of = rows_function(spec, tuple(names), settings, source)
    if rows_of is None:
        return None
    try:
        return rows_of(records)
    except NotQuick:
        return None


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
    return pa.table({name: pa.array([posted_text(r.get(name)) for r in records], pa.string()) for name in names})

"""Repository functions: read and write the store's tables as Arrow tables and records."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import duckdb
import pyarrow as pa

from scamnet.core.errors import NotFoundError
from scamnet.schema import TABLES, TableSpec, table
from scamnet.store.db import Store


@dataclass(frozen=True)
class TableStats:
    table: str
    rows: int
    first: Any
    last: Any
    distinct: dict[str, int]


#: Columns whose distinct values count as "entities" in ``scamnet stats``.
DISTINCT_COLUMNS = {
    "persons": ("person_id", "region"),
    "subscribers": ("msisdn", "imsi", "holder_id"),
    "accounts": ("account_id", "bank", "holder_id"),
    "sessions": ("account_id", "device_id", "ip"),
    "calls": ("caller", "callee", "caller_imei", "caller_cell"),
    "messages": ("sender", "recipient", "sender_imei"),
    "transfers": ("src_account", "dst_account", "currency", "channel"),
    "reports": ("victim_person", "scam_type"),
    "report_items": ("report_id", "kind"),
    "labels": ("entity", "label", "gang_id"),
}


def table_stats(store: Store, names: Iterable[str] | None = None) -> list[TableStats]:
    """Rows, time range and distinct entities per table."""
    out = []
    for name in names or TABLES:
        spec = table(name)
        time_sql = f"min({spec.time_field}), max({spec.time_field})" if spec.time_field else "NULL, NULL"
        cols = DISTINCT_COLUMNS.get(name, ())
        distinct_sql = "".join(f", count(DISTINCT {c})" for c in cols)
        row = store.con.execute(f"SELECT count(*), {time_sql}{distinct_sql} FROM {name}").fetchall()[0]
        out.append(TableStats(name, row[0], row[1], row[2], dict(zip(cols, row[3:], strict=True))))
    return out


def read_table(store: Store, name: str, where: str = "", params: list | None = None, order: str = "") -> pa.Table:
    """The rows of table ``name`` (optionally filtered and ordered) with the canonical Arrow schema."""
    spec = table(name)
    sql = f"SELECT {', '.join(spec.column_names)} FROM {name}" + (f" WHERE {where}" if where else "")
    result = store.con.sql(sql + (f" ORDER BY {order}" if order else ""), params=params or None).to_arrow_table()
    return result.cast(spec.schema)


def rows_with_ids(store: Store, name: str, column: str, ids: Iterable[str]) -> pa.Table:
    """The rows of table ``name`` whose ``column`` is one of ``ids``, with the canonical Arrow schema."""
    spec = table(name)
    store.con.register("_wanted_ids", pa.table({column: pa.array(sorted(set(ids)), pa.string())}))
    try:
        columns = ", ".join(f"t.{c}" for c in spec.column_names)
        rows = store.con.sql(f"SELECT {columns} FROM {name} t JOIN _wanted_ids w USING ({column})").to_arrow_table()
    finally:
        store.con.unregister("_wanted_ids")
    return rows.cast(spec.schema)


def row_count(store: Store, name: str) -> int:
    """How many rows table ``name`` holds."""
    return store.con.execute(f"SELECT count(*) FROM {table(name).name}").fetchall()[0][0]


def records(store: Store, name: str, where: str = "", params: list | None = None, order: str = "") -> list[dict[str, Any]]:
    """The rows of table ``name`` as dicts."""
    return read_table(store, name, where, params, order).to_pylist()


def record(store: Store, name: str, **key: Any) -> dict[str, Any]:
    """One row by its key; ``NotFoundError`` when absent."""
    where = " AND ".join(f"{k} = ?" for k in key)
    rows = records(store, name, where, list(key.values()))
    if not rows:
        shown = ", ".join(f"{k}={v!r}" for k, v in key.items())
        raise NotFoundError(f"no {name} row with {shown}", hint=f"list them with scamnet stats or look in {name}")
    return rows[0]


def replace_rows(con: duckdb.DuckDBPyConnection, spec: TableSpec, rows: pa.Table, where: str = "", params: list | None = None) -> int:
    """Delete the rows matching ``where`` (all when empty) and insert ``rows``, for output tables.

    Call inside ``Store.transaction`` so a failure leaves the previous rows in place.
    """
    con.execute(f"DELETE FROM {spec.name}" + (f" WHERE {where}" if where else ""), params or [])
    return append_rows(con, spec, rows)


def replace_table_rows(store: Store, spec: TableSpec, rows: pa.Table, where: str = "", params: list | None = None) -> int:
    """``replace_rows`` in a transaction of its own: all or nothing."""
    with store.transaction() as con:
        return replace_rows(con, spec, rows, where, params)


def append_rows(con: duckdb.DuckDBPyConnection, spec: TableSpec, rows: pa.Table) -> int:
    """Insert ``rows`` (cast to the spec's schema) as they are."""
    if rows.num_rows == 0:
        return 0
    data = rows.select(spec.column_names).cast(spec.schema)
    con.register("_rows_to_append", data)
    try:
        con.execute(f"INSERT INTO {spec.name} SELECT * FROM _rows_to_append")
    finally:
        con.unregister("_rows_to_append")
    return data.num_rows

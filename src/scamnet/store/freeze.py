"""Freeze requests per bank as the store holds them, and the history of their status."""

from __future__ import annotations

from typing import Any

import pyarrow as pa

from scamnet.schema import table
from scamnet.store.db import Store
from scamnet.store.repo import append_rows, replace_rows

REQUESTS, CHANGES = table("bank_freeze_requests"), table("freeze_status_changes")


def bank_requests(store: Store, *, report_id: str | None = None, bank: str | None = None,
                  status: str | None = None, request_id: str | None = None) -> list[dict[str, Any]]:
    """The requests matching every filter given, soonest deadline first."""
    tests = [("report_id = ?", report_id), ("bank = ?", bank), ("status = ?", status), ("request_id = ?", request_id)]
    chosen = [(sql, value) for sql, value in tests if value is not None]
    where = " WHERE " + " AND ".join(sql for sql, _ in chosen) if chosen else ""
    sql = f"SELECT {', '.join(REQUESTS.column_names)} FROM bank_freeze_requests{where} ORDER BY deadline, report_id, bank"
    return store.con.sql(sql, params=[v for _, v in chosen] or None).to_arrow_table().to_pylist()


def put_requests(store: Store, rows: list[dict[str, Any]], dropped: list[str]) -> None:
    """Write ``rows`` (replacing the requests of the same id) and delete the requests ``dropped``."""
    ids = [r["request_id"] for r in rows] + dropped
    if not ids:
        return
    with store.transaction() as con:
        replace_rows(con, REQUESTS, pa.Table.from_pylist(rows, schema=REQUESTS.schema),
                     "request_id IN (SELECT unnest(?))", [ids])


def add_status_change(store: Store, request: dict[str, Any], change: dict[str, Any]) -> None:
    """Keep a status change and set the request's status, both or neither; the trace's account lines follow."""
    with store.transaction() as con:
        append_rows(con, CHANGES, pa.Table.from_pylist([change], schema=CHANGES.schema))
        con.execute("UPDATE bank_freeze_requests SET status = ?, updated_at = ?, updated_by = ? WHERE request_id = ?",
                    [change["status"], change["changed_at"], change["analyst"], change["request_id"]])
        bank = None if request["bank"] == "unknown" else request["bank"]
        con.execute("UPDATE freeze_requests SET status = ? WHERE trace_id = ? AND bank IS NOT DISTINCT FROM ?",
                    [change["status"], request["trace_id"], bank])


def status_changes(store: Store, request_ids: list[str]) -> list[dict[str, Any]]:
    """The status changes of ``request_ids``, oldest first."""
    if not request_ids:
        return []
    return store.con.sql("SELECT * FROM freeze_status_changes WHERE request_id IN (SELECT unnest(?)) "
                         "ORDER BY changed_at", params=[request_ids]).to_arrow_table().to_pylist()

"""Fund traces as the store holds them: summaries, flows, freeze lists, mule layers; storing one."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

import duckdb
import pyarrow as pa

from scamnet.schema import table
from scamnet.store.db import Store
from scamnet.store.repo import append_rows, replace_rows

TRACES, TRACE_EDGES, FREEZE_REQUESTS = table("traces"), table("trace_edges"), table("freeze_requests")
TRACE_VERSIONS = table("trace_versions")


@dataclass(frozen=True)
class TraceSummary:
    """A stored trace with its report's scam type and loss."""

    trace_id: str
    report_id: str | None
    policy: str
    traced: Decimal
    located: Decimal
    cashed_out: Decimal
    scam_type: str | None
    loss: Decimal | None


@dataclass(frozen=True)
class Flow:
    """Money traced from one account to the next (or to a cash-out) at the first hop it was seen."""

    src: str
    dst: str
    amount: Decimal
    hop: int
    first_at: datetime
    last_at: datetime


@dataclass(frozen=True)
class FreezeItem:
    account: str
    bank: str | None
    held: Decimal
    rank: int
    path: list[str]


@dataclass(frozen=True)
class TraceTotals:
    located: Decimal
    cashed_out: Decimal
    traces: int


def largest_traces(store: Store, limit: int) -> list[TraceSummary]:
    """The ``limit`` traces that followed the most money."""
    rows = store.con.execute(
        "SELECT t.trace_id, t.report_id, t.policy, t.traced_amount, t.located_amount, t.cashout_amount, "
        "r.scam_type, r.loss_amount FROM traces t LEFT JOIN reports r USING (report_id) "
        "ORDER BY t.traced_amount DESC, t.trace_id LIMIT ?",
        [limit],
    ).fetchall()
    return [TraceSummary(*r) for r in rows]


def trace_flows(store: Store, trace_id: str) -> list[Flow]:
    rows = store.con.execute(
        "SELECT coalesce(src_account, 'cash in'), coalesce(dst_account, 'cash-out: ' || channel), "
        "sum(traced_amount), min(hop), min(ts), max(ts) FROM trace_edges WHERE trace_id = ? GROUP BY ALL "
        "ORDER BY 4, 5, 1, 2",
        [trace_id],
    ).fetchall()
    return [Flow(*r) for r in rows]


def trace_freeze_list(store: Store, trace_id: str) -> list[FreezeItem]:
    rows = store.con.execute(
        "SELECT account_id, bank, held_amount, rank, path FROM freeze_requests WHERE trace_id = ? ORDER BY rank",
        [trace_id],
    ).fetchall()
    return [FreezeItem(a, b, h, r, list(p or [])) for a, b, h, r, p in rows]


def trace_totals(store: Store) -> TraceTotals:
    row = store.con.execute(
        "SELECT coalesce(sum(located_amount), 0), coalesce(sum(cashout_amount), 0), count(*) FROM traces"
    ).fetchall()[0]
    return TraceTotals(Decimal(row[0]), Decimal(row[1]), row[2])


def mule_layers(store: Store) -> dict[str, int]:
    """Per account a trace reached: the first hop at which one did."""
    rows = store.con.execute(
        "SELECT dst_account, min(hop) FROM trace_edges WHERE dst_account IS NOT NULL GROUP BY dst_account"
    ).fetchall()
    return dict(rows)


def replace_trace(store: Store, trace_id: str, trace: pa.Table, edges: pa.Table, freeze: pa.Table,
                  freeze_json: str) -> int:
    """Make ``trace`` the stored trace ``trace_id`` (its row, flow and freeze list) and keep it as a version,
    in one transaction; the version number.

    A re-trace that finds what the newest version holds (same as-of, amounts and freeze list) is that
    version again; one that finds anything else adds a version, so no earlier trace is ever lost.
    """
    row = trace.to_pylist()[0]
    with store.transaction() as con:
        version = _version_of(con, row, freeze_json)
        trace = trace.set_column(trace.schema.get_field_index("version"), "version", pa.array([version], pa.int32()))
        for spec, rows in ((TRACES, trace), (TRACE_EDGES, edges), (FREEZE_REQUESTS, freeze)):
            replace_rows(con, spec, rows, "trace_id = ?", [trace_id])
    return version


def _version_of(con: duckdb.DuckDBPyConnection, row: dict, freeze_json: str) -> int:
    newest = con.execute(
        "SELECT version, as_of, traced_amount, located_amount, cashout_amount, freeze_list FROM trace_versions "
        "WHERE trace_id = ? ORDER BY version DESC LIMIT 1", [row["trace_id"]]).fetchall()
    same = (row["as_of"], row["traced_amount"], row["located_amount"], row["cashout_amount"], freeze_json)
    if newest and tuple(newest[0][1:]) == same:
        return int(newest[0][0])
    version = int(newest[0][0]) + 1 if newest else 1
    kept = {**{f.name: row.get(f.name) for f in TRACE_VERSIONS.fields}, "version": version, "freeze_list": freeze_json}
    append_rows(con, TRACE_VERSIONS, pa.Table.from_pylist([kept], schema=TRACE_VERSIONS.schema))
    return version


def trace_history(store: Store, report_id: str) -> list[dict]:
    """Every stored version of ``report_id``'s traces (all policies), oldest first, freeze lists as JSON text."""
    return store.con.sql("SELECT * FROM trace_versions WHERE report_id = ? ORDER BY trace_id, version",
                         params=[report_id]).to_arrow_table().to_pylist()


def trace_version(store: Store, trace_id: str, version: int) -> dict | None:
    """One stored version of a trace, or None."""
    rows = store.con.sql("SELECT * FROM trace_versions WHERE trace_id = ? AND version = ?",
                         params=[trace_id, version]).to_arrow_table().to_pylist()
    return rows[0] if rows else None


def transfer_currencies(store: Store, txn_ids: list[str]) -> dict[str, str]:
    """The currency of each of ``txn_ids`` the store holds."""
    if not txn_ids:
        return {}
    rows = store.con.execute("SELECT txn_id, any_value(currency) FROM transfers WHERE txn_id IN (SELECT unnest(?)) "
                             "GROUP BY txn_id", [txn_ids]).fetchall()
    return dict(rows)

"""Fund traces as the store holds them: summaries, flows, freeze lists, mule layers; storing one."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import pyarrow as pa

from scamnet.schema import table
from scamnet.store.db import Store
from scamnet.store.repo import replace_rows

TRACES, TRACE_EDGES, FREEZE_REQUESTS = table("traces"), table("trace_edges"), table("freeze_requests")


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
        "sum(traced_amount), min(hop) FROM trace_edges WHERE trace_id = ? GROUP BY ALL ORDER BY 4, 1, 2",
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


def replace_trace(store: Store, trace_id: str, trace: pa.Table, edges: pa.Table, freeze: pa.Table) -> None:
    """Replace the stored trace ``trace_id`` (its row, flow and freeze list) in one transaction."""
    with store.transaction() as con:
        for spec, rows in ((TRACES, trace), (TRACE_EDGES, edges), (FREEZE_REQUESTS, freeze)):
            replace_rows(con, spec, rows, "trace_id = ?", [trace_id])

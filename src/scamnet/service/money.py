"""Money as a step of ``scamnet run``: mule alerts, and a fund trace of every victim report.

``trace_report`` answers the police's question the hour a report comes in: where is the victim's
money now, where did it leave the banks, and which accounts to freeze. Traces start from the
transfers the victim named (report items of kind ``txn``) and from the victim account's
payments in the ``lookback`` (7 days) before the report to the accounts the victim named or
those named transfers went to; when the victim named neither, from all of those payments.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa

from scamnet.core.clock import Clock
from scamnet.core.enums import FreezeStatus, TracePolicy
from scamnet.core.errors import NotFoundError
from scamnet.core.settings import Settings
from scamnet.detect.money import MuleDetector
from scamnet.features.data import Data
from scamnet.graph.trace import (
    FundTrace,
    TraceLimits,
    TransferIndex,
    cashout_points,
    flow_edges,
    freeze_list,
    money,
    trace_funds,
    transfer_index,
)
from scamnet.schema import table
from scamnet.service.alerts import alerts_from_scores, store_alerts
from scamnet.store import Store, open_store
from scamnet.store.repo import replace_rows

__all__ = ["ReportTrace", "report_start_rows", "run_money", "store_index", "trace_report", "trace_report_at"]

DEFAULT_LOOKBACK = timedelta(days=7)
_NORM = "regexp_replace(regexp_replace(upper({}), '^ACCOUNT:', ''), '[\\s-]', '', 'g')"
START_SQL = f"""
WITH items AS (SELECT kind, value FROM report_items WHERE report_id = $report),
named_txns AS (SELECT regexp_replace(value, '^txn:', '') AS txn_id FROM items WHERE kind = 'txn'),
named_accounts AS (
    SELECT {_NORM.format('value')} AS account FROM items WHERE kind = 'account'
    UNION SELECT {_NORM.format('dst_account')} FROM transfers WHERE txn_id IN (SELECT txn_id FROM named_txns)
)
SELECT txn_id, ts FROM transfers WHERE txn_id IN (SELECT txn_id FROM named_txns)
UNION
SELECT txn_id, ts FROM transfers
WHERE src_account = $victim AND ts >= $since AND ts <= $until
  AND ({_NORM.format('dst_account')} IN (SELECT account FROM named_accounts)
       OR NOT EXISTS (SELECT 1 FROM named_accounts))
"""


@dataclass(frozen=True)
class ReportTrace:
    """One stored trace: its ``traces`` row, the flow (``trace_edges``), cash-outs and the freeze list."""

    trace: dict[str, Any]
    edges: pa.Table
    cashouts: list[dict[str, Any]]
    freeze: list[dict[str, Any]]
    below_min: Decimal
    beyond_hops: Decimal


def run_money(store: Store, settings: Settings, clock: Clock) -> dict[str, Any]:
    """Replace the mule alerts and the traces of every report; summary figures."""
    data = Data(store.con)
    detector = MuleDetector(seed=settings.seed, utc_offset_hours=settings.utc_offset_hours).fit(data)
    scores = detector.score(data)
    alerts = alerts_from_scores(detector.name, scores, detector.explain, settings, clock)
    store_alerts(store, detector.name, alerts)
    index = store_index(store)
    report_ids = [r[0] for r in store.con.sql("SELECT report_id FROM reports ORDER BY report_id").fetchall()]
    traced = [trace_report(store, r, settings, clock, index=index) for r in report_ids]
    return {
        "accounts_scored": scores.num_rows, "mule_alerts": alerts.num_rows, "reports_traced": len(traced),
        "located": float(sum(t.trace["located_amount"] for t in traced)),
        "cashed_out": float(sum(t.trace["cashout_amount"] for t in traced)),
        "freeze_requests": sum(len(t.freeze) for t in traced),
    }


def trace_report_at(db: Path, report_id: str, settings: Settings, clock: Clock, **options: Any) -> ReportTrace:
    """``trace_report`` on the store file ``db`` (for ``scamnet trace``)."""
    with open_store(db) as store:
        return trace_report(store, report_id, settings, clock, **options)


def store_index(store: Store) -> TransferIndex:
    """The one-off tracing index over every transfer in the store."""
    return transfer_index(store.con.sql(
        "SELECT txn_id, ts, src_account, dst_account, amount, channel FROM transfers").to_arrow_table())


def trace_report(store: Store, report_id: str, settings: Settings, clock: Clock, *,
                 policy: TracePolicy | str | None = None, max_hops: int | None = None,
                 horizon_hours: float | None = None, min_amount: float | None = None,
                 as_of: datetime | None = None, index: TransferIndex | None = None) -> ReportTrace:
    """Trace report ``report_id``'s money, store it (replacing an earlier trace of it) and return it."""
    report = _report(store, report_id)
    policy = TracePolicy(policy or settings.trace_policy)
    index = index if index is not None else store_index(store)
    as_of = as_of or report["reported_at"]
    limits = TraceLimits(
        max_hops=max_hops if max_hops is not None else settings.trace_max_hops,
        horizon_s=int(3600 * (horizon_hours if horizon_hours is not None else settings.trace_horizon_hours)),
        min_cents=round(100 * (min_amount if min_amount is not None else settings.trace_min_amount)),
        as_of_us=_micros(as_of),
    )
    found = trace_funds(index, report_start_rows(store, index, report), policy, limits)
    result = _report_trace(store, index, found, report_id, limits, as_of, clock)
    _store_trace(store, result)
    return result


def report_start_rows(store: Store | Data, index: TransferIndex, report: dict[str, Any],
                      lookback: timedelta = DEFAULT_LOOKBACK) -> list[int]:
    """Index rows of the victim's payments a report points to (see the module's docstring)."""
    named = store.con.execute(START_SQL, {
        "report": report["report_id"], "victim": report.get("victim_account"),
        "since": report["reported_at"] - lookback, "until": report["reported_at"],
    }).fetchall()
    return sorted(row for txn, ts in named if (row := _row_of(index, txn, ts)) is not None)


def _report(store: Store, report_id: str) -> dict[str, Any]:
    found = store.con.sql("SELECT * FROM reports WHERE report_id = $id", params={"id": report_id}).to_arrow_table()
    if found.num_rows == 0:
        raise NotFoundError(f"no report {report_id!r}", hint="list reports with scamnet stats, or ingest them first")
    return found.to_pylist()[0]


def _row_of(index: TransferIndex, txn_id: str, ts: datetime) -> int | None:
    at = _micros(ts)
    lo, hi = np.searchsorted(index.ts, [at, at + 1])
    for row in range(int(lo), int(hi)):
        if index.txn_ids[row] == txn_id:
            return row
    return None


def _micros(when: datetime) -> int:
    return round(when.timestamp() * 1_000_000)


def _report_trace(store: Store, index: TransferIndex, found: FundTrace, report_id: str, limits: TraceLimits,
                  as_of: datetime, clock: Clock) -> ReportTrace:
    trace_id = f"{report_id}:{found.policy.value}"
    row = {
        "trace_id": trace_id, "report_id": report_id, "policy": found.policy.value, "created_at": clock.now(),
        "as_of": as_of, "max_hops": limits.max_hops, "horizon_s": limits.horizon_s,
        "min_amount": money(limits.min_cents), "traced_amount": money(found.traced),
        "located_amount": money(found.located), "cashout_amount": money(found.cashed_out),
    }
    edges = flow_edges(index, found)
    freeze = freeze_list(index, found)
    banks = _banks(store, [f["account_id"] for f in freeze])
    for item in freeze:
        item["bank"] = banks.get(item["account_id"])
    return ReportTrace(row, edges, cashout_points(index, found), freeze, money(found.below_min),
                       money(found.beyond_hops))


def _banks(store: Store, accounts: list[str]) -> dict[str, str]:
    if not accounts:
        return {}
    rows = store.con.execute("SELECT account_id, any_value(bank) FROM accounts WHERE account_id IN "
                             "(SELECT unnest(?)) GROUP BY account_id", [accounts]).fetchall()
    return dict(rows)


def _store_trace(store: Store, result: ReportTrace) -> None:
    trace_id, created = result.trace["trace_id"], result.trace["created_at"]
    edges = result.edges.drop_columns(["cashout"])
    edges = edges.add_column(0, "trace_id", pa.array([trace_id] * edges.num_rows, pa.string()))
    freeze = [{**f, "trace_id": trace_id, "status": FreezeStatus.PROPOSED.value, "created_at": created}
              for f in result.freeze]
    with store.transaction() as con:
        for spec, rows in (("traces", [result.trace]), ("freeze_requests", freeze)):
            replace_rows(con, table(spec), pa.Table.from_pylist(rows, schema=table(spec).schema),
                         "trace_id = ?", [trace_id])
        replace_rows(con, table("trace_edges"), edges, "trace_id = ?", [trace_id])

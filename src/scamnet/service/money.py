"""Money as a step of ``scamnet run``: mule alerts, and a fund trace of every victim report.

``trace_report`` answers the police's question the hour a report comes in: where is the victim's
money now, where did it leave the banks, and which accounts to freeze. Traces start from the
transfers the victim named (report items of kind ``txn``) and from the victim account's
payments in the ``lookback`` (7 days) before the report to the accounts the victim named or
those named transfers went to; when the victim named neither, from all of those payments; and
where those fall short of the reported loss, from the victim's payments to new payees over the
month before (``store.reports.loss_payments``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa

from scamnet.core.clock import Clock
from scamnet.core.enums import FreezeStatus, TracePolicy
from scamnet.core.settings import Settings
from scamnet.detect.money import MuleDetector
from scamnet.graph.trace import (
    FundTrace,
    TraceLimits,
    TransferIndex,
    cashout_points,
    flow_edges,
    freeze_list,
    money,
    passed_through,
    trace_funds,
    transfer_index,
)
from scamnet.graph.trace.crossing import chain_leg
from scamnet.schema import table
from scamnet.service.alerts import store_alerts
from scamnet.service.freeze_requests import draft_requests
from scamnet.service.verdict_fit import fit_verdicts
from scamnet.store import Store, open_store
from scamnet.store.access import StoreBusyError
from scamnet.store.chain import chain_tables
from scamnet.store.events import banks_of, traced_transfers
from scamnet.store.reports import report, report_ids, reported_payments
from scamnet.store.traces import replace_trace, trace_history, transfer_currencies

__all__ = ["ReportTrace", "report_start_rows", "run_money", "store_index", "trace_history_at", "trace_report",
           "trace_report_at"]

DEFAULT_LOOKBACK = timedelta(days=7)


@dataclass(frozen=True)
class ReportTrace:
    """One trace: its ``traces`` row, the flow (``trace_edges``), cash-outs and the freeze list."""

    trace: dict[str, Any]
    edges: pa.Table
    cashouts: list[dict[str, Any]]
    freeze: list[dict[str, Any]]
    below_min: Decimal
    beyond_hops: Decimal
    #: Whether the trace is in the store (not when another process was writing it: traced on its snapshot).
    stored: bool = True
    snapshot: bool = False
    #: Payees holding traced money below the materiality (``freeze_min_amount``): passed through, not to freeze.
    passed: list[dict[str, Any]] = field(default_factory=list)
    #: A what-if at another time (``as_of`` given): never stored, so the stored trace and freeze list stay as they are.
    what_if: bool = False
    #: The stored version of this trace (``trace_versions``); None when it was not stored.
    version: int | None = None

    def as_json(self) -> dict[str, Any]:
        """The whole trace as plain JSON values (amounts as text, times in ISO 8601), for other tools."""
        return _plain({"trace": self.trace, "flow": self.edges.to_pylist(), "cashouts": self.cashouts,
                       "freeze": self.freeze, "passed_through": self.passed, "below_min": self.below_min,
                       "beyond_hops": self.beyond_hops, "stored": self.stored, "what_if": self.what_if,
                       "version": self.version})


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, datetime):
        return value.isoformat()
    return str(value) if isinstance(value, Decimal) else value


def run_money(store: Store, settings: Settings, clock: Clock) -> dict[str, Any]:
    """Replace the mule alerts and the traces of every report; summary figures."""
    data = store.data()
    text_model = Path(settings.text_model) if settings.text_model else None
    verdicts = fit_verdicts(store, MuleDetector.name, settings.fit_min_confirmed)
    detector = MuleDetector(seed=settings.seed, utc_offset_hours=settings.utc_offset_hours,
                            text_model_path=text_model).fit(data, verdicts)
    scores = detector.score(data)
    alerts = store_alerts(store, detector, scores, settings, clock)
    index = store_index(store)
    traced = [trace_report(store, r, settings, clock, index=index) for r in report_ids(store)]
    return {
        "accounts_scored": scores.num_rows, "mule_alerts": alerts.num_rows, "reports_traced": len(traced),
        "located": float(sum(t.trace["located_amount"] for t in traced)),
        "cashed_out": float(sum(t.trace["cashout_amount"] for t in traced)),
        "freeze_requests": sum(len(t.freeze) for t in traced),
        "trained_on_verdicts": verdicts is not None,
    }


def trace_report_at(db: Path, report_id: str, settings: Settings, clock: Clock, **options: Any) -> ReportTrace:
    """``trace_report`` on the store file ``db`` (for ``scamnet trace``).

    A victim who walks in while a batch run or an ingest writes the store is traced at once, on the
    store's snapshot (the store as the last finished write left it); the trace is then not stored
    (``stored`` is False), and running the command again after the write stores it.
    """
    try:
        store = open_store(db, wait_s=0, create=False)
    except StoreBusyError:
        store = open_store(db, read_only=True)
    with store:
        return trace_report(store, report_id, settings, clock, **options)


def trace_history_at(db: Path, report_id: str) -> list[dict[str, Any]]:
    """Every stored version of report ``report_id``'s traces, oldest first (``scamnet trace --history``)."""
    with open_store(db, read_only=True) as store:
        report(store, report_id)  # a clear error for an unknown report
        versions = trace_history(store, report_id)
    for version in versions:
        lines = json.loads(version.pop("freeze_list"))
        version["freeze_accounts"] = len(lines)
        version["freeze"] = lines
    return versions


def store_index(store: Store) -> TransferIndex:
    """The one-off tracing index over every transfer in the store, with the chain leg joined in (docs/crypto.md)."""
    rows, leg = chain_leg(traced_transfers(store), *chain_tables(store))
    return transfer_index(rows, leg)


def trace_report(store: Store, report_id: str, settings: Settings, clock: Clock, *,
                 policy: TracePolicy | str | None = None, max_hops: int | None = None,
                 horizon_hours: float | None = None, min_amount: float | None = None,
                 as_of: datetime | None = None, index: TransferIndex | None = None) -> ReportTrace:
    """Trace report ``report_id``'s money, store it (replacing an earlier trace of it) and return it.

    With ``as_of`` the trace is a what-if at that time: returned, never stored, so the stored trace
    and its freeze list (made at the report's time) stay as they are.
    """
    reported = report(store, report_id)
    policy = TracePolicy(policy or settings.trace_policy)
    index = index if index is not None else store_index(store)
    what_if = as_of is not None
    as_of = as_of or reported["reported_at"]
    limits = TraceLimits(
        max_hops=max_hops if max_hops is not None else settings.trace_max_hops,
        horizon_s=int(3600 * (horizon_hours if horizon_hours is not None else settings.trace_horizon_hours)),
        min_cents=round(100 * (min_amount if min_amount is not None else settings.trace_min_amount)),
        as_of_us=_micros(as_of), material_cents=round(100 * settings.freeze_min_amount),
    )
    found = trace_funds(index, report_start_rows(store, index, reported), policy, limits)
    result = _report_trace(store, index, found, report_id, limits, as_of, clock)
    stored = store.writable and not what_if
    version = _store_trace(store, result, settings, policy) if stored else None
    return replace(result, stored=stored, snapshot=store.snapshot, what_if=what_if, version=version)


def report_start_rows(store: Store, index: TransferIndex, report_row: dict[str, Any],
                      lookback: timedelta = DEFAULT_LOOKBACK) -> list[int]:
    """Index rows of the victim's payments a report points to (see the module's docstring)."""
    payments = reported_payments(store, report_row, lookback)
    return sorted(row for p in payments if (row := _row_of(index, p.txn_id, p.ts)) is not None)


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
    _add_bank_facts(store, freeze, edges)
    return ReportTrace(row, edges, cashout_points(index, found), freeze, money(found.below_min),
                       money(found.beyond_hops), passed=passed_through(index, found))


def _add_bank_facts(store: Store, freeze: list[dict[str, Any]], edges: pa.Table) -> None:
    """What a bank needs on each account line: its bank, the currency, and the traced transfers into it."""
    banks = banks_of(store, [f["account_id"] for f in freeze])
    incoming: dict[str, list[tuple[str, datetime]]] = {}
    for edge in edges.select(["txn_id", "ts", "dst_account"]).to_pylist():
        incoming.setdefault(edge["dst_account"], []).append((edge["txn_id"], edge["ts"]))
    currencies = transfer_currencies(store, [t for f in freeze for t, _ in incoming.get(f["account_id"], [])])
    for item in freeze:
        arrived = incoming.get(item["account_id"], [])
        item["bank"] = banks.get(item["account_id"], item.get("bank"))  # a wallet line names its exchange or issuer
        item["incoming_txns"] = [t for t, _ in arrived]
        item["incoming_at"] = [ts for _, ts in arrived]
        found = {currencies[t] for t, _ in arrived if t in currencies}
        item["currency"] = found.pop() if len(found) == 1 else item.get("currency")


def _store_trace(store: Store, result: ReportTrace, settings: Settings, policy: TracePolicy) -> int:
    """Store the trace as a new version (or the newest again) and, traced with the store's policy, draft
    the report's per-bank freeze requests from it; the version."""
    trace_id, created = result.trace["trace_id"], result.trace["created_at"]
    edges = result.edges.drop_columns(["cashout"])
    edges = edges.add_column(0, "trace_id", pa.array([trace_id] * edges.num_rows, pa.string()))
    freeze = [{**f, "trace_id": trace_id, "status": FreezeStatus.DRAFTED.value, "created_at": created}
              for f in result.freeze]
    lines = json.dumps(_plain(result.freeze), ensure_ascii=False, sort_keys=True)
    with store.transaction():
        version = replace_trace(store, trace_id, _rows("traces", [{**result.trace, "version": None}]), edges,
                                _rows("freeze_requests", freeze), lines)
        if policy.value == settings.trace_policy and result.trace["report_id"]:
            draft_requests(store, result.trace["report_id"], trace_id, version, result.freeze,
                           settings.freeze_deadline_hours, created)
    return version


def _rows(name: str, rows: list[dict[str, Any]]) -> pa.Table:
    return pa.Table.from_pylist(rows, schema=table(name).schema)

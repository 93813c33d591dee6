"""Fund tracing measured on a world's labels (part of ``scamnet bench money`` and ``bench all``).

Every report is traced under each policy at its report time: the share of the victims' money
located (still in accounts) and cashed out, the share located of what was still in the banks
at report time, and the freeze lists' precision (the share of
listed accounts, and of the money on them, that are mule accounts). Accounts below the
materiality (``freeze_min_amount``) are listed as passed through, not on the freeze list.

What was still in the banks comes from the labels: every payment the victim made before the
report (the labelled victim transfers from the victim's account, not only those the report
points to) is traced with the same policy, and its traced money not yet cashed out is the
denominator; so payments the report missed count against the located share.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, replace
from datetime import datetime

import numpy as np

from scamnet.core.enums import LabelRole, TracePolicy
from scamnet.detect.money.mule import PREFIX
from scamnet.evaluate.results import Result
from scamnet.features.data import Data
from scamnet.graph.trace import TraceLimits, TransferIndex, freeze_list, passed_through, trace_funds, transfer_index
from scamnet.service.money import report_start_rows
from scamnet.store import Store
from scamnet.store.labels import labelled_entities, reports_in_order, traceable_transfers


@dataclass(frozen=True)
class TraceRow(Result):
    """One tracing policy over every report of a world; shares are of money (not counts) unless named otherwise."""

    policy: str
    reports: int
    loss: float
    traced: float
    located_share_of_loss: float
    cashed_out_share_of_loss: float
    freeze_accounts: int
    freeze_precision: float
    freeze_precision_by_amount: float
    trace_ms_p50: float
    located_share_per_victim: float
    located_share_of_remaining: float
    passed_accounts: int


def trace_rows(data: Data, mules: set[str], limits: TraceLimits) -> list[TraceRow]:
    """Per policy: money located and cashed out at report time, freeze-list precision, trace time."""
    index = transfer_index(traceable_transfers(data))
    reports = reports_in_order(data)
    world = Store.over(data)
    starts = {r["report_id"]: report_start_rows(world, index, r) for r in reports}
    paid = _victim_payments(index, {e.partition(":")[2] for e in
                                    labelled_entities(data, [LabelRole.VICTIM_TRANSFER.value])})
    every = {r["report_id"]: _paid_before(index, paid, r) for r in reports}
    return [_policy_row(index, reports, starts, every, policy, mules, limits) for policy in TracePolicy]


def _victim_payments(index: TransferIndex, txn_ids: set[str]) -> dict[str, list[int]]:
    """Rows of the labelled victim transfers, by paying account."""
    out: dict[str, list[int]] = {}
    for row in np.flatnonzero([t in txn_ids for t in index.txn_ids]).tolist():
        if index.src[row] >= 0:
            out.setdefault(str(index.accounts[index.src[row]]), []).append(row)
    return out


def _paid_before(index: TransferIndex, paid: dict[str, list[int]], report: dict) -> list[int]:
    until = _micros(report["reported_at"])
    return [r for r in paid.get(report.get("victim_account") or "", []) if index.ts[r] <= until]


def _policy_row(index: TransferIndex, reports: list[dict], starts: dict[str, list[int]], every: dict[str, list[int]],
                policy: TracePolicy, mules: set[str], limits: TraceLimits) -> TraceRow:
    totals = {"loss": 0, "traced": 0, "located": 0, "cashed_out": 0, "listed": 0, "listed_mules": 0,
              "held": 0, "held_mules": 0, "remaining": 0, "passed": 0}
    seconds, shares = [], []
    for report in reports:
        started = time.perf_counter()
        trace = trace_funds(index, starts[report["report_id"]], policy,
                            replace(limits, as_of_us=_micros(report["reported_at"])))
        seconds.append(time.perf_counter() - started)
        _add_trace(totals, index, trace, report, mules)
        truth = trace_funds(index, every[report["report_id"]], policy,  # every labelled payment: nothing to widen
                            replace(limits, as_of_us=_micros(report["reported_at"]), episode_s=0))
        totals["remaining"] += max(truth.traced - truth.cashed_out, 0)
        loss = float(report["loss_amount"])
        shares.append(trace.located / 100 / loss if loss > 0 else 0.0)
    return _trace_row(policy, len(reports), totals, seconds, float(np.mean(shares)) if shares else float("nan"))


def _add_trace(totals: dict[str, int], index: TransferIndex, trace, report: dict, mules: set[str]) -> None:
    totals["loss"] += int(round(float(report["loss_amount"]) * 100))
    totals["traced"] += trace.traced
    totals["located"] += trace.located
    totals["cashed_out"] += trace.cashed_out
    totals["passed"] += len(passed_through(index, trace))
    for item in freeze_list(index, trace):
        cents = int(item["held_amount"] * 100)
        is_mule = PREFIX + item["account_id"] in mules
        totals["listed"] += 1
        totals["listed_mules"] += is_mule
        totals["held"] += cents
        totals["held_mules"] += cents if is_mule else 0


def _trace_row(policy: TracePolicy, reports: int, t: dict[str, int], seconds: list[float],
               per_victim: float) -> TraceRow:
    def share(a: str, b: str) -> float:
        return t[a] / t[b] if t[b] else float("nan")

    return TraceRow(
        policy=policy.value, reports=reports, loss=t["loss"] / 100, traced=t["traced"] / 100,
        located_share_of_loss=share("located", "loss"), cashed_out_share_of_loss=share("cashed_out", "loss"),
        freeze_accounts=t["listed"], freeze_precision=share("listed_mules", "listed"),
        freeze_precision_by_amount=share("held_mules", "held"),
        trace_ms_p50=1000 * float(np.median(seconds)) if seconds else float("nan"),
        located_share_per_victim=per_victim,
        located_share_of_remaining=share("located", "remaining"), passed_accounts=t["passed"],
    )


def _micros(when: datetime) -> int:
    return round(when.timestamp() * 1_000_000)

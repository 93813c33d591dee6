"""``scamnet bench money``: mule detection and fund tracing measured on a world's labels.

Mules — temporal split of the transfers' period 60/20/20 (the AMLworld protocol): the detector
fits on accounts active in the first 60 %, the alert threshold that maximises F1 is chosen on
the next 20 %, and the last 20 % is scored. Each part's features see only that part's
transfers (and the reports made by its end), so no account is judged on what it did in another
part; account ids are never features. Figures: minority-class (mule) precision, recall and F1
at that threshold, and recall when at most 0.1 % of the normal accounts may be flagged.

Tracing — every report traced under each policy at its report time: the share of the victims'
money located (still in accounts) and cashed out, and the freeze lists' precision (the share of
listed accounts, and of the money on them, that are mule accounts).
"""

from __future__ import annotations

import time
from datetime import datetime
from pathlib import Path
from typing import Any

import numpy as np

from scamnet.core.enums import TracePolicy
from scamnet.core.errors import NotFoundError
from scamnet.detect.money import MuleDetector
from scamnet.detect.money.mule import MULE_ROLES, PREFIX
from scamnet.features.data import Data
from scamnet.features.money import mule_features
from scamnet.graph.trace import TraceLimits, TransferIndex, freeze_list, trace_funds, transfer_index

SPLITS = (0.6, 0.8)
BUDGET = 0.001


def bench_money(world_dir: Path, *, seed: int = 0, max_hops: int = 6, horizon_hours: float = 72.0,
                min_amount: float = 1.0) -> dict[str, Any]:
    """Mule and tracing figures on the simulated world at ``world_dir`` (see the module's docstring)."""
    data = Data.from_dir(world_dir)
    mules = {r[0] for r in data.con.execute(
        "SELECT DISTINCT entity FROM labels WHERE label IN (SELECT unnest(?))", [sorted(MULE_ROLES)]).fetchall()}
    limits = TraceLimits(max_hops, int(horizon_hours * 3600), round(min_amount * 100))
    return {
        "world": str(world_dir), "transfers": data.count("transfers"), "reports": data.count("reports"),
        "mule_rows": mule_rows(data, mules, seed), "trace_rows": trace_rows(data, mules, limits),
    }


def period_parts(data: Data, splits: tuple[float, ...] = SPLITS) -> list[Data]:
    """The world's transfers' period cut at ``splits`` (shares of its length), as windows."""
    start, end = data.con.sql("SELECT min(ts), max(ts) FROM transfers").fetchall()[0]
    if start is None:
        raise NotFoundError("the world holds no transfers", hint="simulate a world with scamnet simulate --out DIR")
    cuts = [start, *(start + (end - start) * s for s in splits), end + (end - start) * 1e-9]
    return [data.window(a, b) for a, b in zip(cuts[:-1], cuts[1:], strict=True)]


def mule_rows(data: Data, mules: set[str], seed: int) -> list[dict[str, Any]]:
    """Unsupervised and LightGBM mule detection on the temporal split."""
    started = time.perf_counter()
    windows = period_parts(data)
    parts = [mule_features(p) for p in windows]
    features_s = time.perf_counter() - started
    labels = {PREFIX + a: PREFIX + a in mules for a in parts[0]["account_id"].to_pylist()}
    moving = gang_money_accounts(windows[2], mules)
    rows = []
    for mode, given in (("unsupervised", None), ("lightgbm", labels)):
        detector = MuleDetector(seed=seed).fit_features(parts[0], given)
        val, test = (_scored(detector, p) for p in parts[1:])
        threshold = best_f1_threshold(*_split(val, mules))
        row = {"mode": mode, "lightgbm": detector.model_ is not None, "threshold": threshold}
        row |= detection_figures(*_split(test, mules), threshold) | {"features_s": features_s}
        rows.append(row | _moving_figures(test, mules, moving))
    return rows


def gang_money_accounts(window: Data, mules: set[str]) -> set[str]:
    """Mule accounts that moved gang money inside ``window``: a victim's payment in, or money to or from another mule.

    AMLworld labels an account by its laundering transactions; a rented account that only lived
    its owner's life in the window did nothing there a detector could see.
    """
    victim_txns = [r[0] for r in window.con.execute(
        "SELECT substr(entity, 5) FROM labels WHERE label = 'victim_transfer'").fetchall()]
    accounts = [m.removeprefix(PREFIX) for m in mules]
    rows = window.con.execute(f"""
        WITH w AS (SELECT * FROM transfers WHERE {window.time_filter('ts')}),
        m AS (SELECT unnest(?) AS a)
        SELECT dst_account FROM w WHERE txn_id IN (SELECT unnest(?))
        UNION SELECT src_account FROM w WHERE src_account IN (SELECT a FROM m)
            AND (dst_account IS NULL OR dst_account IN (SELECT a FROM m))
        UNION SELECT dst_account FROM w WHERE src_account IN (SELECT a FROM m) AND dst_account IN (SELECT a FROM m)
        """, [accounts, victim_txns]).fetchall()
    return {PREFIX + r[0] for r in rows if r[0] is not None} & mules


def _budget_threshold(neg: np.ndarray) -> float:
    """The score a mule must beat when at most ``BUDGET`` of the normal accounts may be flagged."""
    allowed = int(BUDGET * neg.size)
    return float(np.sort(neg)[::-1][allowed]) if allowed < neg.size else -np.inf


def _moving_figures(test: dict[str, float], mules: set[str], moving: set[str]) -> dict[str, Any]:
    _, neg = _split(test, mules)
    pos = np.array([s for e, s in test.items() if e in moving], dtype=float)
    budget_threshold = _budget_threshold(neg)
    return {"mules_moving_gang_money": int(pos.size),
            "recall_at_0.1%_fp_moving": float(np.mean(pos > budget_threshold)) if pos.size else None}


def _scored(detector: MuleDetector, features) -> dict[str, float]:
    result = detector.score_features(features)
    return dict(zip(result["entity"].to_pylist(), result["score"].to_pylist(), strict=True))


def _split(scores: dict[str, float], mules: set[str]) -> tuple[np.ndarray, np.ndarray]:
    pos = np.array([s for e, s in scores.items() if e in mules], dtype=float)
    neg = np.array([s for e, s in scores.items() if e not in mules], dtype=float)
    return pos, neg


def best_f1_threshold(pos: np.ndarray, neg: np.ndarray) -> float:
    """The score threshold with the best F1 (flag at or above it).

    >>> best_f1_threshold(np.array([0.9, 0.8]), np.array([0.85, 0.1, 0.2]))
    0.8
    """
    candidates = np.unique(np.concatenate([pos, neg]))
    if pos.size == 0 or candidates.size == 0:
        return 0.5
    best = max(candidates, key=lambda t: (_f1(pos, neg, t), t))
    return float(best)


def _f1(pos: np.ndarray, neg: np.ndarray, threshold: float) -> float:
    tp, fp = int(np.sum(pos >= threshold)), int(np.sum(neg >= threshold))
    return 2 * tp / (2 * tp + fp + (pos.size - tp)) if tp else 0.0


def detection_figures(pos: np.ndarray, neg: np.ndarray, threshold: float) -> dict[str, Any]:
    """Minority-class figures at ``threshold``, and recall with at most 0.1 % of normals flagged."""
    tp, fp = int(np.sum(pos >= threshold)), int(np.sum(neg >= threshold))
    budget_threshold = _budget_threshold(neg)
    return {
        "mules": int(pos.size), "normals": int(neg.size), "flagged_normals": fp,
        "precision": tp / (tp + fp) if tp + fp else None, "recall": tp / pos.size if pos.size else None,
        "f1": _f1(pos, neg, threshold),
        "recall_at_0.1%_fp": float(np.mean(pos > budget_threshold)) if pos.size else None,
    }


def trace_rows(data: Data, mules: set[str], limits: TraceLimits) -> list[dict[str, Any]]:
    """Per policy: money located and cashed out at report time, freeze-list precision, trace time."""
    from scamnet.service.money import report_start_rows
    from scamnet.store import Store

    index = transfer_index(data.con.sql(
        "SELECT txn_id, ts, src_account, dst_account, amount, channel FROM transfers").to_arrow_table())
    reports = data.con.sql("SELECT * FROM reports ORDER BY report_id").to_arrow_table().to_pylist()
    world = Store.over(data)
    starts = {r["report_id"]: report_start_rows(world, index, r) for r in reports}
    return [_policy_row(index, reports, starts, policy, mules, limits) for policy in TracePolicy]


def _policy_row(index: TransferIndex, reports: list[dict], starts: dict[str, list[int]], policy: TracePolicy,
                mules: set[str], limits: TraceLimits) -> dict[str, Any]:
    totals = {"loss": 0, "traced": 0, "located": 0, "cashed_out": 0, "listed": 0, "listed_mules": 0,
              "held": 0, "held_mules": 0}
    seconds, shares = [], []
    for report in reports:
        started = time.perf_counter()
        trace = trace_funds(index, starts[report["report_id"]], policy,
                            TraceLimits(limits.max_hops, limits.horizon_s, limits.min_cents,
                                        _micros(report["reported_at"])))
        seconds.append(time.perf_counter() - started)
        _add_trace(totals, index, trace, report, mules)
        loss = float(report["loss_amount"])
        shares.append(trace.located / 100 / loss if loss > 0 else 0.0)
    return _trace_figures(policy, len(reports), totals, seconds) | {
        "located_share_per_victim": float(np.mean(shares)) if shares else None}


def _add_trace(totals: dict[str, int], index: TransferIndex, trace, report: dict, mules: set[str]) -> None:
    totals["loss"] += int(round(float(report["loss_amount"]) * 100))
    totals["traced"] += trace.traced
    totals["located"] += trace.located
    totals["cashed_out"] += trace.cashed_out
    for item in freeze_list(index, trace):
        cents = int(item["held_amount"] * 100)
        is_mule = PREFIX + item["account_id"] in mules
        totals["listed"] += 1
        totals["listed_mules"] += is_mule
        totals["held"] += cents
        totals["held_mules"] += cents if is_mule else 0


def _trace_figures(policy: TracePolicy, reports: int, t: dict[str, int], seconds: list[float]) -> dict[str, Any]:
    def share(a: str, b: str) -> float | None:
        return t[a] / t[b] if t[b] else None

    return {
        "policy": policy.value, "reports": reports, "loss": t["loss"] / 100, "traced": t["traced"] / 100,
        "located_share_of_loss": share("located", "loss"), "cashed_out_share_of_loss": share("cashed_out", "loss"),
        "freeze_accounts": t["listed"], "freeze_precision": share("listed_mules", "listed"),
        "freeze_precision_by_amount": share("held_mules", "held"),
        "trace_ms_p50": 1000 * float(np.median(seconds)) if seconds else None,
    }


def _micros(when: datetime) -> int:
    return round(when.timestamp() * 1_000_000)

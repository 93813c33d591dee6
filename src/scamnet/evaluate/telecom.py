"""``scamnet bench telecom``: gateway and fraud-number detection against a world's labels.

Temporal split: the detectors fit on the first part of the world's period (the typical
subscriber; with labels, LightGBM) and score the later part. Positives are the labelled
entities active in the later part; "normal" entities are the scored ones with no fraud role
(confounders included: their false alarms are the ones that matter). Recall is also given at
fixed false-positive budgets — the score threshold that lets 0.1 % (0.01 %) of the normal
entities through.
"""

from __future__ import annotations

import math
import time
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa

from scamnet.core.enums import CONFOUNDER_ROLES, LabelRole
from scamnet.core.errors import NotFoundError
from scamnet.detect.telecom.fraud_number import FraudNumberDetector
from scamnet.detect.telecom.goip import GoipDetector
from scamnet.features.data import Data

BUDGETS = (0.001, 0.0001)
MODES = ("unsupervised", "supervised")
#: Roles that are neither fraud nor a confounder: a victim's phone is a normal subscriber's.
_HONEST = sorted({r.value for r in CONFOUNDER_ROLES} | {LabelRole.VICTIM.value, LabelRole.VICTIM_TRANSFER.value})
#: Confounders whose false alarms are reported separately, with the label roles they cover.
CONFOUNDER_GROUPS = {
    "call_centre": (LabelRole.CALL_CENTRE.value, LabelRole.TELEMARKETER.value),
    "courier": (LabelRole.COURIER.value,),
}


def budget_recall(positives: np.ndarray, normals: np.ndarray, budget: float) -> tuple[float, float]:
    """Recall at the strictest threshold that lets at most ``budget`` of the normals through.

    Returns ``(recall, threshold)``; a positive counts when it scores above the threshold.

    >>> recall, threshold = budget_recall(np.array([0.9, 0.8, 0.2]), np.linspace(0.0, 0.85, 1000), 0.001)
    >>> round(recall, 3), round(threshold, 3)
    (0.333, 0.849)
    """
    if positives.size == 0:
        return float("nan"), float("nan")
    allowed = math.floor(budget * normals.size)
    ordered = np.sort(normals)[::-1]
    threshold = float(ordered[allowed]) if allowed < ordered.size else -math.inf
    return float(np.mean(positives > threshold)), threshold


def detection_figures(scores: dict[str, float], positives: set[str], normals: set[str],
                      threshold: float) -> dict[str, Any]:
    """Precision, recall and F1 at ``threshold``, and recall at each false-positive budget."""
    pos = np.array([scores[e] for e in sorted(positives)], dtype=float)
    neg = np.array([scores[e] for e in sorted(normals)], dtype=float)
    tp, fp = int(np.sum(pos >= threshold)), int(np.sum(neg >= threshold))
    precision = tp / (tp + fp) if tp + fp else float("nan")
    recall = tp / pos.size if pos.size else float("nan")
    f1 = 2 * precision * recall / (precision + recall) if tp else 0.0
    figures = {"positives": int(pos.size), "normals": int(neg.size), "flagged_normals": fp,
               "precision": precision, "recall": recall, "f1": f1}
    for budget in BUDGETS:
        figures[f"recall_at_{budget:.2%}_fp"] = budget_recall(pos, neg, budget)[0]
    return figures


def split_period(data: Data, fraction: float) -> tuple[datetime, datetime, datetime]:
    """``(start, split, end)`` of the world's calls; the split falls on the midnight nearest ``fraction``."""
    start, end = data.con.sql("SELECT min(started_at), max(started_at) FROM calls").fetchall()[0]
    if start is None:
        raise NotFoundError("the world holds no calls", hint="simulate a world with scamnet simulate --out DIR")
    day0 = start.replace(hour=0, minute=0, second=0, microsecond=0)
    days = round(fraction * (end - day0).total_seconds() / 86_400)
    return start, day0 + timedelta(days=max(days, 1)), end + timedelta(microseconds=1)


def role_entities(data: Data, kind: str, roles: list[str] | None = None, exclude: list[str] | None = None) -> set[str]:
    """Entities of ``kind`` holding one of ``roles`` (or any role but ``exclude``), phones mapped to their devices.

    A role given to a phone number is carried over to the devices that number called from, so a
    call centre's handsets count as call-centre devices.
    """
    keep = "label IN (SELECT unnest(?))" if roles is not None else "label NOT IN (SELECT unnest(?))"
    labelled = f"SELECT DISTINCT entity FROM labels WHERE {keep}"
    args = [roles if roles is not None else exclude or []]
    if kind == "imei":
        # two equi-joins, not one join on an OR: DuckDB turns that into a nested loop (an hour on baseline)
        sql = (f"SELECT entity FROM ({labelled}) WHERE entity LIKE 'imei:%' UNION "
               f"SELECT 'imei:' || c.caller_imei FROM calls AS c JOIN ({labelled}) AS l "
               "ON l.entity = 'phone:' || c.caller WHERE c.caller_imei IS NOT NULL UNION "
               f"SELECT 'imei:' || c.caller_imei FROM calls AS c JOIN ({labelled}) AS l "
               "ON l.entity = 'imsi:' || c.caller_imsi WHERE c.caller_imei IS NOT NULL")
        args = args * 3
    else:
        sql = f"SELECT entity FROM ({labelled}) WHERE entity LIKE '{kind}:%'"
    return {row[0] for row in data.con.execute(sql, args).fetchall()}


def _evaluate(detector, fit: Data, test: Data, labels: pa.Table | None) -> tuple[dict, dict]:
    started = time.perf_counter()
    detector.fit(fit, labels=labels)
    fitted = time.perf_counter()
    result = detector.score(test)
    scored = time.perf_counter()
    scores = dict(zip(result["entity"].to_pylist(), result["score"].to_pylist(), strict=True))
    return scores, {"fit_s": fitted - started, "score_s": scored - fitted}


def _rows_for(detector_cls, data: Data, fit: Data, test: Data, threshold: float, seed: int,
              utc_offset_hours: float) -> list[dict[str, Any]]:
    kind = detector_cls.entity_kinds[0]
    positives_all = role_entities(data, kind, roles=sorted(detector_cls.positive_roles))
    fraud_related = role_entities(data, kind, exclude=_HONEST)
    groups = {name: role_entities(data, kind, roles=list(roles)) for name, roles in CONFOUNDER_GROUPS.items()}
    labels = data.con.sql("SELECT entity, label FROM labels").to_arrow_table()
    rows = []
    for mode in MODES:
        detector = detector_cls(seed=seed, utc_offset_hours=utc_offset_hours)
        scores, seconds = _evaluate(detector, fit, test, labels if mode == "supervised" else None)
        positives = positives_all & scores.keys()
        normals = scores.keys() - fraud_related
        # the supervised mode falls back to robust scores when the fit part holds too few labels
        row = {"detector": detector_cls.name, "kind": kind, "mode": mode, "lightgbm": detector.model_ is not None}
        row |= detection_figures(scores, positives, normals, threshold)
        row |= _confounder_figures(scores, groups, normals, threshold)
        rows.append({k: json_figure(v) for k, v in (row | seconds).items()})
    return rows


def json_figure(value: Any) -> Any:
    """NaN (nothing to measure) as None, so the JSON stays standard."""
    return None if isinstance(value, float) and math.isnan(value) else value


def _confounder_figures(scores: dict[str, float], groups: dict[str, set[str]], normals: set[str],
                        threshold: float) -> dict[str, Any]:
    """Per confounder group: how many were scored and the share flagged at the alert threshold and at 0.1 %."""
    neg = np.array([scores[e] for e in normals], dtype=float)
    budget_threshold = budget_recall(np.zeros(1), neg, BUDGETS[0])[1] if neg.size else math.inf
    figures: dict[str, Any] = {}
    for name, members in groups.items():
        found = np.array([scores[e] for e in sorted(members & scores.keys())], dtype=float)
        figures[f"{name}s"] = int(found.size)
        figures[f"{name}_fp_rate"] = float(np.mean(found >= threshold)) if found.size else float("nan")
        figures[f"{name}_fp_rate_at_0.10%"] = float(np.mean(found > budget_threshold)) if found.size else float("nan")
    return figures


def bench_telecom(world_dir: Path, *, split: float = 0.5, threshold: float = 0.5, seed: int = 0,
                  utc_offset_hours: float = 8.0) -> dict[str, Any]:
    """Fit on the first ``split`` of the world at ``world_dir``, score the rest, compare with its labels."""
    data = Data.from_dir(world_dir)
    start, split_at, end = split_period(data, split)
    fit, test = data.window(start, split_at), data.window(split_at, end)
    rows = []
    for detector_cls in (GoipDetector, FraudNumberDetector):
        rows += _rows_for(detector_cls, data, fit, test, threshold, seed, utc_offset_hours)
    return {
        "world": str(world_dir), "calls": data.count("calls"), "messages": data.count("messages"),
        "fit_period": [start.isoformat(), split_at.isoformat()], "score_period": [split_at.isoformat(), end.isoformat()],
        "threshold": threshold, "rows": rows,
    }

"""``scamnet bench telecom``: gateway and fraud-number detection against a world's labels.

Temporal split: the detectors fit on the first part of the world's period (the typical
subscriber; with labels, LightGBM) and score the later part. Positives are the labelled
entities active in the later part; "normal" entities are the scored ones with no fraud role
(confounders included: their false alarms are the ones that matter). Recall is also given at
fixed false-positive budgets — the score threshold that lets 0.1 % (0.01 %) of the normal
entities through. The figures are computed by ``evaluate.metrics``.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import numpy as np
import pyarrow as pa

from scamnet.core.enums import CONFOUNDER_ROLES, LabelRole
from scamnet.core.errors import NotFoundError
from scamnet.detect.telecom.fraud_number import FraudNumberDetector
from scamnet.detect.telecom.goip import GoipDetector
from scamnet.evaluate.metrics import (
    Detection,
    budget_threshold,
    detection_at,
    recall_at_budget,
    share_above,
    split_scores,
)
from scamnet.evaluate.results import Result, flatten, key
from scamnet.features.data import Data
from scamnet.store.labels import event_span, label_table, labelled_entities_of_kind

BUDGETS = (0.001, 0.0001)
MODES = ("unsupervised", "supervised")
#: Roles that are neither fraud nor a confounder: a victim's phone is a normal subscriber's.
_HONEST = sorted({r.value for r in CONFOUNDER_ROLES} | {LabelRole.VICTIM.value, LabelRole.VICTIM_TRANSFER.value})
#: Confounders whose false alarms are reported separately, with the label roles they cover.
CONFOUNDER_GROUPS = {
    "call_centre": (LabelRole.CALL_CENTRE.value, LabelRole.TELEMARKETER.value),
    "courier": (LabelRole.COURIER.value,),
}


@dataclass(frozen=True)
class TelecomFigures(Result):
    """A detector's figures at the alert threshold and at the false-positive budgets."""

    detection: Detection = flatten(Detection)
    recall_at_fp_0_1: float = key("recall_at_0.1%_fp")
    recall_at_fp_0_01: float = key("recall_at_0.01%_fp")


@dataclass(frozen=True)
class ConfounderFigures(Result):
    """How often the confounders (call centres, couriers) are flagged: their false alarms matter most."""

    call_centres: int
    call_centre_fp_rate: float
    call_centre_fp_rate_at_budget: float = key("call_centre_fp_rate_at_0.1%")
    couriers: int
    courier_fp_rate: float
    courier_fp_rate_at_budget: float = key("courier_fp_rate_at_0.1%")


@dataclass(frozen=True)
class TelecomRow(Result):
    """One detector in one mode on the score period."""

    detector: str
    kind: str
    mode: str
    lightgbm: bool
    figures: TelecomFigures = flatten(TelecomFigures)
    confounders: ConfounderFigures = flatten(ConfounderFigures)
    fit_s: float
    score_s: float


@dataclass(frozen=True)
class TelecomBench(Result):
    """``bench telecom`` on one world."""

    world: str
    calls: int
    messages: int
    fit_period: tuple[str, str]
    score_period: tuple[str, str]
    threshold: float
    rows: list[TelecomRow]


def telecom_figures(scores: dict[str, float], positives: set[str], normals: set[str],
                    threshold: float) -> TelecomFigures:
    """Precision, recall and F1 at ``threshold``, and recall at each false-positive budget."""
    pos, neg = split_scores(scores, positives, normals)
    budgets = [recall_at_budget(pos, neg, budget) for budget in BUDGETS]
    return TelecomFigures(detection_at(pos, neg, threshold), *budgets)


def split_period(data: Data, fraction: float) -> tuple[datetime, datetime, datetime]:
    """``(start, split, end)`` of the world's calls; the split falls on the midnight nearest ``fraction``."""
    start, end = event_span(data, "calls", "started_at")
    if start is None or end is None:
        raise NotFoundError("the world holds no calls", hint="simulate a world with scamnet simulate --out DIR")
    day0 = start.replace(hour=0, minute=0, second=0, microsecond=0)
    days = round(fraction * (end - day0).total_seconds() / 86_400)
    return start, day0 + timedelta(days=max(days, 1)), end + timedelta(microseconds=1)


def _evaluate(detector, fit: Data, test: Data, labels: pa.Table | None) -> tuple[dict, tuple[float, float]]:
    started = time.perf_counter()
    detector.fit(fit, labels=labels)
    fitted = time.perf_counter()
    result = detector.score(test)
    scored = time.perf_counter()
    scores = dict(zip(result["entity"].to_pylist(), result["score"].to_pylist(), strict=True))
    return scores, (fitted - started, scored - fitted)


def _rows_for(detector_cls, data: Data, fit: Data, test: Data, threshold: float, seed: int,
              utc_offset_hours: float) -> list[TelecomRow]:
    kind = detector_cls.entity_kinds[0]
    positives_all = labelled_entities_of_kind(data, kind, sorted(detector_cls.positive_roles))
    fraud_related = labelled_entities_of_kind(data, kind, exclude=_HONEST)
    groups = {name: labelled_entities_of_kind(data, kind, list(roles)) for name, roles in CONFOUNDER_GROUPS.items()}
    labels = label_table(data)
    rows = []
    for mode in MODES:
        detector = detector_cls(seed=seed, utc_offset_hours=utc_offset_hours)
        scores, seconds = _evaluate(detector, fit, test, labels if mode == "supervised" else None)
        positives = positives_all & scores.keys()
        normals = scores.keys() - fraud_related
        # the supervised mode falls back to robust scores when the fit part holds too few labels
        rows.append(TelecomRow(detector_cls.name, kind, mode, detector.model_ is not None,
                               telecom_figures(scores, positives, normals, threshold),
                               confounder_figures(scores, groups, normals, threshold), *seconds))
    return rows


def confounder_figures(scores: dict[str, float], groups: dict[str, set[str]], normals: set[str],
                       threshold: float) -> ConfounderFigures:
    """Per confounder group: how many were scored and the share flagged at the alert threshold and at 0.1 %."""
    neg = np.array([scores[e] for e in normals], dtype=float)
    at_budget = budget_threshold(neg, BUDGETS[0]) if neg.size else math.inf
    figures: list[int | float] = []
    for members in (groups["call_centre"], groups["courier"]):
        found = np.array([scores[e] for e in sorted(members & scores.keys())], dtype=float)
        figures += [int(found.size), share_above(found, threshold), share_above(found, at_budget, strictly=True)]
    return ConfounderFigures(*figures)


def bench_telecom(world_dir: Path, *, split: float = 0.5, threshold: float = 0.5, seed: int = 0,
                  utc_offset_hours: float = 8.0) -> TelecomBench:
    """Fit on the first ``split`` of the world at ``world_dir``, score the rest, compare with its labels."""
    data = Data.from_dir(world_dir)
    start, split_at, end = split_period(data, split)
    fit, test = data.window(start, split_at), data.window(split_at, end)
    rows = []
    for detector_cls in (GoipDetector, FraudNumberDetector):
        rows += _rows_for(detector_cls, data, fit, test, threshold, seed, utc_offset_hours)
    return TelecomBench(str(world_dir), data.count("calls"), data.count("messages"),
                        (start.isoformat(), split_at.isoformat()), (split_at.isoformat(), end.isoformat()),
                        threshold, rows)

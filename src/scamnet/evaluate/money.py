"""``scamnet bench money``: mule detection and fund tracing measured on a world's labels.

Mules — temporal split of the transfers' period 60/20/20 (the AMLworld protocol): the detector
fits on accounts active in the first 60 % and the last 20 % is scored. Each part's features see
only that part's transfers (and the reports made by its end), so no account is judged on what it
did in another part; account ids are never features. Figures: minority-class (mule) precision,
recall and F1 at the shipped alert threshold (what a deployment runs at), the false alarms there,
and recall when at most 0.1 % of the normal accounts may be flagged. Beside them, marked
``tuned_*``, the figures at the threshold that maximises F1 on the middle 20 % (a threshold chosen
on labels, which a deployment lacks). Every mode runs twice: with the victims' reports, and with
the reports removed (no report-derived signal), so no signal that needs reports can carry recall alone.

Tracing — every report traced under each policy at its report time (``evaluate.tracing``).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from scamnet.core.errors import NotFoundError
from scamnet.core.settings import Settings
from scamnet.detect.money import MuleDetector
from scamnet.detect.money.mule import MULE_ROLES, PREFIX
from scamnet.evaluate.metrics import Detection, LabelTuned, detection_at, label_tuned, recall_at_budget
from scamnet.evaluate.results import Result, flatten, key
from scamnet.evaluate.tracing import TraceRow, trace_rows
from scamnet.features.data import Data
from scamnet.features.money import mule_features, without_reports
from scamnet.graph.trace import TraceLimits
from scamnet.store.labels import event_span, gang_money_accounts, labelled_entities

SPLITS = (0.6, 0.8)
BUDGET = 0.001


@dataclass(frozen=True)
class MuleFigures(Result):
    """Minority-class (mule) figures at a threshold, and recall with at most 0.1 % of normal accounts flagged."""

    mules: int
    normals: int
    flagged_normals: int
    precision: float
    recall: float
    f1: float
    recall_at_fp_0_1: float = key("recall_at_0.1%_fp")


@dataclass(frozen=True)
class MuleRow(Result):
    """Mule detection in one mode on the last part of the period, at the shipped alert threshold."""

    mode: str
    lightgbm: bool
    threshold: float
    figures: MuleFigures = flatten(MuleFigures)
    features_s: float
    mules_moving_gang_money: int
    recall_at_fp_0_1_moving: float = key("recall_at_0.1%_fp_moving")
    victim_reports: bool
    tuned: LabelTuned = flatten(LabelTuned)


@dataclass(frozen=True)
class MoneyBench(Result):
    """``bench money`` on one world."""

    world: str
    transfers: int
    reports: int
    mule_rows: list[MuleRow]
    trace_rows: list[TraceRow]
    mule_rows_without_reports: list[MuleRow]


def bench_money(world_dir: Path, *, seed: int = 0, max_hops: int = 6, horizon_hours: float = 72.0,
                min_amount: float = 1.0, threshold: float = 0.5, freeze_min_amount: float | None = None) -> MoneyBench:
    """Mule and tracing figures on the simulated world at ``world_dir`` (see the module's docstring)."""
    data = Data.from_dir(world_dir)
    mules = labelled_entities(data, sorted(MULE_ROLES))
    material = Settings().freeze_min_amount if freeze_min_amount is None else freeze_min_amount
    limits = TraceLimits(max_hops, int(horizon_hours * 3600), round(min_amount * 100), material_cents=round(material * 100))
    return MoneyBench(str(world_dir), data.count("transfers"), data.count("reports"),
                      mule_rows(data, mules, seed, threshold), trace_rows(data, mules, limits),
                      mule_rows(without_reports(data), mules, seed, threshold, reports=False))


def period_parts(data: Data, splits: tuple[float, ...] = SPLITS) -> list[Data]:
    """The world's transfers' period cut at ``splits`` (shares of its length), as windows."""
    start, end = event_span(data, "transfers", "ts")
    if start is None or end is None:
        raise NotFoundError("the world holds no transfers", hint="simulate a world with scamnet simulate --out DIR")
    cuts = [start, *(start + (end - start) * s for s in splits), end + (end - start) * 1e-9]
    return [data.window(a, b) for a, b in zip(cuts[:-1], cuts[1:], strict=True)]


def mule_rows(data: Data, mules: set[str], seed: int, threshold: float = 0.5, reports: bool = True) -> list[MuleRow]:
    """Unsupervised and LightGBM mule detection on the temporal split, at the alert ``threshold``; ``reports``:
    whether ``data`` holds the victims' reports (the rows say so)."""
    started = time.perf_counter()
    windows = period_parts(data)
    parts = [mule_features(p) for p in windows]
    features_s = time.perf_counter() - started
    labels = {PREFIX + a: PREFIX + a in mules for a in parts[0]["account_id"].to_pylist()}
    moving = gang_money_accounts(windows[2], mules, PREFIX)
    rows = []
    for mode, given in (("unsupervised", None), ("lightgbm", labels)):
        detector = MuleDetector(seed=seed).fit_features(parts[0], given)
        val, test = (_scored(detector, p) for p in parts[1:])
        pos, neg = _split(test, mules)
        # mules that moved gang money in the scored part: the ones a detector could see
        moving_pos = np.array([s for e, s in test.items() if e in moving], dtype=float)
        rows.append(MuleRow(mode if reports else f"{mode}, no reports", detector.model_ is not None, threshold,
                            mule_figures(pos, neg, threshold), features_s, int(moving_pos.size),
                            recall_at_budget(moving_pos, neg, BUDGET), reports,
                            label_tuned(_split(val, mules), (pos, neg))))
    return rows


def mule_figures(pos: np.ndarray, neg: np.ndarray, threshold: float) -> MuleFigures:
    """Minority-class figures at ``threshold``, and recall with at most 0.1 % of normals flagged."""
    d: Detection = detection_at(pos, neg, threshold)
    return MuleFigures(d.positives, d.normals, d.flagged_normals, d.precision, d.recall, d.f1,
                       recall_at_budget(pos, neg, BUDGET))


def _scored(detector: MuleDetector, features) -> dict[str, float]:
    result = detector.score_features(features)
    return dict(zip(result["entity"].to_pylist(), result["score"].to_pylist(), strict=True))


def _split(scores: dict[str, float], mules: set[str]) -> tuple[np.ndarray, np.ndarray]:
    pos = np.array([s for e, s in scores.items() if e in mules], dtype=float)
    neg = np.array([s for e, s in scores.items() if e not in mules], dtype=float)
    return pos, neg

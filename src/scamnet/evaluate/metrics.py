"""Detection figures, written once: precision, recall and F1 at a threshold, recall at a false-positive
budget, the F1-best threshold, and the true-positive rate at a false-positive rate.

A deployment alerts at the shipped alert threshold (the ``alert_threshold`` setting), so that is
where the benches give precision, recall and F1; a threshold tuned on labels (``LabelTuned``) is
only ever shown beside it, under its own keys.

Scores are NumPy arrays split into ``positives`` (labelled fraud) and ``normals``. A threshold
flags the scores at or above it; a budget threshold is the strictest score a positive must beat
when at most ``budget`` of the normals may be flagged. A figure with nothing to measure is NaN.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
from sklearn.metrics import roc_curve

from scamnet.evaluate.results import Result


@dataclass(frozen=True)
class Detection:
    """Counts and minority-class figures at one alert threshold."""

    positives: int
    normals: int
    flagged_normals: int
    precision: float
    recall: float
    f1: float


def detection_at(positives: np.ndarray, normals: np.ndarray, threshold: float) -> Detection:
    """Precision, recall and F1 when every score at or above ``threshold`` is flagged.

    >>> d = detection_at(np.array([0.9, 0.4]), np.array([0.7, 0.1, 0.2]), 0.5)
    >>> d.flagged_normals, d.precision, d.recall, d.f1
    (1, 0.5, 0.5, 0.5)
    >>> math.isnan(detection_at(np.array([0.4]), np.array([0.1]), 0.5).precision)
    True
    """
    tp, fp = int(np.sum(positives >= threshold)), int(np.sum(normals >= threshold))
    return Detection(
        positives=int(positives.size), normals=int(normals.size), flagged_normals=fp,
        precision=tp / (tp + fp) if tp + fp else math.nan,
        recall=tp / positives.size if positives.size else math.nan,
        f1=f1_at(positives, normals, threshold),
    )


@dataclass(frozen=True)
class LabelTuned(Result):
    """Figures at the F1-best threshold chosen on a labelled validation part: what labels would buy, not what ships."""

    tuned_threshold: float
    tuned_precision: float
    tuned_recall: float
    tuned_f1: float


#: A row with no label-tuned figures (the bench has no validation part for it).
NOT_TUNED = LabelTuned(math.nan, math.nan, math.nan, math.nan)


def label_tuned(validation: tuple[np.ndarray, np.ndarray], test: tuple[np.ndarray, np.ndarray]) -> LabelTuned:
    """The F1-best threshold of the ``validation`` (positives, normals), and the ``test`` figures at it.

    >>> t = label_tuned((np.array([0.3, 0.4]), np.array([0.1, 0.2])), (np.array([0.35, 0.9]), np.array([0.1, 0.5])))
    >>> t.tuned_threshold, t.tuned_precision, t.tuned_recall
    (0.3, 0.666..., 1.0)
    """
    threshold = best_f1_threshold(*validation)
    d = detection_at(*test, threshold)
    return LabelTuned(threshold, d.precision, d.recall, d.f1)


def f1_at(positives: np.ndarray, normals: np.ndarray, threshold: float) -> float:
    """F1 of the positives when every score at or above ``threshold`` is flagged; 0.0 when none is found.

    Counted as ``2 tp / (2 tp + fp + fn)`` so that equal ratios give equal floats (ties stay ties).

    >>> f1_at(np.array([0.9, 0.4]), np.array([0.7]), 0.5)
    0.5
    """
    tp, fp = int(np.sum(positives >= threshold)), int(np.sum(normals >= threshold))
    return 2 * tp / (2 * tp + fp + (positives.size - tp)) if tp else 0.0


def budget_threshold(normals: np.ndarray, budget: float) -> float:
    """The score a positive must beat when at most ``budget`` (a share) of ``normals`` may be flagged.

    ``-inf`` when the budget covers every normal (then every positive counts).

    >>> budget_threshold(np.linspace(0.0, 0.85, 1000), 0.001)
    0.849...
    >>> budget_threshold(np.array([0.3]), 0.5)
    0.3
    >>> budget_threshold(np.array([]), 0.001)
    -inf
    """
    allowed = math.floor(budget * normals.size)
    ordered = np.sort(normals)[::-1]
    return float(ordered[allowed]) if allowed < ordered.size else -math.inf


def recall_at_budget(positives: np.ndarray, normals: np.ndarray, budget: float) -> float:
    """The share of ``positives`` above the budget threshold of ``normals``; NaN without positives.

    >>> recall_at_budget(np.array([0.9, 0.8, 0.2]), np.linspace(0.0, 0.85, 1000), 0.001)
    0.333...
    >>> math.isnan(recall_at_budget(np.array([]), np.array([0.1]), 0.001))
    True
    """
    if positives.size == 0:
        return math.nan
    return float(np.mean(positives > budget_threshold(normals, budget)))


def share_above(scores: np.ndarray, threshold: float, *, strictly: bool = False) -> float:
    """The share of ``scores`` at (or, ``strictly``, above) ``threshold``; NaN for no scores.

    >>> share_above(np.array([0.2, 0.5, 0.9]), 0.5), share_above(np.array([0.2, 0.5, 0.9]), 0.5, strictly=True)
    (0.666..., 0.333...)
    """
    if scores.size == 0:
        return math.nan
    return float(np.mean(scores > threshold if strictly else scores >= threshold))


def best_f1_threshold(positives: np.ndarray, normals: np.ndarray) -> float:
    """The score threshold with the best F1 (the highest among equals); 0.5 without positives.

    >>> best_f1_threshold(np.array([0.9, 0.8]), np.array([0.85, 0.1, 0.2]))
    0.8
    """
    candidates = np.unique(np.concatenate([positives, normals]))
    if positives.size == 0 or candidates.size == 0:
        return 0.5
    return float(max(candidates, key=lambda t: (f1_at(positives, normals, t), t)))


def tpr_at_fpr(labels: np.ndarray, scores: np.ndarray, fpr: float) -> float:
    """The true-positive rate of the ROC curve's last point with a false-positive rate at most ``fpr``.

    >>> tpr_at_fpr(np.array([1, 1, 0, 0]), np.array([0.9, 0.3, 0.5, 0.1]), 0.0)
    0.5
    """
    fprs, tprs, _ = roc_curve(labels, scores)
    return float(tprs[np.searchsorted(fprs, fpr, side="right") - 1])


def split_scores(scores: Mapping[str, float], positives: set[str], normals: set[str] | None = None,
                 ) -> tuple[np.ndarray, np.ndarray]:
    """``scores`` of the ``positives`` and of the ``normals`` (every other entity when None), in entity order.

    >>> split_scores({"b": 0.2, "a": 0.9, "c": 0.4}, {"a"})
    (array([0.9]), array([0.2, 0.4]))
    """
    normals = scores.keys() - positives if normals is None else normals
    pos = np.array([scores[e] for e in sorted(positives)], dtype=float)
    return pos, np.array([scores[e] for e in sorted(normals)], dtype=float)

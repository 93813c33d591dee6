"""What the message model's scores mean: calibrated probabilities and thresholds set on a pooled reference.

Scores are calibrated by Platt scaling: a one-feature logistic regression from the log-odds of the
model's raw scam probability to "is a scam", fitted on out-of-fold scores of the training data.
It is strictly increasing, so it changes what a score means, never which message ranks above which.

The alert and "suspicious" thresholds are set for a share of legitimate messages flagged,
measured on the out-of-fold scores of the legitimate rows of every training source, each source
weighing the same in total (each row 1 / (rows of its source × sources)): a big source cannot set
the threshold for all the others, and the share flagged is the mean of the sources' shares.

>>> weighted_threshold(np.array([0.9, 0.2, 0.1, 0.3]), np.array([0.25, 0.25, 0.25, 0.25]), 0.25) > 0.3
True
>>> weighted_threshold(np.array([]), np.array([]), 0.001)
0.5
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from sklearn.linear_model import LogisticRegression

from scamnet.detect.row_floats import clip, exp

_EDGE = 1e-6


@dataclass(frozen=True)
class Calibration:
    """``probability = 1 / (1 + exp(-(slope × logit(raw) + intercept)))``."""

    slope: float = 1.0
    intercept: float = 0.0

    def __call__(self, raw: np.ndarray) -> np.ndarray:
        return 1.0 / (1.0 + np.exp(-(self.slope * _logit(raw) + self.intercept)))

    def of_float(self, raw: float) -> float:
        """The call on one Python float, the same operations (``log`` and ``exp`` NumPy's on a one-value array)."""
        p = clip(raw, _EDGE, 1.0 - _EDGE)
        logit = np.log(np.array([p / (1.0 - p)])).item()
        return 1.0 / (1.0 + exp(-(self.slope * logit + self.intercept)))


def _logit(p: np.ndarray) -> np.ndarray:
    p = np.clip(np.asarray(p, dtype=np.float64), _EDGE, 1.0 - _EDGE)
    return np.log(p / (1.0 - p))


def platt_calibration(raw: np.ndarray, is_scam: np.ndarray) -> Calibration:
    """The Platt scaling of ``raw`` scam probabilities to the observed share of scams; identity without both kinds."""
    if len(set(is_scam.tolist())) < 2:
        return Calibration()
    fitted = LogisticRegression(C=1e4, max_iter=1000).fit(_logit(raw).reshape(-1, 1), is_scam.astype(int))
    slope = float(fitted.coef_[0, 0])
    return Calibration(slope, float(fitted.intercept_[0])) if slope > 0 else Calibration()


def source_weights(sources: list[str]) -> np.ndarray:
    """Each row's weight when every source weighs the same in total (the weights sum to 1)."""
    names, index, counts = np.unique(np.array(sources, dtype=object), return_inverse=True, return_counts=True)
    return 1.0 / (counts[index] * len(names)) if len(names) else np.zeros(0)


def weighted_threshold(scores: np.ndarray, weights: np.ndarray, share: float) -> float:
    """The lowest threshold (flag at or above it) whose flagged ``scores`` weigh at most ``share`` of all.

    0.5 when there are no scores to set it on.
    """
    if scores.size == 0:
        return 0.5
    order = np.argsort(-scores, kind="stable")
    ranked, weight = scores[order], np.cumsum(weights[order]) / weights.sum()
    over = np.flatnonzero(weight > share + 1e-12)
    return float(np.nextafter(ranked[over[0]], 1.0)) if over.size else float(np.nextafter(ranked[-1], -np.inf))


def reliability(probability: np.ndarray, is_scam: np.ndarray, bins: int = 10) -> list[tuple[float, float, int]]:
    """``(mean predicted probability, observed share of scams, rows)`` per equal-width bin that holds rows."""
    edges = np.linspace(0.0, 1.0, bins + 1)
    which = np.clip(np.digitize(probability, edges[1:-1]), 0, bins - 1)
    return [(float(probability[which == b].mean()), float(is_scam[which == b].mean()), int((which == b).sum()))
            for b in range(bins) if (which == b).any()]

"""Building blocks of the evidence-weighted detectors (``mule``, ``wallet_risk``): a sign with a weight, a
strength in [0, 1] and a reason in words; the weighted strengths of every sign; and their noisy-OR."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

Columns = dict[str, np.ndarray]


@dataclass(frozen=True)
class Evidence:
    name: str
    weight: float
    strength: Callable[[Columns, np.ndarray], np.ndarray]  # (features, reference amounts) -> [0, 1]
    reason: Callable[[dict], str]


def column(f: Columns, name: str) -> np.ndarray:
    """A feature column as floats, a missing value as 0 (an infinite one as the largest float, as ``nan_to_num``;
    ufuncs alone: ``nan_to_num``'s own checks cost more than the column on the few rows scored live)."""
    values = f[name].astype(float)
    values[np.isnan(values)] = 0.0
    return np.minimum(np.maximum(values, -_LARGEST, out=values), _LARGEST, out=values)


_LARGEST = np.finfo(float).max


def amount_rank(values: np.ndarray, reference: np.ndarray) -> np.ndarray:
    """Where each amount sits among the reference amounts (0 = smallest, 1 = largest).

    >>> amount_rank(np.array([0.0, 50.0, 1000.0]), np.array([10.0, 20.0, 100.0, 200.0])).tolist()
    [0.0, 0.5, 1.0]
    """
    if len(reference) == 0:
        return (values > 0).astype(float)
    return np.searchsorted(reference, values, side="right") / len(reference)


def weighted_strengths(evidence: Sequence[Evidence], features: Columns, reference: np.ndarray) -> np.ndarray:
    """An (entities x evidence) array of weighted strengths, ``weight * strength``."""
    if not evidence:
        return np.zeros((0, 0))
    return np.column_stack([e.weight * np.clip(e.strength(features, reference), 0.0, 1.0) for e in evidence])


def noisy_or(weighted: np.ndarray) -> np.ndarray:
    """Probability that at least one sign is real, treating them as independent.

    >>> noisy_or(np.array([[0.5, 0.5], [0.0, 0.0]])).tolist()
    [0.75, 0.0]
    """
    return 1.0 - np.prod(1.0 - weighted, axis=1)

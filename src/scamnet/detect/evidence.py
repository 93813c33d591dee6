"""Building blocks of the evidence-weighted detectors (``mule``, ``wallet_risk``): a sign with a weight, a
strength in [0, 1] and a reason in words; the weighted strengths of every sign; and their noisy-OR.

Beside each, its twin on one entity's figures as Python floats (``figure``, ``rank``, ``weighted_row``,
``noisy_or_row``: a detector's ``score_row``), the same operations in the same order, so the same
floats to the last bit (``tests/detect/money/test_row_strengths.py``).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from scamnet.detect.row_floats import clip

Columns = dict[str, np.ndarray]
#: one entity's figures by column name (numbers, None as unknown), as an online detector holds them
Figures = Mapping[str, Any]
#: a sign's strength of one entity's figures, given the reference amounts as a sorted list (``Evidence.strength``'s twin)
RowStrength = Callable[[Figures, Sequence[float]], float]


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
_LARGEST_FLOAT = float(_LARGEST)


def figure(figures: Figures, name: str) -> float:
    """``column`` of one entity: its figure as a float, unknown (None, NaN) as 0, an infinite one as the largest float."""
    value = figures[name]
    if value is None:
        return 0.0
    value = float(value)
    if value != value:
        return 0.0
    return -_LARGEST_FLOAT if value < -_LARGEST_FLOAT else _LARGEST_FLOAT if value > _LARGEST_FLOAT else value


def raw_figure(figures: Figures, name: str) -> float:
    """One entity's figure as a float, None as NaN (as ``np.array(..., dtype=float)`` reads it)."""
    value = figures[name]
    return np.nan if value is None else float(value)


def amount_rank(values: np.ndarray, reference: np.ndarray) -> np.ndarray:
    """Where each amount sits among the reference amounts (0 = smallest, 1 = largest).

    >>> amount_rank(np.array([0.0, 50.0, 1000.0]), np.array([10.0, 20.0, 100.0, 200.0])).tolist()
    [0.0, 0.5, 1.0]
    """
    if len(reference) == 0:
        return (values > 0).astype(float)
    return np.searchsorted(reference, values, side="right") / len(reference)


def rank(value: float, reference: Sequence[float]) -> float:
    """``amount_rank`` of one amount (never NaN: a ``figure``), the reference amounts as a sorted list.

    >>> rank(50.0, [10.0, 20.0, 100.0, 200.0]), rank(20.0, [10.0, 20.0, 100.0, 200.0]), rank(5.0, [])
    (0.5, 0.5, 1.0)
    """
    if not reference:
        return 1.0 if value > 0 else 0.0
    return bisect_right(reference, value) / len(reference)  # ``searchsorted(side="right")``: after equal amounts


def weighted_strengths(evidence: Sequence[Evidence], features: Columns, reference: np.ndarray) -> np.ndarray:
    """An (entities x evidence) array of weighted strengths, ``weight * strength``."""
    if not evidence:
        return np.zeros((0, 0))
    return np.column_stack([e.weight * np.clip(e.strength(features, reference), 0.0, 1.0) for e in evidence])


def weighted_row(evidence: Sequence[Evidence], strengths: Sequence[RowStrength], figures: Figures,
                 reference: Sequence[float]) -> list[float]:
    """``weighted_strengths`` of one entity: ``strengths`` are the signs' ``RowStrength``, in the order of ``evidence``."""
    return [e.weight * clip(strength(figures, reference), 0.0, 1.0) for e, strength in zip(evidence, strengths, strict=True)]


def noisy_or(weighted: np.ndarray) -> np.ndarray:
    """Probability that at least one sign is real, treating them as independent.

    >>> noisy_or(np.array([[0.5, 0.5], [0.0, 0.0]])).tolist()
    [0.75, 0.0]
    """
    return 1.0 - np.prod(1.0 - weighted, axis=1)


def noisy_or_row(weighted: Sequence[float]) -> float:
    """``noisy_or`` of one entity's weighted strengths: the product taken left to right, as ``np.prod`` takes a row.

    >>> noisy_or_row([0.5, 0.5])
    0.75
    """
    product = 1.0
    for w in weighted:
        product = product * (1.0 - w)
    return 1.0 - product

"""``robust_scores`` on one entity's figures as Python floats: the online detectors score one entity at a time.

The same operations in the same order as the vectorised functions, so the same score to the last
bit (``tests/detect/telecom/test_row_scores.py``): ``maximum``, ``minimum`` and ``clip`` take NaN as
NumPy's ufuncs do, a division by zero goes to NumPy (Python raises), and ``log1p`` and ``exp`` are
NumPy's (the C library's may differ in the last bit). One-row NumPy arrays cost a few microseconds
per operation; these cost a few tenths.

>>> sig = Signal("calls_out", weight=1.0, floor=1.0)
>>> ref = Reference({"calls_out": 3.0}, {"calls_out": 1.4826})
>>> round(row_deviations({"calls_out": 9.0}, [sig], ref)["calls_out"], 2)
4.05
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

from scamnet.detect.telecom.robust_scores import PRIOR_WEIGHT, Reference, Signal

Row = dict[str, float]
_INF = float("inf")


def row_of(figures: Mapping[str, Any], names: tuple[str, ...]) -> Row:
    """The named figures as floats, None as NaN (as ``np.array(..., dtype=float)`` reads them)."""
    return {k: np.nan if (v := figures[k]) is None else float(v) for k in names}


def maximum(a: float, b: float) -> float:
    """``np.maximum`` of two floats: NaN when either is (of -0.0 and 0.0, ``b``, as NumPy's SIMD loops: no score
    sees the sign of a zero, its evidence starts from 0.0)."""
    return a if a > b or a != a else b


def minimum(a: float, b: float) -> float:
    """``np.minimum`` of two floats: NaN when either is."""
    return a if a < b or a != a else b


def clip(x: float, low: float, high: float) -> float:
    """``np.clip`` of a float: NaN stays NaN."""
    x = low if x < low else x
    return high if x > high else x


def divide(a: float, b: float) -> float:
    """``a / b`` as NumPy divides (by zero: infinity or NaN, with NumPy's warning)."""
    return a / b if b else float(np.divide(a, b))


def log1p(x: float) -> float:
    return float(np.log1p(x))


def row_deviations(row: Row, signals: list[Signal], ref: Reference) -> Row:
    """``signal_deviations`` of one entity."""
    found = {}
    for sig in signals:
        value, centre = row[sig.name], ref.centre[sig.name]
        if value - value != 0.0:  # NaN or infinite, as ``not np.isfinite``
            value = centre
        if sig.support is not None:
            n = row[sig.support]
            value = divide(n * value + PRIOR_WEIGHT * centre, n + PRIOR_WEIGHT)
        z = divide(value - centre, ref.scale[sig.name])
        found[sig.name] = clip(-z if sig.lower else z, 0.0, sig.cap)
    return found


def row_evidence(deviations: Row, signals: list[Signal], ceilings: dict[str, float] | None = None) -> float:
    """``weighted_evidence`` of one entity."""
    ceilings = ceilings or {}
    parts: dict[str, float] = {}
    for sig in signals:
        parts[sig.family] = parts.get(sig.family, 0.0) + sig.weight * deviations[sig.name]
    total = 0.0
    for family, part in parts.items():
        total = total + minimum(part, ceilings.get(family, _INF))
    return total


def row_logistic(evidence: float, centre: float, width: float) -> float:
    """``logistic_scores`` of one entity."""
    return 1.0 / (1.0 + float(np.exp(-(evidence - centre) / width)))

"""``robust_scores`` on one entity's figures as Python floats: the online detectors score one entity at a time.

The same operations in the same order as the vectorised functions, so the same score to the last
bit (``tests/detect/telecom/test_row_scores.py``): ``maximum``, ``minimum`` and ``clip`` (``row_floats``) take NaN
as NumPy's ufuncs do, a division by zero goes to NumPy (Python raises), and ``log1p`` and ``exp`` are
NumPy's (the C library's may differ in the last bit). One-row NumPy arrays cost a few microseconds
per operation; these cost a few tenths.

>>> sig = Signal("calls_out", weight=1.0, floor=1.0)
>>> ref = Reference({"calls_out": 3.0}, {"calls_out": 1.4826})
>>> round(row_deviations({"calls_out": 9.0}, row_plan([sig], ref))["calls_out"], 2)
4.05
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NamedTuple

import numpy as np

from scamnet.detect.row_floats import clip, exp, maximum, minimum
from scamnet.detect.telecom.robust_scores import PRIOR_WEIGHT, Reference, Signal

__all__ = ["Plan", "Row", "clip", "divide", "log1p", "maximum", "minimum", "row_deviations", "row_evidence", "row_logistic",
           "row_of", "row_plan"]

Row = dict[str, float]
_INF = float("inf")


def row_of(figures: Mapping[str, Any], names: tuple[str, ...]) -> Row:
    """The named figures as floats, None as NaN (as ``np.array(..., dtype=float)`` reads them)."""
    return {k: np.nan if (v := figures[k]) is None else float(v) for k in names}


def divide(a: float, b: float) -> float:
    """``a / b`` as NumPy divides (by zero: infinity or NaN, with NumPy's warning)."""
    return a / b if b else float(np.divide(a, b))


def log1p(x: float) -> float:
    """``np.log1p`` of a float on a one-value array: the loop the vectorised path runs on its column (a bare scalar
    may take another road on CPUs with AVX-512, and differ in the last bit)."""
    return np.log1p(np.array([x])).item()


class Plan(NamedTuple):
    """A signal with its reference's centre and scale and its family's ceiling, as ``row_deviations`` reads it."""

    name: str
    centre: float
    scale: float
    support: str | None
    lower: bool
    cap: float
    weight: float
    family: str
    ceiling: float


def row_plan(signals: list[Signal], ref: Reference, ceilings: dict[str, float] | None = None) -> list[Plan]:
    """The signals as ``row_deviations`` and ``row_evidence`` read them (made once per fitted reference)."""
    ceilings = ceilings or {}
    return [Plan(s.name, ref.centre[s.name], ref.scale[s.name], s.support, s.lower, s.cap, s.weight, s.family,
                 ceilings.get(s.family, _INF)) for s in signals]


def row_deviations(row: Row, plan: list[Plan]) -> Row:
    """``signal_deviations`` of one entity (``clip`` written out: a call per signal costs more than the rest)."""
    found = {}
    for name, centre, scale, support, lower, cap, _, _, _ in plan:
        value = row[name]
        if value - value != 0.0:  # NaN or infinite, as ``not np.isfinite``
            value = centre
        if support is not None:
            n = row[support]
            value = divide(n * value + PRIOR_WEIGHT * centre, n + PRIOR_WEIGHT)
        z = (value - centre) / scale  # a scale is at least its signal's floor
        if lower:
            z = -z
        z = 0.0 if z < 0.0 else z
        found[name] = cap if z > cap else z
    return found


def row_evidence(deviations: Row, plan: list[Plan]) -> float:
    """``weighted_evidence`` of one entity, each family's part at most its ceiling."""
    parts: dict[str, float] = {}
    ceilings: dict[str, float] = {}
    for one in plan:
        family = one.family
        parts[family] = parts.get(family, 0.0) + one.weight * deviations[one.name]
        ceilings[family] = one.ceiling
    total = 0.0
    for family, part in parts.items():
        total = total + minimum(part, ceilings[family])
    return total


def row_logistic(evidence: float, centre: float, width: float) -> float:
    """``logistic_scores`` of one entity."""
    return 1.0 / (1.0 + exp(-(evidence - centre) / width))

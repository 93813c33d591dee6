"""NumPy's elementwise functions on Python floats, for the detectors' one-row paths (``score_row``).

Each gives the float NumPy's ufunc gives the same value at any place of an array of any length, to
the last bit, NaN as NumPy takes it (``tests/detect/test_row_floats.py``): one-row NumPy arrays cost
a microsecond or more per operation, these a tenth.

>>> maximum(float("nan"), 1.0), minimum(2.0, 3.0), clip(7.0, 0.0, 1.0)
(nan, 2.0, 1.0)
"""

from __future__ import annotations

import numpy as np


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


def exp(x: float) -> float:
    """``np.exp`` of a float, taken on a one-value array: the loop a vectorised path runs on its contiguous column
    (on CPUs with AVX-512, NumPy's own SIMD ``exp``, which may differ in the last bit from the C library's)."""
    return np.exp(np.array([x])).item()

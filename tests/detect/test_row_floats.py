"""NumPy's elementwise functions on Python floats give what NumPy gives a value at any place of an array of any length.

NumPy runs a column through SIMD loops and a short tail through scalar ones; a one-row path must
match both, NaN (either sign) and signed zeros included, to the last bit.
"""

from __future__ import annotations

import struct

import numpy as np

from scamnet.detect import row_floats

ODD = (float("nan"), -float("nan"), -0.0, 0.0, 1.0, -1.0, 2.0, 0.5, 5e-324, 1e300, float("inf"), float("-inf"))
LENGTHS = (1, 2, 3, 4, 5, 8, 9, 17)


def _bits(value: float) -> bytes:
    return struct.pack("<d", value)


def _at_every_place(value: float):
    """``value`` at each place of arrays of several lengths (the rest ordinary numbers), with its place."""
    for n in LENGTHS:
        for at in range(n):
            column = np.full(n, 0.25)
            column[at] = value
            yield column, at


def test_maximum_and_minimum_of_two_floats_are_numpys_at_every_place_of_a_column() -> None:
    for a in ODD:
        for b in ODD:
            for column, at in _at_every_place(a):
                assert _bits(row_floats.maximum(a, b)) == _bits(float(np.maximum(column, b)[at])), (a, b)
                assert _bits(row_floats.minimum(a, b)) == _bits(float(np.minimum(column, b)[at])), (a, b)
                assert _bits(row_floats.maximum(b, a)) == _bits(float(np.maximum(b, column)[at])), (b, a)


def test_clip_keeps_nan_and_the_sign_of_a_zero_as_numpy_does() -> None:
    for x in ODD:
        for column, at in _at_every_place(x):
            assert _bits(row_floats.clip(x, 0.0, 1.0)) == _bits(float(np.clip(column, 0.0, 1.0)[at])), x
    assert _bits(row_floats.clip(-0.0, 0.0, 1.0)) == _bits(-0.0)  # NumPy's clip keeps a negative zero too


def test_exp_is_numpys_on_a_column_also_past_the_range_of_a_float() -> None:
    values = [*ODD, -745.2, -708.4, 709.8, 710.0, -1 / 180.0, -3.3e-17, *np.linspace(-40, 5, 101).tolist()]
    with np.errstate(over="ignore"):
        for x in values:
            for column, at in _at_every_place(x):
                assert _bits(row_floats.exp(x)) == _bits(float(np.exp(column)[at])), x

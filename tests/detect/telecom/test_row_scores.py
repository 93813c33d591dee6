"""One number's or device's score with Python floats (``score_row``) equals the vectorised score to the last bit.

Held on every feature row of the example telecom worlds (gateways, fraud numbers, call centres,
ordinary subscribers), and on those rows with one figure at a time made unknown, zero, negative,
tiny, huge or infinite: scored one by one, each row gives the float the vectorised path gives it
among all the others.
"""

from __future__ import annotations

import struct
from typing import Any

import numpy as np
import pyarrow as pa
import pytest

from scamnet.detect.telecom import row_scores
from scamnet.detect.telecom.behaviour import BehaviourScoring, _numeric_columns
from scamnet.detect.telecom.fraud_number import FraudNumberDetector
from scamnet.detect.telecom.goip import GoipDetector

ODD = (None, float("nan"), 0.0, -0.0, -1.0, -10.0, 5e-324, 1e-300, 2.0**53 + 1, 1e300, 1.7e308,
       float("inf"), float("-inf"), True, 7, 2**53 + 1, 10**20)


def _bits(values: list[float]) -> list[bytes]:
    return [struct.pack("<d", v) for v in values]


def _fitted(kind: type[BehaviourScoring], seed: int) -> tuple[BehaviourScoring, pa.Table]:
    data = kind.example_data(seed)  # type: ignore[attr-defined]
    detector = kind().fit(data)  # type: ignore[call-arg]
    return detector, detector.features(data)


def _rows_and_names(features: pa.Table) -> tuple[list[dict[str, Any]], tuple[str, ...]]:
    names = tuple(_numeric_columns(features))
    return [{k: row[k] for k in names} for row in features.to_pylist()], names


def _odd_rows(rows: list[dict[str, Any]], names: tuple[str, ...]) -> list[dict[str, Any]]:
    """Each figure of a few real rows made, one at a time, each of the odd values."""
    found = []
    for n, name in enumerate(names):
        for value in ODD:
            found.append(rows[n % len(rows)] | {name: value})
    return found


def _vectorised(detector: BehaviourScoring, rows: list[dict[str, Any]], names: tuple[str, ...]) -> list[float]:
    columns = {k: np.array([np.nan if r[k] is None else r[k] for r in rows], dtype=float) for k in names}
    return detector.score_columns(columns).tolist()


@pytest.mark.parametrize("kind", [FraudNumberDetector, GoipDetector])
@pytest.mark.parametrize("seed", [1, 2])
def test_each_real_row_scored_alone_with_floats_equals_the_vectorised_score_to_the_last_bit(kind, seed) -> None:
    detector, features = _fitted(kind, seed)
    rows, names = _rows_and_names(features)
    together = _vectorised(detector, rows, names)
    alone = [detector.score_row(row, names) for row in rows]
    assert _bits(alone) == _bits(together)  # type: ignore[arg-type]
    assert len(rows) > 100 and min(together) < 0.1 and max(together) > 0.9  # ordinary lines and gateways alike


@pytest.mark.parametrize("kind", [FraudNumberDetector, GoipDetector])
def test_rows_with_unknown_zero_negative_tiny_huge_and_infinite_figures_score_alike_to_the_last_bit(kind) -> None:
    detector, features = _fitted(kind, 1)
    rows, names = _rows_and_names(features)
    odd = _odd_rows(rows, names)
    with np.errstate(all="ignore"):  # inf - inf, overflow in exp: NumPy warns on either path
        together = _vectorised(detector, odd, names)
        alone = [detector.score_row(row, names) for row in odd]
        one_row = [_vectorised(detector, [row], names)[0] for row in odd[::7]]
    assert _bits(alone) == _bits(together)  # type: ignore[arg-type]
    assert _bits(alone[::7]) == _bits(one_row)  # type: ignore[arg-type]
    assert any(np.isnan(together)) and len(set(together)) > 50  # the odd values reach the score


def test_a_detector_with_a_lightgbm_model_leaves_its_rows_to_the_vectorised_path() -> None:
    data = GoipDetector.example_data(1)
    plain = GoipDetector().fit(data)
    features = plain.features(data)
    gateways = pa.table({"entity": ["imei:860000000000001", "imei:358000000000000"], "label": ["goip_device"] * 2})
    trained = GoipDetector().fit_features(features, gateways)
    rows, names = _rows_and_names(features)
    assert trained.model_ is not None and trained.score_row(rows[0], names) is None
    assert plain.score_row(rows[0], names) is not None


def test_the_float_twins_take_nan_and_a_division_by_zero_as_numpy_does() -> None:
    pairs = [(float("nan"), 1.0), (1.0, float("nan")), (-0.0, 0.0), (0.0, -0.0), (3.0, 2.0), (-1.0, float("inf")),
             (5.0, 5.0), (float("-inf"), -1.0)]
    with np.errstate(all="ignore"):
        for a, b in pairs:
            assert _same(row_scores.maximum(a, b), np.maximum(np.array([a]), b))
            assert _same(row_scores.minimum(a, b), np.minimum(np.array([a]), b))
            assert _same(row_scores.clip(a, 0.0, 4.0), np.clip(np.array([a]), 0.0, 4.0))
            assert _same(row_scores.divide(a, b - b), np.array([a]) / (b - b))


def _same(value: float, numpy: np.ndarray) -> bool:
    """The same bits, but the sign of a zero (NumPy's own loops differ there between CPUs; no score sees it)."""
    expected = float(numpy[0])
    return value == expected == 0.0 or _bits([value]) == _bits([expected])

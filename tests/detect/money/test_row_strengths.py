"""One account's mule score with Python floats (``score_row``) equals the vectorised score to the last bit.

Held on every account of two example money worlds (mule chains, dormant and everyday first-layer
mules, merchants, payrolls, ordinary people), and on those rows with one figure at a time made
unknown, zero, negative, tiny, huge or infinite: scored alone, each account gives the score and the
weighted strengths the vectorised path gives it among all the others, and the batch ``score`` gives.
"""

from __future__ import annotations

import struct
from typing import Any

import numpy as np
import pyarrow as pa
import pytest

from scamnet.detect.evidence import noisy_or, noisy_or_row, rank
from scamnet.detect.money.evidence import EVIDENCE
from scamnet.detect.money.mule import MuleDetector
from scamnet.features.money import mule_features

ODD = (None, float("nan"), 0.0, -0.0, -1.0, -10.0, 5e-324, 1e-300, 2.0**53 + 1, 1e300, 1.7e308,
       float("inf"), float("-inf"), True, 7, 2**53 + 1, 10**20)


def _bits(values: list[float]) -> list[bytes]:
    return [struct.pack("<d", v) for v in values]


def _fitted(seed: int) -> tuple[MuleDetector, pa.Table]:
    data = MuleDetector.example_data(seed)
    detector = MuleDetector().fit(data)
    return detector, mule_features(data)


def _rows(features: pa.Table) -> list[dict[str, Any]]:
    return [{k: v for k, v in row.items() if k != "account_id"} for row in features.to_pylist()]


def _vectorised(detector: MuleDetector, rows: list[dict[str, Any]]) -> tuple[list[float], list[list[float]]]:
    """``score_columns`` on the rows' figures as the live path gives them (floats, None as NaN)."""
    columns = {k: np.array([np.nan if r[k] is None else r[k] for r in rows], dtype=float) for k in rows[0]}
    scores, weighted = detector.score_columns(columns)
    return scores.tolist(), weighted.tolist()


def _alone(detector: MuleDetector, rows: list[dict[str, Any]]) -> tuple[list[float], list[list[float]]]:
    scored = [detector.score_row(row) for row in rows]
    return [s for s, _ in scored], [w for _, w in scored]  # type: ignore[misc]


@pytest.mark.parametrize("seed", [1, 2])
def test_each_account_scored_alone_with_floats_equals_the_vectorised_and_batch_score_to_the_last_bit(seed) -> None:
    detector, features = _fitted(seed)
    rows = _rows(features)
    together, weighted_together = _vectorised(detector, rows)
    alone, weighted_alone = _alone(detector, rows)
    scored = detector.score(MuleDetector.example_data(seed))  # the batch path, highest score first
    by_entity = dict(zip(scored["entity"].to_pylist(), scored["score"].to_pylist(), strict=True))
    batch = [by_entity["account:" + a] for a in features["account_id"].to_pylist()]
    assert _bits(alone) == _bits(together) == _bits(batch)
    assert [_bits(w) for w in weighted_alone] == [_bits(w) for w in weighted_together]
    assert all(type(s) is float for s in alone) and all(type(w) is float for ws in weighted_alone for w in ws)
    assert len(rows) > 60 and min(together) == 0.0 and sum(s >= 0.5 for s in together) >= 3  # people and mules alike


def test_accounts_with_unknown_zero_negative_tiny_huge_and_infinite_figures_score_alike_to_the_last_bit() -> None:
    detector, features = _fitted(1)
    rows = _rows(features)
    flagged = sorted(rows, key=lambda r: -(detector.score_row(r) or (0.0,))[0])[:5]  # mules: most signs speak
    odd = [row | {name: value} for n, name in enumerate(rows[0]) for row in (flagged[n % 5], rows[n % len(rows)])
           for value in ODD]
    with np.errstate(all="ignore"):  # inf - inf, 0 x inf, overflow in exp: NumPy warns on either path
        together, weighted_together = _vectorised(detector, odd)
        alone, weighted_alone = _alone(detector, odd)
        one_row = [_vectorised(detector, [row])[0][0] for row in odd[::7]]
    assert _bits(alone) == _bits(together)
    assert _bits(alone[::7]) == _bits(one_row)
    assert [_bits(w) for w in weighted_alone] == [_bits(w) for w in weighted_together]
    assert any(np.isnan(together)) and len(set(together)) > 50  # the odd values reach the score


def test_an_amount_ranks_after_the_reference_amounts_it_equals_as_searchsorted_puts_it() -> None:
    reference = [10.0, 20.0, 20.0, 100.0, 1.7976931348623157e308]
    amounts = [-1.7976931348623157e308, -0.0, 0.0, 5e-324, 10.0, 19.999999999999996, 20.0, 20.000000000000004,
               100.0, 1e300, 1.7976931348623157e308]
    expected = (np.searchsorted(np.array(reference), np.array(amounts), side="right") / len(reference)).tolist()
    assert [rank(a, reference) for a in amounts] == expected and expected[6] == 0.6  # after both 20s
    assert [rank(a, []) for a in (-1.0, 0.0, 3.0)] == [0.0, 0.0, 1.0]


def test_the_noisy_or_of_a_row_multiplies_left_to_right_as_numpy_does() -> None:
    rng = np.random.default_rng(5)
    weighted = rng.random((500, len(EVIDENCE))) * rng.choice([1.0, 1e-3, 1e-9], size=(500, len(EVIDENCE)))
    weighted[rng.random(weighted.shape) < 0.4] = 0.0
    assert _bits([noisy_or_row(w) for w in weighted.tolist()]) == _bits(noisy_or(weighted).tolist())


def test_a_detector_with_a_lightgbm_model_leaves_its_accounts_to_the_vectorised_path() -> None:
    data = MuleDetector.example_data(1)
    plain = MuleDetector().fit(data)
    trained = MuleDetector(trees=20).fit(data, {"account:MULE-L2": True, "account:P010": False})
    row = _rows(mule_features(data))[0]
    assert trained.model_ is not None and trained.score_row(row) is None
    assert plain.score_row(row) is not None

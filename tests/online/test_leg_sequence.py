"""An account's time-ordered money figures worked out live in Python equal the batch's NumPy ones."""

from __future__ import annotations

import math
import random

import pyarrow as pa
import pytest

from scamnet.features.money_sequence import COLUMNS, sequence_of_events
from scamnet.online.leg_sequence import leg_sequence

DAY = 86400


def _batch(legs: list[tuple[int, float, bool]]) -> dict[str, float]:
    events = pa.table({"k": pa.array([0] * len(legs), pa.uint64()), "s": pa.array([s for s, _, _ in legs], pa.int64()),
                       "amount": pa.array([a for _, a, _ in legs], pa.float64()),
                       "dir": pa.array([1 if i else -1 for _, _, i in legs], pa.int8())})
    return sequence_of_events(events).to_pylist()[0]


def _account(rng: random.Random) -> list[tuple[int, float, bool]]:
    """A mule-like account: money in, most of it passed on within minutes to days, some seconds shared."""
    start, legs = 1_780_000_000 + rng.randrange(DAY), []
    for _ in range(rng.randint(1, 40)):
        start += rng.choice([0, 0, 30, 600, 3600, 5000, DAY, 3 * DAY, 9 * DAY])
        amount = rng.choice([100.0, 4999.0, 250.5, rng.uniform(1, 20000)])
        legs.append((start, amount, True))
        for _ in range(rng.randint(0, 3)):
            legs.append((start + rng.choice([0, 60, 1800, 3600, 3601, 20 * 3600, DAY, 2 * DAY]), amount * rng.random(), False))
    return sorted(legs, key=lambda leg: (leg[0], not leg[2]))


@pytest.mark.parametrize("seed", range(6))
def test_an_accounts_sequence_figures_equal_the_batch_figures(seed: int) -> None:
    rng = random.Random(seed)
    for _ in range(60):
        legs = _account(rng)
        if rng.random() < 0.2:
            legs = [leg for leg in legs if not leg[2]] or legs  # money out only: no pass-through, no forward minutes
        live, batch = leg_sequence(legs), _batch(legs)
        assert set(live) == set(COLUMNS)
        for column in COLUMNS:
            a, b = live[column], batch[column]
            assert (math.isnan(a) and math.isnan(b)) or abs(a - b) <= 1e-9 * max(1.0, abs(b)), (column, a, b, legs)


def test_money_passed_on_within_the_hour_is_the_share_that_left():
    legs = [(1_780_000_000, 1000.0, True), (1_780_000_600, 900.0, False), (1_780_000_000 + 2 * 3600, 100.0, False)]
    figures = leg_sequence(legs)
    assert figures["pass_through_1h"] == pytest.approx(0.9) and figures["pass_through_24h"] == pytest.approx(1.0)
    assert figures["median_forward_minutes"] == 10.0 and figures["busiest_24h_events"] == 3.0

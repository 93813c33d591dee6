"""bench intercept on a small demo world: victims are reached before they pay, honest buyers are let through."""

from __future__ import annotations

import pytest

from scamnet.core.settings import Settings
from scamnet.evaluate.intercept import InterceptBench, bench_intercept
from scamnet.service.simulate import simulate_world


@pytest.fixture(scope="module")
def intercepted(tmp_path_factory: pytest.TempPathFactory) -> InterceptBench:
    world = tmp_path_factory.mktemp("intercept") / "world"
    simulate_world(world, "demo", seed=3, people=3000, days=8)
    return bench_intercept(world, Settings())


def test_held_payments_are_mostly_victims_and_honest_big_buyers_are_not_held(intercepted: InterceptBench) -> None:
    high = {r.tier: r for r in intercepted.rows}["high"]
    assert intercepted.paying_victims > 10 and intercepted.legit_transfers > 1000
    assert high.lookalikes_flagged_share == 0.0, "a car bought after a dealer's calls is not held"
    assert high.legit_per_1000 <= 1.0, "at most one honest transfer in a thousand is held"
    assert high.victim_money_share > 0.3 and high.victims_reached_before_first_payment > 0.3


def test_lower_tiers_reach_more_victims_and_warn_more_honest_payers(intercepted: InterceptBench) -> None:
    rows = {r.tier: r for r in intercepted.rows}
    assert rows["low"].victims_reached_before_first_payment >= rows["medium"].victims_reached_before_first_payment \
        >= rows["high"].victims_reached_before_first_payment
    assert rows["low"].legit_per_1000 >= rows["medium"].legit_per_1000 >= rows["high"].legit_per_1000
    assert 0.0 < intercepted.expected_saved_share <= rows["low"].victim_money_share

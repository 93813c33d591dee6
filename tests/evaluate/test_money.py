"""``bench_money`` on a small simulated world: every figure is there and the policies relate as they must."""

from __future__ import annotations

from pathlib import Path

import pytest

from scamnet.core.settings import Settings
from scamnet.evaluate.money import bench_money
from scamnet.sim import simulate


@pytest.fixture(scope="module")
def figures(tmp_path_factory: pytest.TempPathFactory) -> dict:
    folder = tmp_path_factory.mktemp("world")
    simulate("demo", seed=3, people=600, days=8).write(folder)
    return bench_money(Path(folder)).to_json()


def test_both_mule_modes_are_measured_on_the_same_accounts_with_and_without_reports(figures):
    rows = {r["mode"]: r for r in figures["mule_rows"] + figures["mule_rows_without_reports"]}
    assert set(rows) == {"unsupervised", "lightgbm", "unsupervised, no reports", "lightgbm, no reports"}
    assert len({r["normals"] for r in rows.values()}) == 1 and rows["lightgbm"]["normals"] > 0
    assert [r["victim_reports"] for r in rows.values()] == [True, True, False, False]


def test_unsupervised_mules_are_counted_at_the_shipped_alert_threshold_not_a_label_tuned_one(figures):
    for row in figures["mule_rows"] + figures["mule_rows_without_reports"]:
        assert row["threshold"] == Settings().alert_threshold
        assert 0.0 <= row["tuned_threshold"] <= 1.0


def test_money_conserving_policies_never_locate_more_than_was_lost_and_poison_never_less(figures):
    by_policy = {r["policy"]: r for r in figures["trace_rows"]}
    assert set(by_policy) == {"fifo", "lifo", "haircut", "poison"}
    for policy in ("fifo", "lifo", "haircut"):
        row = by_policy[policy]
        assert row["located_share_of_loss"] + row["cashed_out_share_of_loss"] <= row["traced"] / row["loss"] + 1e-9
    assert by_policy["poison"]["located_share_of_loss"] >= by_policy["fifo"]["located_share_of_loss"]

"""``bench_money`` on a small simulated world: every figure is there and the policies relate as they must."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pytest
from tests.graph.test_trace import transfers as transfer_table

from scamnet.evaluate.money import bench_money, gang_money_accounts
from scamnet.features.data import Data
from scamnet.sim import simulate


@pytest.fixture(scope="module")
def figures(tmp_path_factory: pytest.TempPathFactory) -> dict:
    folder = tmp_path_factory.mktemp("world")
    simulate("demo", seed=3, people=600, days=8).write(folder)
    return bench_money(Path(folder))


def test_both_mule_modes_are_measured_on_the_same_accounts(figures):
    rows = {r["mode"]: r for r in figures["mule_rows"]}
    assert set(rows) == {"unsupervised", "lightgbm"}
    assert rows["unsupervised"]["normals"] == rows["lightgbm"]["normals"] > 0


def test_money_conserving_policies_never_locate_more_than_was_lost_and_poison_never_less(figures):
    by_policy = {r["policy"]: r for r in figures["trace_rows"]}
    assert set(by_policy) == {"fifo", "lifo", "haircut", "poison"}
    for policy in ("fifo", "lifo", "haircut"):
        row = by_policy[policy]
        assert row["located_share_of_loss"] + row["cashed_out_share_of_loss"] <= row["traced"] / row["loss"] + 1e-9
    assert by_policy["poison"]["located_share_of_loss"] >= by_policy["fifo"]["located_share_of_loss"]



def test_only_mules_that_took_victim_money_or_dealt_with_other_mules_in_the_window_are_moving_gang_money():
    rows = [  # (txn_id, src, dst, channel): V pays L1; L1 passes to L2; L2 cashes out; L3 only pays its rent
        ("t1", "V", "L1", "mobile"), ("t2", "L1", "L2", "mobile"), ("t3", "L2", None, "atm"),
        ("t4", "L3", "LANDLORD", "mobile"), ("t5", "N", "SHOP", "pos"),
    ]
    transfers = transfer_table(*[(t, float(i), src, dst, "100.00", ch) for i, (t, src, dst, ch) in enumerate(rows)])
    transfers = transfers.append_column("currency", pa.array(["CNY"] * len(rows)))
    labels = pa.table({"entity": ["txn:t1"], "label": ["victim_transfer"]})
    data = Data.from_tables(transfers=transfers, labels=labels)
    mules = {"account:L1", "account:L2", "account:L3"}
    assert gang_money_accounts(data, mules) == {"account:L1", "account:L2"}

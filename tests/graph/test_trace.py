"""Fund tracing on hand-made graphs whose answers are worked out by hand."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import numpy as np
import pyarrow as pa
import pytest

from scamnet.graph.trace import TraceLimits, cashout_points, flow_edges, freeze_list, trace_funds, transfer_index

T0 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


def transfers(*rows: tuple[str, float, str | None, str | None, str, str]) -> pa.Table:
    """``(txn_id, hours after T0, src, dst, amount, channel)`` rows as a transfers table."""
    return pa.table({
        "txn_id": [r[0] for r in rows],
        "ts": pa.array([T0 + timedelta(hours=r[1]) for r in rows], pa.timestamp("us", "UTC")),
        "src_account": [r[2] for r in rows],
        "dst_account": [r[3] for r in rows],
        "amount": pa.array([Decimal(r[4]) for r in rows], pa.decimal128(18, 2)),
        "channel": [r[5] for r in rows],
    })


def traced(table: pa.Table, start: list[str], policy: str, **limits):
    index = transfer_index(table)
    rows = [int(np.flatnonzero(index.txn_ids == t)[0]) for t in start]
    return index, trace_funds(index, rows, policy, TraceLimits(**limits))


def held(index, trace) -> dict[str, Decimal]:
    return {r["account_id"]: r["held_amount"] for r in freeze_list(index, trace)}


def edge_amounts(index, trace) -> dict[str, Decimal]:
    edges = flow_edges(index, trace).to_pylist()
    return {e["txn_id"]: e["traced_amount"] for e in edges}


# B held 300 of its own before the victim's 1,000 arrived, then paid 500 on to C.
OLD_MONEY = transfers(
    ("salary", 0, "EMPLOYER", "B", "300.00", "online"),
    ("victim", 1, "V", "B", "1000.00", "mobile"),
    ("onward", 2, "B", "C", "500.00", "mobile"),
)


def test_fifo_lets_the_money_held_before_leave_first():
    index, trace = traced(OLD_MONEY, ["victim"], "fifo")
    assert edge_amounts(index, trace)["onward"] == Decimal("200.00")
    assert held(index, trace) == {"B": Decimal("800.00"), "C": Decimal("200.00")}


def test_lifo_lets_the_victims_newer_money_leave_first():
    index, trace = traced(OLD_MONEY, ["victim"], "lifo")
    assert edge_amounts(index, trace)["onward"] == Decimal("500.00")
    assert held(index, trace) == {"B": Decimal("500.00"), "C": Decimal("500.00")}


def test_haircut_carries_the_traced_share_of_the_balance():
    index, trace = traced(OLD_MONEY, ["victim"], "haircut")
    # 1,000 of B's 1,300 is the victim's: 500 x 10/13 = 384.61 (cents rounded down) leaves with the payment.
    assert edge_amounts(index, trace)["onward"] == Decimal("384.61")
    assert held(index, trace) == {"B": Decimal("615.39"), "C": Decimal("384.61")}


def test_poison_counts_everything_leaving_a_tainted_account():
    index, trace = traced(OLD_MONEY, ["victim"], "poison")
    assert edge_amounts(index, trace)["onward"] == Decimal("500.00")
    # B's own 300 counts as traced too: poison over-approximates (1,300 located from a 1,000 loss).
    assert held(index, trace) == {"B": Decimal("800.00"), "C": Decimal("500.00")}
    assert trace.located > trace.traced


SPLIT_MERGE = transfers(
    ("victim", 0, "V", "A", "1000.00", "mobile"),
    ("split1", 1, "A", "B", "600.00", "mobile"),
    ("split2", 1.5, "A", "C", "400.00", "mobile"),
    ("merge1", 2, "B", "D", "600.00", "online"),
    ("merge2", 2.5, "C", "D", "400.00", "online"),
    ("atm", 3, "D", None, "700.00", "atm"),
)


@pytest.mark.parametrize("policy", ["fifo", "lifo", "haircut", "poison"])
def test_split_and_merge_end_in_one_account_and_one_cash_out(policy):
    index, trace = traced(SPLIT_MERGE, ["victim"], policy)
    assert cashout_points(index, trace) == [{"account_id": "D", "channel": "atm", "cashed_out": Decimal("700.00")}]
    assert held(index, trace) == {"D": Decimal("300.00")}
    assert freeze_list(index, trace)[0]["path"] == ["V", "A", "B", "D"]
    assert trace.traced == trace.located + trace.cashed_out == 100_000


CYCLE = transfers(
    ("victim", 0, "V", "A", "1000.00", "mobile"),
    ("a_to_b", 1, "A", "B", "1000.00", "mobile"),
    ("b_to_a", 2, "B", "A", "1000.00", "mobile"),
    ("a_to_b_again", 3, "A", "B", "1000.00", "mobile"),
    ("crypto", 4, "B", None, "1000.00", "crypto_otc"),
)


@pytest.mark.parametrize("policy", ["fifo", "lifo", "haircut", "poison"])
def test_a_cycle_is_followed_once_and_counted_once(policy):
    index, trace = traced(CYCLE, ["victim"], policy)
    assert len(trace.edges) == 5
    assert trace.cashed_out == trace.traced == 100_000
    assert trace.located == 0


CHAIN = transfers(
    ("victim", 0, "V", "A", "1000.00", "mobile"),
    ("hop2", 1, "A", "B", "1000.00", "mobile"),
    ("hop3", 2, "B", "C", "1000.00", "mobile"),
    ("hop4", 3, "C", "D", "1000.00", "mobile"),
)


def test_the_hop_limit_stops_the_trace_and_says_how_much_went_beyond():
    index, trace = traced(CHAIN, ["victim"], "fifo", max_hops=2)
    assert set(edge_amounts(index, trace)) == {"victim", "hop2"}
    assert trace.beyond_hops == 100_000 and trace.located == 0


def test_the_horizon_stops_the_trace_where_the_money_was_then():
    index, trace = traced(CHAIN, ["victim"], "fifo", horizon_s=int(1.5 * 3600))
    assert held(index, trace) == {"B": Decimal("1000.00")}


def test_holdings_are_computed_at_the_time_asked():
    as_of = int((T0 + timedelta(hours=2.5)).timestamp() * 1_000_000)
    index, trace = traced(CHAIN, ["victim"], "fifo", as_of_us=as_of)
    assert held(index, trace) == {"C": Decimal("1000.00")}


def test_traced_amounts_below_the_minimum_are_dropped_and_accounted_for():
    table = transfers(
        ("victim", 0, "V", "A", "1000.00", "mobile"),
        ("tiny", 1, "A", "B", "0.50", "mobile"),
    )
    index, trace = traced(table, ["victim"], "fifo", min_cents=100)
    assert held(index, trace) == {"A": Decimal("999.50")}
    assert trace.below_min == 50


def random_history(seed: int, accounts: int = 12, rows: int = 80) -> pa.Table:
    rng = np.random.default_rng(seed)
    names = [f"X{i}" for i in range(accounts)]
    out = [("victim", 0.0, "V", "X0", "5000.00", "mobile")]
    for i in range(rows):
        src, dst = rng.choice(names, 2, replace=False)
        cash = rng.random() < 0.1
        amount = f"{rng.integers(1, 300_000) / 100:.2f}"
        out.append((f"t{i}", float(rng.uniform(-5, 30)), str(src), None if cash else str(dst), amount,
                    "atm" if cash else "mobile"))
    return transfers(*out)


@pytest.mark.parametrize("seed", range(8))
@pytest.mark.parametrize("policy", ["fifo", "lifo", "haircut"])
def test_every_traced_cent_is_located_cashed_out_or_dropped_with_a_reason(seed, policy):
    index, trace = traced(random_history(seed), ["victim"], policy, max_hops=3, min_cents=500)
    assert trace.traced == 500_000
    assert trace.traced == trace.located + trace.cashed_out + trace.below_min + trace.beyond_hops


@pytest.mark.parametrize("seed", range(4))
def test_poison_never_traces_less_than_fifo(seed):
    _, fifo = traced(random_history(seed), ["victim"], "fifo")
    _, poison = traced(random_history(seed), ["victim"], "poison")
    assert set(fifo.hops) <= set(poison.hops)
    assert poison.located + poison.cashed_out >= fifo.located + fifo.cashed_out


# A rented everyday account takes the victim's 20,000, pays a shop 60 and a biller 35 of it in its
# holder's normal life, and passes 15,000 on to the next mule; the shop pays its supplier.
EVERYDAY_MULE = transfers(
    ("victim", 0, "V", "MULE", "20000.00", "mobile"),
    ("groceries", 1, "MULE", "SHOP", "60.00", "qr"),
    ("power", 2, "MULE", "BILLER", "35.00", "online"),
    ("layer2", 3, "MULE", "MULE2", "15000.00", "mobile"),
    ("supplier", 4, "SHOP", "SUPPLIER", "5000.00", "online"),
)


def test_payees_below_the_materiality_are_passed_through_not_frozen():
    from scamnet.graph.trace import passed_through

    index, trace = traced(EVERYDAY_MULE, ["victim"], "fifo", material_cents=50_000)
    assert held(index, trace) == {"MULE": Decimal("4905.00"), "MULE2": Decimal("15000.00")}
    assert {r["account_id"]: r["held_amount"] for r in passed_through(index, trace)} == {
        "SHOP": Decimal("60.00"), "BILLER": Decimal("35.00")}
    assert "supplier" not in edge_amounts(index, trace)  # the shop's own trade is not followed
    assert trace.located + trace.cashed_out == trace.traced


def test_a_small_loss_is_frozen_where_it_sits_whatever_the_materiality():
    index, trace = traced(transfers(("victim", 0, "V", "MULE", "300.00", "mobile")), ["victim"], "fifo",
                          material_cents=50_000)
    assert held(index, trace) == {"MULE": Decimal("300.00")}


def test_a_mule_keeping_only_its_commission_is_frozen_for_what_it_passed_on():
    chain = transfers(
        ("victim", 0, "V", "L1", "30000.00", "mobile"),
        ("hop", 1, "L1", "L2", "29700.00", "mobile"),
        ("cash", 2, "L2", None, "29400.00", "atm"),
        ("lunch", 3, "L1", "CAFE", "45.00", "qr"),
    )
    index, trace = traced(chain, ["victim"], "lifo", material_cents=50_000)
    assert held(index, trace) == {"L1": Decimal("255.00"), "L2": Decimal("300.00")}
    from scamnet.graph.trace import passed_through

    assert [r["account_id"] for r in passed_through(index, trace)] == ["CAFE"]


def test_goods_bought_at_a_till_are_cashed_out_and_the_seller_is_not_frozen():
    from scamnet.graph.trace import cashout_points, freeze_list

    chain = transfers(
        ("victim", 0, "V", "CASHOUT", "30000.00", "mobile"),
        ("gold", 1, "CASHOUT", "JEWELLER", "29000.00", "pos"),  # gold bought with the money
        ("stock", 2, "JEWELLER", "WHOLESALER", "20000.00", "mobile"),  # the jeweller's own trade
    )
    index, trace = traced(chain, ["victim"], "fifo", material_cents=50_000)
    assert "JEWELLER" not in {r["account_id"] for r in freeze_list(index, trace)}
    assert cashout_points(index, trace) == [{"account_id": "CASHOUT", "channel": "pos", "cashed_out": Decimal("29000.00")}]
    assert "stock" not in edge_amounts(index, trace)


def test_the_victims_earlier_payments_into_the_same_laundering_are_traced_with_the_named_one():
    day = 24  # hours
    history = transfers(
        ("first", 0, "V", "M1", "40000.00", "mobile"),  # two weeks before: an account the victim forgot to name
        ("first-on", 1, "M1", "M2", "39000.00", "mobile"),
        ("car", 2 * day, "V", "DEALER", "90000.00", "mobile"),  # an honest purchase in the same weeks
        ("dealer-on", 3 * day, "DEALER", "FACTORY", "80000.00", "mobile"),
        ("named", 14 * day, "V", "M3", "50000.00", "mobile"),  # the payment the report names
        ("named-on", 14 * day + 1, "M3", "M2", "49000.00", "mobile"),
    )
    index, trace = traced(history, ["named"], "fifo", material_cents=50_000)
    assert {index.txn_ids[r] for r in trace.start_rows} == {"first", "named"}
    assert held(index, trace)["M2"] == Decimal("88000.00")
    assert "DEALER" not in held(index, trace)
    _, alone = traced(history, ["named"], "fifo", material_cents=50_000, episode_s=0)
    assert held(index, alone)["M2"] == Decimal("49000.00")

"""The virtual-currency leg of a world: off by default, and on in baseline, labelled and conserved."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

import pytest

from scamnet.sim import simulate
from scamnet.sim.crypto import USDT_TRC20
from scamnet.sim.scenario import load_scenario


@pytest.fixture(scope="module")
def crypto_data():
    return simulate("baseline", seed=2, people=2500, days=5).data()


def rows(data, sql: str) -> list[tuple]:
    return data.con.sql(sql).fetchall()


def test_a_world_without_the_knob_has_no_chain_leg(small_data) -> None:
    counts = [rows(small_data, f"SELECT count(*) FROM {t}")[0][0] for t in ("wallets", "chain_transfers", "otc_trades")]
    assert counts == [0, 0, 0]
    assert rows(small_data, "SELECT count(*) FROM transfers WHERE channel = 'crypto_otc' AND dst_account IS NOT NULL") == [(0,)]


def test_every_gang_otc_cash_out_pays_a_trader_who_sends_usdt_to_the_gangs_wallet_at_the_trades_price(crypto_data) -> None:
    found = rows(crypto_data, """
        SELECT t.amount, o.rate, c.amount, lw.gang_id, lm.gang_id, c.token_contract
        FROM otc_trades o JOIN transfers t ON t.txn_id = o.bank_txn_id
        JOIN chain_transfers c ON c.tx_hash = o.tx_hash
        JOIN labels lm ON lm.entity = 'account:' || t.src_account AND lm.label = 'cashout'
        JOIN labels lw ON lw.entity = 'wallet:tron:' || c.to_address AND lw.label = 'scam_wallet'""")
    assert len(found) > 10
    for cny, rate, usdt, wallet_gang, mule_gang, contract in found:
        assert wallet_gang == mule_gang and contract == USDT_TRC20
        assert abs(usdt * rate - cny) < Decimal("0.01")  # coins = money / price, to the micro-USDT


def test_the_traders_serve_gangs_and_honest_buyers_alike_and_carry_no_gang(crypto_data) -> None:
    by_kind = dict(rows(crypto_data, """
        SELECT lm.label IS NOT NULL AS gang, count(DISTINCT o.trader) FROM otc_trades o
        JOIN transfers t ON t.txn_id = o.bank_txn_id
        LEFT JOIN labels lm ON lm.entity = 'account:' || t.src_account AND lm.label = 'cashout' GROUP BY 1"""))
    assert by_kind[True] >= 2 and by_kind[False] >= 2
    assert rows(crypto_data, "SELECT count(*) FROM labels WHERE label IN ('otc_trader', 'usdt_retail', 'usdt_business', "
                             "'payment_processor', 'exchange_hot_wallet') AND gang_id IS NOT NULL") == [(0,)]


def test_gang_deposit_addresses_sweep_to_a_tagged_hot_wallet_as_honest_ones_do(crypto_data) -> None:
    swept = dict(rows(crypto_data, """
        SELECT l.gang_id IS NOT NULL, count(DISTINCT c.from_address) FROM chain_transfers c
        JOIN wallets w ON w.address = c.to_address AND w.owner_kind = 'exchange_hot_wallet'
        JOIN labels l ON l.entity = 'wallet:tron:' || c.from_address AND l.label = 'exchange_deposit' GROUP BY 1"""))
    assert swept[True] > 0 and swept[False] > 0
    # deposit addresses are not tagged: the tracer infers them from their sweeps, as an analyst would
    assert rows(crypto_data, "SELECT count(*) FROM wallets WHERE owner_kind = 'exchange_deposit'") == [(0,)]


def test_every_wallet_in_a_transfer_is_in_wallets_and_labelled(crypto_data) -> None:
    missing = rows(crypto_data, """
        WITH used AS (SELECT from_address AS a FROM chain_transfers UNION SELECT to_address FROM chain_transfers)
        SELECT count(*) FILTER (WHERE w.address IS NULL), count(*) FILTER (WHERE l.entity IS NULL) FROM used
        LEFT JOIN wallets w ON w.address = used.a
        LEFT JOIN (SELECT DISTINCT entity FROM labels) l ON l.entity = 'wallet:tron:' || used.a""")
    assert missing == [(0, 0)]


def test_victims_name_the_gangs_deposit_wallet_and_several_name_one() -> None:
    base = load_scenario("baseline")
    investment = dataclasses.replace(base, gangs=dataclasses.replace(
        base.gangs, scam_types={"fake_investment": 1.0, "task_rebate": 1.0}))
    data = simulate(investment, seed=2, people=2000, days=8).data()
    named = rows(data, """
        SELECT ri.report_id, ri.value, l.label, l.gang_id FROM report_items ri
        LEFT JOIN labels l ON l.entity = 'wallet:tron:' || ri.value AND l.label = 'scam_wallet' WHERE ri.kind = 'wallet'""")
    assert named and all(label == "scam_wallet" and gang for _, _, label, gang in named)
    assert len({r for r, *_ in named}) > len({v for _, v, *_ in named})  # some wallet is named by two reports

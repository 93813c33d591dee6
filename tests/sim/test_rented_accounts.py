"""Rented everyday accounts (issue 14): payments up to the world's end, holders paying on from their
own phones, structuring, varied cash-out, and the honest accounts that pass money through too."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta

import pytest

from scamnet.sim import load_scenario, simulate

from .conftest import query
from .test_mules import ROLE_OF, money_flows


def world(mules: dict | None = None, victims: dict | None = None, confounders: dict | None = None, days: int = 6):
    base = load_scenario("demo")
    scenario = dataclasses.replace(
        base, mules=dataclasses.replace(base.mules, **(mules or {})),
        victims=dataclasses.replace(base.victims, **(victims or {})),
        confounders=dataclasses.replace(base.confounders, **(confounders or {})))
    return simulate(scenario, seed=5, people=1500, days=days).data()


LONG_HOLDS = {"forward_minutes": 900.0, "forward_max_hours": 36.0}
RENTED = {**LONG_HOLDS, "own_device_share": 0.6, "structure_below": 2000.0, "split_spread": 0.8,
          "atm_chunk_max": 3000.0, "atm_chunk_jitter": 0.6, "cashout_home_share": 0.5,
          "cashout_channels": {"atm": 0.5, "crypto_otc": 0.2, "wire_abroad": 0.1, "goods": 0.2}}


@pytest.fixture(scope="module")
def rented():
    return world({**RENTED, "active_history_share": 0.9, "dormant_share": 0.05}, {"pay_until_end": True}, days=8)


def last_victim_payment(data) -> datetime:
    return query(data, "SELECT max(ts) FROM transfers WHERE 'txn:' || txn_id IN "
                       "(SELECT entity FROM labels WHERE label = 'victim_transfer')")[0][0]


def test_with_day_long_holds_victims_still_pay_in_the_last_days_when_asked(rented) -> None:
    end = datetime(2026, 3, 1, tzinfo=UTC) + timedelta(days=8)
    assert last_victim_payment(rented) >= end - timedelta(days=1)
    # by default a payment leaves time for four 36 h holds: none in the last six days of eight
    assert last_victim_payment(world(LONG_HOLDS, days=8)) < end - timedelta(days=6)


def test_holders_pay_on_from_their_own_phones_as_well_as_the_gangs(rented) -> None:
    own, gang = query(rented, f"""
        SELECT count(*) FILTER (WHERE o.entity IS NULL), count(*) FILTER (WHERE o.entity IS NOT NULL)
        FROM transfers t JOIN {ROLE_OF} m ON m.account_id = t.src_account
        LEFT JOIN (SELECT DISTINCT entity FROM labels WHERE label = 'operator') o ON o.entity = 'device:' || t.src_device
        WHERE t.src_device IS NOT NULL""")[0]
    assert own > 0 and gang > 0
    # an own-phone transfer comes from the device its holder's everyday payments use
    mixed = query(rented, f"""
        SELECT count(*) FROM transfers t JOIN {ROLE_OF} m ON m.account_id = t.src_account
        WHERE t.dst_account IN (SELECT account_id FROM {ROLE_OF}) AND t.src_device IN (
            SELECT src_device FROM transfers WHERE src_account = t.src_account AND dst_account NOT IN (SELECT account_id FROM {ROLE_OF}))""")
    assert mixed[0][0] > 0


def test_structured_parts_stay_below_the_limit_and_cash_comes_out_in_varied_ways(rented) -> None:
    top = query(rented, f"""SELECT max(t.amount) FROM transfers t JOIN {ROLE_OF} s ON s.account_id = t.src_account
                           JOIN {ROLE_OF} d ON d.account_id = t.dst_account WHERE t.channel = 'mobile'
                           AND 'txn:' || t.txn_id NOT IN (SELECT entity FROM labels WHERE label = 'victim_transfer')""")[0][0]
    assert top < 2000  # a holder who is also a victim may pay a mule more: that is no forwarded part
    atm = query(rented, f"""SELECT max(amount), count(DISTINCT amount), count(DISTINCT memo) FROM transfers
                           WHERE channel = 'atm' AND src_account IN (SELECT account_id FROM {ROLE_OF})""")[0]
    assert atm[0] <= 3000 and atm[1] > 2
    goods = query(rented, f"""SELECT count(*) FROM transfers t JOIN labels l ON l.entity = 'account:' || t.dst_account
                             WHERE t.src_account IN (SELECT account_id FROM {ROLE_OF} WHERE label = 'cashout')
                             AND t.channel = 'pos' AND l.label = 'merchant'""")[0][0]
    assert goods > 0



def test_inside_the_world_money_is_still_conserved_with_structuring_and_goods() -> None:
    data = world({**RENTED, "forward_minutes": 60.0, "forward_max_hours": 4.0})
    victims, cashout, kept = money_flows(data)
    goods = query(data, f"""SELECT sum(amount) FROM transfers WHERE channel = 'pos'
                                     AND src_account IN (SELECT account_id FROM {ROLE_OF} WHERE label = 'cashout')""")[0][0]
    assert victims > 0 and victims == cashout + (goods or 0) + kept


def test_merchants_sweep_to_their_own_account_and_collectors_pay_out_more_than_they_collected() -> None:
    data = world(confounders={"sweeping_merchants": 5, "rent_collectors": 40, "family_pools": 20, "aggregators": 3})
    sweeps = query(data, """
        SELECT count(*), count(*) FILTER (WHERE s.holder_id = d.holder_id) FROM transfers t
        JOIN accounts s ON s.account_id = t.src_account JOIN accounts d ON d.account_id = t.dst_account
        WHERE s.holder_type = 'merchant' AND d.holder_type = 'merchant'""")[0]
    assert sweeps[0] >= 5 and sweeps[0] == sweeps[1]
    aggregated = query(data, """
        SELECT sum(t.amount) FILTER (WHERE t.dst_account = a.account_id), sum(t.amount) FILTER (WHERE t.src_account = a.account_id)
        FROM accounts a JOIN transfers t ON a.account_id IN (t.src_account, t.dst_account) WHERE a.holder_id LIKE 'B3%'""")[0]
    assert 0.85 * float(aggregated[0]) <= float(aggregated[1]) <= float(aggregated[0])

"""Victims' money goes through the configured mule layers to cash-out and is conserved up to commissions."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

from scamnet.sim import load_scenario, simulate

from .conftest import query

ROLE_OF = "(SELECT substr(entity, 9) AS account_id, label FROM labels WHERE label IN ('mule_l1', 'mule_l2', 'mule_l3', 'cashout'))"


def hops(data) -> set[tuple[str, str]]:
    """(layer of the paying account, layer of the receiving account or the cash-out channel)."""
    return set(query(data, f"""
        SELECT s.label, coalesce(d.label, t.channel) FROM transfers t
        JOIN {ROLE_OF} s ON s.account_id = t.src_account LEFT JOIN {ROLE_OF} d ON d.account_id = t.dst_account"""))


def money_flows(data) -> tuple[Decimal, Decimal, Decimal]:
    """Victims' payments, cash-out, and what stayed on mule accounts."""
    victims = query(data, "SELECT sum(amount) FROM transfers WHERE 'txn:' || txn_id IN "
                          "(SELECT entity FROM labels WHERE label = 'victim_transfer')")[0][0]
    cashout = query(data, f"SELECT sum(amount) FROM transfers WHERE src_account IN (SELECT account_id FROM {ROLE_OF}) "
                          "AND channel IN ('atm', 'crypto_otc', 'wire_abroad')")[0][0]
    kept = query(data, f"""SELECT sum(coalesce(i.amount, 0) - coalesce(o.amount, 0)) FROM {ROLE_OF} m
        LEFT JOIN (SELECT dst_account AS account_id, sum(amount) AS amount FROM transfers GROUP BY 1) i USING (account_id)
        LEFT JOIN (SELECT src_account AS account_id, sum(amount) AS amount FROM transfers GROUP BY 1) o USING (account_id)""")[0][0]
    return victims, cashout, kept


def test_money_moves_l1_to_l2_to_l3_to_cashout_accounts_then_out(small_data) -> None:
    assert hops(small_data) <= {("mule_l1", "mule_l2"), ("mule_l2", "mule_l3"), ("mule_l3", "cashout"),
                                ("cashout", "atm"), ("cashout", "crypto_otc"), ("cashout", "wire_abroad")}
    assert {("mule_l1", "mule_l2"), ("mule_l3", "cashout")} <= hops(small_data)
    received = query(small_data, "SELECT DISTINCT l.label FROM transfers t JOIN " + ROLE_OF + " l ON l.account_id = t.dst_account "
                     "WHERE 'txn:' || t.txn_id IN (SELECT entity FROM labels WHERE label = 'victim_transfer')")
    assert received == [("mule_l1",)]


def test_victims_money_is_conserved_up_to_the_commissions(small_data) -> None:
    victims, cashout, kept = money_flows(small_data)
    assert victims > 0 and victims == cashout + kept
    # Four hops keep 0.5-2 % each.
    assert Decimal("0.92") <= cashout / victims <= Decimal("0.98")


def test_one_layer_sends_victims_money_straight_from_l1_to_cashout_accounts() -> None:
    base = load_scenario("demo")
    one = dataclasses.replace(base, mules=dataclasses.replace(base.mules, layers=1))
    data = simulate(one, seed=3, people=500, days=5).data()
    assert ("mule_l1", "cashout") in hops(data)
    assert not {h for h in hops(data) if "mule_l2" in h or "mule_l3" in h}
    victims, cashout, kept = money_flows(data)
    assert victims == cashout + kept and cashout / victims >= Decimal("0.96")


def test_a_gangs_mules_work_from_a_few_shared_devices_and_ips(small_data) -> None:
    rows = query(small_data, """SELECT l.gang_id, count(DISTINCT t.src_device), count(DISTINCT t.src_ip), count(DISTINCT t.src_account)
        FROM transfers t JOIN labels l ON l.entity = 'account:' || t.src_account AND l.label LIKE 'mule%'
        WHERE t.src_device IS NOT NULL GROUP BY 1""")
    assert rows
    for _, devices, ips, accounts in rows:
        assert devices <= 3 and ips <= 2 and accounts > devices
    operators = query(small_data, "SELECT count(DISTINCT entity), count(DISTINCT gang_id) FROM labels WHERE label = 'operator'")
    used = query(small_data, f"SELECT count(DISTINCT device_id) FROM sessions WHERE account_id IN (SELECT account_id FROM {ROLE_OF})")
    assert operators == [(used[0][0], len(rows))] and used[0][0] <= 3 * len(rows)


def test_mules_hold_money_minutes_to_hours(small_data) -> None:
    """Each L2 account's first outgoing transfer comes within the configured six hours of money arriving."""
    gaps = query(small_data, f"""
        SELECT date_diff('minute', min(i.ts), min(o.ts)) FROM {ROLE_OF} m
        JOIN transfers i ON i.dst_account = m.account_id JOIN transfers o ON o.src_account = m.account_id
        WHERE m.label = 'mule_l2' GROUP BY m.account_id""")
    assert gaps and all(0 <= g <= 6 * 60 for (g,) in gaps)


def test_mules_withdraw_cash_in_other_regions_than_their_accounts(small_data) -> None:
    rows = query(small_data, f"""SELECT t.memo = 'ATM ' || a.region, count(*) FROM transfers t
        JOIN accounts a ON a.account_id = t.src_account WHERE t.channel = 'atm'
        AND t.src_account IN (SELECT account_id FROM {ROLE_OF}) GROUP BY 1""")
    assert dict(rows).get(False, 0) > 0 and True not in dict(rows)
    normal = query(small_data, "SELECT bool_and(memo LIKE 'ATM CN-%') FROM transfers WHERE channel = 'atm'")
    assert normal == [(True,)]

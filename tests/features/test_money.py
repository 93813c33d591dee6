"""Money features on hand-made transfers whose values are worked out by hand."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pyarrow as pa

from scamnet.features.data import Data
from scamnet.features.money import mule_features
from scamnet.schema import table

T0 = datetime(2026, 3, 2, 2, 0, tzinfo=UTC)  # 10:00 in UTC+8


def world(*rows: tuple[str, float, str | None, str | None, str, str], sessions=(), reports=(), items=()) -> Data:
    transfers = pa.Table.from_pylist([
        {"txn_id": txn, "ts": T0 + timedelta(minutes=m), "src_account": src, "dst_account": dst,
         "amount": Decimal(amount), "currency": "CNY", "channel": channel}
        for txn, m, src, dst, amount, channel in rows
    ], schema=table("transfers").schema)
    return Data.from_tables(
        transfers=transfers,
        sessions=pa.Table.from_pylist(list(sessions), schema=table("sessions").schema),
        reports=pa.Table.from_pylist(list(reports), schema=table("reports").schema),
        report_items=pa.Table.from_pylist(list(items), schema=table("report_items").schema),
    )


def features_of(data: Data) -> dict[str, dict]:
    return {r["account_id"]: r for r in mule_features(data).to_pylist()}


def test_a_mule_passes_its_inflow_on_within_the_hour_and_keeps_a_commission():
    f = features_of(world(
        ("in1", 0, "V1", "M", "1000.00", "mobile"),
        ("in2", 5, "V2", "M", "1000.00", "mobile"),
        ("out", 30, "M", "N", "1960.00", "mobile"),
        ("cash", 50, "N", None, "1900.00", "atm"),
    ))["M"]
    assert f["in_counterparties"] == 2 and f["out_counterparties"] == 1
    assert f["pass_through_1h"] == 1.0  # each 1,000 in is covered by the 1,960 out 25-30 minutes later
    assert abs(f["kept_share"] - 0.02) < 1e-9
    assert f["median_forward_minutes"] == 27.5


def test_money_that_stays_a_day_is_not_passed_through_within_the_hour():
    f = features_of(world(
        ("salary", 0, "EMPLOYER", "P", "8000.00", "online"),
        ("rent", 60 * 30, "P", "LANDLORD", "3000.00", "online"),
    ))["P"]
    assert f["pass_through_1h"] == 0.0 and f["pass_through_24h"] == 0.0
    assert f["median_forward_minutes"] == 60 * 30


def test_cash_out_share_counts_atm_crypto_and_abroad():
    f = features_of(world(
        ("in", 0, "V", "C", "3000.00", "mobile"),
        ("atm", 10, "C", None, "1000.00", "atm"),
        ("otc", 20, "C", None, "1000.00", "crypto_otc"),
        ("friend", 30, "C", "F", "1000.00", "mobile"),
    ))["C"]
    assert abs(f["cashout_share"] - 2 / 3) < 1e-9


def test_amounts_just_under_the_reporting_limits_and_round_amounts_are_counted():
    f = features_of(world(
        ("a", 0, "S", "X", "4990.00", "mobile"),
        ("b", 1, "S", "X", "9500.00", "mobile"),
        ("c", 2, "S", "X", "120.37", "mobile"),
        ("d", 3, "S", "X", "300.00", "mobile"),
    ))["S"]
    assert f["just_under_limit_share"] == 0.5
    assert f["round_share"] == 0.5  # 9,500 and 300


def test_a_dormant_account_waking_up_in_a_burst():
    f = features_of(world(
        ("old", -60 * 24 * 40, "X", "D", "50.00", "mobile"),
        ("b1", 0, "V1", "D", "900.00", "mobile"),
        ("b2", 10, "V2", "D", "900.00", "mobile"),
        ("b3", 20, "D", "Y", "1700.00", "mobile"),
    ))["D"]
    assert round(f["dormant_days_before_burst"]) == 40
    assert f["busiest_24h_events"] == 3


def test_devices_shared_between_accounts_are_counted_but_a_crowded_ip_is_not():
    sessions = [{"account_id": a, "ts": T0, "device_id": "PHONE-1", "ip": "10.0.0.1"} for a in ("A", "B", "C")]
    sessions += [{"account_id": f"N{i}", "ts": T0, "device_id": f"D{i}", "ip": "100.64.0.1"} for i in range(20)]
    sessions += [{"account_id": "A", "ts": T0, "device_id": "PHONE-2", "ip": "100.64.0.1"}]
    f = features_of(world(("t", 0, "A", "B", "10.00", "mobile"), sessions=sessions))
    assert f["A"]["device_peers"] == 2  # B and C share PHONE-1
    assert f["A"]["ip_peers"] == 2  # the carrier NAT 100.64.0.1 (21 accounts) says nothing
    assert f["B"]["device_peers"] == 2


def test_a_split_and_merge_and_a_short_cycle_are_seen():
    f = features_of(world(
        ("s1", 0, "SRC", "M1", "500.00", "mobile"),
        ("s2", 1, "SRC", "M2", "500.00", "mobile"),
        ("g1", 30, "M1", "SINK", "490.00", "mobile"),
        ("g2", 31, "M2", "SINK", "490.00", "mobile"),
        ("back", 60, "SINK", "SRC", "400.00", "mobile"),
    ))
    assert f["M1"]["scatter_gather"] == 2 and f["M2"]["scatter_gather"] == 2
    assert f["SRC"]["cycles_3"] == 2  # SRC -> M1 -> SINK -> SRC and through M2
    assert f["SINK"]["gather_scatter"] == 1


def test_accounts_close_to_reported_victims():
    reports = [{"report_id": "R1", "reported_at": T0 + timedelta(hours=5), "victim_account": "V",
                "scam_type": "fake_investment", "loss_amount": Decimal("1000.00"), "currency": "CNY"}]
    items = [{"report_id": "R1", "kind": "account", "value": "m-1"}]
    f = features_of(world(
        ("pay", 0, "V", "M-1", "1000.00", "mobile"),
        ("fwd", 20, "M-1", "M2", "990.00", "mobile"),
        ("shop", -60 * 24 * 10, "V", "SHOP", "30.00", "qr"),
        reports=reports, items=items,
    ))
    assert f["M-1"]["victim_payers"] == 1 and f["M-1"]["named_in_reports"] == 1
    assert f["M2"]["second_hop_victims"] == 1
    assert f["SHOP"]["victim_payers"] == 0  # paid ten days before the report, not in the 3 days before


def test_night_is_read_on_the_local_clock():
    data = world(
        ("day", 0, "N", "X", "10.00", "mobile"),  # 02:00 UTC = 10:00 in UTC+8
        ("night", 60 * 16 + 30, "N", "X", "10.00", "mobile"),  # 18:30 UTC = 02:30 in UTC+8
    )
    assert {r["account_id"]: r["night_share"] for r in mule_features(data).to_pylist()}["N"] == 0.5
    utc = {r["account_id"]: r["night_share"] for r in mule_features(data, utc_offset_hours=0).to_pylist()}
    assert utc["N"] == 0.5  # 02:00 UTC is night on a UTC clock, 18:30 is not
    dubai = {r["account_id"]: r["night_share"] for r in mule_features(data, utc_offset_hours=4).to_pylist()}
    assert dubai["N"] == 0.0  # 06:00 and 22:30


def test_a_phone_running_other_peoples_accounts_counts_holders_not_accounts():
    accounts = pa.Table.from_pylist([
        {"account_id": a, "holder_id": h, "holder_type": "person"}
        for a, h in (("M1", "P1"), ("M2", "P2"), ("M3", "P3"), ("OWN1", "P4"), ("OWN2", "P4"))
    ], schema=table("accounts").schema)
    sessions = [{"account_id": a, "ts": T0 + timedelta(minutes=i), "device_id": d, "ip": None}
                for i, (a, d) in enumerate((("M1", "gang"), ("M2", "gang"), ("M3", "gang"), ("OWN1", "p4"), ("OWN2", "p4")))]
    data = world(("a", 0, "X", "M1", "10.00", "mobile"), ("b", 1, "X", "OWN1", "10.00", "mobile"), sessions=sessions)
    data.con.register("accounts", accounts)
    f = features_of(data)
    assert f["M1"]["device_peers"] == 2 and f["M1"]["device_holder_peers"] == 2
    assert f["OWN1"]["device_peers"] == 1 and f["OWN1"]["device_holder_peers"] == 0  # one person's two accounts


def test_a_payer_worked_on_by_a_number_they_never_contacted_is_groomed_a_friend_who_calls_back_is_not():
    subscribers = pa.Table.from_pylist([
        {"msisdn": m, "holder_id": h} for m, h in (("+861", "PV"), ("+862", "PF"))
    ], schema=table("subscribers").schema)
    accounts = pa.Table.from_pylist([
        {"account_id": a, "holder_id": h, "holder_type": "person"} for a, h in (("V", "PV"), ("F", "PF"))
    ], schema=table("accounts").schema)
    calls = pa.Table.from_pylist([
        {"call_id": str(i), "started_at": T0 - timedelta(days=2, minutes=i), "duration_s": 600, "caller": a, "callee": b}
        for i, (a, b) in enumerate((("+869", "+861"), ("+869", "+861"), ("+868", "+862"), ("+868", "+862"), ("+862", "+868")))
    ], schema=table("calls").schema)
    data = world(("v", 0, "V", "M", "5000.00", "mobile"), ("f", 1, "F", "M", "200.00", "mobile"))
    for name, rows in (("subscribers", subscribers), ("accounts", accounts), ("calls", calls)):
        data.con.register(name, rows)
    f = features_of(data)["M"]
    assert f["person_payers"] == 2 and f["groomed_payers"] == 1

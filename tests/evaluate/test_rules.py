"""Back-testing rules on a tiny hand-made world: the context is the history before each transfer."""

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from scamnet.core.enums import Action
from scamnet.evaluate.rules import backtest_world, empty_watchlist, rules_backtest, scam_transfers, transfer_contexts
from scamnet.features.data import Data
from scamnet.rules.load import starter_rules
from scamnet.rules.model import Rule
from scamnet.schema import table

T0 = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


def world_tables() -> dict[str, pa.Table]:
    """Three victims pay one young mule account within 40 minutes; the mule passes the money on; a shop sells."""
    accounts = [("V1", "person", T0 - timedelta(days=3000)), ("V2", "person", T0 - timedelta(days=2000)),
                ("V3", "person", T0 - timedelta(days=900)), ("M1", "person", T0 - timedelta(days=5)),
                ("M2", "person", T0 - timedelta(days=9)), ("S1", "merchant", T0 - timedelta(days=4000))]
    transfers = [("t1", 0, "V1", "M1", "6000"), ("t2", 20, "V2", "M1", "3000"), ("t3", 40, "V3", "M1", "2500"),
                 ("t4", 50, "M1", "M2", "11000"), ("t5", 60, "V1", "S1", "45"), ("t6", 70, "V1", "S1", "30")]
    return {
        "accounts": pa.Table.from_pylist([
            {"account_id": a, "bank": "B", "holder_id": f"P{a}", "holder_type": h, "opened_at": o, "region": "R"}
            for a, h, o in accounts], schema=table("accounts").schema),
        "persons": pa.Table.from_pylist([{"person_id": f"P{a}", "birth_year": 1950 if a == "V1" else 1990,
                                          "region": "R"} for a, _, _ in accounts], schema=table("persons").schema),
        "transfers": pa.Table.from_pylist([
            {"txn_id": t, "ts": T0 + timedelta(minutes=m), "src_account": s, "dst_account": d, "amount": Decimal(a),
             "currency": "CNY", "channel": "mobile"} for t, m, s, d, a in transfers], schema=table("transfers").schema),
        "labels": pa.Table.from_pylist([
            {"entity": "txn:t1", "label": "victim_transfer"}, {"entity": "txn:t2", "label": "victim_transfer"},
            {"entity": "txn:t3", "label": "victim_transfer"}, {"entity": "account:M1", "label": "mule_l1"},
            {"entity": "account:M2", "label": "mule_l2"}], schema=table("labels").schema),
    }


def contexts(watchlist: pa.Table | None = None) -> dict[str, dict]:
    rows = transfer_contexts(Data.from_tables(**world_tables()), watchlist or empty_watchlist(), 0.0).to_pylist()
    return {r["txn_id"]: r for r in rows}


def test_a_transfers_context_counts_only_what_came_before_it() -> None:
    ctx = contexts()
    assert ctx["t1"]["payee.distinct_payers_1h"] == 0 and ctx["t1"]["payee.first_seen_age_h"] is None
    assert ctx["t3"]["payee.new_payers_1h"] == 2 and ctx["t3"]["payee.received_1h"] == 9000
    assert ctx["t4"]["payer.received_1h"] == 11500 and ctx["t4"]["payer.transfers_total"] == 0
    assert ctx["t6"]["new_payee"] is False and ctx["t5"]["new_payee"] is True
    assert ctx["t1"]["payee.account_age_d"] == 5 and ctx["t1"]["payer.holder_age_y"] == 76
    assert ctx["t1"]["local_hour"] == 12 and ctx["t1"]["payee.on_watchlist"] is False


def test_a_watch_listed_payee_carries_its_score_into_the_context() -> None:
    listed = pa.table({"entity": ["account:M1", "account:M1"], "score": [0.4, 0.95]})
    ctx = contexts(listed)
    assert (ctx["t2"]["payee.on_watchlist"], ctx["t2"]["payee.mule_score"]) == (True, 0.95)
    assert ctx["t4"]["payer.on_watchlist"] is True and ctx["t4"]["payee.mule_score"] is None


def test_the_starter_set_holds_the_scam_money_and_lets_the_shop_be_paid() -> None:
    result = rules_backtest(starter_rules(), Data.from_tables(**world_tables()), empty_watchlist(), 0.0)
    held = next(r for r in result["rows"] if r["rule"] == "(set) held or blocked")
    assert (result["scam_transfers"], result["victim_payments"]) == (4, 3)
    assert held["precision"] == 1.0 and held["legit_share"] == 0.0
    young = next(r for r in result["rows"] if r["rule"] == "new_payee_large_to_young_account")
    assert (young["hits"], young["true_hits"]) == (2, 2)  # the first victim, and the mule paying the next


def test_on_a_world_the_live_decision_equals_the_back_test_decision_for_every_event(tmp_path: Path) -> None:
    for name, rows in world_tables().items():
        pq.write_table(rows, tmp_path / f"{name}.parquet")
    rule_file = tmp_path / "rules.toml"
    rule_file.write_text('[[rule]]\nname = "fan_in"\ndescription = "d"\nwhen = "payee.new_payers_1h >= 1"\n'
                         'action = "hold"\npriority = 1\n\n[[rule]]\nname = "small"\ndescription = "d"\n'
                         'when = "amount < 100 OR payer.first_seen_age_h IS NULL"\naction = "warn"\npriority = 2\n')
    result = backtest_world(rule_file, tmp_path, utc_offset_hours=8.0)
    assert result["live_mismatches"] == 0 and result["transfers"] == 6
    fan_in = next(r for r in result["rows"] if r["rule"] == "fan_in")
    assert (fan_in["hits"], fan_in["true_hits"]) == (3, 2)  # the shop's second sale is no scam


def test_a_rule_set_without_transfer_rules_cannot_be_back_tested() -> None:
    import pytest

    from scamnet.core.errors import ConfigError

    with pytest.raises(ConfigError, match="no enabled transfer rule"):
        rules_backtest([Rule("c", "duration_s > 1", Action.WARN, 1, "d", event="call")],
                       Data.from_tables(**world_tables()), empty_watchlist(), 0.0)


def test_on_a_store_an_open_alert_puts_the_payee_on_the_watchlist(store) -> None:
    from scamnet.evaluate.rules import store_watchlist
    from scamnet.store.repo import append_rows

    alert = {"entity": "account:M1", "detector": "mule", "score": 0.97, "tier": "critical", "reasons": ["x"],
             "status": "open", "created_at": T0}
    dismissed = alert | {"entity": "account:S1", "status": "dismissed"}
    append_rows(store.con, table("alerts"), pa.Table.from_pylist([alert, dismissed], schema=table("alerts").schema))
    listed = store_watchlist(store)
    assert listed.to_pylist() == [{"entity": "account:M1", "score": 0.97}]


def test_a_store_back_test_holds_money_to_a_payee_with_an_open_alert(db_path: Path, tmp_path: Path) -> None:
    from scamnet.evaluate.rules import backtest_store
    from scamnet.store import open_store
    from scamnet.store.repo import append_rows

    tables = world_tables()
    alert = {"entity": "account:S1", "detector": "mule", "score": 0.5, "tier": "medium", "reasons": ["x"],
             "status": "open", "created_at": T0}
    with open_store(db_path) as store:
        for name in ("accounts", "persons", "transfers"):
            append_rows(store.con, table(name), tables[name])
        append_rows(store.con, table("alerts"), pa.Table.from_pylist([alert], schema=table("alerts").schema))
    rule_file = tmp_path / "rules.toml"
    rule_file.write_text('[[rule]]\nname = "listed"\ndescription = "d"\nwhen = "in_watchlist(payee)"\n'
                         'action = "hold"\npriority = 1\n')
    result = backtest_store(rule_file, db_path, utc_offset_hours=8.0)
    listed = result["rows"][0]
    assert (listed["hits"], result["labelled"], listed["precision"]) == (2, False, None)  # the shop's two sales


def _reviews(*verdicts: tuple[str, str, int]) -> pa.Table:
    return pa.Table.from_pylist([
        {"review_id": f"rv{i}", "entity": e, "detector": "mule", "verdict": v, "analyst": "officer Li", "note": None,
         "reviewed_at": T0 + timedelta(days=1, minutes=m)} for i, (e, v, m) in enumerate(verdicts)],
        schema=table("alert_reviews").schema)


def _outcomes(*outcomes: tuple[str, str]) -> pa.Table:
    return pa.Table.from_pylist([
        {"task_id": f"dt{i}", "created_at": T0, "person_id": None, "msisdn": None, "account_id": None,
         "scam_type": "fake_investment", "reasons": [], "priority": 1, "status": "done", "txn_id": t, "amount": None,
         "timeline": None, "claimed_by": "officer Li", "outcome": o, "note": None, "updated_at": T0}
        for i, (t, o) in enumerate(outcomes)], schema=table("dissuasion_tasks").schema)


def test_a_dismissed_alerts_entity_counts_as_a_negative_in_the_back_test() -> None:
    tables = world_tables()
    labelled = scam_transfers(Data.from_tables(**tables))
    dismissed = scam_transfers(Data.from_tables(**tables, alert_reviews=_reviews(
        ("account:M2", "confirm", 0), ("account:M2", "dismiss", 5))))  # the newest verdict counts
    assert "t4" in labelled.scam and "t4" not in dismissed.scam
    assert dismissed.known_legit == {"t4"}


def test_confirmed_alerts_and_dissuasion_outcomes_label_a_store_without_ground_truth() -> None:
    tables = {**world_tables(), "labels": table("labels").schema.empty_table()}
    assert not scam_transfers(Data.from_tables(**tables)).labelled
    truth = scam_transfers(Data.from_tables(
        **tables, alert_reviews=_reviews(("account:M1", "confirm", 0), ("account:M2", "confirm", 1)),
        dissuasion_tasks=_outcomes(("t1", "persuaded"), ("t5", "false_alarm"), ("t6", "unreachable"))))
    assert truth.labelled and truth.victim == {"t1"} and truth.scam == {"t1", "t4"}
    assert truth.known_legit == {"t5"}


def test_a_partners_keyed_hash_of_the_mule_holds_its_payments_in_the_back_test_only_with_the_secret(
        db_path: Path, tmp_path: Path) -> None:
    from scamnet.evaluate.rules import backtest_store
    from scamnet.share.keyed_hash import entity_hash
    from scamnet.store import open_store
    from scamnet.store.repo import append_rows

    secret = b"a secret two agencies share, 32b"
    tables = world_tables()
    indicator = {"indicator_id": "indicator--1", "kind": "account", "value": entity_hash("account:M1", secret),
                 "hashed": True, "confidence": 0.85, "first_seen": T0, "last_seen": T0, "scam_type": "mule account",
                 "gang_id": None, "source": "agency-b"}
    with open_store(db_path) as store:
        for name in ("accounts", "persons", "transfers", "labels"):
            append_rows(store.con, table(name), tables[name])
        append_rows(store.con, table("indicators"), pa.Table.from_pylist([indicator],
                                                                          schema=table("indicators").schema))
    rule_file = tmp_path / "rules.toml"
    rule_file.write_text('[[rule]]\nname = "listed"\ndescription = "d"\nwhen = "in_watchlist(payee)"\n'
                         'action = "hold"\npriority = 1\n')
    with_secret = backtest_store(rule_file, db_path, secret=secret)["rows"][0]
    assert (with_secret["hits"], with_secret["true_hits"]) == (3, 3), "the three victims' payments to the hashed mule"
    without = backtest_store(rule_file, db_path)["rows"][0]
    assert without["hits"] == 0, "without the shared secret a keyed hash matches no account"
    wrong = backtest_store(rule_file, db_path, secret=b"another secret of thirty-two b.")["rows"][0]
    assert wrong["hits"] == 0

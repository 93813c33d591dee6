"""Labels name real entities, fraud roles carry a gang, and nothing of them leaks into the events."""

from __future__ import annotations

import re

from scamnet.core.enums import CHAIN_ROLES, CONFOUNDER_ROLES, LabelRole
from scamnet.schema.entities import url_id

from .conftest import query

#: Where each entity kind must exist.
EXISTS = {
    "phone": "SELECT 'phone:' || msisdn FROM subscribers",
    "imsi": "SELECT 'imsi:' || imsi FROM subscribers",
    "imei": "SELECT 'imei:' || caller_imei FROM calls UNION SELECT 'imei:' || sender_imei FROM messages",
    "account": "SELECT 'account:' || account_id FROM accounts",
    "msg": "SELECT 'msg:' || msg_id FROM messages",
    "txn": "SELECT 'txn:' || txn_id FROM transfers",
    "person": "SELECT 'person:' || person_id FROM persons",
    "device": "SELECT 'device:' || device_id FROM sessions",
}


def test_every_label_points_to_an_entity_of_the_world(small_data) -> None:
    for kind, sql in EXISTS.items():
        missing = query(small_data, f"SELECT entity FROM labels WHERE entity LIKE '{kind}:%' EXCEPT ({sql})")
        assert missing == [], f"{kind} labels without an entity: {missing[:3]}"
    texts = " ".join(t for (t,) in query(small_data, "SELECT text FROM messages WHERE text LIKE '%http%'"))
    linked = {url_id(u) for u in re.findall(r"https?://[^\s，。]+", texts)}
    urls = {e for (e,) in query(small_data, "SELECT entity FROM labels WHERE entity LIKE 'url:%'")}
    assert urls and urls <= linked


def test_fraud_roles_carry_a_gang_and_confounders_do_not(small_data) -> None:
    rows = query(small_data, "SELECT label, count(*), count(gang_id) FROM labels GROUP BY label")
    roles = {label: (n, with_gang) for label, n, with_gang in rows}
    for role in CONFOUNDER_ROLES | {LabelRole.VICTIM}:
        assert roles.get(role.value, (0, 0))[1] == 0, role
    for role in ("goip_device", "goip_sim", "fraud_number", "mule_l1", "cashout", "scam_message", "victim_transfer"):
        assert roles[role][0] > 0 and roles[role][0] == roles[role][1], role
    assert {g for (g,) in query(small_data, "SELECT DISTINCT gang_id FROM labels WHERE gang_id IS NOT NULL")} == {"G01", "G02", "G03"}


def test_every_confounder_kind_is_present(small_data) -> None:
    present = {label for (label,) in query(small_data, "SELECT DISTINCT label FROM labels")}
    assert {r.value for r in CONFOUNDER_ROLES - CHAIN_ROLES} <= present  # the chain leg's: tests/sim/test_crypto.py


def test_event_tables_hold_no_gang_id_or_role_name(small_world) -> None:
    words = {r.value for r in LabelRole} | {"G01", "G02", "G03"}
    for name in ("calls", "messages", "transfers", "sessions", "reports", "report_items"):
        rows = small_world.tables[name]
        for column in rows.column_names:
            if rows[column].type == "string":
                assert not words & set(rows[column].unique().to_pylist()), (name, column)


def test_fraud_rows_look_like_any_other_row(small_world, small_data) -> None:
    """Victim transfers share the id shape of other transfers, and files are in time order."""
    victim = {e[4:] for (e,) in query(small_data, "SELECT entity FROM labels WHERE label = 'victim_transfer'")}
    shapes = {(t[0], len(t)) for t in small_world.tables["transfers"]["txn_id"].to_pylist()}
    assert shapes == {("t", 17)} and victim
    for name, column in (("calls", "started_at"), ("transfers", "ts"), ("messages", "sent_at")):
        times = small_world.tables[name][column].to_pylist()
        assert times == sorted(times), name

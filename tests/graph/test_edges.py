from datetime import UTC, datetime

import pyarrow as pa

from scamnet.features.data import Data
from scamnet.graph.edges import EDGE_WEIGHTS, STRONG_TYPES, entity_edges, named_entity
from scamnet.schema import table
from tests.graph.two_gangs import world_tables


def _links(edges: pa.Table, kind: str) -> set[tuple[str, str]]:
    return {(e["src"], e["dst"]) for e in edges.to_pylist() if e["type"] == kind}


def test_a_number_a_victim_wrote_three_ways_meets_the_caller_in_the_call_records() -> None:
    edges = entity_edges(Data.from_tables(**world_tables()))
    mentions = _links(edges, "report_mentions")
    callers = {src for src, _ in _links(edges, "call")}
    for report in ("report:RA1", "report:RA2"):
        assert (report, "phone:+8617100000000") in mentions
    assert ("report:RA3", "phone:+8617100000003") in mentions
    assert {"phone:+8617100000000", "phone:+8617100000003"} <= callers


def test_a_named_transfer_points_at_the_account_that_received_it() -> None:
    mentions = _links(entity_edges(Data.from_tables(**world_tables())), "report_mentions")
    assert ("report:RA3", "account:MA1") in mentions  # RA3 named transfer t2: V2 paid MA1


def test_an_unreadable_report_item_is_left_out_and_the_rest_of_the_report_kept() -> None:
    mentions = _links(entity_edges(Data.from_tables(**world_tables())), "report_mentions")
    rb2 = {dst for src, dst in mentions if src == "report:RB2"}
    assert rb2 == {"url:http://b-refund.top/pay"}
    assert named_entity("phone", "not a number") is None


def test_a_message_links_its_sender_its_link_and_the_links_domain() -> None:
    edges = entity_edges(Data.from_tables(**world_tables()))
    assert ("msg:ma", "phone:+8617100000001") in _links(edges, "message_sender")
    assert ("msg:ma", "url:https://a-verify.top/login") in _links(edges, "message_mentions")
    assert ("url:https://a-verify.top/login", "domain:a-verify.top") in _links(edges, "url_domain")
    assert not any(src == "msg:ok" for src, _ in _links(edges, "message_sender"))  # mentions nothing


def test_repeated_calls_are_one_link_with_a_count_and_their_time_span() -> None:
    edges = entity_edges(Data.from_tables(**world_tables())).to_pylist()
    gateway_sim = [e for e in edges if e["type"] == "device_sim" and e["dst"] == "imsi:4600a0"]
    assert len(gateway_sim) == 1
    assert gateway_sim[0]["src"] == "imei:8600000000000A1"
    assert gateway_sim[0]["count"] == 3  # calls 0, 4 and 8 of gang A used SIM 0
    assert gateway_sim[0]["first_seen"] < gateway_sim[0]["last_seen"]


def test_ownership_and_device_links_come_from_the_reference_tables() -> None:
    at = datetime(2026, 1, 1, tzinfo=UTC)
    accounts = pa.Table.from_pylist([{"account_id": "A1", "bank": "B", "holder_id": "p1", "holder_type": "person",
                                      "opened_at": at, "region": "SH", "msisdn": "+8613900000001"}],
                                    schema=table("accounts").schema)
    sessions = pa.Table.from_pylist([{"account_id": "A1", "ts": at, "device_id": "d9", "ip": "10.0.0.1"}],
                                    schema=table("sessions").schema)
    edges = entity_edges(Data.from_tables(accounts=accounts, sessions=sessions))
    assert _links(edges, "owns_account") == {("person:p1", "account:A1")}
    assert _links(edges, "account_phone") == {("account:A1", "phone:+8613900000001")}
    assert _links(edges, "account_device") == {("account:A1", "device:d9")}
    assert _links(edges, "account_ip") == {("account:A1", "ip:10.0.0.1")}


def test_contact_with_strangers_weighs_less_than_shared_infrastructure() -> None:
    assert EDGE_WEIGHTS["call"] < EDGE_WEIGHTS["device_sim"]
    assert "call" not in STRONG_TYPES and "sms" not in STRONG_TYPES

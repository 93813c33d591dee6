from datetime import UTC, datetime
from decimal import Decimal

from scamnet.core.settings import Settings
from scamnet.features.data import Data
from scamnet.graph.entity_graph import entity_graph
from scamnet.graph.gang_profiles import gang_tables, member_links
from scamnet.graph.gangs import GangParams, gang_communities
from tests.graph.two_gangs import GANG_B, alert_rows, world_tables

NOW = datetime(2026, 3, 9, tzinfo=UTC)


def _tables():
    data = Data.from_tables(**world_tables())
    graph = entity_graph(data)
    members = gang_communities(graph, alert_rows()["entity"].to_pylist(), GangParams(resolution=Settings().leiden_resolution))
    return gang_tables(graph, members, data, NOW)


def test_the_gang_that_cost_its_victims_most_is_k001_with_its_losses_summed() -> None:
    gangs, members = _tables()
    first = gangs.to_pylist()[0]
    assert first["gang_id"] == "K001"
    assert first["total_loss"] == Decimal("5700.00")  # RB1 5,000 + RB2 700
    assert first["reports"] == 2
    assert first["scam_types"] == ["customer_service_refund"]
    k001 = {m["entity"] for m in members.to_pylist() if m["gang_id"] == "K001"}
    assert "imei:" + GANG_B["imei"] in k001


def test_members_have_roles_by_kind_and_a_key_member_with_centrality_one() -> None:
    _, members = _tables()
    roles = {m["entity"]: m["role"] for m in members.to_pylist()}
    assert roles["imei:" + GANG_B["imei"]] == "gateway"
    assert roles["account:MB1"] == "mule"
    assert roles["report:RB1"] == "report"
    for gang in ("K001", "K002"):
        assert max(m["centrality"] for m in members.to_pylist() if m["gang_id"] == gang) == 1.0


def test_a_gangs_time_span_runs_from_its_first_event_to_its_last_report() -> None:
    gangs, _ = _tables()
    k002 = gangs.to_pylist()[1]
    assert k002["first_seen"] == datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    assert k002["last_seen"] == datetime(2026, 3, 2, 15, 0, tzinfo=UTC)
    assert "report" in k002["summary"] and "4,500.00" in k002["summary"]


def test_member_links_keep_the_graph_links_inside_one_gang_only() -> None:
    data = Data.from_tables(**world_tables())
    graph = entity_graph(data)
    found = gang_communities(graph, alert_rows()["entity"].to_pylist(), GangParams(resolution=Settings().leiden_resolution))
    _, members = gang_tables(graph, found, data, NOW)
    gang_of = {m["entity"]: m["gang_id"] for m in members.to_pylist()}
    links = member_links(graph, members).to_pylist()
    assert links and all(gang_of[x["src"]] == gang_of[x["dst"]] == x["gang_id"] for x in links)
    inside = {(e["src"], e["dst"], e["type"]) for e in graph.edges.to_pylist()
              if gang_of.get(e["src"], 0) == gang_of.get(e["dst"], 1)}
    assert {(x["src"], x["dst"], x["type"]) for x in links} == inside and len(links) == len(inside)
    assert ("imei:" + GANG_B["imei"], "device_sim") in {(x["src"], x["type"]) for x in links}

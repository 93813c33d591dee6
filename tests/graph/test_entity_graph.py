from scamnet.features.data import Data
from scamnet.graph.edges import edge_rows
from scamnet.graph.entity_graph import edge_weights, entity_graph, strong_degrees
from tests.graph.two_gangs import GANG_A, world_tables


def test_every_entity_is_one_node_whatever_the_tables_it_appears_in() -> None:
    graph = entity_graph(Data.from_tables(**world_tables()))
    names = graph.names.to_pylist()
    assert len(names) == len(set(names)) == graph.node_count
    assert graph.edge_count == graph.edges.num_rows
    assert graph.nodes_of(["phone:+8617100000000", "phone:+0000"]) == [graph.index["phone:+8617100000000"]]


def test_a_link_seen_more_often_weighs_more_but_a_call_never_outweighs_a_sim_in_a_gateway() -> None:
    graph = entity_graph(Data.from_tables(**world_tables()))
    edges = graph.edges.to_pylist()
    weight = {(e["src"], e["dst"]): w for e, w in zip(edges, graph.weights, strict=True)}
    gateway_sim = weight[("imei:" + GANG_A["imei"], "imsi:4600a0")]
    calls = [w for e, w in zip(edges, graph.weights, strict=True) if e["type"] == "call"]
    assert max(calls) < gateway_sim
    once, twenty, sim = edge_weights(edge_rows([("phone:a", "phone:b", "call", 1, None, None),
                                                  ("phone:a", "phone:c", "call", 20, None, None),
                                                  ("imei:1", "imsi:2", "device_sim", 1, None, None)]))
    assert once < twenty < sim


def test_the_gateway_is_strongly_tied_to_its_four_sims_only() -> None:
    graph = entity_graph(Data.from_tables(**world_tables()))
    assert strong_degrees(graph)[graph.index["imei:" + GANG_A["imei"]]] == 4

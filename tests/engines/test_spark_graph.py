"""The links Spark hands the driver's gang step are the embedded graph's rows around the seeds."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from scamnet.graph.edges import EDGES_SCHEMA, edge_rows

AT = datetime(2026, 3, 1, tzinfo=UTC)


@pytest.mark.slow  # a Spark session and a component loop: about a minute on 2 busy cores
def test_the_driver_gets_each_link_of_the_seeded_components_once_and_as_written(spark, monkeypatch) -> None:
    from scamnet.engines.spark import graph

    seeded = [
        ("report:R1", "phone:+8617000000001", "report_mentions", 1, AT, AT),
        ("report:R1", "phone:+8617000000001", "report_mentions", 1, AT, AT),  # the victim named the number twice
        ("imsi:1", "phone:+8617000000001", "sim_number", 40, AT, AT),
        ("imsi:1", "imei:1", "device_sim", 40, AT, AT),
        ("msg:m1", "url:https://refund.top/a", "message_mentions", 1, AT, AT),
        ("url:https://refund.top/a", "domain:refund.top", "url_domain", 1, None, None),
        ("phone:+8617000000001", "phone:+8613900000002", "call", 3, AT, AT),  # a weak link out of the component
    ]
    elsewhere = [("imsi:9", "phone:+8617000000009", "sim_number", 5, AT, AT)]  # no seed in its component
    # a hub (a number behind more SIMs than the hub degree) outside the seeded component: its call from
    # the seeded number is left out with it, or it would pass for a small node beside the gang
    hub = [(f"imsi:h{i}", "phone:+8613900000099", "sim_number", 2, AT, AT) for i in range(4)]
    hub.append(("phone:+8617000000001", "phone:+8613900000099", "call", 1, AT, AT))
    rows = edge_rows(seeded + elsewhere + hub)
    edges = spark.createDataFrame(rows.to_pandas())
    key = ("src", "dst", "type", "count")
    # the nodes near the seeds held whole by every executor (few), or met by the links in a shuffle (too many)
    for broadcast_nodes in (graph.BROADCAST_NODES, 0):
        monkeypatch.setattr(graph, "BROADCAST_NODES", broadcast_nodes)
        local, _ = graph.seeded_links(spark, edges, ["url:https://refund.top/a"], hub_degree=3)
        assert local.schema == EDGES_SCHEMA
        assert sorted(tuple(r[k] for k in key) for r in local.to_pylist()) == sorted(r[:4] for r in seeded)


def _components_of(spark, pairs: list[tuple[str, str]], **limits: int) -> tuple[dict[str, set[str]], int]:
    from scamnet.engines.spark.graph import connected_components

    labels, rounds = connected_components(spark, spark.createDataFrame(pairs, "src string, dst string"), **limits)
    groups: dict[str, set[str]] = {}
    for row in labels.toArrow().to_pylist():
        groups.setdefault(row["component"], set()).add(row["node"])
    return groups, rounds


@pytest.mark.slow  # a Spark session and a few rounds of joins
def test_a_long_chain_a_ring_and_a_star_are_each_one_component_named_by_its_smallest_id(spark) -> None:
    # a chain whose ids run against its order (the worst case for passing the smallest id along),
    # a ring, a star, a link written twice and both ways, and a link to itself
    chain = [(f"n:{60 - i:02d}", f"n:{59 - i:02d}") for i in range(40)]
    ring = [(f"r:{i}", f"r:{(i + 1) % 7}") for i in range(7)]
    star = [("s:hub", f"s:{i}") for i in range(5)]
    pairs = chain + ring + star + [("p:b", "p:a"), ("p:a", "p:b"), ("p:a", "p:b"), ("q:a", "q:a")]
    expected = {"n:20": {f"n:{i:02d}" for i in range(20, 61)}, "r:0": {f"r:{i}" for i in range(7)},
                "s:0": {"s:hub", *(f"s:{i}" for i in range(5))}, "p:a": {"p:a", "p:b"}}
    on_spark, rounds = _components_of(spark, pairs, driver_edges=0)
    on_driver, none = _components_of(spark, pairs)
    assert on_spark == on_driver == expected  # the node linked only to itself is in no component
    assert rounds >= 2 and none == 0


@pytest.mark.slow
def test_components_left_unfinished_after_the_last_round_are_split_never_merged(spark) -> None:
    first = [(f"n:{60 - i:02d}", f"n:{59 - i:02d}") for i in range(40)]
    second = [(f"m:{60 - i:02d}", f"m:{59 - i:02d}") for i in range(40)]
    groups, rounds = _components_of(spark, first + second, driver_edges=0, max_rounds=1)
    assert rounds == 1
    assert set().union(*groups.values()) == {f"{c}:{i:02d}" for c in "mn" for i in range(20, 61)}
    assert len(groups) > 2  # one round does not join a chain of 41
    assert all(len({node[0] for node in group}) == 1 for group in groups.values())  # none spans both chains

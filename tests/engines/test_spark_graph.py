"""The links Spark hands the driver's gang step are the embedded graph's rows around the seeds."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from scamnet.graph.edges import EDGES_SCHEMA, edge_rows

AT = datetime(2026, 3, 1, tzinfo=UTC)


@pytest.mark.slow  # a Spark session and a component loop: about a minute on 2 busy cores
def test_the_driver_gets_each_link_of_the_seeded_components_once_and_as_written(spark) -> None:
    from scamnet.engines.spark.graph import seeded_links

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
    rows = edge_rows(seeded + elsewhere)
    edges = spark.createDataFrame(rows.to_pandas())
    local, _ = seeded_links(spark, edges, ["url:https://refund.top/a"], hub_degree=200)
    assert local.schema == EDGES_SCHEMA
    key = ("src", "dst", "type", "count")
    assert sorted(tuple(r[k] for k in key) for r in local.to_pylist()) == sorted(r[:4] for r in seeded)

"""DuckDB and Spark on one small world give the same answers (issue: the distributed path must).

The full run (``both_runs``, marked slow: a few minutes on 2 busy cores) is made once per test
run. Features agree within ``TOLERANCE`` (relative; floating sums run in another order on Spark, and
Spark's timestamps are read to the second where DuckDB keeps microseconds); alerts, components,
gangs and trace totals are compared exactly.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import igraph as ig
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pytest

from scamnet.core.clock import FixedClock
from scamnet.core.settings import Settings
from scamnet.features.data import Data
from scamnet.features.runner import run_feature
from scamnet.graph.entity_graph import entity_graph

TOLERANCE = 1e-6


def _by_key(rows: pa.Table, key: str) -> pa.Table:
    return rows.sort_by([(key, "ascending")])


def _assert_same_table(spark_rows: pa.Table, duck_rows: pa.Table, key: str) -> None:
    assert spark_rows.column_names == duck_rows.column_names
    assert spark_rows.num_rows == duck_rows.num_rows > 0
    s, d = _by_key(spark_rows, key), _by_key(duck_rows, key)
    for name in d.column_names:
        left, right = s[name], d[name]
        kind = right.type
        if pa.types.is_floating(kind) or pa.types.is_integer(kind) or pa.types.is_decimal(kind):
            x = np.asarray(pc.cast(left, pa.float64()).to_numpy(zero_copy_only=False), float)
            y = np.asarray(pc.cast(right, pa.float64()).to_numpy(zero_copy_only=False), float)
            assert np.allclose(x, y, rtol=TOLERANCE, atol=TOLERANCE, equal_nan=True), name
        else:
            assert left.to_pylist() == right.to_pylist(), name


@pytest.mark.parametrize(("query", "key"), [("telecom/imei_features", "entity"), ("telecom/number_features", "entity"),
                                            ("money/account_flows", "account_id")])
def test_feature_queries_agree_between_engines(registered, world: Path, query: str, key: str) -> None:
    from scamnet.engines.spark.features import spark_feature

    spark_rows = spark_feature(registered, query, utc_offset_hours=8).toArrow()
    duck_rows = run_feature(Data.from_dir(world), query, utc_offset_hours=8)
    _assert_same_table(spark_rows, duck_rows, key)


def test_the_period_s_calls_are_computed_once_for_the_telecom_queries_that_each_read_them(registered, world: Path) -> None:
    from scamnet.engines.spark.features import forget_materialised, share_fragments, spark_feature

    queries = ["telecom/call_footprint", "telecom/call_pairs", "telecom/calling_rhythm", "telecom/bank_facts"]
    forget_materialised()
    # bank_facts reads the calls without the callers' own numbers: its own fragment, not shared
    assert share_fragments(registered, queries, utc_offset_hours=8) == 1
    for query, columns in (("telecom/call_pairs", ["caller", "caller_imei", "callee", "n"]),
                           ("telecom/call_footprint", ["caller", "caller_imei", "caller_imsi", "caller_cell"])):
        on_spark = spark_feature(registered, query, utc_offset_hours=8).toArrow().select(columns).to_pylist()
        on_duckdb = run_feature(Data.from_dir(world), query, utc_offset_hours=8).select(columns).to_pylist()
        assert len(on_spark) > 0 and sorted(map(repr, on_spark)) == sorted(map(repr, on_duckdb)), query
    forget_materialised()


@pytest.fixture(scope="session")
def both_runs(registered, world: Path, tmp_path_factory: pytest.TempPathFactory):
    """The embedded ``scamnet run`` steps and ``scamnet run --engine spark`` over the same world."""
    from scamnet.service.ingest import ingest_world
    from scamnet.service.run import run_steps
    from scamnet.service.spark_run import run_spark
    from scamnet.store import open_store
    from scamnet.store.repo import read_table

    settings, clock = Settings(), FixedClock(datetime(2026, 3, 1, 9, 0, tzinfo=UTC))
    folder = tmp_path_factory.mktemp("engines")
    with open_store(folder / "scamnet.db") as store:
        ingest_world(store, world, settings)
        with store.transaction():
            for step in run_steps():  # every detector step of scamnet run, in its order (gangs compared apart)
                if step.name != "linking":
                    step.run(store, settings, clock)
        embedded = {name: read_table(store, name) for name in ("alerts", "traces")}
        graph = entity_graph(store.data(), settings.default_region)
    on_spark = run_spark(str(world), str(folder / "out"), settings, clock, spark=registered)
    return embedded, on_spark, graph


def _alert_keys(alerts: pa.Table) -> list[tuple[str, str, str]]:
    return sorted(zip(alerts["detector"].to_pylist(), alerts["entity"].to_pylist(), alerts["tier"].to_pylist(), strict=True))


@pytest.mark.slow
def test_spark_raises_the_same_alerts_at_the_same_thresholds(both_runs) -> None:
    embedded, on_spark, _ = both_runs
    spark_alerts = on_spark.tables["alerts"]
    every_detector = {"goip", "fraud_number", "scam_text", "url_risk", "mule", "wallet_risk"}
    assert set(spark_alerts["detector"].to_pylist()) == every_detector
    assert _alert_keys(spark_alerts) == _alert_keys(embedded["alerts"])
    by_entity = {(a["detector"], a["entity"]): a["score"] for a in embedded["alerts"].to_pylist()}
    for a in spark_alerts.to_pylist():
        assert a["score"] == pytest.approx(by_entity[(a["detector"], a["entity"])], abs=1e-6)


@pytest.mark.slow
def test_alerts_give_the_same_reasons_and_scam_types_on_both_engines(both_runs) -> None:
    """Telecom, content and wallet alerts: the same words (mule alerts on Spark lack the recruitment offers)."""
    embedded, on_spark, _ = both_runs
    said = {(a["detector"], a["entity"]): (a["reasons"], a["scam_type"]) for a in embedded["alerts"].to_pylist()}
    compared = [a for a in on_spark.tables["alerts"].to_pylist() if a["detector"] != "mule"]
    assert {a["detector"] for a in compared} == {"goip", "fraud_number", "scam_text", "url_risk", "wallet_risk"}
    assert all((a["reasons"], a["scam_type"]) == said[(a["detector"], a["entity"])] for a in compared)


@pytest.mark.slow
def test_every_report_traces_to_the_same_totals(both_runs) -> None:
    embedded, on_spark, _ = both_runs
    columns = ["report_id", "traced_amount", "located_amount", "cashout_amount"]
    spark_traces = on_spark.tables["traces"].select(columns).sort_by("report_id").to_pylist()
    assert spark_traces == embedded["traces"].select(columns).sort_by("report_id").to_pylist()
    assert sum(t["cashout_amount"] for t in spark_traces) > 0


@pytest.mark.slow
@pytest.mark.parametrize("driver_edges", [0, 10**9], ids=["rounds-on-spark", "finished-on-the-driver"])
def test_components_on_spark_are_the_connected_components_of_the_graph(registered, both_runs, driver_edges: int) -> None:
    from scamnet.engines.spark.graph import connected_components

    _, _, graph = both_runs
    strong = graph.edge_mask(frozenset({"device_sim", "sim_number", "owns_account", "account_device"}))
    edges = pa.table({"src": pc.take(graph.names, graph.ends[strong][:, 0]), "dst": pc.take(graph.names, graph.ends[strong][:, 1])})
    labels, rounds = connected_components(registered, registered.createDataFrame(edges.to_pandas()), driver_edges=driver_edges)
    found = labels.toArrow()
    sub = ig.Graph(n=graph.node_count, edges=graph.ends[strong].tolist())
    expected = {frozenset(graph.names[v].as_py() for v in part) for part in sub.connected_components() if len(part) > 1}
    groups: dict[str, set[str]] = {}
    for node, component in zip(found["node"].to_pylist(), found["component"].to_pylist(), strict=True):
        groups.setdefault(component, set()).add(node)
    assert {frozenset(g) for g in groups.values()} == expected
    assert all(name == min(group) for name, group in groups.items())
    # Spark contracts the graph until the driver's share is left: none here, so it takes rounds
    assert rounds >= 2 if driver_edges == 0 else rounds == 0


@pytest.mark.slow
def test_spark_finds_the_same_gangs(both_runs, world: Path) -> None:
    from scamnet.graph.gang_profiles import gang_tables
    from scamnet.graph.gangs import gang_communities
    from scamnet.service.linking import gang_params

    embedded, on_spark, graph = both_runs
    flagged = sorted(set(embedded["alerts"]["entity"].to_pylist()))
    params = gang_params(Settings(), expand_hops=0 if flagged else 2)
    _, members = gang_tables(graph, gang_communities(graph, flagged, params), Data.from_dir(world), datetime.now(UTC))
    assert on_spark.tables["gangs"].num_rows > 0
    assert _member_groups(on_spark.tables["gang_members"]) == _member_groups(members)


def _member_groups(members: pa.Table) -> set[frozenset[str]]:
    groups: dict[str, set[str]] = {}
    for gang, entity in zip(members["gang_id"].to_pylist(), members["entity"].to_pylist(), strict=True):
        groups.setdefault(gang, set()).add(entity)
    return {frozenset(g) for g in groups.values()}

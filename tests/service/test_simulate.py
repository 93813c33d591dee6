"""The simulate service: worlds written in every format, loaded by ingest, and timed."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pyarrow.csv as pacsv

from scamnet.core.settings import Settings
from scamnet.evaluate.simulate import bench_simulate
from scamnet.schema import INPUT_TABLES
from scamnet.service.ingest import ingest_files, world_files
from scamnet.service.simulate import simulate_into_store, simulate_world


def test_the_demo_world_loads_with_ingest_without_an_error(tmp_path: Path) -> None:
    written = simulate_world(tmp_path / "world", "demo", seed=2, people=500, days=4)
    summaries = ingest_files(world_files(tmp_path / "world"), tmp_path / "s.db", Settings())
    assert {s.kind: s.new for s in summaries} == {k: v for k, v in written["rows"].items()}
    assert written["rows"]["calls"] > 1000 and written["rows"]["labels"] > 100


def test_csv_and_duckdb_worlds_hold_the_same_rows_as_parquet(tmp_path: Path) -> None:
    parquet = simulate_world(tmp_path / "p", "demo", seed=2, people=300, days=2)
    simulate_world(tmp_path / "c", "demo", seed=2, people=300, days=2, fmt="csv")
    simulate_world(tmp_path / "d", "demo", seed=2, people=300, days=2, fmt="duckdb")
    con = duckdb.connect(str(tmp_path / "d" / "world.duckdb"), read_only=True)
    for spec in INPUT_TABLES:
        csv_rows = pacsv.read_csv(tmp_path / "c" / f"{spec.name}.csv").num_rows if parquet["rows"][spec.name] else 0
        db_rows = con.sql(f"SELECT count(*) FROM {spec.name}").fetchall()[0][0]
        assert csv_rows == db_rows == parquet["rows"][spec.name], spec.name


def test_a_world_goes_straight_into_a_store(store) -> None:
    new = simulate_into_store(store, Settings(), "demo", seed=2, people=300, days=2)
    assert new["persons"] == 300
    assert store.con.sql("SELECT count(*) FROM labels WHERE label = 'goip_device'").fetchall() == [(6,)]


def test_the_bench_counts_events_and_memory(tmp_path: Path) -> None:
    figures = bench_simulate(tmp_path, "demo", people=300, days=2).to_json()
    assert figures["events"] > 5000 and figures["events_per_s"] > 0 and figures["peak_memory_mb"] > 0
    assert (tmp_path / "calls.parquet").exists()

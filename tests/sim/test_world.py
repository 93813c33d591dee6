"""A simulated world is complete, valid against the schema, keyed uniquely and reproducible."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pytest

from scamnet.features.data import Data
from scamnet.schema import INPUT_TABLES
from scamnet.schema.entities import E164_PATTERN
from scamnet.sim import simulate, simulate_to


@pytest.fixture(scope="module")
def world():
    return simulate("demo", seed=3, people=500, days=5)


def test_every_input_table_is_there_in_its_canonical_schema(world) -> None:
    for spec in INPUT_TABLES:
        assert world.tables[spec.name].schema.equals(spec.schema), spec.name
    assert world.tables["calls"].num_rows > 1000 and world.tables["transfers"].num_rows > 100


@pytest.mark.parametrize("name", [spec.name for spec in INPUT_TABLES])
def test_keys_are_unique(world, name: str) -> None:
    spec = next(s for s in INPUT_TABLES if s.name == name)
    rows = world.tables[name]
    keys = set(zip(*(rows[k].to_pylist() for k in spec.key), strict=True))
    assert len(keys) == rows.num_rows


def test_numbers_are_e164_and_times_inside_the_world(world) -> None:
    calls = world.tables["calls"]
    numbers = set(calls["caller"].to_pylist()) | set(calls["callee"].to_pylist())
    assert all(E164_PATTERN.match(n) and n.startswith("+861") for n in numbers)
    first, last = pa.compute.min_max(calls["started_at"]).values()
    assert first.as_py().isoformat() >= "2026-03-01" and last.as_py().isoformat() < "2026-03-06"


def test_the_same_seed_gives_the_same_world_and_another_seed_does_not(world) -> None:
    again = simulate("demo", seed=3, people=500, days=5)
    other = simulate("demo", seed=4, people=500, days=5)
    assert all(again.tables[name].equals(rows) for name, rows in world.tables.items())
    assert not other.tables["calls"].equals(world.tables["calls"])


def test_streamed_files_hold_the_world_built_in_memory(world, tmp_path: Path) -> None:
    written = simulate_to(tmp_path, "demo", seed=3, people=500, days=5)
    data = Data.from_dir(tmp_path)
    assert written.rows["calls"] == world.tables["calls"].num_rows
    for spec in INPUT_TABLES:
        read = data.con.sql(f"SELECT * FROM {spec.name}").to_arrow_table().cast(spec.schema)
        assert read.equals(world.tables[spec.name]), spec.name


def test_the_hard_world_has_small_evasive_gangs_with_everyday_mule_accounts() -> None:
    data = simulate("hard", seed=2, people=600, days=3).data()
    gangs, gateways = data.con.sql("""SELECT count(DISTINCT gang_id), count(*) FILTER (WHERE label = 'goip_device')
                                      FROM labels WHERE gang_id IS NOT NULL""").fetchall()[0]
    assert (gangs, gateways) == (8, 8)
    # Mules that are people's everyday accounts also pay shops and bills.
    everyday = data.con.sql("""SELECT count(DISTINCT src_account) FROM transfers WHERE channel IN ('qr', 'pos', 'direct_debit')
        AND 'account:' || src_account IN (SELECT entity FROM labels WHERE label LIKE 'mule%')""").fetchall()[0][0]
    assert everyday > 0

"""Generating a world: the fixed set-up, then day after day of events, into a sink.

Events a day's generators make for later days (a victim's payments after days of grooming, a
mule forwarding money after midnight) wait in a buffer until their day is written, so every
file is in time order and nothing about a row's position hints at what made it.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pyarrow as pa

from scamnet.features.data import Data
from scamnet.schema import INPUT_TABLES, table
from scamnet.sim.browsing import honest_visits
from scamnet.sim.columns import timestamps
from scamnet.sim.confounders import courier_calls, line_calls
from scamnet.sim.crypto_market import crypto_day
from scamnet.sim.device_signs import honest_device_signs
from scamnet.sim.events import STREAMED
from scamnet.sim.household import business_transfers, logins, normal_transfers, service_messages
from scamnet.sim.lookalikes import big_purchases
from scamnet.sim.population import REGIONS
from scamnet.sim.recruitment import job_and_card_notices, recruitment_messages
from scamnet.sim.scenario import Scenario, load_scenario
from scamnet.sim.setup import Setup, make_setup
from scamnet.sim.social import normal_calls, p2p_messages
from scamnet.sim.victims import gang_day
from scamnet.sim.writer import FileSink, MemorySink

DAY_GENERATORS = (normal_calls, p2p_messages, service_messages, line_calls, courier_calls,
                  normal_transfers, business_transfers, logins, job_and_card_notices, recruitment_messages, big_purchases,
                  crypto_day, honest_visits, honest_device_signs)
_BY_COLUMNS = {tuple(spec.column_names): spec.name for spec in INPUT_TABLES}


@dataclass
class World:
    """A generated world: every input table of the canonical data model, plus ``labels``."""

    scenario: Scenario
    seed: int
    tables: dict[str, pa.Table]

    def write(self, out_dir: str | Path, fmt: str = "parquet") -> list[Path]:
        sink = FileSink(Path(out_dir), fmt)
        for name, rows in self.tables.items():
            sink.write(name, rows)
        sink.close()
        return sink.paths()

    def data(self) -> Data:
        return Data.from_tables(**self.tables)


@dataclass
class Generated:
    """What a run wrote: rows per table, seconds taken."""

    rows: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0

    @property
    def events(self) -> int:
        return sum(self.rows.get(name, 0) for name in STREAMED)


def simulate(scenario: str | Path | Scenario, seed: int = 1, people: int | None = None, days: int | None = None) -> World:
    """A world in memory.

    >>> world = simulate("demo", seed=1, people=300, days=2)
    >>> sorted(world.tables) == sorted(spec.name for spec in INPUT_TABLES)
    True
    """
    chosen = load_scenario(scenario).replace(people=people, days=days)
    sink = MemorySink()
    generate(chosen, seed, sink)
    return World(chosen, seed, sink.tables())


def simulate_to(out_dir: str | Path, scenario: str | Path | Scenario, seed: int = 1, people: int | None = None,
                days: int | None = None, fmt: str = "parquet",
                on_day: Callable[[int, int], None] | None = None) -> Generated:
    """A world written to ``out_dir`` day by day, with the memory of one day."""
    chosen = load_scenario(scenario).replace(people=people, days=days)
    return generate(chosen, seed, FileSink(Path(out_dir), fmt), on_day)


def generate(scenario: Scenario, seed: int, sink, on_day: Callable[[int, int], None] | None = None) -> Generated:
    started = time.perf_counter()
    setup = make_setup(scenario, seed)
    result = Generated()
    for name, rows in reference_tables(setup).items():
        _write(sink, result, name, rows)
    pending: dict[str, list[pa.Table]] = {name: [table(name).empty()] for name in STREAMED}
    for day in range(scenario.world.days):
        for name, rows in _day(setup, day, pending).items():
            _write(sink, result, name, rows)
        if on_day:
            on_day(day + 1, scenario.world.days)
    if setup.crypto is not None:
        _write(sink, result, "wallets", setup.crypto.wallets_table())
    _write(sink, result, "labels", setup.labels.table())
    for spec in INPUT_TABLES:
        result.rows.setdefault(spec.name, 0)  # the sink writes every table, the empty ones too
    sink.close()
    result.seconds = time.perf_counter() - started
    return result


def _write(sink, result: Generated, name: str, rows: pa.Table) -> None:
    sink.write(name, rows)
    result.rows[name] = result.rows.get(name, 0) + rows.num_rows


def _day(setup: Setup, day: int, pending: dict[str, list[pa.Table]]) -> dict[str, pa.Table]:
    made: dict[str, list[pa.Table]] = {}
    for generator in DAY_GENERATORS:
        _collect(made, generator(setup, day))
    for index, gang in enumerate(setup.gangs):
        _collect(made, gang_day(setup, gang, index, day))
    out = {}
    for name, time_column in STREAMED.items():
        rows = pa.concat_tables(pending[name] + made.pop(name, []))
        ts = rows[time_column].combine_chunks().cast(pa.int64()).to_numpy()
        order = np.argsort(ts, kind="stable")
        due = np.searchsorted(ts[order], setup.day_us(day + 1))
        out[name] = rows.take(order[:due])
        pending[name] = [rows.take(order[due:])]
    for name, parts in made.items():
        out[name] = pa.concat_tables(parts)
    return out


def _collect(made: dict[str, list[pa.Table]], produced) -> None:
    for rows in produced if isinstance(produced, list) else [produced]:
        if rows is not None:
            made.setdefault(_BY_COLUMNS[tuple(rows.column_names)], []).append(rows)


def reference_tables(setup: Setup) -> dict[str, pa.Table]:
    people, sims, accounts = setup.people, setup.sims, setup.accounts
    regions = np.array(REGIONS)
    return {
        "persons": pa.Table.from_arrays([people.person_id, pa.array(people.birth_year), pa.array(regions[people.region])],
                                        schema=table("persons").schema),
        "subscribers": pa.Table.from_arrays([
            sims["msisdn"], sims["imsi"], sims["holder"], timestamps(sims["activated_us"]), pa.array(sims["plan"]),
            pa.array(regions[sims["region"].astype(int)])], schema=table("subscribers").schema),
        "accounts": pa.Table.from_arrays([
            accounts["account_id"], pa.array(accounts["bank"]), accounts["holder"], pa.array(accounts["holder_type"]),
            timestamps(accounts["opened_us"]), pa.array(regions[accounts["region"].astype(int)]), accounts["msisdn"]],
            schema=table("accounts").schema),
    }

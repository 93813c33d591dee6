"""A restarted service rebuilds its live state from the store and decides as before."""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pytest

from scamnet.core.errors import ConfigError
from scamnet.core.settings import Settings
from scamnet.online.events import TABLES, event_from_row
from scamnet.online.live import live_state, rebuild
from scamnet.online.state import MemoryState
from scamnet.online.windows import parse_windows
from scamnet.sim import simulate

WINDOWS = parse_windows("1h,24h,7d")


@pytest.fixture(scope="module")
def history() -> dict[str, pa.Table]:
    world = simulate("demo", seed=5, people=150, days=2)
    return {name: world.tables[name] for name in TABLES}


def _arrivals(history: dict[str, pa.Table], seed: int) -> list[tuple[str, dict[str, Any]]]:
    """Every row as a live event, arriving up to 10 minutes out of time order."""
    rows = [(name, row) for name, rows in history.items() for row in rows.to_pylist()]
    jitter = random.Random(seed)
    return sorted(rows, key=lambda r: r[1][TABLES[r[0]][0]] + timedelta(minutes=jitter.uniform(0, 10)))


def _end(history: dict[str, pa.Table]) -> datetime:
    return max(pc.max(rows.column(TABLES[name][0])).as_py() for name, rows in history.items() if rows.num_rows)


def test_rebuilding_from_history_gives_the_state_live_updates_gave(history: dict[str, pa.Table]) -> None:
    arrivals = [event_from_row(name, row) for name, row in _arrivals(history, seed=1)]
    assert sum(a.at_us > b.at_us for a, b in zip(arrivals, arrivals[1:], strict=False)) > 1000  # out of order
    live = MemoryState(WINDOWS)
    for event in arrivals:
        live.update(event)
    restarted = MemoryState(WINDOWS)
    applied = rebuild(restarted, history)
    assert applied == sum(rows.num_rows for rows in history.values())
    assert sorted(restarted.entities()) == sorted(live.entities())
    end = _end(history)
    for at in (end, end + timedelta(minutes=50)):
        assert [e for e in live.entities() if restarted.features(e, at) != live.features(e, at)] == []


def test_empty_state_url_keeps_the_state_in_process_and_a_redis_url_shares_it(redis_url: str) -> None:
    assert isinstance(live_state(Settings({"state_windows": "30m,1d"})), MemoryState)
    shared = live_state(Settings({"state_url": redis_url, "state_windows": "30m,1d"}))
    assert [w.name for w in shared.windows] == ["30m", "1d"] and type(shared).__name__ == "RedisState"
    shared.close()


def test_a_state_url_that_is_not_redis_is_a_config_error() -> None:
    with pytest.raises(ConfigError) as error:
        live_state(Settings({"state_url": "memcached://127.0.0.1:11211"}))
    assert "redis://" in error.value.hint


def test_a_restart_replays_only_the_horizon_and_answers_as_a_replay_of_everything(history: dict[str, pa.Table]) -> None:
    short = parse_windows("10m,1h")  # on two days of events most lie before the horizon of 1 h 10 min
    everything = MemoryState(short)
    everything.update_many(event_from_row(name, row) for name, row in _arrivals(history, seed=2))
    restarted = MemoryState(short)
    taken = rebuild(restarted, history)
    end = _end(history)
    recent = sum(pc.sum(pc.greater_equal(rows.column(TABLES[name][0]), end - timedelta(minutes=70))).as_py() or 0
                 for name, rows in history.items())  # a table with no rows sums to None
    assert taken == sum(rows.num_rows for rows in history.values()) > 10 * recent  # the rest only as first/last seen
    assert sorted(restarted.entities()) == sorted(everything.entities())
    for at in (end - timedelta(minutes=10), end, end + timedelta(minutes=30)):  # from one short window back on
        assert [e for e in everything.entities() if restarted.features(e, at) != everything.features(e, at)] == []

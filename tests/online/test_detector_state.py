"""The online detectors' state shared through Redis: instances splitting a world decide and score as one would."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest

from scamnet.core.settings import Settings
from scamnet.features.data import Data
from scamnet.online.decider import Decider
from scamnet.online.detector_state import InProcessState, RedisDetectorState, detector_state
from scamnet.online.events import microseconds, rows_in_time_order
from scamnet.online.live_scores import LiveDetectors
from scamnet.online.reason import Reason
from scamnet.online.state import MemoryState
from scamnet.online.windows import parse_windows
from scamnet.rules.load import starter_rules
from scamnet.service.decide import decision_policy
from scamnet.service.live_detectors import REFERENCE_TABLES, fitted_detectors
from scamnet.service.simulate import simulate_world

EVENT_TABLES = ("calls", "messages", "transfers", "sessions")


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("world")
    simulate_world(out, "demo", seed=5, people=300, days=3)
    return out


def _tables(world: Path, names: tuple[str, ...]) -> dict[str, pa.Table]:
    return {n: pq.read_table(world / f"{n}.parquet") for n in names if (world / f"{n}.parquet").exists()}


@pytest.fixture(scope="module")
def fitted(world: Path) -> LiveDetectors:
    """The online detectors a service instance fits on the world (in-process state)."""
    return fitted_detectors(Data.from_dir(world), _tables(world, REFERENCE_TABLES), Settings())


def _detectors(fitted: LiveDetectors, state_url: str = "") -> LiveDetectors:
    """Another instance's detectors, fitted alike, their state where ``state_url`` puts it (fitted once: faster)."""
    return LiveDetectors(fitted.telecom.refs, fraud_number=fitted.fraud_number, goip=fitted.goip, mule=fitted.mule,
                         thresholds=fitted.thresholds, state=detector_state(state_url))


def _instance(detectors: LiveDetectors) -> Decider:
    decider = Decider(MemoryState(parse_windows("1h,24h,7d")), starter_rules(), decision_policy(Settings()))
    decider.detectors = detectors
    return decider


def _detector_reasons(decider: Decider, kind: str, row: dict[str, Any]) -> list[Reason]:
    return [r for r in decider.decide(kind, row).reasons if r.source == "detector"]


def test_the_setting_state_url_puts_the_detectors_state_in_the_process_or_in_redis(redis_url: str) -> None:
    assert isinstance(detector_state(""), InProcessState)
    assert isinstance(detector_state(redis_url), RedisDetectorState)


def test_two_instances_sharing_redis_and_splitting_a_world_decide_and_score_as_one(world: Path, fitted: LiveDetectors,
                                                                                     redis_url: str) -> None:
    events = list(rows_in_time_order(_tables(world, EVENT_TABLES)))
    alone = _instance(_detectors(fitted))
    expected = [_detector_reasons(alone, kind, row) for kind, row in events]
    # the first as the service fits its detectors with state_url set, the second alike
    first = fitted_detectors(Data.from_dir(world), _tables(world, REFERENCE_TABLES), Settings({"state_url": redis_url}))
    assert isinstance(first.state, RedisDetectorState)
    instances = [_instance(first), _instance(_detectors(fitted, redis_url))]
    # like a load balancer: every other event to each instance
    shared = [_detector_reasons(instances[n % 2], kind, row) for n, (kind, row) in enumerate(events)]
    assert sum(1 for r in expected if r) > 20, "the detectors give reasons on this world: equality means something"
    differing = [(n, a, b) for n, (a, b) in enumerate(zip(expected, shared, strict=True)) if a != b]
    assert differing == [], f"{len(differing)} of {len(events)} decisions differ, such as {differing[:1]}"
    assert alone.detectors is not None
    entities = alone.detectors.entities()
    final = alone.detectors.scores(entities)
    assert len(final) > 300
    for instance in instances:
        assert instance.detectors is not None
        assert instance.detectors.entities() == entities
        assert instance.detectors.scores(entities) == final


def test_an_instance_with_its_detectors_state_in_redis_keeps_the_figures_of_one_in_process(
        world: Path, fitted: LiveDetectors, redis_url: str) -> None:
    memory, shared = _detectors(fitted), _detectors(fitted, redis_url)
    for kind, row in rows_in_time_order(_tables(world, EVENT_TABLES)):
        memory.update(kind, row)
        shared.update(kind, row)
    assert shared.telecom.numbers == memory.telecom.numbers and shared.telecom.devices == memory.telecom.devices
    assert shared.money.accounts == memory.money.accounts and shared.money.touched == memory.money.touched
    entities = memory.entities()
    assert shared.scores(entities) == memory.scores(entities)


def test_an_instance_started_later_reads_the_store_then_only_the_logged_events_the_store_lacks(
        world: Path, fitted: LiveDetectors, redis_url: str) -> None:
    tables = _tables(world, EVENT_TABLES)
    events = list(rows_in_time_order(tables))
    first = _detectors(fitted, redis_url)
    for kind, row in events:
        first.update(kind, row)
    # the store has journaled the first two days' events; the stream holds every event
    cut = microseconds(events[0][1][_TIME[events[0][0]]]) + 2 * 86_400_000_000
    stored = {name: t.filter(pc.less(t[_TIME_OF_TABLE[name]].cast(pa.timestamp("us", tz="UTC")).cast(pa.int64()), cut))
              for name, t in tables.items()}
    assert 0 < sum(t.num_rows for t in stored.values()) < len(events)
    later = _detectors(fitted, redis_url)
    later.replay(stored)
    later.catch_up()
    assert later.telecom.numbers == first.telecom.numbers and later.money.accounts == first.money.accounts
    entities = first.entities()
    assert later.scores(entities) == first.scores(entities)


_TIME = {"call": "started_at", "message": "sent_at", "transfer": "ts", "session": "ts"}
_TIME_OF_TABLE = {"calls": "started_at", "messages": "sent_at", "transfers": "ts", "sessions": "ts"}


def test_an_instance_in_redis_reads_an_events_kept_scores_with_the_others_events_in_one_round_trip(
        world: Path, fitted: LiveDetectors, redis_url: str) -> None:
    import redis

    events = list(rows_in_time_order(_tables(world, EVENT_TABLES)))[:600]
    instance = _instance(_detectors(fitted, redis_url))
    with redis.Redis.from_url(redis_url) as client:
        client.config_resetstat()
        reasons = [_detector_reasons(instance, kind, row) for kind, row in events]
        calls = {name.removeprefix("cmdstat_"): stats["calls"] for name, stats in client.info("commandstats").items()}
    asked = sum(1 for kind, _ in events if kind in ("call", "message", "transfer"))
    # every call, message and transfer asks for its subjects' scores: with the stream's new entries, never one by one
    assert calls.get("mget", 0) > asked / 2
    assert calls.get("get", 0) == 0
    alone = _instance(_detectors(fitted))
    assert reasons == [_detector_reasons(alone, kind, row) for kind, row in events]

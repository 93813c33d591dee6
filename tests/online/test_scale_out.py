"""Several service instances behind a load balancer share one Redis and decide as one would."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest

from scamnet.online.events import Event, events_from_tables
from scamnet.online.redis_state import RedisState
from scamnet.online.state import MemoryState, time_of
from scamnet.online.windows import parse_windows
from scamnet.sim import simulate

WINDOWS = parse_windows("1h,24h,7d")


@pytest.fixture(scope="module")
def world_events() -> list[Event]:
    return list(events_from_tables(simulate("demo", seed=3, people=150, days=2).tables))


def _feed(state: RedisState, events: list[Event], one_by_one: bool) -> None:
    if one_by_one:
        for event in events:
            state.update(event)
    else:
        state.update_many(events, batch=50)
    state.close()


def test_two_instances_splitting_a_world_end_with_the_state_of_one(world_events: list[Event], redis_url: str) -> None:
    alone = MemoryState(WINDOWS)
    alone.update_many(world_events)
    # like a load balancer: every other event to each instance, both running at once
    instances = [threading.Thread(target=_feed, args=(RedisState(WINDOWS, redis_url), world_events[i::2], i == 0))
                 for i in (0, 1)]
    for instance in instances:
        instance.start()
    for instance in instances:
        instance.join()
    shared = RedisState(WINDOWS, redis_url)
    end = time_of(world_events[-1].at_us)
    assert end is not None and len(alone) > 500
    for at in (end, end - timedelta(minutes=30), end + timedelta(hours=2)):
        differing = [e for e in alone.entities() if shared.features(e, at) != alone.features(e, at)]
        assert differing == [], f"{len(differing)} entities differ at {at}, such as {differing[:3]}"
    shared.close()

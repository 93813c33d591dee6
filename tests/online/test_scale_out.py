"""Several service instances behind a load balancer share one Redis and decide as one would."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from scamnet.core.errors import ConflictError
from scamnet.core.settings import Settings
from scamnet.online.events import Event, events_from_tables
from scamnet.online.redis_state import RedisState
from scamnet.online.state import MemoryState, time_of
from scamnet.online.windows import parse_windows
from scamnet.service.decide import DecisionService
from scamnet.sim import simulate
from scamnet.store import open_store

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


PAYMENT = {"kind": "transfer", "txn_id": "lb-1", "ts": "2026-03-21T10:00:00Z", "src_account": "A-victim",
           "dst_account": "A-mule", "amount": "1200.00", "channel": "mobile"}


def test_a_retry_the_load_balancer_hands_to_the_other_instance_is_counted_once(redis_url: str, db_path: Path) -> None:
    open_store(db_path).close()
    settings = Settings({"state_url": redis_url})
    first, second = DecisionService(settings, db_path), DecisionService(settings, db_path)
    first.start()
    second.start()
    assert first.decide_requests([[PAYMENT]])[0][0].event_id == "lb-1"
    retried = second.decide_requests([[PAYMENT]])  # the client did not hear the first answer
    assert retried[0][0].event_id == "lb-1", "answered"
    at = datetime(2026, 3, 21, 10, 30, tzinfo=UTC)
    assert second.entity_view("account:A-mule", at)["live"]["transfer_in_count_1h"] == 1, "and counted once"
    reused = second.decide_requests([[{**PAYMENT, "amount": "9900.00"}], [{**PAYMENT, "txn_id": "lb-2"}]])
    assert isinstance(reused[0], ConflictError) and "'lb-1'" in reused[0].message
    assert isinstance(reused[1], list), "a new id is a new payment"
    assert first.entity_view("account:A-mule", at)["live"]["transfer_in_count_1h"] == 2

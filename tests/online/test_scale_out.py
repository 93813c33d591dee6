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
from scamnet.service.shared_fill import SharedFill
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


def test_instances_started_on_an_empty_redis_fill_it_from_the_store_once(redis_url: str, db_path: Path) -> None:
    open_store(db_path).close()
    alone = DecisionService(Settings(), db_path)  # the store's history: three payments into one account
    alone.start()
    alone.decide_requests([[{**PAYMENT, "txn_id": f"old-{n}", "src_account": f"A-payer-{n}"}] for n in range(3)])
    settings = Settings({"state_url": redis_url})
    instances = [DecisionService(settings, db_path) for _ in range(3)]
    for instance in instances:
        instance.start()
    at = datetime(2026, 3, 21, 10, 30, tzinfo=UTC)
    assert [i.entity_view("account:A-mule", at)["live"]["transfer_in_count_1h"] for i in instances] == [3, 3, 3], \
        "the history is in the shared state, once"
    assert [i.status.events_replayed for i in instances] == [3, 0, 0], "the first filled it"
    history = instances[1].decider.history if instances[1].decider else None
    assert history is not None and history.new_payee("A-payer-1", "A-mule") is False, "who paid whom is shared too"
    assert history.new_payee("A-payer-9", "A-mule") is True
    instances[0].decide_requests([[{**PAYMENT, "txn_id": "new-1", "src_account": "A-payer-1"}]])
    restarted = DecisionService(settings, db_path)
    restarted.start()
    assert restarted.status.events_replayed == 0, "a restart finds the shared state filled and current"
    assert restarted.entity_view("account:A-mule", at)["live"]["transfer_in_count_1h"] == 4


def test_an_instance_waits_for_the_one_filling_the_shared_state_and_does_not_fill_it_again(redis_url: str) -> None:
    first, second = SharedFill(redis_url), SharedFill(redis_url)
    assert first.claim() is True
    answer: list[bool] = []
    waiting = threading.Thread(target=lambda: answer.append(second.claim()))
    waiting.start()
    waiting.join(timeout=1.0)
    assert waiting.is_alive() and answer == [], "it waits while the first fills"
    first.done(3)
    waiting.join(timeout=5.0)
    assert answer == [False], "then finds the state filled"
    assert SharedFill(redis_url).claim() is False


def test_a_fill_that_failed_leaves_the_turn_to_the_next_instance(redis_url: str) -> None:
    import redis

    failed = SharedFill(redis_url)
    assert failed.claim() is True
    with redis.Redis.from_url(redis_url) as client:
        client.set("sn:legs:A-half-filled", 1)  # part of the history, written before the fill failed
        failed.abandon()
        next_one = SharedFill(redis_url)
        assert next_one.claim() is True, "a half-filled state is no reason to skip the fill"
        assert not client.exists("sn:legs:A-half-filled"), "what the failed fill wrote is gone before the new fill"
        next_one.done(0)
        assert not client.exists("sn:state:partial")


def test_a_redis_that_loses_the_shared_state_under_running_instances_is_reported_and_refilled_at_the_next_start(
        redis_url: str, db_path: Path) -> None:
    import redis

    open_store(db_path).close()
    alone = DecisionService(Settings(), db_path)  # the store's history: three payments into one account
    alone.start()
    alone.decide_requests([[{**PAYMENT, "txn_id": f"old-{n}", "src_account": f"A-payer-{n}"}] for n in range(3)])
    settings = Settings({"state_url": redis_url, "watchlist_refresh_s": 0})
    running = DecisionService(settings, db_path)
    running.start()
    running.check_shared()
    assert running.status.ready and not running.status.shared_state_lost, "filled, and current"
    with redis.Redis.from_url(redis_url) as client:
        client.flushall()  # the Redis restarted without persistence under the running instance
    running.decide_requests([[{**PAYMENT, "txn_id": "new-1", "src_account": "A-payer-7"}]])
    at = datetime(2026, 3, 21, 10, 30, tzinfo=UTC)
    assert running.entity_view("account:A-mule", at)["live"]["transfer_in_count_1h"] == 1, "the history is gone"
    running.check_shared()
    assert running.status.shared_state_lost and not running.status.ready, "and the instance says so"
    restarted = DecisionService(settings, db_path)
    restarted.start()
    assert restarted.entity_view("account:A-mule", at)["live"]["transfer_in_count_1h"] == 4, \
        "the next start clears what was written since the loss and refills from the store: each payment once"
    assert restarted.status.ready and not restarted.status.shared_state_lost

"""The live decider: a world replayed in time order gets, transfer by transfer, the rules back-test's decision."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from scamnet.core.enums import Action
from scamnet.core.settings import Settings
from scamnet.evaluate.rules import empty_watchlist, transfer_contexts
from scamnet.evaluate.serve import world_profiles
from scamnet.features.data import Data
from scamnet.online.context import WINDOW_FIELDS, PayHistory, transfer_context
from scamnet.online.decider import Decider, Watchlist, replay
from scamnet.online.events import microseconds, rows_in_time_order
from scamnet.online.state import MemoryState
from scamnet.online.windows import parse_windows
from scamnet.rules.backtest import backtest_decisions, rule_hits
from scamnet.rules.decide import strongest
from scamnet.rules.load import starter_rules
from scamnet.service.policies import decision_policy
from scamnet.service.simulate import simulate_world
from scamnet.store.accounts import AccountProfile
from scamnet.store.watchlist import Listing

EVENT_TABLES = ("calls", "messages", "transfers", "sessions")


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("world")
    simulate_world(out, "demo", seed=3, people=800, days=6)
    return out


def profiles_of(world: Path) -> dict[str, AccountProfile]:
    return world_profiles(world)


def decider(profiles: dict | None = None, watchlist: Watchlist | None = None) -> Decider:
    return Decider(MemoryState(parse_windows("1h,24h,7d")), starter_rules(), decision_policy(Settings()),
                   profiles=profiles, watchlist=watchlist)


def test_a_world_replayed_live_gets_the_back_test_decision_for_every_transfer(world: Path) -> None:
    rules = starter_rules()
    context = transfer_contexts(Data.from_dir(world), empty_watchlist(), 8.0)
    backtest = backtest_decisions(rules, rule_hits(rules, context, "txn_id"), "txn_id")
    expected = dict(zip(backtest["txn_id"].to_pylist(), backtest["action"].to_pylist(), strict=True))
    tables = {name: pq.read_table(world / f"{name}.parquet") for name in EVENT_TABLES}
    # the rules' part of each live decision (the payer's victim risk acts beside them; bench intercept measures it)
    live = {v.event_id: strongest(r.action for r in v.reasons if r.source == "rule").value
            for v in replay(decider(profiles_of(world)), tables) if v.kind == "transfer"}
    assert len(live) == len(expected) > 1000
    assert sum(a != "allow" for a in expected.values()) > 50, "the rules fire on this world: parity means something"
    assert {k: live[k] for k in expected if live[k] != expected[k]} == {}


def test_every_live_context_field_equals_the_back_test_field(world: Path) -> None:
    context = {r["txn_id"]: r for r in transfer_contexts(Data.from_dir(world), empty_watchlist(), 8.0).to_pylist()}
    history, profiles, pending, instant, differ = PayHistory(), profiles_of(world), [], None, {}
    for _, row in rows_in_time_order({"transfers": pq.read_table(world / "transfers.parquet")}):
        if microseconds(row["ts"]) != instant:
            for done in pending:
                history.update(*done)
            pending, instant = [], microseconds(row["ts"])
        live, batch = transfer_context(row, history, profiles, {}, 8.0), context[row["txn_id"]]
        differ.update({(row["txn_id"], k): (v, batch[k]) for k, v in live.items() if not _same(v, batch[k])})
        pending.append((instant, row["src_account"], row["dst_account"], int(row["amount"] * 100)))
    assert differ == {}


def _same(live: object, batch: object) -> bool:
    if isinstance(live, float) and isinstance(batch, float):
        return abs(live - batch) <= 1e-6 * max(1.0, abs(batch))
    return live == batch


T0 = datetime(2026, 3, 1, 9, tzinfo=UTC)


def transfer(txn_id: str, at: datetime, src: str | None, dst: str | None, amount: str) -> dict:
    return {"txn_id": txn_id, "ts": at, "src_account": src, "dst_account": dst, "amount": Decimal(amount),
            "currency": "CNY", "channel": "mobile", "src_device": None, "src_ip": None}


def test_a_mule_collecting_from_three_victims_in_an_hour_has_its_fan_in_counted_at_the_fourth() -> None:
    history = PayHistory()
    for i, victim in enumerate(("V1", "V2", "V3")):
        history.update(microseconds(T0 + timedelta(minutes=10 * i)), victim, "MULE", 500_000)
    figures = history.windows("MULE", microseconds(T0 + timedelta(minutes=40)))
    assert (figures["distinct_payers_1h"], figures["received_1h"], figures["incoming_1h"]) == (3.0, 15000.0, 3.0)
    assert history.new_payers("MULE", microseconds(T0 - timedelta(minutes=20)), microseconds(T0 + timedelta(hours=1))) == 3
    later = history.windows("MULE", microseconds(T0 + timedelta(hours=2)))
    assert (later["distinct_payers_1h"], later["distinct_payers_24h"]) == (0.0, 3.0)
    assert set(figures) == set(WINDOW_FIELDS)


def test_a_listed_payee_is_held_and_the_listing_detector_is_named_with_its_evidence() -> None:
    listed = Watchlist([Listing("account:MULE", "mule", 0.85, ("passed 100 % of a day's inflow on within 1 h",))])
    verdict = decider(watchlist=listed).decide("transfer", transfer("t1", T0, "VICTIM", "MULE", "800.00"))
    assert verdict.action is Action.HOLD and verdict.rules == ["payee_on_watchlist"]
    listing = next(r for r in verdict.reasons if r.source == "watchlist")
    assert (listing.name, listing.evidence["score"]) == ("mule", 0.85)
    assert verdict.score == 0.85 and verdict.tier == "high"


def test_a_transfer_decided_live_is_remembered_so_the_same_payee_is_no_longer_new() -> None:
    live = decider()
    first = live.decide("transfer", transfer("t1", T0, "A", "B", "25000.00"))
    again = live.decide("transfer", transfer("t2", T0 + timedelta(minutes=5), "A", "B", "25000.00"))
    assert first.action is Action.WARN and "first_payment_ever_large" in first.rules
    assert again.action is Action.ALLOW, "A paid B before: no new-payee rule fires"


def test_a_call_from_a_listed_gateway_is_blocked_and_an_unlisted_one_allowed() -> None:
    listed = Watchlist([Listing("imei:860000000000001", "goip", 0.99, ("8 IMSIs on this IMEI",))])
    call = {"call_id": "c1", "started_at": T0, "duration_s": 20, "caller": "+8617000000001",
            "callee": "+8613900000001", "caller_imsi": "460000000000001", "caller_imei": "860000000000001",
            "caller_cell": "C1", "answered": True}
    live = decider(watchlist=listed)
    assert live.decide("call", call).action is Action.BLOCK
    assert live.decide("call", call | {"call_id": "c2", "caller_imei": "860000000000002"}).action is Action.ALLOW


def test_the_rebuilt_history_counts_the_stored_transfers() -> None:
    stored = pa.Table.from_pylist([transfer("t1", T0, "A", "B", "100.00"), transfer("t2", T0, "C", "B", "50.00")])
    live = decider()
    assert live.rebuild({"transfers": stored}) == 2
    assert live.history.windows("B", microseconds(T0 + timedelta(minutes=1)))["received_1h"] == 150.0


def test_a_batch_of_messages_is_judged_as_its_messages_would_be_one_by_one() -> None:
    from scamnet.online.content import ContentJudge

    texts = ["晚上一起吃饭吗", "【公安局】您涉嫌洗钱，请将资金转入安全账户 http://icbc-safe.top/verify", "明天见"]
    messages = [("message", {"msg_id": f"m{i}", "sent_at": T0 + timedelta(minutes=i), "sender": "+8613800000001",
                             "recipient": "+8613900000001", "channel": "sms", "text": t, "sender_imsi": None,
                             "sender_imei": None}) for i, t in enumerate(texts)]
    judge = ContentJudge()
    alone = [Decider(MemoryState(parse_windows("1h,24h")), [], decision_policy(Settings()), content=judge)
             .decide(kind, row) for kind, row in messages]
    together = Decider(MemoryState(parse_windows("1h,24h")), [], decision_policy(Settings()),
                       content=judge).decide_many(messages)
    assert [v.action for v in together] == [v.action for v in alone] == [Action.ALLOW, Action.BLOCK, Action.ALLOW]
    assert [r.name for r in together[1].reasons] == [r.name for r in alone[1].reasons]


def test_two_instances_sharing_redis_and_splitting_a_world_decide_as_one(world: Path, redis_url: str) -> None:
    from scamnet.online.redis_history import RedisPayHistory
    from scamnet.online.redis_state import RedisState

    tables = {"transfers": pq.read_table(world / "transfers.parquet")}
    profiles = profiles_of(world)
    alone = {v.event_id: v.action for v in replay(decider(profiles), tables)}
    windows = parse_windows("1h,24h,7d")
    instances = [Decider(RedisState(windows, redis_url), starter_rules(), decision_policy(Settings()),
                         profiles=profiles, history=RedisPayHistory(redis_url)) for _ in range(2)]
    shared, pending, instant = {}, [], None
    # like a load balancer: every other transfer to each instance; one instant is judged before it applies
    for n, (kind, row) in enumerate(rows_in_time_order(tables)):
        if microseconds(row["ts"]) != instant:
            for which, done in pending:
                which.apply(*done)
            pending, instant = [], microseconds(row["ts"])
        shared[row["txn_id"]] = instances[n % 2].judge(kind, row).action
        pending.append((instances[n % 2], (kind, row)))
    for which, done in pending:
        which.apply(*done)
    assert sum(a is not Action.ALLOW for a in alone.values()) > 50
    assert {k: (a, shared[k]) for k, a in alone.items() if shared[k] != a} == {}


def test_redis_and_memory_histories_agree_on_when_a_payer_first_paid_a_payee(redis_url: str) -> None:
    from scamnet.online.redis_history import RedisPayHistory

    memory, shared = PayHistory(), RedisPayHistory(redis_url, prefix="sn:first-paid-test")
    for at, src, dst in ((5_000, "A", "B"), (1_000, "A", "B"), (3_000, "C", "B"), (4_000, "A", "D")):
        for history in (memory, shared):
            history.update(at, src, dst, 100, f"t{at}")
    pairs = [("A", "B"), ("C", "B"), ("A", "D"), ("D", "A")]
    assert [memory.first_paid_us(*p) for p in pairs] == [shared.first_paid_us(*p) for p in pairs] == [1_000, 3_000, 4_000, None]

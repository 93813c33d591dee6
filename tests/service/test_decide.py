"""The decision service over a store: watchlist picked up without a restart, batches validated as ingest validates."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import pyarrow as pa
import pytest

from scamnet.core.enums import Action
from scamnet.core.errors import InputError
from scamnet.core.settings import Settings
from scamnet.schema import table
from scamnet.service.decide import DecisionService
from scamnet.service.event_validation import validated_events
from scamnet.share.keyed_hash import entity_hash
from scamnet.store import Store, open_store
from scamnet.store.alerts import replace_alerts
from scamnet.store.decisions import stored_decisions
from scamnet.store.repo import append_rows

T0 = datetime(2026, 3, 1, 9, tzinfo=UTC)


class Ticks:
    """A monotonic clock the test moves."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def mule_alert(account: str, score: float) -> pa.Table:
    return pa.Table.from_pylist([{"entity": f"account:{account}", "detector": "mule", "score": score, "tier": "high",
                                  "reasons": ["forwarded 98% of inflow within 1 h"], "status": "open",
                                  "created_at": T0, "scam_type": None}], schema=table("alerts").schema)


def payment(txn_id: str, ts: str) -> dict:
    return {"kind": "transfer", "txn_id": txn_id, "ts": ts, "src_account": "VICTIM", "dst_account": "MULE",
            "amount": "300.00", "channel": "mobile"}


@pytest.fixture
def service(db_path: Path) -> tuple[DecisionService, Ticks]:
    open_store(db_path).close()
    ticks = Ticks()
    started = DecisionService(Settings({"watchlist_refresh_s": 5.0}), db_path, monotonic=ticks)
    started.start()
    return started, ticks


def test_a_mule_flagged_by_a_run_after_start_is_held_once_the_refresh_interval_passed(service, db_path: Path) -> None:
    decisions, ticks = service
    assert decisions.decide_events([payment("t1", "2026-03-01T09:00:00Z")])[0].action is Action.ALLOW
    with open_store(db_path) as store:  # what scamnet run does: replace the mule detector's alerts
        replace_alerts(store, "mule", mule_alert("MULE", 0.8))
    ticks.now = 2.0
    assert decisions.decide_events([payment("t2", "2026-03-01T09:01:00Z")])[0].action is Action.ALLOW, \
        "the store is read at most every watchlist_refresh_s"
    ticks.now = 6.0
    held = decisions.decide_events([payment("t3", "2026-03-01T09:02:00Z")])[0]
    assert held.action is Action.HOLD and "payee_on_watchlist" in held.rules
    assert decisions.status.listed == 1


def test_a_dismissed_alert_leaves_the_watchlist_at_the_next_check(service, db_path: Path) -> None:
    decisions, ticks = service
    with open_store(db_path) as store:
        replace_alerts(store, "mule", mule_alert("MULE", 0.8))
    ticks.now = 6.0
    assert decisions.refresh() and decisions.status.listed == 1
    with open_store(db_path) as store:
        replace_alerts(store, "mule", mule_alert("MULE", 0.8).set_column(5, "status", pa.array(["dismissed"])))
    ticks.now = 12.0
    assert decisions.refresh() and decisions.status.listed == 0
    ticks.now = 18.0
    assert not decisions.refresh(), "nothing changed: the listings are not read again"


def test_a_store_held_by_a_writer_keeps_the_watchlist_the_service_has(service, db_path: Path) -> None:
    decisions, ticks = service
    ticks.now = 6.0
    with open_store(db_path) as store:  # a writer holds the file while it replaces the alerts
        replace_alerts(store, "mule", mule_alert("MULE", 0.8))
        assert not decisions.refresh()
        assert decisions.status.ready and decisions.status.listed == 0
    ticks.now = 12.0
    assert decisions.refresh() and decisions.status.listed == 1, "read at the next check"


def test_events_of_several_kinds_in_one_batch_keep_their_order() -> None:
    message = {"kind": "message", "msg_id": "m1", "sent_at": "2026-03-01T09:00:00Z", "sender": "95588",
               "recipient": "+8613900000001", "channel": "sms", "text": "hello"}
    rows = validated_events([payment("t1", "2026-03-01T09:00:00Z"), message], Settings())
    assert [kind for kind, _ in rows] == ["transfer", "message"]
    assert rows[0][1]["currency"] == "CNY", "the default currency is filled in as ingest fills it"


def test_an_unknown_field_is_refused_as_ingest_refuses_an_unmapped_column() -> None:
    with pytest.raises(InputError) as refused:
        validated_events([payment("t1", "2026-03-01T09:00:00Z") | {"colour": "red"}], Settings())
    assert [(p.column, p.value) for p in refused.value.problems] == [("colour", "colour")]


def test_requests_decided_together_are_each_all_or_nothing_and_journaled_once(service, db_path: Path) -> None:
    decisions, _ = service
    good = [payment("g1", "2026-03-01T09:00:00Z")]
    bad = [payment("g2", "2026-03-01T09:00:01Z"), {**payment("g3", "2026-03-01T09:00:02Z"), "amount": "ten"}]
    later = [payment("g4", "2026-03-01T09:00:03Z")]
    answers = decisions.decide_requests([good, bad, later])
    assert [v.event_id for v in answers[0]] == ["g1"] and [v.event_id for v in answers[2]] == ["g4"]
    refused = answers[1]
    assert isinstance(refused, InputError)
    assert [(p.row, p.column, p.value) for p in refused.problems] == [(1, "amount", "ten")], \
        "the problem is numbered in its own request's body, not in the group's"
    journaled = decisions.journal.tables()["transfers"].column("txn_id").to_pylist()
    assert sorted(journaled) == ["g1", "g4"], "the refused request left nothing behind"


def test_requests_decided_together_get_the_verdicts_they_get_one_by_one(db_path: Path) -> None:
    open_store(db_path).close()
    with open_store(db_path) as store:
        replace_alerts(store, "mule", mule_alert("MULE", 0.8))
    requests = [[payment(f"p{i}", f"2026-03-01T09:0{i}:00Z")] for i in range(5)]
    together, alone = (DecisionService(Settings(), db_path) for _ in range(2))
    together.start(), alone.start()
    grouped = [v.action for answer in together.decide_requests(requests) for v in answer]
    single = [alone.decide_events(r)[0].action for r in requests]
    assert grouped == single and Action.HOLD in grouped


def test_decisions_are_kept_with_their_reasons_and_stored_once_at_the_next_start(db_path: Path) -> None:
    open_store(db_path).close()
    with open_store(db_path) as store:
        replace_alerts(store, "mule", mule_alert("MULE", 0.8))
    first = DecisionService(Settings(), db_path)
    first.start()
    first.decide_requests([[payment("k1", "2026-03-01T09:00:00Z")], [payment("k2", "2026-03-01T09:01:00Z")]])
    kept = first.decisions(entity="account:MULE")
    assert [d["event_id"] for d in kept] == ["k2", "k1"], "newest first"
    assert all(d["action"] == "hold" and any("listed by mule" in r for r in d["reasons"]) for d in kept)
    for _ in range(2):  # a restart folds the journal into the store; a second restart adds nothing twice
        again = DecisionService(Settings(), db_path)
        again.start()
    with open_store(db_path, read_only=True) as store:
        stored = stored_decisions(store, entity="account:MULE")
    assert [d["event_id"] for d in stored] == ["k2", "k1"], "each once, newest first"
    assert [d["decision_id"] for d in again.decisions(entity="account:MULE")] == [d["decision_id"] for d in stored]


def test_a_partners_keyed_hash_of_a_mule_holds_a_payment_only_for_a_service_holding_the_shared_secret(
        db_path: Path, tmp_path: Path) -> None:
    secret = b"a secret two agencies share, 32b"
    (tmp_path / "secret").write_bytes(secret)
    open_store(db_path).close()
    with open_store(db_path) as store, store.transaction() as con:
        append_rows(con, table("indicators"), pa.Table.from_pylist([{
            "indicator_id": "indicator--1", "kind": "account", "value": entity_hash("account:MULE", secret),
            "hashed": True, "confidence": 0.85, "first_seen": T0, "last_seen": T0, "scam_type": "mule account",
            "gang_id": None, "source": "agency-b"}], schema=table("indicators").schema))
    with_secret = DecisionService(Settings({"share_secret_file": str(tmp_path / "secret")}), db_path)
    without = DecisionService(Settings(), db_path)
    with_secret.start(), without.start()
    held = with_secret.decide_events([payment("s1", "2026-03-01T09:00:00Z")])[0]
    assert held.action is Action.HOLD
    assert [(r.name, r.evidence["entity"]) for r in held.reasons if r.source == "watchlist"] == \
        [("partner:agency-b", "account:MULE")], "the reason names the raw entity of the event, never the hash"
    assert without.decide_events([payment("s2", "2026-03-01T09:00:00Z")])[0].action is Action.ALLOW, \
        "without the secret a hash matches nothing"


class CountedReads(DecisionService):
    """The service, counting the times it opens its store."""

    reads = 0

    @contextmanager
    def store(self, *, read_only: bool = True, wait_s: float | None = None) -> Iterator[Store]:
        self.reads += 1
        with super().store(read_only=read_only, wait_s=wait_s) as store:
            yield store


def test_a_store_not_written_since_a_check_read_it_is_not_opened_again_and_a_write_is_seen(db_path: Path) -> None:
    open_store(db_path).close()
    ticks = Ticks()
    service = CountedReads(Settings({"watchlist_refresh_s": 5.0}), db_path, monotonic=ticks)
    service.start()
    service.quiet_s = 0.0  # the files' times are taken as they are (the service waits 2 s of quiet before it trusts them)
    ticks.now = 6.0
    assert not service.refresh()
    opened = service.reads
    ticks.now, unchanged = 12.0, service.refresh()
    assert (unchanged, service.reads) == (False, opened), "nothing was written: the store is not opened again"
    with open_store(db_path) as store:
        replace_alerts(store, "mule", mule_alert("MULE", 0.8))
    ticks.now = 18.0
    assert service.refresh() and service.status.listed == 1
    assert service.reads == opened + 1


def test_a_decisions_tier_is_the_alert_tier_of_its_score_at_every_threshold() -> None:
    from scamnet.service.alerts import tier_of
    from scamnet.service.decide import decision_policy

    settings = Settings({"tier_medium": 0.4, "tier_high": 0.7, "tier_critical": 0.9})
    policy = decision_policy(settings)
    for score in (0.0, 0.39999, 0.4, 0.5, 0.69999, 0.7, 0.89999, 0.9, 1.0):
        assert policy.tier_of(score) == tier_of(score, settings).value
    assert [policy.tier_of(s) for s in (0.1, 0.4, 0.7, 0.95)] == ["low", "medium", "high", "critical"]

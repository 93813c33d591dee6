"""The live path from Kafka with several consumers in one group, each its own process (issue 19: ≥ 20,000 events/s on
2 cores).

    PYTHONPATH=src:. .venv/bin/python bench/bench_kafka_group.py [--events 100000] [--consumers 2] [--batch 2000]

``bench_kafka.py``'s broker, topics and events (tansu on 127.0.0.1, 4 partitions per topic, 60 % transfers, 30 %
calls, 10 % messages over 100,000 accounts and numbers), produced before the clock starts; then ``--consumers``
processes, each one ``KafkaIntake`` over its own fresh store (as two instances of ``scamnet serve --kafka``, whose
live state would be shared through Redis in production), join one consumer group and split the partitions. Each
stops once it has taken nothing for ``IDLE_S`` seconds and the group has committed every event (a consumer idles
while the group rebalances, so idleness alone would stop one early). The figure is the whole machine's: every event after each
consumer's first group, over the wall time from the first consumer's first group to the last one's last group
(the broker, the consumers and their Kafka clients all share the cores), and the CPU seconds the consumers and the
broker spent meanwhile.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from tests.kafka.conftest import QUICK_GROUPS

from bench.bench_kafka import _broker, _make_topics, _produce, fresh_service
from scamnet.service.kafka_intake import KafkaConfig, KafkaIntake

TOPICS, PARTITIONS, GROUP = ("b.calls", "b.messages", "b.transfers"), 4, "bench"  # as ``bench_kafka._make_topics``
IDLE_S = 5.0  # a consumer idle this long is done once the group has committed every event
JOIN_S = 90.0  # ... and one idle this long is done in any case


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--consumers", type=int, default=2)
    parser.add_argument("--batch", type=int, default=2000)
    parser.add_argument("--join", help="(internal) consume from these brokers as one member of the group")
    args = parser.parse_args()
    if args.join:
        print(json.dumps(_member(args.join, args.batch)), flush=True)
        return
    broker, brokers = _broker()
    try:
        _make_topics(brokers, TOPICS)
        _produce(brokers, args.events)
        broker_cpu = _cpu_s(broker.pid)
        members = [subprocess.Popen([sys.executable, __file__, "--join", brokers, "--batch", str(args.batch)],
                                    stdout=subprocess.PIPE, text=True) for _ in range(args.consumers)]
        found = [json.loads(m.communicate()[0].strip().splitlines()[-1]) for m in members]
        broker_cpu = _cpu_s(broker.pid) - broker_cpu
    finally:
        broker.kill()
        broker.wait()
    _report(found, args.events, broker_cpu)


def _member(brokers: str, batch: int) -> dict[str, float]:
    """One consumer of the group over a fresh store, until it is idle: its counts, clock times and CPU seconds."""
    with tempfile.TemporaryDirectory() as tmp:
        config = KafkaConfig(brokers, TOPICS, GROUP, "b.decisions", "b.dead", batch=batch, poll_s=0.2, client=QUICK_GROUPS)
        intake = KafkaIntake(fresh_service(Path(tmp) / "bench.db"), config)
        seen: dict[str, float] = {"first_group": 0, "first_end": 0.0, "last_end": 0.0, "cpu_s": 0.0}
        stop, started = threading.Event(), time.time()

        def on_group(stats) -> None:  # noqa: ANN001
            now = time.time()
            if not seen["first_end"]:
                seen["first_group"], seen["first_end"], seen["cpu_from"] = stats.consumed, now, time.process_time()
            seen["last_end"], seen["cpu_s"] = now, time.process_time() - seen["cpu_from"]

        def watch() -> None:  # idle, and every event of the topics committed by the group (a rebalance idles too)
            while not stop.wait(0.5):
                idle = time.time() - (seen["last_end"] or started)
                if (idle > IDLE_S and _all_committed(brokers)) or idle > JOIN_S:
                    stop.set()

        threading.Thread(target=watch, daemon=True).start()
        stats = intake.run(stop, on_group=on_group)
    return {**seen, "consumed": stats.consumed, "groups": stats.groups}


def _all_committed(brokers: str) -> bool:
    """Whether the group's committed offsets reach the end of every partition of the topics (asked without joining)."""
    from confluent_kafka import Consumer, TopicPartition

    probe = Consumer({"bootstrap.servers": brokers, "group.id": GROUP, "enable.auto.commit": False})
    try:
        parts = [TopicPartition(t, p) for t in TOPICS for p in range(PARTITIONS)]
        committed = probe.committed(parts, timeout=10)
        return all(c.offset >= probe.get_watermark_offsets(c, timeout=10)[1] for c in committed)
    finally:
        probe.close()


def _cpu_s(pid: int) -> float:
    """CPU seconds (user and system) process ``pid`` has used, from ``/proc``."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _report(found: list[dict[str, float]], events: int, broker_cpu: float) -> None:
    active = [f for f in found if f["consumed"]]
    counted = sum(f["consumed"] - f["first_group"] for f in active)
    seconds = max(f["last_end"] for f in active) - min(f["first_end"] for f in active)
    cpu = sum(f["cpu_s"] for f in active)
    for i, f in enumerate(found):
        print(f"consumer {i}: {f['consumed']:,} consumed in {f['groups']} groups, {f['cpu_s']:.1f} CPU s after its "
              f"first group")
    print(f"{len(found)} consumers, {sum(f['consumed'] for f in found):,} of {events:,} events; after each first group "
          f"{counted:,} in {seconds:.1f} s of wall time: {counted / seconds:,.0f} events/s; CPU: consumers {cpu:.1f} s, "
          f"broker {broker_cpu:.1f} s (the broker's over the whole consuming, joins and idle ends included)")


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    main()

"""The Kafka intake's own work without a broker: ``KafkaIntake.handle`` on ``bench_kafka``'s events, CPU seconds.

    .venv/bin/python bench/bench_kafka_offline.py [--events 20000] [--batch 2000] [--sample] [--fixed-clock]

The events of ``bench/bench_kafka.py`` (60 % transfers, 30 % calls, 10 % messages over 100,000
accounts and numbers) as in-memory messages, decided in groups of ``--batch`` by one intake over a
fresh store: reading the JSON, validation, the decisions, the journal with its ``fsync``, the
decision rows as JSON; no consuming, producing or committing (``bench_kafka.py`` measures those
with a broker). ``--sample`` prints where the CPU went (a ``SIGPROF`` sample every millisecond
of CPU: the functions seen on top of the stack, and anywhere on it). ``--fixed-clock`` takes the clock out of
the work: the collector's full pass and freeze after every group (not every few seconds), the quick
validation's functions made once (not every second) and the store's check once, so that the work per event is the same however
slowly the process runs. That is for counting instructions, which this machine's noise does not touch:

    PYTHONHASHSEED=0 valgrind --tool=cachegrind --cache-sim=no --cachegrind-out-file=/dev/null \
        .venv/bin/python bench/bench_kafka_offline.py --fixed-clock --events 2000   # and --events 12000

(the instructions per event: the difference of the two counts over 10,000).
"""

from __future__ import annotations

import argparse
import collections
import json
import signal
import sys
import tempfile
import time
from collections import OrderedDict
from pathlib import Path
from types import FrameType

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.kafka.conftest import InHand, call, message, transfer  # noqa: E402

from bench.bench_kafka import _spread, fresh_service  # noqa: E402
from scamnet.service.decide import DecisionService  # noqa: E402
from scamnet.service.decisions import RecentDecisions  # noqa: E402
from scamnet.service.kafka_intake import IntakeStats, KafkaConfig, KafkaIntake  # noqa: E402
from scamnet.service.memory import SurvivorFreezer  # noqa: E402


def _messages(events: int) -> list[InHand]:
    found = []
    for i in range(events):
        kind = i % 10
        topic, event = (("b.messages", message(i)) if kind == 0 else ("b.calls", call(i)) if kind <= 3
                        else ("b.transfers", transfer(i)))
        found.append(InHand(topic, json.dumps(_spread(event, i)).encode(), i))
    return found


def _intake(service: DecisionService) -> KafkaIntake:
    """An intake without its consumer and producer (no broker to reach)."""
    intake = KafkaIntake.__new__(KafkaIntake)
    intake.service, intake.stats = service, IntakeStats()
    service.recent = RecentDecisions(size=0)  # as ``KafkaIntake`` sets it
    intake.config = KafkaConfig("none", ("b.calls", "b.messages", "b.transfers"), "bench", "b.decisions", "b.dead")
    intake.kept, intake._failed, intake.assigned = OrderedDict(), [], set()
    intake._freezer = SurvivorFreezer(service.settings.serve_gc_every_s)
    return intake


class _Sampler:
    def __init__(self) -> None:
        self.top: collections.Counter[str] = collections.Counter()
        self.anywhere: collections.Counter[str] = collections.Counter()
        self.samples = 0

    def __call__(self, signum: int, frame: FrameType | None) -> None:
        self.samples += 1
        seen, first = set(), True
        while frame is not None:
            code = frame.f_code
            name = f"{code.co_filename.split('/src/')[-1].split('site-packages/')[-1]}:{code.co_name}"
            if first:
                self.top[name], first = self.top[name] + 1, False
            if name not in seen:
                self.anywhere[name] += 1
                seen.add(name)
            frame = frame.f_back

    def report(self) -> None:
        for title, counts in (("on top", self.top), ("anywhere on the stack", self.anywhere)):
            print(f"--- {title}")
            for name, n in counts.most_common(40):
                print(f"{100 * n / self.samples:5.1f} % {name}")


def _fix_the_clock() -> None:
    """The work that time triggers, done per group instead (``--fixed-clock``)."""
    import gc

    from scamnet.ingest import quick_rows
    from scamnet.service import memory

    def every_group(self: memory.SurvivorFreezer) -> bool:
        gc.collect()
        gc.freeze()
        return True

    memory.SurvivorFreezer.maybe_freeze = every_group  # type: ignore[method-assign]
    quick_rows._FRESH_S = float("inf")
    # the store's check once, at the first group (not every few seconds: a fresh store's files are not quiet yet,
    # and each check then opens it)
    DecisionService.refresh_due = lambda self: self.status.watchlist_checked_at is None  # type: ignore[method-assign]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--events", type=int, default=20_000)
    parser.add_argument("--batch", type=int, default=2000)
    parser.add_argument("--sample", action="store_true")
    parser.add_argument("--fixed-clock", action="store_true")
    args = parser.parse_args()
    if args.fixed_clock:
        _fix_the_clock()
    messages = _messages(args.events)
    with tempfile.TemporaryDirectory() as tmp:
        service = fresh_service(Path(tmp) / "bench.db")
        intake, sampler = _intake(service), _Sampler()
        if args.sample:
            signal.signal(signal.SIGPROF, sampler)
            signal.setitimer(signal.ITIMER_PROF, 0.001, 0.001)
        started = time.process_time()
        for first in range(0, len(messages), args.batch):
            intake.handle(messages[first:first + args.batch])
            intake._freezer.maybe_freeze()
        spent = time.process_time() - started
        signal.setitimer(signal.ITIMER_PROF, 0, 0)
    print(f"{args.events:,} events, {intake.stats.decided:,} decided in {spent:.2f} CPU s: "
          f"{args.events / spent:,.0f} events per CPU second")
    if args.sample:
        sampler.report()


if __name__ == "__main__":
    main()

"""``scamnet bench engines``: one world at a few sizes on the embedded engine and on Spark, side by side.

Each size is simulated once as Parquet; the embedded engine ingests it into a fresh store and
runs ``scamnet run`` (ingest timed apart), Spark runs ``scamnet run --engine spark`` over the
Parquet on a session and JVM of its own each time (its start timed apart). Peak memory is
sampled from ``/proc`` over this process and its children (the JVM included), every 0.2 s. With
several rounds the engines take turns on the same world (embedded, Spark, embedded, ...), each
embedded round on a fresh store, and ``ratios`` reads Spark's time over the embedded engine's per
round: on shared cores the two runs of one round saw about the same machine, two runs an hour
apart often did not.
"""

from __future__ import annotations

import os
import statistics
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scamnet.core.clock import SystemClock
from scamnet.core.settings import Settings
from scamnet.service.ingest import ingest_world
from scamnet.service.run import run_all
from scamnet.service.simulate import simulate_world
from scamnet.service.spark_run import run_spark
from scamnet.store import open_store


@dataclass
class EngineRun:
    engine: str
    people: int
    events: int
    seconds: dict[str, float]
    total_s: float
    peak_memory_mb: int
    #: The machine's 1-minute load average when the run started and when it ended: on shared cores
    #: the figures measure what the engine got of them as much as the engine.
    load: tuple[float, float] = (0.0, 0.0)
    #: Which turn of the engines on this world (from 1).
    round: int = 1
    #: Spark only: the JVM's CPU seconds over the run by what spent them (``JVM_THREAD_KINDS``); empty elsewhere.
    jvm_cpu_s: dict[str, float] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {"engine": self.engine, "people": self.people, "round": self.round, "events": self.events,
                "total_s": round(self.total_s, 1),
                "peak_memory_mb": self.peak_memory_mb, "load_start": round(self.load[0], 1),
                "load_end": round(self.load[1], 1), **{f"{k}_s": round(v, 1) for k, v in self.seconds.items()},
                **{f"jvm_cpu_{k}_s": round(v, 1) for k, v in self.jvm_cpu_s.items()}}


def bench_engines(people: list[int], days: int = 14, scenario: str = "demo", seed: int = 1,
                  master: str = "local[2]", engines: tuple[str, ...] = ("embedded", "spark"),
                  rounds: int = 1) -> list[EngineRun]:
    """Every engine over the world of each size in ``people``, smallest first, ``rounds`` times in turns."""
    settings = Settings()
    runs = []
    for size in sorted(people):
        with tempfile.TemporaryDirectory(prefix="scamnet-bench-engines-") as folder:
            world = simulate_world(Path(folder) / "world", scenario, seed=seed, people=size, days=days)
            for turn in range(1, rounds + 1):
                if "embedded" in engines:
                    runs.append(_loaded(turn, _embedded, Path(folder), size, world["events"], settings))
                if "spark" in engines:
                    runs.append(_loaded(turn, _spark, Path(folder), size, world["events"], settings, master))
    return runs


def ratios(runs: list[EngineRun], apart: tuple[str, ...] = ("timeline",)) -> list[dict[str, Any]]:
    """Per world size, Spark's total over the embedded engine's, each round's pair and their median:
    end to end, and without the embedded steps in ``apart`` (the console's timelines, which a Spark
    run writing Parquet does not build: the same work on both sides).

    >>> a = EngineRun("embedded", 10, 99, {"telecom": 20.0, "timeline": 10.0}, 30.0, 0)
    >>> b = EngineRun("spark", 10, 99, {"telecom": 80.0}, 80.0, 0)
    >>> found = ratios([a, b])[0]
    >>> found["ratio"], found["ratio_same_work"], found["rounds"]
    (2.67, 4.0, 1)
    """
    found = []
    for size in sorted({r.people for r in runs}):
        pairs = [(e, s) for e in runs for s in runs if e.people == s.people == size and e.round == s.round
                 and e.engine == "embedded" and s.engine == "spark"]
        if not pairs:
            continue
        whole = [s.total_s / e.total_s for e, s in pairs]
        same = [s.total_s / (e.total_s - sum(e.seconds.get(step, 0.0) for step in apart)) for e, s in pairs]
        found.append({"people": size, "rounds": len(pairs),
                      "embedded_s": round(statistics.median(e.total_s for e, _ in pairs), 1),
                      "spark_s": round(statistics.median(s.total_s for _, s in pairs), 1),
                      "ratio": round(statistics.median(whole), 2), "ratio_same_work": round(statistics.median(same), 2),
                      "ratio_per_round": [round(r, 2) for r in whole],
                      "ratio_same_work_per_round": [round(r, 2) for r in same]})
    return found


def _loaded(turn: int, run: Callable[..., EngineRun], *args: Any) -> EngineRun:
    """``run(*args)`` as round ``turn``, with the load average at its start and end."""
    before = os.getloadavg()[0]
    result = run(*args)
    result.load, result.round = (before, os.getloadavg()[0]), turn
    return result


def _embedded(folder: Path, size: int, events: int, settings: Settings) -> EngineRun:
    path = folder / "store.db"
    for old in folder.glob("store.db*"):  # each round ingests into a fresh store
        old.unlink()
    with PeakMemory() as peak:
        with open_store(path) as store:
            started = time.perf_counter()
            ingest_world(store, folder / "world", settings)
            ingest_s = time.perf_counter() - started
        result = run_all(path, settings, SystemClock())
    seconds = {"ingest": ingest_s, **result.seconds}
    return EngineRun("embedded", size, events, seconds, sum(result.seconds.values()), peak.mb)


def _spark(folder: Path, size: int, events: int, settings: Settings, master: str) -> EngineRun:
    """One run on a session of its own, in a JVM of its own (its start timed apart): each round meets
    Spark as a batch run does, cold, never with the previous round's code already compiled."""
    from scamnet.engines.spark.session import spark_session, stop_session

    started = time.perf_counter()
    spark = spark_session(master)
    print(f"spark session started in {time.perf_counter() - started:.1f} s")
    jvm = spark.sparkContext._jvm.java.lang.ProcessHandle.current().pid() if master.startswith("local") else None
    try:
        before = jvm_cpu_s(jvm)
        with PeakMemory() as peak:
            result = run_spark(str(folder / "world"), str(folder / "out"), settings, SystemClock(), spark=spark)
        after = jvm_cpu_s(jvm)
    finally:
        stop_session(spark)
    spent = {kind: after.get(kind, 0.0) - before.get(kind, 0.0) for kind in after}
    return EngineRun("spark", size, events, result.seconds, sum(result.seconds.values()), peak.mb, jvm_cpu_s=spent)


#: What a local JVM's threads spend CPU on, by the start of their names (Linux keeps 15 characters of
#: a thread's name): Spark's tasks, the JIT compilers (Spark's own code and each query's generated
#: code, compiled anew by every JVM), the garbage collector's workers, and the rest (the driver's
#: scheduling, shuffle and broadcast threads, class loading, the VM thread's safepoints).
JVM_THREAD_KINDS = (("Executor task", "tasks"), ("C1 CompilerThre", "jit"), ("C2 CompilerThre", "jit"),
                    ("GC Thread", "gc"), ("G1 ", "gc"))


def jvm_thread_kind(name: str) -> str:
    """The kind of work a JVM thread named ``name`` does (``JVM_THREAD_KINDS``; ``other`` for the rest).

    >>> [jvm_thread_kind(n) for n in ("Executor task l", "C2 CompilerThre", "GC Thread#1", "VM Thread", "main")]
    ['tasks', 'jit', 'gc', 'other', 'other']
    """
    return next((kind for start, kind in JVM_THREAD_KINDS if name.startswith(start)), "other")


def jvm_cpu_s(pid: int | None) -> dict[str, float]:
    """CPU seconds (user and system) process ``pid``'s live threads have spent, summed per ``jvm_thread_kind``
    (Linux ``/proc``; empty when ``pid`` is None or not readable). Threads that ended are not counted: Spark's
    task threads are pooled and live as long as the JVM, as do its compiler and collector threads."""
    if pid is None:
        return {}
    tick = os.sysconf("SC_CLK_TCK")
    spent: dict[str, float] = {}
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            name = (task / "comm").read_text().strip()
            fields = (task / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        kind = jvm_thread_kind(name)
        spent[kind] = spent.get(kind, 0.0) + (int(fields[11]) + int(fields[12])) / tick
    return spent


class PeakMemory:
    """The largest resident memory of this process and its descendants while in the ``with`` block."""

    def __init__(self, every_s: float = 0.2) -> None:
        self.every_s, self.mb = every_s, 0
        self._stop = threading.Event()

    def __enter__(self) -> PeakMemory:
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _sample(self) -> None:
        while not self._stop.is_set():
            self.mb = max(self.mb, tree_rss_mb(os.getpid()))
            self._stop.wait(self.every_s)


def tree_rss_mb(root: int) -> int:
    """Resident memory of process ``root`` and every descendant, in MiB (Linux ``/proc``)."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            parents[int(entry.name)] = int(fields[1])
            rss[int(entry.name)] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE")
        except (OSError, IndexError, ValueError):
            continue
    family, grown = {root}, True
    while grown:
        more = {p for p, parent in parents.items() if parent in family} - family
        family |= more
        grown = bool(more)
    return round(sum(rss.get(p, 0) for p in family) / 2**20)

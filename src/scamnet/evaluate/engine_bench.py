"""``scamnet bench engines``: one world at a few sizes on the embedded engine and on Spark, side by side.

Each size is simulated once as Parquet; the embedded engine ingests it into a fresh store and
runs ``scamnet run`` (ingest timed apart), Spark runs ``scamnet run --engine spark`` over the
Parquet on one warm session (its start timed apart). Peak memory is sampled from ``/proc`` over
this process and its children (the JVM included), every 0.2 s.
"""

from __future__ import annotations

import os
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
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

    def to_json(self) -> dict[str, Any]:
        return {"engine": self.engine, "people": self.people, "events": self.events, "total_s": round(self.total_s, 1),
                "peak_memory_mb": self.peak_memory_mb, "load_start": round(self.load[0], 1),
                "load_end": round(self.load[1], 1), **{f"{k}_s": round(v, 1) for k, v in self.seconds.items()}}


def bench_engines(people: list[int], days: int = 14, scenario: str = "demo", seed: int = 1,
                  master: str = "local[2]", engines: tuple[str, ...] = ("embedded", "spark")) -> list[EngineRun]:
    """Every engine over the world of each size in ``people``, smallest first."""
    settings = Settings()
    spark, runs = None, []
    for size in sorted(people):
        with tempfile.TemporaryDirectory(prefix="scamnet-bench-engines-") as folder:
            world = simulate_world(Path(folder) / "world", scenario, seed=seed, people=size, days=days)
            if "embedded" in engines:
                runs.append(_loaded(_embedded, Path(folder), size, world["events"], settings))
            if "spark" in engines:
                if spark is None:
                    from scamnet.engines.spark.session import spark_session

                    started = time.perf_counter()
                    spark = spark_session(master)
                    print(f"spark session started in {time.perf_counter() - started:.1f} s")
                runs.append(_loaded(_spark, Path(folder), size, world["events"], settings, spark))
    return runs


def _loaded(run: Callable[..., EngineRun], *args: Any) -> EngineRun:
    """``run(*args)`` with the load average at its start and end."""
    before = os.getloadavg()[0]
    result = run(*args)
    result.load = (before, os.getloadavg()[0])
    return result


def _embedded(folder: Path, size: int, events: int, settings: Settings) -> EngineRun:
    with PeakMemory() as peak:
        with open_store(folder / "store.db") as store:
            started = time.perf_counter()
            ingest_world(store, folder / "world", settings)
            ingest_s = time.perf_counter() - started
        result = run_all(folder / "store.db", settings, SystemClock())
    seconds = {"ingest": ingest_s, **result.seconds}
    return EngineRun("embedded", size, events, seconds, sum(result.seconds.values()), peak.mb)


def _spark(folder: Path, size: int, events: int, settings: Settings, spark: Any) -> EngineRun:
    with PeakMemory() as peak:
        result = run_spark(str(folder / "world"), str(folder / "out"), settings, SystemClock(), spark=spark)
    return EngineRun("spark", size, events, result.seconds, sum(result.seconds.values()), peak.mb)


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

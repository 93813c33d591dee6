"""``scamnet bench simulate``: how fast worlds are generated, and the memory it takes."""

from __future__ import annotations

import resource
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from scamnet.evaluate.results import Result, key
from scamnet.service.simulate import simulate_world


@dataclass(frozen=True)
class SimulateBench(Result):
    """``bench simulate``: one world generated and written."""

    scenario: str
    people: int
    days: int
    file_format: str = key("format")
    events: int
    rows: int
    wall_s: float
    events_per_s: int
    cpu_s: float
    events_per_cpu_s: int
    peak_memory_mb: int
    size_mb: float


def bench_simulate(world_dir: Path | None = None, scenario: str | Path = "baseline", seed: int = 1,
                   people: int | None = None, days: int | None = None, fmt: str = "parquet") -> SimulateBench:
    """Generate and write one world, timed: events/s, wall time and the process's peak memory.

    Peak memory is the process's high-water mark, so run one configuration per process
    (``bench/bench_simulate.py`` does).
    """
    with tempfile.TemporaryDirectory(prefix="scamnet-bench-") as scratch:
        cpu_before = _cpu_s()
        started = time.perf_counter()
        figures = simulate_world(Path(world_dir or scratch), scenario, seed, people, days, fmt)
        wall = time.perf_counter() - started
        cpu = _cpu_s() - cpu_before
        on_disk = sum(p.stat().st_size for p in Path(world_dir or scratch).glob(f"*.{fmt}"))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * (1 if sys.platform == "darwin" else 1024)
    return SimulateBench(
        scenario=figures["scenario"], people=figures["people"], days=figures["days"], file_format=fmt,
        events=figures["events"], rows=sum(figures["rows"].values()), wall_s=round(wall, 2),
        events_per_s=round(figures["events"] / wall), cpu_s=round(cpu, 2),
        events_per_cpu_s=round(figures["events"] / max(cpu, 1e-9)), peak_memory_mb=round(peak / 2**20),
        size_mb=round(on_disk / 2**20, 1),
    )


def _cpu_s() -> float:
    """CPU seconds this process has used (all threads): a fairer clock than the wall on a shared machine."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime

"""``scamnet bench all`` over several worlds: every figure's mean and spread over seeds.

One world is one draw of the simulator: a figure from it alone can be luck. The same scenario
simulated with several seeds gives several worlds; each is benched as ``bench all`` benches one,
then every figure of every row (detectors, tracing policies, gang recovery) is summarised as its
mean, standard deviation, minimum and maximum over the worlds, beside the per-world values.
"""

from __future__ import annotations

import math
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from scamnet.core.clock import Clock
from scamnet.core.settings import Settings
from scamnet.evaluate.results import Result, key
from scamnet.evaluate.suite import Progress, SuiteBench, bench_all
from scamnet.service.simulate import simulate_world

#: The keys that name a row (rather than measure it) in each table of a ``SuiteBench``.
ROW_NAMES = {"detectors": ("detector", "mode"), "tracing": ("policy",), "gangs": ()}


@dataclass(frozen=True)
class Spread(Result):
    """One figure of one row over the worlds; NaN values (nothing to measure) are left out of the summary."""

    table: str
    row: str
    figure: str
    worlds: int
    mean: float
    sd: float
    low: float = key("min")
    high: float = key("max")
    values: list[float]


@dataclass(frozen=True)
class SeedsBench(Result):
    """``bench all`` on several worlds (usually one scenario simulated with several seeds)."""

    worlds: list[str]
    spread: list[Spread]
    runs: list[SuiteBench]


def bench_worlds(world_dirs: Sequence[Path], settings: Settings, clock: Clock, on_phase: Progress | None = None,
                 **options: Any) -> SeedsBench:
    """``bench_all`` on each world (``options`` passed on), and the spread of every figure over them."""
    runs = [bench_all(Path(world), settings, clock, _numbered(on_phase, i, len(world_dirs)), **options)
            for i, world in enumerate(world_dirs, 1)]
    return SeedsBench([str(w) for w in world_dirs], spread_rows(runs), runs)


def _numbered(on_phase: Progress | None, i: int, count: int) -> Progress:
    def say(text: str) -> None:
        if on_phase:
            on_phase(f"world {i}/{count}: {text}")
    return say


def spread_rows(runs: Sequence[SuiteBench]) -> list[Spread]:
    """Mean, sd, min and max of every numeric figure of every row, matched across runs by the row's name.

    >>> from scamnet.evaluate.seeds import _spread
    >>> s = _spread("detectors", "mule lightgbm", "recall", [0.8, 0.9, float("nan")])
    >>> s.worlds, round(s.mean, 3), s.low, s.high
    (2, 0.85, 0.8, 0.9)
    """
    figures: dict[tuple[str, str, str], list[float]] = {}
    for run in runs:
        for table, row, figure, value in _figures(run):
            figures.setdefault((table, row, figure), []).append(value)
    return [_spread(table, row, figure, values) for (table, row, figure), values in figures.items()]


def _figures(run: SuiteBench) -> Iterator[tuple[str, str, str, float]]:
    tables = {"detectors": [r.to_json() for r in run.detectors], "tracing": [r.to_json() for r in run.tracing],
              "gangs": [run.gangs.summary()]}
    for table, rows in tables.items():
        for row in rows:
            name = " ".join(str(row[k]) for k in ROW_NAMES[table]) or table
            for figure, value in row.items():
                if figure not in ROW_NAMES[table] and isinstance(value, int | float | None) and not isinstance(value, bool):
                    yield table, name, figure, math.nan if value is None else float(value)


def _spread(table: str, row: str, figure: str, values: list[float]) -> Spread:
    known = np.array([v for v in values if not math.isnan(v)], dtype=float)
    if known.size == 0:
        return Spread(table, row, figure, 0, math.nan, math.nan, math.nan, math.nan, values)
    sd = float(np.std(known, ddof=1)) if known.size > 1 else math.nan
    return Spread(table, row, figure, int(known.size), float(np.mean(known)), sd, float(known.min()),
                  float(known.max()), values)


@contextmanager
def simulated_worlds(scenario: str | Path, seeds: Sequence[int], on_phase: Progress | None = None,
                     people: int | None = None, days: int | None = None) -> Iterator[list[Path]]:
    """One world per seed of ``scenario``, written to a temporary folder removed on exit."""
    say = on_phase or (lambda _: None)
    with tempfile.TemporaryDirectory(prefix="scamnet-seeds-") as tmp:
        worlds = []
        for seed in seeds:
            say(f"simulating {scenario} seed {seed}")
            folder = Path(tmp) / f"{Path(str(scenario)).stem}-seed{seed}"
            simulate_world(folder, scenario, seed, people, days)
            worlds.append(folder)
        yield worlds

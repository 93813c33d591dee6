"""``scamnet demo``: the main job end to end on a simulated world.

Simulate the ``demo`` world, ingest it into a fresh store, run every step and write the
investigation report — the path a new user, a trainer or a reviewer takes first.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scamnet.core.clock import Clock
from scamnet.core.settings import Settings
from scamnet.service.ingest import ingest_files, world_files
from scamnet.service.report import write_report
from scamnet.service.run import RunResult, Step, run_all
from scamnet.service.simulate import simulate_world


@dataclass
class DemoResult:
    world: Path
    db: Path
    report: Path
    rows: dict[str, int]
    run: RunResult
    seconds: dict[str, float] = field(default_factory=dict)


def run_demo(
    out_dir: Path,
    settings: Settings,
    clock: Clock,
    *,
    scenario: str = "demo",
    seed: int = 1,
    on_phase: Callable[[str], None] | None = None,
    on_step: Callable[[int, int, Step], None] | None = None,
) -> DemoResult:
    """Simulate, ingest, run and report into ``out_dir``; the store there is rebuilt from scratch."""
    say = on_phase or (lambda _: None)
    out_dir.mkdir(parents=True, exist_ok=True)
    world, db, report = out_dir / "world", out_dir / "scamnet.db", out_dir / "scamnet-report.html"
    timings: dict[str, float] = {}
    _remove_store(db)
    say(f"simulating the {scenario} world (seed {seed}) into {world}")
    rows = _timed(timings, "simulate", lambda: simulate_world(world, scenario, seed)["rows"])
    say(f"ingesting it into {db}")
    _timed(timings, "ingest", lambda: ingest_files(world_files(world), db, settings))
    result = _timed(timings, "run", lambda: run_all(db, settings, clock, on_step=on_step))
    say(f"writing the report {report}")
    _timed(timings, "report", lambda: write_report(db, report, settings))
    return DemoResult(world, db, report, rows, result, timings)


def _timed(timings: dict[str, float], name: str, fn: Callable[[], Any]) -> Any:
    started = time.perf_counter()
    value = fn()
    timings[name] = time.perf_counter() - started
    return value


def _remove_store(db: Path) -> None:
    for suffix in ("", ".wal", ".lock"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)

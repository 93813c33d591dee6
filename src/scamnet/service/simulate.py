"""``scamnet simulate`` and ``scamnet bench simulate``: worlds written to folders or loaded into a store."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from scamnet.core.settings import Settings
from scamnet.service.ingest import ingest_world
from scamnet.sim import load_scenario, simulate_to
from scamnet.store import Store


def simulate_world(out_dir: Path, scenario: str | Path = "demo", seed: int = 1, people: int | None = None,
                   days: int | None = None, fmt: str = "parquet",
                   on_day: Callable[[int, int], None] | None = None) -> dict[str, Any]:
    """Write a world to ``out_dir``; rows per table and how fast it went."""
    chosen = load_scenario(scenario).replace(people=people, days=days)
    result = simulate_to(out_dir, chosen, seed=seed, fmt=fmt, on_day=on_day)
    return {
        "out": str(out_dir), "scenario": chosen.name, "seed": seed, "people": chosen.world.people,
        "days": chosen.world.days, "format": fmt, "rows": result.rows, "events": result.events,
        "seconds": round(result.seconds, 3), "events_per_s": round(result.events / max(result.seconds, 1e-9)),
    }


def simulate_into_store(store: Store, settings: Settings, scenario: str | Path = "demo", seed: int = 1,
                        people: int | None = None, days: int | None = None) -> dict[str, int]:
    """Generate a world and ingest it into an open store (what ``scamnet demo`` needs); new rows per table."""
    with tempfile.TemporaryDirectory(prefix="scamnet-world-") as folder:
        simulate_to(folder, scenario, seed=seed, people=people, days=days)
        return ingest_world(store, Path(folder), settings)

"""``bench serve``: every event of a world is decided once, and the per-kind times add up to the whole."""

from __future__ import annotations

from pathlib import Path

import pyarrow.parquet as pq

from scamnet.core.settings import Settings
from scamnet.evaluate.serve import bench_serve
from scamnet.service.simulate import simulate_world


def test_every_event_of_a_world_is_decided_once_and_timed(tmp_path: Path) -> None:
    simulate_world(tmp_path, "demo", seed=2, people=150, days=1)
    events = sum(pq.read_metadata(tmp_path / f"{t}.parquet").num_rows for t in ("calls", "messages", "transfers", "sessions"))
    figures = bench_serve(tmp_path, Settings())
    assert figures.events == events > 100
    assert figures.events_per_s > 0 and figures.transfer_us > 0 and figures.message_us > 0

"""A store holding the two-gang world of tests/graph/two_gangs.py and its hand-written alerts."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa

from scamnet.schema import table
from scamnet.store import open_store
from scamnet.store.repo import append_rows
from tests.graph.two_gangs import alert_rows, world_tables


def build_linking_store(path: Path, alerts: pa.Table | None = None, **extra: pa.Table) -> Path:
    tables = {**world_tables(), "alerts": alert_rows() if alerts is None else alerts, **extra}
    with open_store(path) as store, store.transaction() as con:
        for name, rows in tables.items():
            append_rows(con, table(name), rows)
    return path

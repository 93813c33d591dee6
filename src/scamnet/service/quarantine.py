"""``scamnet quarantine``: take bad input rows out of the store, with an audit record.

Rows are named by table and key, or chosen as every row whose time cannot be real (outside
``event_earliest`` .. now + ``event_future_hours``, the window ingest enforces): the rows a store
filled before that check may hold, and that would stop ``scamnet run``.
"""

from __future__ import annotations

import getpass
from pathlib import Path

import pyarrow as pa

from scamnet.core.clock import Clock
from scamnet.core.errors import ConfigError
from scamnet.core.settings import Settings
from scamnet.ingest.convert import time_window
from scamnet.schema import INPUT_TABLES, TableSpec, table
from scamnet.store import Store, open_store
from scamnet.store.quarantine import Removal, quarantine_keys, quarantine_rows


def impossible_time_filters(settings: Settings) -> list[tuple[TableSpec, str, str, list]]:
    """``(table, time column, SQL condition, params)`` selecting rows whose time is outside the window."""
    found = []
    for spec in INPUT_TABLES:
        low, high = time_window(spec, settings)
        for spec_field in spec.fields:
            if pa.types.is_timestamp(spec_field.type):
                column = f'"{spec_field.name}"'
                found.append((spec, spec_field.name, f"(NOT isfinite({column}) OR {column} NOT BETWEEN ? AND ?)", [low, high]))
    return found


def quarantine(db: Path, settings: Settings, clock: Clock, *, kind: str | None, keys: list[str], reason: str,
               operator: str | None = None, impossible_times: bool = False) -> dict[str, list[str]]:
    """Move the named rows (or every row with an impossible time) to ``quarantined_rows``; keys moved per table."""
    if not reason.strip():
        raise ConfigError("a quarantine needs a --reason", hint='e.g. --reason "time 0001-01-01 cannot be real"')
    if impossible_times == bool(kind or keys):
        raise ConfigError("name a table and keys, or give --impossible-times (not both)",
                          hint="scamnet quarantine transfers T1 T2 --reason TEXT")
    removal = Removal(reason.strip(), operator or getpass.getuser(), clock.now())
    with open_store(db, create=False) as store:
        if not impossible_times:
            spec = _input_table(kind)
            return {spec.name: quarantine_keys(store, spec, keys, removal)}
        return _impossible(store, settings, removal)


def _impossible(store: Store, settings: Settings, removal: Removal) -> dict[str, list[str]]:
    moved: dict[str, list[str]] = {}
    with store.transaction():
        for spec, _, where, params in impossible_time_filters(settings):
            keys = quarantine_rows(store, spec, where, params, removal)
            if keys:
                moved.setdefault(spec.name, []).extend(keys)
    return moved


def _input_table(kind: str | None) -> TableSpec:
    names = [spec.name for spec in INPUT_TABLES]
    if kind not in names:
        raise ConfigError(f"{kind!r} is not an input table", hint="one of: " + ", ".join(names))
    return table(kind)

"""``scamnet stats``: what the store holds."""

from __future__ import annotations

from pathlib import Path

from scamnet.store import open_store
from scamnet.store.repo import TableStats, table_stats


def store_stats(db: Path, tables: list[str] | None = None) -> list[TableStats]:
    with open_store(db, read_only=True) as store:
        return table_stats(store, tables)

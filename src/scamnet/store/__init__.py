"""The embedded store: one DuckDB file, numbered migrations, one writer, repository functions."""

from scamnet.store.db import Store, open_store

__all__ = ["Store", "open_store"]

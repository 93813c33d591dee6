"""What detectors read: a DuckDB connection where the canonical tables resolve by name.

In a batch run that is the store's own connection; in tests and the online path it is an
in-memory connection over Arrow tables. Either way a feature is plain SQL over table names,
so the same query runs on both (and, transpiled by sqlglot, on Spark).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import duckdb
import pyarrow as pa

from scamnet.core.errors import NotFoundError
from scamnet.schema import INPUT_TABLES, TableSpec


@dataclass(frozen=True)
class Data:
    """Canonical tables on a connection, optionally limited to the period ``[since, until)``."""

    con: duckdb.DuckDBPyConnection
    since: datetime | None = None
    until: datetime | None = None

    @classmethod
    def from_tables(cls, since: datetime | None = None, until: datetime | None = None, **tables: pa.Table) -> Data:
        """An in-memory view over Arrow tables; input tables not given are empty."""
        con = duckdb.connect()
        con.execute("SET TimeZone = 'UTC'")
        for spec in INPUT_TABLES:
            given = tables.pop(spec.name, None)
            _register(con, spec, given if given is not None else spec.empty())
        for name, extra in tables.items():
            con.register(name, extra)
        return cls(con, since, until)

    @classmethod
    def from_dir(cls, folder: str | Path) -> Data:
        """Views over a world folder written by ``scamnet simulate`` (``<table>.parquet`` files).

        Tables without a file are empty. Labels are exposed too (as ``labels``) for evaluation
        code; detectors never read them.
        """
        folder = Path(folder)
        if not folder.is_dir():
            raise NotFoundError(f"no world folder at {folder}", hint="make one with scamnet simulate --out DIR")
        con = duckdb.connect()
        con.execute("SET TimeZone = 'UTC'")
        for spec in INPUT_TABLES:
            path = folder / f"{spec.name}.parquet"
            if path.exists():
                con.execute(f"CREATE VIEW {spec.name} AS SELECT * FROM read_parquet('{path.as_posix()}')")
            else:
                _register(con, spec, spec.empty())
        return cls(con)

    def window(self, since: datetime | None, until: datetime | None) -> Data:
        return Data(self.con, since, until)

    def time_filter(self, column: str) -> str:
        """A SQL condition keeping rows of ``column`` inside the period (``TRUE`` when open)."""
        parts = []
        if self.since is not None:
            parts.append(f"{column} >= TIMESTAMPTZ '{self.since.isoformat()}'")
        if self.until is not None:
            parts.append(f"{column} < TIMESTAMPTZ '{self.until.isoformat()}'")
        return " AND ".join(parts) or "TRUE"

    def table(self, name: str) -> pa.Table:
        return self.con.sql(f"SELECT * FROM {name}").to_arrow_table()

    def count(self, name: str) -> int:
        return self.con.execute(f"SELECT count(*) FROM {name}").fetchall()[0][0]


def _register(con: duckdb.DuckDBPyConnection, spec: TableSpec, rows: pa.Table) -> None:
    present = [c for c in spec.column_names if c in rows.column_names]
    missing = [f for f in spec.fields if f.name not in rows.column_names]
    data = rows.select(present)
    for f in missing:
        data = data.append_column(f.name, pa.nulls(data.num_rows, f.type))
    con.register(spec.name, data.select(spec.column_names).cast(spec.schema))

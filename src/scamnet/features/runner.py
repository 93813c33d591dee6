"""Running named feature queries: SQL files shipped in ``scamnet/features/sql``.

A feature query is plain SQL over the canonical table names, so DuckDB runs it here and the
Spark engine can run the same file later (transpiled by sqlglot). A query limits itself to the
period of its ``Data`` through placeholders the runner fills in:

- ``{period:COLUMN}`` — rows of ``COLUMN`` inside ``[since, until)`` (``TRUE`` when open);
- ``{before:COLUMN}`` — rows of ``COLUMN`` before ``since`` (``FALSE`` when there is no since);
- ``{upto:COLUMN}`` — rows of ``COLUMN`` before ``until`` (``TRUE`` when open);
- ``{local_s:COLUMN}`` — the timestamp ``COLUMN`` as seconds since 1970-01-01 on the
  subscribers' local clock (``utc_offset_hours``): hours and days by plain arithmetic, which is
  much faster than calendar functions on time-zoned timestamps.

>>> "telecom/imei_features" in feature_names()
True
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

import pyarrow as pa

from scamnet.core.errors import NotFoundError
from scamnet.features.data import Data

_PLACEHOLDER = re.compile(r"\{(period|before|upto|local_s):([\w.]+)\}")


def feature_names() -> list[str]:
    """Every shipped feature query, as ``folder/name`` without ``.sql``."""
    root = resources.files("scamnet.features") / "sql"
    found = []
    for folder in root.iterdir():
        if folder.is_dir():
            found += [f"{folder.name}/{f.name[:-4]}" for f in folder.iterdir() if f.name.endswith(".sql")]
    return sorted(found)


@lru_cache(maxsize=64)
def feature_sql(name: str) -> str:
    """The text of feature query ``name`` (``telecom/imei_features``), placeholders unfilled."""
    if name not in feature_names():
        raise NotFoundError(f"no feature query named {name!r}", hint="one of: " + ", ".join(feature_names()))
    folder, _, stem = name.partition("/")
    return (resources.files("scamnet.features") / "sql" / folder / f"{stem}.sql").read_text(encoding="utf-8")


def period_sql(sql: str, data: Data, utc_offset_hours: float = 0.0) -> str:
    """``sql`` with its placeholders filled in for ``data``'s ``[since, until)`` and local clock.

    >>> from datetime import UTC, datetime
    >>> period_sql("{period:ts} AND {before:ts}", Data.from_tables(since=datetime(2026, 3, 1, tzinfo=UTC)))
    "(ts >= TIMESTAMPTZ '2026-03-01T00:00:00+00:00') AND (ts < TIMESTAMPTZ '2026-03-01T00:00:00+00:00')"
    >>> period_sql("{local_s:ts} % 86400", Data.from_tables(), utc_offset_hours=8)
    '(epoch(ts) + 28800) % 86400'
    """

    def fill(match: re.Match[str]) -> str:
        kind, column = match.groups()
        if kind == "local_s":
            return f"(epoch({column}) + {round(utc_offset_hours * 3600)})"
        if kind == "period":
            return f"({data.time_filter(column)})"
        if kind == "upto":
            return f"({Data(data.con, None, data.until).time_filter(column)})"
        if data.since is None:
            return "FALSE"
        return f"({column} < TIMESTAMPTZ '{data.since.isoformat()}')"

    return _PLACEHOLDER.sub(fill, sql)


def run_feature(data: Data, name: str, *, utc_offset_hours: float = 0.0) -> pa.Table:
    """The table feature query ``name`` computes over ``data`` (one row per entity)."""
    return data.con.sql(period_sql(feature_sql(name), data, utc_offset_hours)).to_arrow_table()

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

Queries share subqueries: ``{include:FOLDER/NAME}`` stands for the text of ``FOLDER/NAME.sql``
(which may include others). A fragment — a file whose name starts with ``_``, holding CTEs to
include after ``WITH`` — is no query of its own, so ``feature_names`` leaves it out; a whole query
may be included too, as a subquery. A caller that runs several queries including one whole query
can compute it once and hand its rows in (``computed``): the include then reads those rows. Values from callers (ids, patterns) reach a query only as
bound parameters (``$name``), never pasted into its text.

>>> "telecom/imei_features" in feature_names()
True
>>> "telecom/_calls_in_period" in feature_names()
False
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from importlib import resources

import pyarrow as pa

from scamnet.core.errors import NotFoundError
from scamnet.features.data import Data

_PLACEHOLDER = re.compile(r"\{(period|before|upto|local_s):([\w.]+)\}")
_INCLUDE = re.compile(r"\{include:(\w+/\w+)\}")


def feature_names() -> list[str]:
    """Every shipped feature query, as ``folder/name`` without ``.sql`` (fragments left out)."""
    return sorted(name for name in _sql_files() if not name.split("/")[1].startswith("_"))


@lru_cache(maxsize=1)
def _sql_files() -> frozenset[str]:
    root = resources.files("scamnet.features") / "sql"
    return frozenset(f"{folder.name}/{f.name[:-4]}" for folder in root.iterdir() if folder.is_dir()
                     for f in folder.iterdir() if f.name.endswith(".sql"))


@lru_cache(maxsize=64)
def feature_sql(name: str, computed: frozenset[str] = frozenset()) -> str:
    """The text of feature query ``name`` (``telecom/imei_features``), fragments included, placeholders unfilled.

    An include of a query in ``computed`` reads the view ``computed_view(query)`` instead of running it.
    """
    if name not in feature_names():
        raise NotFoundError(f"no feature query named {name!r}", hint="one of: " + ", ".join(feature_names()))
    return included_sql(_read(name), (name,), computed)


def included_queries(name: str) -> list[str]:
    """The whole queries (not fragments) that feature query ``name`` includes, directly or through fragments.

    >>> included_queries("telecom/imei_features")
    ['telecom/call_footprint', 'telecom/call_pairs', 'telecom/calling_rhythm', 'telecom/bank_facts']
    """
    found: list[str] = []
    for included in _INCLUDE.findall(_read(name)):
        if included.split("/")[1].startswith("_"):
            found += [q for q in included_queries(included) if q not in found]
        elif included not in found:
            found.append(included)
    return found


def computed_view(name: str) -> str:
    """The view name a query's rows are read under when handed in ``computed``.

    >>> computed_view("telecom/bank_facts")
    'computed_telecom_bank_facts'
    """
    return "computed_" + name.replace("/", "_")


def _read(name: str) -> str:
    folder, _, stem = name.partition("/")
    return (resources.files("scamnet.features") / "sql" / folder / f"{stem}.sql").read_text(encoding="utf-8")


def included_sql(sql: str, chain: tuple[str, ...] = (), computed: frozenset[str] = frozenset()) -> str:
    """``sql`` with each ``{include:FOLDER/NAME}`` replaced by that file's text, its own includes too.

    ``chain`` names the queries being expanded, for the error when a fragment includes itself.

    >>> included_sql("WITH {include:telecom/_calls_in_period} SELECT count(*) FROM c").count("FROM calls")
    1
    """

    def include(match: re.Match[str]) -> str:
        fragment = match.group(1)
        if fragment not in _sql_files():
            raise NotFoundError(f"no SQL file named {fragment!r} to include", hint="FOLDER/NAME of a .sql file")
        if fragment in chain:
            raise NotFoundError(f"SQL fragment {fragment!r} includes itself through {' > '.join(chain)}")
        if fragment in computed:
            return f"SELECT * FROM {computed_view(fragment)}\n"
        # a line break after the text, so a closing ``)`` never lands in a trailing ``--`` comment
        return included_sql(_read(fragment), (*chain, fragment), computed).rstrip() + "\n"

    return _INCLUDE.sub(include, sql)


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


def run_feature(data: Data, name: str, *, utc_offset_hours: float = 0.0,
                params: Mapping[str, object] | None = None, tables: Mapping[str, pa.Table] | None = None,
                computed: Mapping[str, pa.Table] | None = None) -> pa.Table:
    """The table feature query ``name`` computes over ``data``, its ``$name`` parameters bound to ``params``.

    ``tables`` are Arrow tables the query reads besides the canonical ones (computed outside SQL),
    visible by name during this run only. ``computed`` maps a query that ``name`` includes whole
    (``telecom/bank_facts``, ``telecom/calling_rhythm``) to its rows over the same ``data``, already computed: they are read
    instead of running it again.

    >>> run_feature(Data.from_tables(), "content/message_texts").column_names
    ['msg_id', 'text']
    """
    sql = period_sql(feature_sql(name, frozenset(computed or {})), data, utc_offset_hours)
    tables = {**(tables or {}), **{computed_view(query): rows for query, rows in (computed or {}).items()}}
    for table_name, rows in tables.items():
        data.con.register(table_name, rows)
    try:
        return data.con.sql(sql, params=dict(params) if params else None).to_arrow_table()
    finally:
        for table_name in tables or {}:
            data.con.unregister(table_name)

"""Idempotent insert by key: identical rows under known keys are skipped, changed rows are conflicts.

Rows are staged first, inside the caller's transaction, with where they came from (``_source``,
``_row``). Then duplicates among the staged rows and rows that change what the store holds under
the same key are listed; only when there are none are the rows under new keys inserted. The
caller raises on a listing and the transaction rolls back, so nothing is written.

Keys are checked by joins rather than by DuckDB indexes (see ``ddl.create_table_sql``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from scamnet.core.errors import ConflictError, Problem
from scamnet.schema import TableSpec
from scamnet.store.db import Store

log = logging.getLogger("scamnet.store")


@dataclass(frozen=True)
class Clash:
    """A staged row whose key is taken: by an earlier staged row, or by a different stored row.

    ``column`` is the first column that differs (None for a duplicate), ``value`` the staged
    value and ``other`` the stored value, or for a duplicate where the key was seen first.
    """

    key: dict[str, Any]
    source: str
    row: int | None
    column: str | None
    value: Any
    other: Any


@dataclass(frozen=True)
class Counts:
    """Staged rows of one source: ``new`` keys and keys ``present`` already with the same row."""

    new: int
    present: int


class Staging:
    """A staging table for ``spec`` on ``con``; use inside ``Store.transaction``."""

    def __init__(self, con: duckdb.DuckDBPyConnection, spec: TableSpec, database: str | None = None) -> None:
        self.con = con
        self.spec = spec
        self.name = f"{database}._stage_{spec.name}" if database else f"_stage_{spec.name}"
        self._rows = 0
        columns = ", ".join(f"{c} {t}" for c, t in _column_types(con, spec))
        con.execute(f"CREATE TABLE {self.name} ({columns}, _source VARCHAR, _row BIGINT, _seq BIGINT)")

    def append(self, rows: pa.Table, source: str, row_numbers: pa.Array | None = None) -> None:
        """Stage ``rows`` (canonical columns) from ``source``; ``row_numbers`` say where each was read."""
        n = rows.num_rows
        numbers = row_numbers if row_numbers is not None else pa.array(range(1, n + 1), pa.int64())
        extra = {
            "_source": pa.repeat(pa.scalar(source, pa.string()), n),
            "_row": numbers.cast(pa.int64()),
            "_seq": pa.array(range(self._rows, self._rows + n), pa.int64()),
        }
        data = rows.select(self.spec.column_names)
        for name, column in extra.items():
            data = data.append_column(name, column)
        self.con.register("_staged_batch", data)
        try:
            self.con.execute(f"INSERT INTO {self.name} SELECT * FROM _staged_batch")
        finally:
            self.con.unregister("_staged_batch")
        self._rows += n

    def duplicates(self, limit: int = 20) -> tuple[list[Clash], int]:
        """Staged rows whose key an earlier staged row already has, and how many there are."""
        key = ", ".join(self.spec.key)
        total = self.con.execute(
            f"SELECT coalesce(sum(n - 1), 0) FROM (SELECT count(*) AS n FROM {self.name} GROUP BY {key} HAVING n > 1)"
        ).fetchall()[0][0]
        if not total:
            return [], 0
        rows = self.con.execute(
            f"SELECT {key}, _source, _row, first_source, first_row FROM ("
            f" SELECT *, row_number() OVER w AS nth, first_value(_source) OVER w AS first_source,"
            f" first_value(_row) OVER w AS first_row FROM {self.name}"
            f" WINDOW w AS (PARTITION BY {key} ORDER BY _seq)) WHERE nth > 1 ORDER BY _seq LIMIT {int(limit)}"
        ).fetchall()
        width = len(self.spec.key)
        return [
            Clash(dict(zip(self.spec.key, r[:width], strict=True)), r[width], r[width + 1], None, None,
                  (r[width + 2], r[width + 3]))
            for r in rows
        ], int(total)

    def conflicts(self, limit: int = 20) -> tuple[list[Clash], int]:
        """Staged rows that differ from the stored row under the same key, and how many there are."""
        values = [c for c in self.spec.column_names if c not in self.spec.key]
        if not values:
            return [], 0
        differs = " OR ".join(f"s.{c} IS DISTINCT FROM t.{c}" for c in values)
        base = f"FROM {self.name} s JOIN {self.spec.name} t ON {self._key_match()} WHERE {differs}"
        total = self.con.execute(f"SELECT count(*) {base}").fetchall()[0][0]
        if not total:
            return [], 0
        picked = ", ".join(f"s.{c}, t.{c}" for c in values)
        key = ", ".join(f"s.{c}" for c in self.spec.key)
        rows = self.con.execute(f"SELECT {key}, s._source, s._row, {picked} {base} ORDER BY s._seq LIMIT {int(limit)}").fetchall()
        return [self._conflict(row, values) for row in rows], int(total)

    def _conflict(self, row: tuple, values: list[str]) -> Clash:
        width = len(self.spec.key)
        pairs = row[width + 2:]
        column, new, old = next(
            (c, pairs[2 * i], pairs[2 * i + 1]) for i, c in enumerate(values) if pairs[2 * i] != pairs[2 * i + 1]
        )
        return Clash(dict(zip(self.spec.key, row[:width], strict=True)), row[width], row[width + 1], column, new, old)

    def counts(self) -> dict[str, Counts]:
        """Per source: how many staged rows have new keys and how many are already stored."""
        first_key = self.spec.key[0]
        rows = self.con.execute(
            f"SELECT s._source, count(*) FILTER (WHERE t.{first_key} IS NULL), count(*) FILTER (WHERE t.{first_key} IS NOT NULL)"
            f" FROM {self.name} s LEFT JOIN {self.spec.name} t ON {self._key_match()} GROUP BY s._source"
        ).fetchall()
        return {source: Counts(new, present) for source, new, present in rows}

    def insert_new(self) -> int:
        """Insert the staged rows whose keys the store does not hold; the number inserted."""
        cols = ", ".join(f"s.{c}" for c in self.spec.column_names)
        before = self._stored()
        if before == 0:  # a first load needs no anti-join
            self.con.execute(f"INSERT INTO {self.spec.name} SELECT {cols} FROM {self.name} s")
        else:
            self.con.execute(
                f"INSERT INTO {self.spec.name} SELECT {cols} FROM {self.name} s ANTI JOIN {self.spec.name} t ON {self._key_match()}"
            )
        return self._stored() - before

    def drop(self) -> None:
        self.con.execute(f"DROP TABLE IF EXISTS {self.name}")

    def _stored(self) -> int:
        return self.con.execute(f"SELECT count(*) FROM {self.spec.name}").fetchall()[0][0]

    def _key_match(self) -> str:
        return " AND ".join(f"s.{c} = t.{c}" for c in self.spec.key)


def open_staging(store: Store, spec: TableSpec, database: str | None = None) -> Staging:
    """A staging table for ``spec`` on ``store`` (in the attached ``database`` when given)."""
    return Staging(store.con, spec, database)


@contextmanager
def scratch_database(store: Store, alias: str = "ingest_scratch") -> Iterator[str]:
    """A scratch DuckDB file beside the store, attached as ``alias`` and deleted afterwards.

    Large stagings go there, committed batch by batch: inside one open transaction DuckDB keeps
    every appended Arrow batch alive until the commit, so memory would grow with the input. The
    store's own tables are only written in the final transaction, so they stay all or nothing.
    """
    path = Path(f"{store.path}.scratch")
    _remove(path)  # left over by a process that was killed
    store.con.execute(f"ATTACH '{path.as_posix()}' AS {alias}")
    try:
        yield alias
    finally:
        _detach_quietly(store, alias, path)


def _detach_quietly(store: Store, alias: str, path: Path) -> None:
    """Drop the scratch file; failing to (a full disk) must not turn a committed ingest into an error."""
    try:
        store.con.execute(f"DETACH {alias}")
    except duckdb.Error as exc:
        log.warning("could not detach the scratch database %s: %s", path, exc)
    try:
        _remove(path)
    except OSError as exc:
        log.warning("could not delete the scratch database %s: %s", path, exc)


def _remove(path: Path) -> None:
    for stale in (path, Path(f"{path}.wal")):
        stale.unlink(missing_ok=True)


def _column_types(con: duckdb.DuckDBPyConnection, spec: TableSpec) -> list[tuple[str, str]]:
    rows = con.execute(
        "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = ? ORDER BY ordinal_position",
        [spec.name],
    ).fetchall()
    return [(name, data_type) for name, data_type in rows]


def clash_problems(clashes: list[Clash], spec: TableSpec, label_of: Callable[[str], str] = lambda _s: "row") -> list[Problem]:
    """Readable problems: where each clashing row was read, and what it clashes with.

    ``label_of(source)`` says what a source's row numbers count ("line" for a CSV file, say).
    """
    out = []
    for clash in clashes:
        key = ", ".join(f"{k}={v!r}" for k, v in clash.key.items())
        label = label_of(clash.source)
        if clash.column is None:
            source, row = clash.other
            expected = f"a key used once ({key} is also at {source}, {label_of(source)} {row})"
            out.append(Problem(clash.source, clash.row, ",".join(spec.key), _key_value(clash), expected, label))
        else:
            expected = f"{clash.other!r}, the value stored under {key} (a changed row is a conflict)"
            out.append(Problem(clash.source, clash.row, clash.column, clash.value, expected, label))
    return out


def _key_value(clash: Clash) -> Any:
    values = list(clash.key.values())
    return values[0] if len(values) == 1 else tuple(values)


def insert_keyed(con: duckdb.DuckDBPyConnection, spec: TableSpec, rows: pa.Table, source: str = "rows") -> Counts:
    """Insert ``rows`` by key: new keys inserted, identical known rows skipped.

    Duplicate keys among ``rows`` or rows that change a stored row raise ``ConflictError``;
    call inside ``Store.transaction`` so that the rollback leaves nothing behind.
    """
    staging = Staging(con, spec)
    staging.append(rows, source)
    for listing in (staging.duplicates, staging.conflicts):
        clashes, total = listing()
        if total:
            raise conflict_error(spec, clashes, total)
    counts = staging.counts().get(source, Counts(0, 0))
    staging.insert_new()
    staging.drop()
    return counts


def conflict_error(
    spec: TableSpec, clashes: list[Clash], total: int, label_of: Callable[[str], str] = lambda _s: "row"
) -> ConflictError:
    """One error listing the first clashes and their total."""
    lines = [str(p) for p in clash_problems(clashes, spec, label_of)]
    if total > len(lines):
        lines.append(f"... and {total - len(lines)} more")
    message = f"{total} row{'s' if total != 1 else ''} of {spec.name} clash with keys already used; nothing was written:\n  "
    return ConflictError(
        message + "\n  ".join(lines),
        hint="a key (" + ", ".join(spec.key) + ") may name one row only; fix or drop the clashing rows",
    )

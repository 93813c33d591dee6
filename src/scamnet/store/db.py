"""Opening a store: the DuckDB file, its writer lock, its snapshot and its migrations.

DuckDB allows one writing process per file. Writers take turns on a lock file beside the
database; readers read the store, or its snapshot while a writer holds it (``access``).

A store is recognised by its marker, the comment ``scamnet store`` on its ``schema_migrations``
table (stores made before the marker are recognised by their migration history and marked). Any
other DuckDB file is refused before anything is written to it, and so is a file that is not a
DuckDB database at all.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path

import duckdb

from scamnet.core.errors import NotFoundError, StoreError
from scamnet.features.data import Data
from scamnet.store.access import (
    connect_for_reading,
    connect_for_writing,
    default_wait_s,
    publish_snapshot,
    release_writer_lock,
    take_writer_lock,
)


def migrations() -> list[tuple[int, str, str]]:
    """``(version, name, sql)`` of every migration shipped, in order."""
    folder = resources.files("scamnet.store") / "migrations"
    found = []
    for item in folder.iterdir():
        if item.name.endswith(".sql"):
            version, _, rest = item.name.partition("_")
            found.append((int(version), rest.removesuffix(".sql"), item.read_text(encoding="utf-8")))
    versions = [v for v, _, _ in found]
    if len(set(versions)) != len(versions):
        raise StoreError("two migrations share a number", hint="renumber src/scamnet/store/migrations")
    return sorted(found)


class Store:
    """An open store. Use as a context manager, or call ``close``."""

    def __init__(self, path: Path, con: duckdb.DuckDBPyConnection, lock_fd: int | None, *,
                 snapshot: bool = False) -> None:
        self.path = path
        self.con = con
        self._lock_fd = lock_fd
        self._depth = 0  # transactions open: an inner one joins the outer one
        #: Read from the store's snapshot (another process was writing the store itself).
        self.snapshot = snapshot

    @classmethod
    def over(cls, data: Data) -> Store:
        """A read-only store over the tables of a detector view (a world folder, for the benches)."""
        return cls(Path(":view:"), data.con, None)

    def data(self) -> Data:
        """What detectors read: the store's canonical tables, over the whole period."""
        return Data(self.con)

    @property
    def writable(self) -> bool:
        return self._lock_fd is not None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.con.close()
        if self._lock_fd is not None:
            release_writer_lock(self._lock_fd)
            self._lock_fd = None

    @contextmanager
    def transaction(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """All or nothing: an exception inside rolls every write back.

        A transaction opened inside another joins it: its writes commit or roll back with the
        outer one (``scamnet run`` holds one around all its steps).
        """
        if not self.writable:
            raise StoreError(f"store {self.path} is open read-only", hint="open it for writing")
        if self._depth:
            self._depth += 1
            try:
                yield self.con
            finally:
                self._depth -= 1
            return
        self.con.execute("BEGIN TRANSACTION")
        self._depth = 1
        try:
            yield self.con
        except BaseException:
            self._depth = 0
            self.con.execute("ROLLBACK")
            raise
        self._depth = 0
        self.con.execute("COMMIT")

    @contextmanager
    def memory_limit(self, megabytes: int) -> Iterator[None]:
        """DuckDB's memory limit while the block runs (bulk work spills to disk beyond it)."""
        before = self.con.execute("SELECT current_setting('memory_limit')").fetchall()[0][0]
        self.con.execute(f"SET memory_limit = '{int(megabytes)}MB'")
        try:
            yield
        finally:
            self.con.execute(f"SET memory_limit = '{before}'")

    def schema_version(self) -> int:
        return _current_version(self.con)

    def has_table(self, name: str) -> bool:
        rows = self.con.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = ?", [name]
        ).fetchall()
        return rows[0][0] > 0


MARKER = "scamnet store"


def open_store(path: str | Path, *, read_only: bool = False, wait_s: float | None = None,
               create: bool = True) -> Store:
    """Open (creating if needed, unless ``create`` is False) the store at ``path`` and run pending migrations.

    ``read_only`` opens an existing store without taking the writer lock; while another process
    writes it, its snapshot is read instead (``access``). A writer waits its turn behind another
    writer at most ``wait_s`` seconds (default ``SCAMNET_WRITE_WAIT_S`` or 600).
    """
    path = Path(path)
    if read_only:
        if not path.exists():
            raise NotFoundError(
                f"no store at {path}", hint="ingest data first (scamnet ingest ... --db FILE) or run scamnet demo"
            )
        con, from_snapshot = connect_for_reading(path)
        try:
            refuse_foreign(con, path)
        except BaseException:
            con.close()
            raise
        return Store(path, _configured(con), None, snapshot=from_snapshot)
    if not create and not path.exists():
        raise NotFoundError(f"no store at {path}", hint="ingest data first (scamnet ingest ... --db FILE) or run scamnet demo")
    _probe(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    waited = default_wait_s() if wait_s is None else wait_s
    lock_fd = take_writer_lock(path, waited)
    try:
        publish_snapshot(path)
        con = _configured(connect_for_writing(path, waited))
        try:
            refuse_foreign(con, path)
            _migrate(con)
        except BaseException:
            con.close()
            raise
    except BaseException:
        release_writer_lock(lock_fd)
        raise
    return Store(path, con, lock_fd)


def _probe(path: Path) -> None:
    """Refuse a file that is not a scamnet store before taking its lock or copying it."""
    if not path.exists() or path.stat().st_size == 0:
        return
    try:
        con = duckdb.connect(str(path), read_only=True)
    except duckdb.Error as exc:
        if "not a valid duckdb database" not in str(exc).lower():
            return  # held open (by another process, or this one): checked once this writer has it
        raise StoreError(f"{path} is not a scamnet store (not a DuckDB database: {str(exc)[:120]})",
                         hint="give --db the path of a scamnet store, or a new file name") from None
    with con:
        refuse_foreign(con, path)


def refuse_foreign(con: duckdb.DuckDBPyConnection, path: Path) -> None:
    """``StoreError`` unless the open database is empty, carries the marker, or holds only scamnet's history."""
    tables = {name: comment for name, comment in con.execute(
        "SELECT table_name, comment FROM duckdb_tables() WHERE database_name = current_database()").fetchall()}
    if not tables or tables.get("schema_migrations") == MARKER or _scamnet_history(con, tables):
        return
    shown = ", ".join(sorted(tables)[:5]) + (", ..." if len(tables) > 5 else "")
    raise StoreError(f"{path} is a DuckDB file of another application (tables {shown}); scamnet left it unchanged",
                     hint="give --db the path of a scamnet store, or a new file name")


def _scamnet_history(con: duckdb.DuckDBPyConnection, tables: dict[str, str | None]) -> bool:
    """A store made before the marker: its ``schema_migrations`` rows are scamnet's own migrations."""
    if "schema_migrations" not in tables:
        return False
    try:
        applied = con.execute("SELECT version, name FROM schema_migrations ORDER BY version").fetchall()
    except duckdb.Error:
        return False
    ours = {version: name for version, name, _ in migrations()}
    return bool(applied) and all(ours.get(version) == name for version, name in applied)


def _configured(con: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    con.execute("SET TimeZone = 'UTC'")
    con.execute("SET enable_progress_bar = false")  # commands show their own progress
    return con


def _current_version(con: duckdb.DuckDBPyConnection) -> int:
    rows = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_migrations'"
    ).fetchall()
    if rows[0][0] == 0:
        return 0
    return con.execute("SELECT coalesce(max(version), 0) FROM schema_migrations").fetchall()[0][0]


def _migrate(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations "
        "(version INTEGER NOT NULL, name VARCHAR NOT NULL, applied_at TIMESTAMPTZ NOT NULL)"
    )
    marked = con.execute("SELECT comment FROM duckdb_tables() WHERE database_name = current_database() "
                         "AND table_name = 'schema_migrations'").fetchall()
    if marked != [(MARKER,)]:
        con.execute(f"COMMENT ON TABLE schema_migrations IS '{MARKER}'")
    applied = {v for (v,) in con.execute("SELECT version FROM schema_migrations").fetchall()}
    for version, name, sql in migrations():
        if version in applied:  # every migration not yet applied, also one numbered below the newest applied
            continue
        con.execute("BEGIN TRANSACTION")
        try:
            con.execute(sql)
            con.execute("INSERT INTO schema_migrations VALUES (?, ?, ?)", [version, name, datetime.now(UTC)])
        except duckdb.Error as exc:
            con.execute("ROLLBACK")
            raise StoreError(f"migration {version} ({name}) failed: {exc}", hint="report this as a bug") from exc
        con.execute("COMMIT")

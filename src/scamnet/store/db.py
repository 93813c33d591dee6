"""Opening a store: the DuckDB file, its writer lock and its migrations.

DuckDB allows one writing process per file. scamnet takes an exclusive lock file beside the
database before it writes, so a second writer gets a clear message instead of a DuckDB error.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path

import duckdb

from scamnet.core.errors import NotFoundError, StoreError
from scamnet.features.data import Data


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

    def __init__(self, path: Path, con: duckdb.DuckDBPyConnection, lock_fd: int | None) -> None:
        self.path = path
        self.con = con
        self._lock_fd = lock_fd

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
            fcntl.flock(self._lock_fd, fcntl.LOCK_UN)
            os.close(self._lock_fd)
            self._lock_fd = None

    @contextmanager
    def transaction(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """All or nothing: an exception inside rolls every write back."""
        if not self.writable:
            raise StoreError(f"store {self.path} is open read-only", hint="open it for writing")
        self.con.execute("BEGIN TRANSACTION")
        try:
            yield self.con
        except BaseException:
            self.con.execute("ROLLBACK")
            raise
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


def open_store(path: str | Path, *, read_only: bool = False) -> Store:
    """Open (creating if needed) the store at ``path`` and run pending migrations.

    ``read_only`` opens an existing store without taking the writer lock.
    """
    path = Path(path)
    if read_only:
        if not path.exists():
            raise NotFoundError(
                f"no store at {path}", hint="ingest data first (scamnet ingest ... --db FILE) or run scamnet demo"
            )
        return Store(path, _connect(path, read_only=True), None)
    path.parent.mkdir(parents=True, exist_ok=True)
    lock_fd = _take_writer_lock(path)
    try:
        con = _connect(path, read_only=False)
        _migrate(con)
    except BaseException:
        fcntl.flock(lock_fd, fcntl.LOCK_UN)
        os.close(lock_fd)
        raise
    return Store(path, con, lock_fd)


def _connect(path: Path, *, read_only: bool) -> duckdb.DuckDBPyConnection:
    try:
        con = duckdb.connect(str(path), read_only=read_only)
    except duckdb.Error as exc:
        raise StoreError(
            f"cannot open store {path}: {exc}", hint="is another process writing to it? Is it a DuckDB file?"
        ) from exc
    con.execute("SET TimeZone = 'UTC'")
    con.execute("SET enable_progress_bar = false")  # commands show their own progress
    return con


def _take_writer_lock(path: Path) -> int:
    fd = os.open(f"{path}.lock", os.O_CREAT | os.O_RDWR, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        raise StoreError(
            f"another scamnet process is writing to {path}", hint="wait for it to finish; DuckDB allows one writer"
        ) from None
    return fd


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
    current = _current_version(con)
    for version, name, sql in migrations():
        if version <= current:
            continue
        con.execute("BEGIN TRANSACTION")
        try:
            con.execute(sql)
            con.execute("INSERT INTO schema_migrations VALUES (?, ?, ?)", [version, name, datetime.now(UTC)])
        except duckdb.Error as exc:
            con.execute("ROLLBACK")
            raise StoreError(f"migration {version} ({name}) failed: {exc}", hint="report this as a bug") from exc
        con.execute("COMMIT")

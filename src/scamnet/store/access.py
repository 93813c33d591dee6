"""Many users, one store: writers take turns, readers never wait.

DuckDB lets one process write a file, and while it does no other process can open the file at
all. So:

- **Writers queue.** A writer takes an exclusive lock beside the store (``<store>.lock``, which
  says who holds it) and, when another writer holds it, waits for its turn (``wait_s``, default
  ``SCAMNET_WRITE_WAIT_S`` or 600 s) instead of failing. A reader that holds the file open for a
  moment (the decision service reloading its watchlist) is waited for the same way.
- **Readers never wait.** Each writer, once it has the store and before it changes anything,
  publishes a copy of it as it stands (``<store>.snapshot``: checkpointed, copied, renamed into
  place, so a reader never sees half a copy). A reader that finds the store held by a writer reads
  that snapshot instead: the store as the last finished write left it, consistent, never a write
  half done. The copy is made only when the store changed since the last one.
"""

from __future__ import annotations

import fcntl
import logging
import os
import shutil
import sys
import time
from pathlib import Path

import duckdb

from scamnet.core.errors import StoreError

log = logging.getLogger("scamnet.store")


class StoreBusyError(StoreError):
    """Another process is writing the store, and this writer's wait ran out."""

POLL_S = 0.2


def default_wait_s() -> float:
    """How long a writer waits for its turn: ``SCAMNET_WRITE_WAIT_S`` seconds, or 600."""
    given = os.environ.get("SCAMNET_WRITE_WAIT_S", "")
    try:
        return float(given) if given else 600.0
    except ValueError:
        raise StoreError(f"SCAMNET_WRITE_WAIT_S={given!r}", hint="a number of seconds") from None


def snapshot_path(path: Path) -> Path:
    return Path(f"{path}.snapshot")


def take_writer_lock(path: Path, wait_s: float) -> int:
    """The store's writer lock, once every earlier writer is done (at most ``wait_s`` seconds)."""
    fd = os.open(f"{path}.lock", os.O_CREAT | os.O_RDWR, 0o644)
    deadline, told = time.monotonic() + wait_s, False
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            break
        except BlockingIOError:
            if time.monotonic() >= deadline:
                holder = _holder(fd)
                os.close(fd)
                raise StoreBusyError(f"another scamnet process is writing to {path}{holder}",
                                 hint=f"waited {wait_s:g} s; wait for it to finish or set SCAMNET_WRITE_WAIT_S") from None
            if not told:
                log.warning("waiting for another scamnet process writing to %s%s", path, _holder(fd))
                told = True
            time.sleep(POLL_S)
    os.ftruncate(fd, 0)
    os.pwrite(fd, f"{os.getpid()} {' '.join(sys.argv[:3])}\n".encode(), 0)
    return fd


def release_writer_lock(fd: int) -> None:
    os.ftruncate(fd, 0)
    fcntl.flock(fd, fcntl.LOCK_UN)
    os.close(fd)


def _holder(fd: int) -> str:
    said = os.pread(fd, 200, 0).decode("utf-8", "replace").strip()
    return f" (process {said})" if said else ""


def connect_for_writing(path: Path, wait_s: float) -> duckdb.DuckDBPyConnection:
    """A writing connection, waiting while a reader of another process has the file open for a moment."""
    deadline = time.monotonic() + wait_s
    while True:
        try:
            return duckdb.connect(str(path))
        except duckdb.IOException as exc:
            if not _is_lock_conflict(exc) or time.monotonic() >= deadline:
                raise StoreError(f"cannot open store {path}: {exc}",
                                 hint="another process has it open; is it a DuckDB file?") from exc
            time.sleep(POLL_S)


def connect_for_reading(path: Path) -> tuple[duckdb.DuckDBPyConnection, bool]:
    """A read-only connection to the store, or to its snapshot while a writer holds the store; whether a snapshot."""
    try:
        return duckdb.connect(str(path), read_only=True), False
    except duckdb.Error as exc:  # held by a writer in another process (a lock) or in this one (a configuration)
        snapshot = snapshot_path(path)
        if not (_is_lock_conflict(exc) or "different configuration" in str(exc)) or not snapshot.exists():
            raise StoreError(f"cannot open store {path}: {exc}",
                             hint="is another process writing to it? Is it a DuckDB file?") from exc
    log.warning("%s is being written by another process; reading its snapshot of %s", path,
                time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(snapshot.stat().st_mtime)))
    return duckdb.connect(str(snapshot), read_only=True), True


def publish_snapshot(path: Path) -> None:
    """Copy the store, as the last finished write left it, to ``<store>.snapshot`` (when it changed since).

    Called by a writer holding the writer lock and before it connects: the copy must not open the
    file while this process holds DuckDB's lock on it (closing any descriptor of a file drops the
    process's POSIX locks on it). A write-ahead log left by a crash is first folded into the file.
    """
    if not path.exists():
        return
    if Path(f"{path}.wal").exists():
        duckdb.connect(str(path)).close()  # replays the log and checkpoints on close
    snapshot = snapshot_path(path)
    if snapshot.exists() and snapshot.stat().st_mtime >= path.stat().st_mtime:
        return
    partial = Path(f"{snapshot}.partial")
    shutil.copyfile(path, partial)
    os.replace(partial, snapshot)


def _is_lock_conflict(exc: duckdb.Error) -> bool:
    return "lock" in str(exc).lower()

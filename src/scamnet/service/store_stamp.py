"""Whether the store was written since it was last read, from its files' ``stat`` alone (no store opened).

The decision service checks the store every ``watchlist_refresh_s`` for new listings and keys;
opening it costs 40-60 ms and wakes DuckDB's threads. When its files are as a check that read them
found them, nothing can have changed, provided they had been left alone for a while before that
read: a write within one tick of the file system's clock could leave a file's times as they were.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

#: A file's identity, size and times (``os.stat``); None when it does not exist.
FileStamp = tuple[int, int, int, int] | None
FilesStamp = tuple[FileStamp, ...]
#: Seconds a store's files must have been left alone before a check of them may be skipped while they stay so.
QUIET_S = 2.0


def store_files_stamp(db: Path) -> FilesStamp:
    """The stamp of every file a read of the store may read (the store, its write-ahead log, its snapshot): a write
    changes it (size or modification time; a replaced file, its inode)."""
    stamps: list[FileStamp] = []
    for name in (str(db), f"{db}.wal", f"{db}.snapshot"):
        try:
            found = os.stat(name)
        except FileNotFoundError:
            stamps.append(None)
        else:
            stamps.append((found.st_ino, found.st_size, found.st_mtime_ns, found.st_ctime_ns))
    return tuple(stamps)


def files_quiet(stamp: FilesStamp, seconds: float) -> bool:
    """Whether no file of ``stamp`` was changed in the ``seconds`` before now: a write in the same tick of the file
    system's clock as the last one seen could leave the stamp as it was, a write seconds later cannot."""
    newest = max((max(s[2], s[3]) for s in stamp if s is not None), default=0)
    return newest < time.time_ns() - int(seconds * 1e9)

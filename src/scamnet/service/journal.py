"""Accepted events, durable before the service answers: a journal beside the store, folded into it at start.

The service opens the store read-only (the batch run and ingest write it), so it cannot insert each
event as it comes. Instead each accepted batch is appended to ``<store>.journal/<table>-<process id>.jsonl`` and
flushed to disk (``fsync``) before the 2xx. At start the journal is ingested into the store like any
JSON Lines file — the same validation, and a row already present is not added twice — and then
emptied. When the store cannot be written at start (another process holds it), the journal is kept
and its events are replayed into the live state instead, to be folded in at a later start.
"""

from __future__ import annotations

import functools
import os
import threading
import time
from collections.abc import Collection, Iterable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import orjson
import pyarrow as pa
import pyarrow.json as pa_json

from scamnet.core.errors import NotFoundError
from scamnet.schema import table
from scamnet.service.event_json import rows_as_lines

#: Tables whose rows the journal keeps beside the events: the service's own outputs, stored at start, not ingested.
DECISIONS = "decisions"
TASKS = "dissuasion_tasks"
OUTPUTS = (DECISIONS, TASKS)
#: Flushes the files of one append at once: on one file system their flushes share a disk commit, so a group
#: of transfers, calls, messages and decisions costs about one ``fsync`` instead of one per file (measured here:
#: 4 files one after the other 4-30 ms, together 0.5-2.6 ms).
_FLUSHERS = ThreadPoolExecutor(max_workers=len(OUTPUTS) + 4, thread_name_prefix="scamnet-journal")


class Journal:
    """The journal folder of one store.

    Its files stay open between appends (opening and closing four files cost a small group as much as writing
    them); a file removed meanwhile (``clear``, or a fold by another process at its start) is opened anew.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._open: dict[str, int] = {}  # file name -> descriptor, opened for appending
        self._opening = threading.Lock()
        self._appending = threading.Lock()  # an append's lines and a rotation never interleave

    @classmethod
    def of_store(cls, db: Path) -> Journal:
        return cls(Path(f"{db}.journal"))

    def append(self, rows: Iterable[tuple[str, Mapping[str, Any] | bytes]], *, made: Collection[str] = ()) -> None:
        """Write canonical rows (``(table, row)``) and flush them to disk. The rows of the tables ``made`` were made
        with exactly their table's columns (validated events): their columns are not compared. A row given as
        bytes is its line, made by the caller (a decision as published, ``decisions.decision_json``)."""
        lines: dict[str, list[bytes]] = {}
        for name, row in rows:
            lines.setdefault(name, []).append(row if isinstance(row, bytes) else journal_line(name, row, made=name in made))
        with self._appending:
            written = [self._write(name, b"\n".join(each) + b"\n") for name, each in lines.items()]
            # the first file on this thread, the others beside it; every file is on disk when this returns (an error
            # in any one is raised here)
            others = [_FLUSHERS.submit(os.fsync, fd) for fd in written[1:]]
            try:
                if written:
                    os.fsync(written[0])
            finally:
                for other in others:
                    other.result()

    def rotate(self) -> list[Path]:
        """Set this process's lines so far aside, for a fold while the service runs: its files renamed
        ``<table>-<pid>-<ns>.jsonl`` (the next append opens new ones); every file set aside so far and not yet folded."""
        with self._appending:
            self.close()
            for path in self.folder.glob(f"*-{os.getpid()}.jsonl") if self.folder.is_dir() else []:
                path.rename(path.with_name(f"{path.stem}-{time.time_ns()}.jsonl"))
        found = sorted(self.folder.glob(f"*-{os.getpid()}-*.jsonl")) if self.folder.is_dir() else []
        return [path for path in found if path.stat().st_size]

    def _write(self, name: str, data: bytes) -> int:
        """Append ``data`` to the table's file of this process (one file per table and process: worker processes of
        one service never interleave their lines); its descriptor."""
        fd = self._descriptor(f"{name}-{os.getpid()}.jsonl")
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
        return fd

    def _descriptor(self, file: str) -> int:
        with self._opening:
            fd = self._open.get(file)
            if fd is not None and os.fstat(fd).st_nlink:
                return fd
            if fd is not None:  # removed since: its lines were folded; a new file takes the next ones
                os.close(fd)
            if not self.folder.is_dir():
                self.folder.mkdir(parents=True, exist_ok=True)
            fd = self._open[file] = os.open(self.folder / file, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
            return fd

    def close(self) -> None:
        """Close the files kept open (the next append opens them again)."""
        with self._opening:
            for fd in self._open.values():
                os.close(fd)
            self._open.clear()

    def files(self, output: str | None = None) -> list[Path]:
        """The journal's event files (with ``output``: that output table's files), each cut after its last whole line.

        A line torn by a crash belongs to a batch that was never acknowledged (the answer waits for
        the flush), so dropping it loses nothing that was promised.
        """
        found = sorted(self.folder.glob("*.jsonl")) if self.folder.is_dir() else []
        found = [p for p in found if p.stem.split("-")[0] == output or (output is None and p.stem.split("-")[0] not in OUTPUTS)]
        for path in found:
            data = path.read_bytes()
            if data and not data.endswith(b"\n"):
                path.write_bytes(data[: data.rfind(b"\n") + 1])
        return [path for path in found if path.stat().st_size]

    def tables(self) -> dict[str, pa.Table]:
        """The journal's rows as canonical Arrow tables (for a replay into the live state)."""
        found: dict[str, list[pa.Table]] = {}
        for path in self.files():
            spec = table(path.stem.split("-")[0])
            options = pa_json.ParseOptions(explicit_schema=pa.schema([f.with_type(pa.string()) for f in spec.schema]))
            raw = pa_json.read_json(path, parse_options=options)
            found.setdefault(spec.name, []).append(pa.table({f.name: raw[f.name].cast(f.type) for f in spec.schema}))
        return {name: pa.concat_tables(parts) for name, parts in found.items()}

    def clear(self, output: str | None = None) -> None:
        for path in self.files(output):
            path.unlink()
        self.close()


def journal_line(name: str, row: Mapping[str, Any], *, made: bool = False) -> bytes:
    """The journal's line of one row of canonical table ``name`` (``made``: a row made with exactly the table's
    columns, a validated event: its columns are not compared). Equal rows give equal lines."""
    return orjson.dumps(_writable(name, row, made), default=str)


def journal_lines(rows: Sequence[tuple[str, Mapping[str, Any]]]) -> list[bytes]:
    """``journal_line`` of each made row (table name, row), the group's written in one call (``rows_as_lines``)."""
    return rows_as_lines([_writable(name, row, True) for name, row in rows], b'{"', _dumped, default=str)


def _dumped(row: Mapping[str, Any]) -> bytes:
    return orjson.dumps(row, default=str)


def _writable(name: str, row: Mapping[str, Any], made: bool) -> Mapping[str, Any]:
    """What ``journal_line`` writes of ``row``: the row itself, or a copy with its values as text."""
    columns, typed = _columns(name)
    if made and name in _AS_IS and _times_as_iso(row, _AS_IS[name]):
        return row  # not copied: ``orjson`` writes its times and amounts (``default=str``) as the road below
    if not made and row.keys() != columns:  # not a canonical row: every value looked at
        as_text = _AS_TEXT.get
        return {k: v if v is None or v.__class__ is str else as_text(v.__class__, _text)(v) for k, v in row.items()}
    row = dict(row)  # a canonical row: only its table's columns that hold no text or list need writing as text
    for k in typed:
        v = row[k]
        cls = v.__class__
        if v is None or cls is str or (cls is datetime and _as_iso(v)):
            continue
        row[k] = _AS_TEXT.get(cls, _text)(v)
    return row


def _text(value: Any) -> str | list[Any] | None:
    """Every value as text, as ingest reads a JSON Lines file (a list, as a decision's reasons, as a JSON array)."""
    if value is None or isinstance(value, str | list):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    return value.isoformat() if isinstance(value, datetime) else str(value)


@functools.cache
def _columns(name: str) -> tuple[frozenset[str], tuple[str, ...]]:
    """The columns of canonical table ``name``, and those whose values are not text (none: no such table)."""
    try:
        spec = table(name)
    except NotFoundError:
        return frozenset(), ()
    return frozenset(spec.schema.names), tuple(f.name for f in spec.schema
                                               if not (pa.types.is_string(f.type) or pa.types.is_list(f.type)))


def _as_is(name: str) -> tuple[str, ...] | None:
    """The times of canonical table ``name`` when its other columns hold text, lists and amounts alone (None: not so):
    a made row of it is written as it is, ``orjson`` writing its times (``_as_iso``) and amounts (``str``) as the
    conversion to text would, without a copy of the row (``transfers``, ``messages``)."""
    fields = table(name).schema
    typed = [f for f in fields if not (pa.types.is_string(f.type) or pa.types.is_list(f.type))]
    if not all(pa.types.is_timestamp(f.type) or pa.types.is_decimal(f.type) for f in typed):
        return None
    return tuple(f.name for f in typed if pa.types.is_timestamp(f.type))


def _times_as_iso(row: Mapping[str, Any], times: tuple[str, ...]) -> bool:
    """Are the row's ``times`` written by ``orjson`` as their conversion to text writes them?"""
    for k in times:
        v = row[k]
        if not (v is None or v.__class__ is str or (v.__class__ is datetime and _as_iso(v))):
            return False
    return True


def _as_iso(at: datetime) -> bool:
    """Does ``orjson`` write ``at`` as ``isoformat`` does (in a tenth of its time)? Yes unless its offset has seconds."""
    zone = at.tzinfo
    return zone is UTC or zone is None or (offset := zone.utcoffset(at)) is None or offset.seconds % 60 == 0


#: ``_text`` of the exact classes a canonical row holds, found by one look-up (a subclass goes through ``_text``).
_AS_TEXT: dict[type, Any] = {datetime: datetime.isoformat, Decimal: str, int: str, float: str, list: lambda v: v,
                             bool: lambda v: "true" if v else "false"}


#: The event tables whose made rows ``append`` writes as they are, with their time columns (``_as_is``).
_AS_IS: dict[str, tuple[str, ...]] = {name: times for name in ("transfers", "messages", "calls", "sessions", "link_visits")
                                      if (times := _as_is(name)) is not None}

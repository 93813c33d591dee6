"""Where generated tables go: memory, or files written chunk by chunk (Parquet, CSV, one DuckDB file).

Writers receive each table in chunks, so a world of any length is written with the memory of
one day.
"""

from __future__ import annotations

from collections import deque
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from scamnet.core.errors import ConfigError
from scamnet.schema import INPUT_TABLES, table

FORMATS = ("parquet", "csv", "duckdb")


class MemorySink:
    """Keeps every chunk; ``tables()`` joins them."""

    def __init__(self) -> None:
        self._chunks: dict[str, list[pa.Table]] = {spec.name: [] for spec in INPUT_TABLES}

    def write(self, name: str, chunk: pa.Table) -> None:
        if chunk.num_rows:
            self._chunks[name].append(chunk)

    def close(self) -> None:
        pass

    def tables(self) -> dict[str, pa.Table]:
        return {name: pa.concat_tables(parts).combine_chunks() if parts else table(name).empty()
                for name, parts in self._chunks.items()}


class FileSink:
    """Writes ``<table>.parquet`` / ``<table>.csv`` files, or one ``world.duckdb``, into ``folder``.

    Chunks are written by one background thread while the next day is generated; at most
    ``queue_limit`` chunks wait, which bounds memory.
    """

    queue_limit = 16

    def __init__(self, folder: Path, fmt: str = "parquet") -> None:
        if fmt not in FORMATS:
            raise ConfigError(f"unknown output format {fmt!r}", hint="one of: " + ", ".join(FORMATS))
        self.folder, self.fmt = Path(folder), fmt
        self.folder.mkdir(parents=True, exist_ok=True)
        self._writers: dict[str, object] = {}
        self._queue: deque[Future] = deque()
        self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="scamnet-writer")
        self._con = None
        if fmt == "duckdb":
            path = self.folder / "world.duckdb"
            path.unlink(missing_ok=True)
            self._con = duckdb.connect(str(path))
            for spec in INPUT_TABLES:
                self._con.register("_empty", spec.empty())
                self._con.execute(f"CREATE TABLE {spec.name} AS SELECT * FROM _empty")
                self._con.unregister("_empty")

    def paths(self) -> list[Path]:
        if self.fmt == "duckdb":
            return [self.folder / "world.duckdb"]
        return [self.folder / f"{spec.name}.{self.fmt}" for spec in INPUT_TABLES]

    def write(self, name: str, chunk: pa.Table) -> None:
        while len(self._queue) >= self.queue_limit:
            self._queue.popleft().result()
        self._queue.append(self._thread.submit(self._write, name, chunk))

    def _write(self, name: str, chunk: pa.Table) -> None:
        if self._con is not None:
            if chunk.num_rows:
                self._con.register("_chunk", chunk)
                self._con.execute(f"INSERT INTO {name} SELECT * FROM _chunk")
                self._con.unregister("_chunk")
            return
        writer = self._writers.get(name)
        if writer is None:
            path = self.folder / f"{name}.{self.fmt}"
            schema = table(name).schema
            writer = _parquet_writer(path, name) if self.fmt == "parquet" else pacsv.CSVWriter(path, schema)
            self._writers[name] = writer
        if chunk.num_rows:
            writer.write_table(chunk)

    def close(self) -> None:
        for spec in INPUT_TABLES:
            self.write(spec.name, spec.empty())  # every table gets a file, even an empty one
        while self._queue:
            self._queue.popleft().result()
        self._thread.shutdown()
        for writer in self._writers.values():
            writer.close()
        if self._con is not None:
            self._con.close()


def _parquet_writer(path: Path, name: str) -> pq.ParquetWriter:
    """Snappy, dictionaries for repeated values but not for unique ids, statistics only on the time column.

    Statistics on time let readers skip row groups by period; on ids they cost time and help nothing.
    """
    spec = table(name)
    unique = {spec.key[0]} if len(spec.key) == 1 else set()
    return pq.ParquetWriter(
        path, spec.schema, compression="snappy",
        use_dictionary=[c for c in spec.column_names if c not in unique and c != spec.time_field],
        write_statistics=[spec.time_field] if spec.time_field else False,
    )

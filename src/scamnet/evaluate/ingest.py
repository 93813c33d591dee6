"""Ingest speed: synthetic transfers written as Parquet and CSV, each ingested into a fresh store.

Each ingest runs in its own process so that its peak memory (``ru_maxrss``) is its own.
"""

from __future__ import annotations

import json
import math
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from scamnet.core.enums import TransferChannel
from scamnet.core.settings import load_settings
from scamnet.evaluate.results import Result
from scamnet.schema import table

CHUNK_ROWS = 1_000_000
START_US = 1_772_323_200_000_000  # 2026-03-01T00:00:00Z
SPAN_US = 30 * 86_400 * 1_000_000


@dataclass(frozen=True)
class IngestFormat(Result):
    """One file format ingested into a fresh store; ``error`` (and NaN figures) when that ingest failed."""

    rows: float
    seconds: float
    rows_per_s: float
    peak_mb: float
    file_mb: float = math.nan
    error: str | None = None

    def table_row(self, fmt: str) -> dict[str, Any]:
        """The printed row: the format, then the figures (the error only when there is one)."""
        row = {"format": fmt} | self.to_json()
        return row if self.error else {k: v for k, v in row.items() if k != "error"}


@dataclass(frozen=True)
class IngestBench(Result):
    """``bench ingest``: synthetic transfers generated, then ingested from each format."""

    rows: int
    generate_s: float
    formats: dict[str, IngestFormat]


def synthetic_transfers(rows: int, seed: int = 0, accounts: int = 1_000_000) -> Iterator[pa.Table]:
    """``rows`` transfers in canonical form, in chunks, reproducible from ``seed``."""
    rng = np.random.default_rng(seed)
    spec = table("transfers")
    channels = pa.array([c.value for c in TransferChannel])
    for start in range(0, rows, CHUNK_ROWS):
        n = min(CHUNK_ROWS, rows - start)
        index = np.arange(start, start + n)
        cents = pa.array(rng.integers(100, 5_000_000, n)).cast(pa.decimal128(19, 0))
        columns = {
            "txn_id": _prefixed("T", index),
            "ts": pa.array(START_US + index * (SPAN_US // max(rows, 1)), pa.int64()).cast(spec.schema.field("ts").type),
            "src_account": _prefixed("ACC", rng.integers(0, accounts, n)),
            "dst_account": _prefixed("ACC", rng.integers(0, accounts, n)),
            "amount": pc.multiply(cents, pa.scalar(0.01, pa.float64()).cast(pa.decimal128(3, 2))).cast(pa.decimal128(18, 2)),
            "currency": pa.repeat(pa.scalar("CNY"), n),
            "channel": pc.take(channels, pa.array(rng.integers(0, len(channels), n))),
            "src_device": _prefixed("dev", rng.integers(0, accounts, n)),
            "src_ip": pa.nulls(n, pa.string()),
            "memo": pa.nulls(n, pa.string()),
        }
        yield pa.table(columns).cast(spec.schema)


def _prefixed(prefix: str, numbers: np.ndarray) -> pa.Array:
    return pc.binary_join_element_wise(pa.scalar(prefix), pa.array(numbers).cast(pa.string()), "")


def write_transfers(folder: Path, rows: int, seed: int = 0) -> dict[str, Path]:
    """``transfers.parquet`` and ``transfers.csv`` with the same ``rows`` synthetic transfers."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = {"parquet": folder / "transfers.parquet", "csv": folder / "transfers.csv"}
    schema = table("transfers").schema
    with pq.ParquetWriter(paths["parquet"], schema) as parquet, pacsv.CSVWriter(paths["csv"], schema) as csv_out:
        for chunk in synthetic_transfers(rows, seed):
            parquet.write_table(chunk)
            csv_out.write_table(chunk)
    return paths


def measure_ingest(path: Path, db: Path) -> dict[str, Any]:
    """Ingest ``path`` into the store ``db`` in this process: rows, seconds and this process's peak memory."""
    import resource

    from scamnet.service.ingest import ingest_files

    started = time.perf_counter()
    summaries = ingest_files([path], db, load_settings())
    seconds = time.perf_counter() - started
    rows = sum(s.new for s in summaries)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"rows": rows, "seconds": round(seconds, 2), "rows_per_s": round(rows / seconds), "peak_mb": round(peak_mb)}


def bench_ingest(work_dir: Path, rows: int = 10_000_000, seed: int = 0, formats: tuple[str, ...] = ("parquet", "csv")) -> IngestBench:
    """Write ``rows`` synthetic transfers to ``work_dir`` and ingest each format into a fresh store."""
    started = time.perf_counter()
    paths = write_transfers(work_dir, rows, seed)
    generate_s = round(time.perf_counter() - started, 1)
    measured = {}
    for fmt in formats:
        db = work_dir / f"bench-{fmt}.db"
        for stale in (db, Path(f"{db}.wal")):
            stale.unlink(missing_ok=True)
        measured[fmt] = replace(_measure_in_child(paths[fmt], db), file_mb=round(paths[fmt].stat().st_size / 2**20))
    return IngestBench(rows, generate_s, measured)


def _measure_in_child(path: Path, db: Path) -> IngestFormat:
    code = (
        "import json, sys; from pathlib import Path; from scamnet.evaluate.ingest import measure_ingest; "
        "print(json.dumps(measure_ingest(Path(sys.argv[1]), Path(sys.argv[2]))))"
    )
    done = subprocess.run([sys.executable, "-c", code, str(path), str(db)], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        error = (done.stderr.strip().splitlines() or ["failed"])[-1]
        return IngestFormat(math.nan, math.nan, math.nan, math.nan, error=error)
    return IngestFormat(**json.loads(done.stdout.strip().splitlines()[-1]))

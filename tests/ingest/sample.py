"""Small canonical tables and writers for ingest tests (no datasets: tests make their own data)."""

from __future__ import annotations

import gzip
import json
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from scamnet.schema import table

T0 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


def transfers(n: int = 3, start: int = 0) -> pa.Table:
    """``n`` valid transfers T<start>..: account A<i> pays B<i> (i + 1) yuan, every other one by ATM cash-out."""
    rows = [
        {
            "txn_id": f"T{i}", "ts": T0 + timedelta(minutes=i), "src_account": f"A{i % 7}",
            "dst_account": None if i % 2 else f"B{i % 5}", "amount": Decimal(i + 1).quantize(Decimal("0.01")),
            "currency": "CNY", "channel": "atm" if i % 2 else "mobile", "src_device": None, "src_ip": None,
            "memo": "rent, March" if i == start else None,
        }
        for i in range(start, start + n)
    ]
    return pa.Table.from_pylist(rows, schema=table("transfers").schema)


def calls(n: int = 3) -> pa.Table:
    rows = [
        {
            "call_id": f"C{i}", "started_at": T0 + timedelta(seconds=i), "duration_s": i * 10,
            "caller": "+8613812345678", "callee": f"+86139{i:08d}", "caller_imsi": "460001234567890",
            "caller_imei": "356938035643809", "caller_cell": "cell-1", "answered": i % 2 == 0,
        }
        for i in range(n)
    ]
    return pa.Table.from_pylist(rows, schema=table("calls").schema)


def write(data: pa.Table, path: Path) -> Path:
    """``data`` as CSV, TSV, JSON Lines or Parquet by ``path``'s suffixes (``.gz`` compresses)."""
    name = path.name.removesuffix(".gz")
    if name.endswith(".parquet"):
        pq.write_table(data, path)
        return path
    if name.endswith(".jsonl"):
        text = "".join(json.dumps(row, default=str, ensure_ascii=False) + "\n" for row in data.to_pylist())
        body = text.encode("utf-8")
    else:
        sink = pa.BufferOutputStream()
        delimiter = "\t" if name.endswith(".tsv") else ","
        pacsv.write_csv(data, sink, pacsv.WriteOptions(delimiter=delimiter))
        body = sink.getvalue().to_pybytes()
    path.write_bytes(gzip.compress(body) if path.name.endswith(".gz") else body)
    return path


def write_text(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path

"""Speed of telecom detection: features + scoring of ``goip`` and ``fraud_number`` over N call records.

Synthetic call records are generated inside DuckDB (hash-based, seeded) into a temporary DuckDB
file — subscribers calling mostly their neighbours, plus a few multi-SIM gateways — and both
detectors fit and score the whole period on that file, as ``scamnet run`` does on a store.

    nice .venv/bin/python bench/bench_telecom.py --calls 10000000
    nice .venv/bin/python bench/bench_telecom.py --calls 10000000 --store /tmp/calls10m.duckdb  # kept, then reused

With ``--store`` the generated records stay in that file and a later run reads them (its
``generate_s`` is then the time to open it): several runs, or two versions of the code
(``PYTHONPATH``), timed on the very same records.
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import time
from pathlib import Path

import duckdb

from scamnet.detect.telecom.fraud_number import FraudNumberDetector
from scamnet.detect.telecom.goip import GoipDetector
from scamnet.features.data import Data
from scamnet.schema import INPUT_TABLES

START = "2026-03-01 00:00:00+00"


def synthetic_store(path: Path, calls: int, subscribers: int, days: int, seed: int) -> duckdb.DuckDBPyConnection:
    """A DuckDB file holding the canonical tables, with ``calls`` call records."""
    con = duckdb.connect(str(path))
    con.execute("SET TimeZone = 'UTC'")
    con.execute("SET memory_limit = '4GB'")
    for spec in INPUT_TABLES:
        con.register(f"empty_{spec.name}", spec.empty())
        con.execute(f"CREATE TABLE {spec.name} AS SELECT * FROM empty_{spec.name}")
    con.execute(f"""
        INSERT INTO persons SELECT 'p' || i, (1940 + hash(i, {seed}) % 65)::SMALLINT, 'GD' FROM range({subscribers}) t(i)
    """)
    con.execute(f"""
        INSERT INTO subscribers
        SELECT '+86138' || lpad(i::VARCHAR, 8, '0'), '46000' || lpad(i::VARCHAR, 10, '0'),
               CASE WHEN i % 1000 = 0 THEN NULL ELSE 'p' || i END,
               TIMESTAMPTZ '{START}' - to_days((1 + hash(i, {seed}, 1) % 2000)::INTEGER),
               'postpaid', 'GD'
        FROM range({subscribers}) t(i)
    """)
    # one caller in a thousand sits in one of 50 gateways (which carry many SIMs); the rest call neighbours
    con.execute(f"""
        INSERT INTO calls
        SELECT 'c' || i, TIMESTAMPTZ '{START}' + to_microseconds((hash(i, {seed}, 2) % ({days} * 86400000000))::BIGINT),
               CASE WHEN answered THEN (5 + hash(i, {seed}, 3) % 400)::INTEGER ELSE 0 END,
               '+86138' || lpad(caller::VARCHAR, 8, '0'), '+86138' || lpad(callee::VARCHAR, 8, '0'),
               '46000' || lpad(caller::VARCHAR, 10, '0'),
               CASE WHEN caller % 1000 = 0 THEN '86' || lpad((caller % 50)::VARCHAR, 13, '0')
                    ELSE '35' || lpad(caller::VARCHAR, 13, '0') END,
               'cell-' || (caller % 5000 + hash(i, {seed}, 4) % 3), answered
        FROM (
            SELECT i, hash(i, {seed}, 5) % {subscribers} AS caller,
                   (hash(i, {seed}, 5) % {subscribers} + 1 + hash(i, {seed}, 6) % 40) % {subscribers} AS callee,
                   hash(i, {seed}, 7) % 100 < 85 AS answered
            FROM range({calls}) t(i)
        )
    """)
    con.execute("CHECKPOINT")
    return con


def timed_detection(con: duckdb.DuckDBPyConnection) -> dict[str, float]:
    data = Data(con)
    figures = {}
    for detector in (GoipDetector(), FraudNumberDetector()):
        started, started_cpu = time.perf_counter(), time.process_time()
        features = detector.features(data)
        featured = time.perf_counter()
        scores = detector.fit(data).score(data)
        detector.explain(scores["entity"][0].as_py())
        done, done_cpu = time.perf_counter(), time.process_time()
        figures[f"{detector.name}_entities"] = features.num_rows
        figures[f"{detector.name}_features_s"] = featured - started
        figures[f"{detector.name}_scoring_s"] = done - featured
        # CPU seconds of every thread: what a run costs whatever else shares the machine
        figures[f"{detector.name}_cpu_s"] = done_cpu - started_cpu
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=10_000_000)
    parser.add_argument("--subscribers", type=int, default=500_000)
    parser.add_argument("--days", type=int, default=7)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", type=Path, default=None, help="also write the figures as JSON")
    parser.add_argument("--store", type=Path, default=None,
                        help="keep the generated calls in this DuckDB file, or reuse it when it exists "
                             "(time several runs, or two versions of the code, on the same records)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        if args.store is not None and args.store.exists():
            con = duckdb.connect(str(args.store))
            con.execute("SET TimeZone = 'UTC'")
            con.execute("SET memory_limit = '4GB'")
        else:
            path = args.store or Path(folder) / "bench.duckdb"
            con = synthetic_store(path, args.calls, args.subscribers, args.days, args.seed)
        generated = time.perf_counter() - started
        figures = {"calls": args.calls, "subscribers": args.subscribers, "generate_s": generated,
                   "load_average_1m_before": os.getloadavg()[0]}
        figures |= timed_detection(con)
        con.close()
    total = sum(v for k, v in figures.items() if k.endswith(("_features_s", "_scoring_s")))
    cpu = sum(v for k, v in figures.items() if k.endswith("_cpu_s"))
    figures |= {"detection_s": total, "detection_cpu_s": cpu, "calls_per_s": args.calls / total,
                "load_average_1m_after": os.getloadavg()[0]}
    for key, value in figures.items():
        print(f"{key:>28}: {value:,.2f}" if isinstance(value, float) else f"{key:>28}: {value:,}")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()

"""Speed and memory of ingest: N synthetic transfers from Parquet and from CSV into fresh stores.

The transfers are generated once (seeded) as ``transfers.parquet`` and ``transfers.csv`` in a
temporary folder; each file is then ingested by ``scamnet.service.ingest.ingest_files`` in its
own process, whose peak resident memory (``ru_maxrss``) is reported with rows per second.

    nice .venv/bin/python bench/bench_ingest.py --rows 10000000
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from scamnet.cli.output import print_rows, write_json
from scamnet.evaluate.ingest import bench_ingest


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000_000, help="transfers to generate and ingest")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--formats", default="parquet,csv", help="comma-separated: parquet, csv")
    parser.add_argument("--dir", type=Path, default=None, help="work folder (default: a temporary one, removed after)")
    parser.add_argument("--json", type=Path, default=None, help="also write the figures as JSON")
    args = parser.parse_args()
    formats = tuple(args.formats.split(","))
    if args.dir:
        figures = bench_ingest(args.dir, args.rows, args.seed, formats)
    else:
        with tempfile.TemporaryDirectory(prefix="scamnet-bench-ingest-") as folder:
            figures = bench_ingest(Path(folder), args.rows, args.seed, formats)
    rows = [result.table_row(fmt) for fmt, result in figures.formats.items()]
    print_rows(f"ingest of {figures.rows:,} transfers (generated in {figures.generate_s} s)", rows)
    write_json(args.json, figures.to_json())


if __name__ == "__main__":
    main()

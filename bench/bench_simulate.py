"""Speed and memory of the world simulator: events/s, CPU time, peak memory, wall time.

Each run generates and writes one world in a fresh process (so its peak resident memory is its
own) and prints one row; with ``--repeat`` the medians are printed too.

    nice .venv/bin/python bench/bench_simulate.py                         # baseline, 30,000 x 30
    nice .venv/bin/python bench/bench_simulate.py --people 1000000 --days 30
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

from scamnet.cli.output import print_rows, write_json
from scamnet.evaluate.simulate import bench_simulate


def one_run(args: argparse.Namespace) -> dict:
    command = [sys.executable, __file__, "--child", "--scenario", args.scenario, "--format", args.format]
    command += ["--people", str(args.people)] if args.people else []
    command += ["--days", str(args.days)] if args.days else []
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scenario", default="baseline", help="demo, baseline, hard or a scenario TOML file")
    parser.add_argument("--people", type=int, default=None)
    parser.add_argument("--days", type=int, default=None)
    parser.add_argument("--format", default="parquet", help="parquet, csv or duckdb")
    parser.add_argument("--repeat", type=int, default=1, help="runs (medians are printed when more than one)")
    parser.add_argument("--json", type=Path, default=None, help="also write the figures as JSON")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(bench_simulate(None, args.scenario, people=args.people, days=args.days, fmt=args.format).to_json()))
        return
    runs = [one_run(args) for _ in range(args.repeat)]
    figures = {"runs": runs}
    columns = {f"run {i + 1}": run for i, run in enumerate(runs)}
    if len(runs) > 1:
        figures["median"] = {k: statistics.median(r[k] for r in runs) for k in runs[0] if isinstance(runs[0][k], int | float)}
        columns["median"] = figures["median"]
    rows = [{"figure": key} | {name: run.get(key) for name, run in columns.items()} for key in runs[0]]
    print_rows("world generation, one process per run", rows)
    write_json(args.json, figures)


if __name__ == "__main__":
    main()

"""Start-up time of the CLI: ``scamnet --help`` and a usage error, as whole processes.

Each case runs N times as a fresh ``python -m scamnet ...`` process, timed from the parent with
``time.perf_counter``, and the CPU seconds the process used (user + system, from
``getrusage``), which a busy shared machine inflates far less than wall time; ``python -c pass``
is the floor no command can go under. The goal is under 1 s for help and usage errors: they
import no detector, store or heavy library.

    nice .venv/bin/python bench/bench_cli.py --runs 20
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

CASES = {
    "python -c pass": ["-c", "pass"],
    "scamnet --help": ["-m", "scamnet", "--help"],
    "scamnet bench --help": ["-m", "scamnet", "bench", "--help"],
    "scamnet stats --bogus": ["-m", "scamnet", "stats", "--bogus"],
}


def process_seconds(args: list[str]) -> tuple[float, float]:
    """Wall time and CPU time of one ``python ARGS`` process, start to exit."""
    cpu_before, start = _children_cpu(), time.perf_counter()
    subprocess.run([sys.executable, *args], capture_output=True, check=False)
    return time.perf_counter() - start, _children_cpu() - cpu_before


def case_figures(args: list[str], runs: int) -> dict[str, float]:
    wall, cpu = zip(*(process_seconds(args) for _ in range(runs)), strict=True)
    return {"median_s": round(statistics.median(wall), 3), "min_s": round(min(wall), 3),
            "max_s": round(max(wall), 3), "cpu_median_s": round(statistics.median(cpu), 3)}


def _children_cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10, help="processes per case")
    parser.add_argument("--json", type=Path, default=None, help="also write the figures as JSON")
    args = parser.parse_args()
    figures = {name: case_figures(argv, args.runs) for name, argv in CASES.items()}
    print(f"{'case':<24}{'median s':>10}{'min s':>8}{'max s':>8}{'cpu s':>8}   ({args.runs} runs each)")
    for name, row in figures.items():
        print(f"{name:<24}{row['median_s']:>10.3f}{row['min_s']:>8.3f}{row['max_s']:>8.3f}{row['cpu_median_s']:>8.3f}")
    if args.json:
        args.json.write_text(json.dumps({"runs": args.runs, "cases": figures}, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()

"""``scamnet bench engines``: the embedded engine and Spark on one world at a few sizes."""

from __future__ import annotations

from pathlib import Path

import typer

from scamnet.cli.options import JSON_OUT
from scamnet.cli.output import print_rows, write_json


def register(bench_app: typer.Typer) -> None:
    @bench_app.command("engines")
    def engines(
        people: str = typer.Option("12000,60000,120000", "--people",
                                   help="world sizes in persons, comma-separated (14 demo days: ~85 events a person)"),
        days: int = typer.Option(14, "--days", min=1, help="days of each world"),
        scenario: str = typer.Option("demo", "--scenario", help="scenario name or TOML file"),
        master: str = typer.Option("local[2]", "--master", help="Spark master URL"),
        only: str = typer.Option("embedded,spark", "--engines", help="engines to run, comma-separated"),
        rounds: int = typer.Option(1, "--rounds", min=1, help="turns of the engines on each world (medians of the pairs)"),
        json_out: Path = JSON_OUT,
    ) -> None:
        """Wall time per step and peak memory of scamnet run on each engine, per world size."""
        from scamnet.evaluate.engine_bench import bench_engines, ratios

        sizes = [int(p) for p in people.split(",") if p.strip()]
        runs = bench_engines(sizes, days=days, scenario=scenario, master=master,
                             engines=tuple(e.strip() for e in only.split(",")), rounds=rounds)
        rows = [r.to_json() for r in runs]
        # Spark's rows also carry the JVM's CPU by kind (tasks, JIT, collector): every column of every row
        print_rows("scamnet run per engine", rows, list(dict.fromkeys(key for row in rows for key in row)))
        spark_over_embedded = ratios(runs)
        if spark_over_embedded:
            print_rows("Spark over the embedded engine (same_work: without the timeline step)", spark_over_embedded)
        write_json(json_out, {"runs": rows, "ratios": spark_over_embedded})

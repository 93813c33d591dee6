"""``scamnet bench simulate``: how fast worlds are generated and written."""

from __future__ import annotations

from pathlib import Path

import typer

from scamnet.cli.options import JSON_OUT
from scamnet.cli.output import print_rows, write_json


def register(bench_app: typer.Typer) -> None:
    @bench_app.command("simulate")
    def simulate(
        scenario: str = typer.Option("baseline", "--scenario", help="demo, baseline, hard, adversarial, or a scenario TOML file"),
        people: int = typer.Option(None, "--people", min=1, help="persons (default: the scenario's)", show_default=False),
        days: int = typer.Option(None, "--days", min=1, help="days (default: the scenario's)", show_default=False),
        fmt: str = typer.Option("parquet", "--format", help="parquet, csv or duckdb"),
        out: Path = typer.Option(None, "--out", help="keep the world in this folder (default: a temporary one)"),
        json_out: Path = JSON_OUT,
    ) -> None:
        """Events per second, wall time and peak memory of generating and writing one world."""
        from scamnet.evaluate.simulate import bench_simulate

        result = bench_simulate(out, scenario, people=people, days=days, fmt=fmt).to_json()
        print_rows("world generation", [result])
        write_json(json_out, result)

from __future__ import annotations

from pathlib import Path

import typer
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

from scamnet.cli.options import JSON_OUT
from scamnet.cli.output import console, print_rows, write_json


def register(app: typer.Typer) -> None:
    @app.command("simulate")
    def simulate(
        out: Path = typer.Option(Path("world"), "--out", help="folder to write the tables into"),
        scenario: str = typer.Option("demo", "--scenario", help="demo, baseline, hard, adversarial, or a scenario TOML file"),
        seed: int = typer.Option(1, "--seed", min=0, help="same seed and scenario, same world"),
        people: int = typer.Option(None, "--people", min=1, help="persons (default: the scenario's)", show_default=False),
        days: int = typer.Option(None, "--days", min=1, help="days (default: the scenario's)", show_default=False),
        fmt: str = typer.Option("parquet", "--format", help="parquet, csv or duckdb (one world.duckdb file)"),
        json_out: Path = JSON_OUT,
    ) -> None:
        """Generate a labelled world of people, calls, messages, transfers, gangs, mules and victims' reports."""
        from scamnet.service.simulate import simulate_world

        with Progress(TextColumn("day {task.completed:.0f}"), BarColumn(), TimeElapsedColumn(),
                      console=console, transient=True) as progress:
            task = progress.add_task("simulate", total=None)
            result = simulate_world(out, scenario, seed, people, days, fmt,
                                    on_day=lambda day, total: progress.update(task, completed=day, total=total))
        rows = [{"table": name, "rows": count} for name, count in result["rows"].items()]
        console.print(f"world {result['scenario']!r}: seed {seed}, {result['people']:,} people, {result['days']} days")
        print_rows(f"written to {out}", rows)
        console.print(f"{result['events']:,} events in {result['seconds']:.1f} s ({result['events_per_s']:,} events/s)")
        write_json(json_out, result)

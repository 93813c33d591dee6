from __future__ import annotations

from pathlib import Path

import typer

from scamnet.cli.options import CONFIG, DB, db_path
from scamnet.cli.output import make_console, styled
from scamnet.cli.summary import print_run_summary
from scamnet.core.clock import SystemClock
from scamnet.core.errors import ConfigError
from scamnet.core.settings import Settings, load_settings


def register(app: typer.Typer) -> None:
    @app.command("run")
    def run(db: Path = DB, config: Path = CONFIG,
            engine: str = typer.Option(None, "--engine", help="embedded (the DuckDB store, default) or spark (a Parquet world; docs/scale.md)"),
            input_dir: str = typer.Option(None, "--input", help="with --engine spark: the Parquet world to read (setting spark_input)"),
            output_dir: str = typer.Option(None, "--output", help="with --engine spark: where the Parquet outputs go (setting spark_output)"),
            master: str = typer.Option(None, "--master", help="with --engine spark: the Spark master URL (setting spark_master)")) -> None:
        """Run every detector, the fund trace of every report and gang discovery over the store."""
        from scamnet.service.run import Step, run_all

        console = make_console()
        settings = load_settings(config)
        engine = engine or settings.engine
        if engine not in ("embedded", "spark"):
            raise ConfigError(f"--engine {engine!r}: no such engine", hint="embedded or spark")
        if engine == "spark":
            _run_on_spark(settings, input_dir or settings.spark_input, output_dir or settings.spark_output, master, console)
            return

        def announce(number: int, total: int, step: Step) -> None:
            console.print(styled(f"step {number}/{total}", "bold", f" {step.title} ..."))

        with console.status("running"):
            result = run_all(db_path(db, config), settings, SystemClock(), on_step=announce)
        print_run_summary(result, console)


def _run_on_spark(settings: Settings, input_dir: str, output_dir: str, master: str | None, console) -> None:
    from scamnet.service.spark_run import run_spark

    if not input_dir or not output_dir:
        raise ConfigError("scamnet run --engine spark needs --input DIR and --output DIR",
                          hint="or the settings spark_input and spark_output")
    result = run_spark(input_dir, output_dir, settings, SystemClock(), master=master,
                       on_step=lambda name: console.print(styled("step", "bold", f" {name} ...")))
    for name, figures in result.steps.items():
        shown = ", ".join(f"{k} {v}" for k, v in figures.items() if not isinstance(v, dict))
        nested = ", ".join(f"{k}: {v}" for k, v in figures.items() if isinstance(v, dict))
        console.print(f"{name:<8} {result.seconds[name]:7.1f} s  {shown}{nested}")
    console.print(f"outputs written to {output_dir}")

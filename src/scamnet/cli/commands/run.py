from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console

from scamnet.cli.options import CONFIG, DB, db_path
from scamnet.cli.summary import print_run_summary
from scamnet.core.clock import SystemClock
from scamnet.core.settings import load_settings


def register(app: typer.Typer) -> None:
    @app.command("run")
    def run(db: Path = DB, config: Path = CONFIG) -> None:
        """Run every detector, the fund trace of every report and gang discovery over the store."""
        from scamnet.service.run import Step, run_all

        console = Console(highlight=False)
        settings = load_settings(config)

        def announce(number: int, total: int, step: Step) -> None:
            console.print(f"[bold]step {number}/{total}[/bold] {step.title} ...")

        with console.status("running"):
            result = run_all(db_path(db, config), settings, SystemClock(), on_step=announce)
        print_run_summary(result, console)

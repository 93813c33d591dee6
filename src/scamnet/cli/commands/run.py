from __future__ import annotations

from pathlib import Path

import typer

from scamnet.cli.options import CONFIG, DB, db_path
from scamnet.cli.output import make_console, styled
from scamnet.cli.summary import print_run_summary
from scamnet.core.clock import SystemClock
from scamnet.core.settings import load_settings


def register(app: typer.Typer) -> None:
    @app.command("run")
    def run(db: Path = DB, config: Path = CONFIG) -> None:
        """Run every detector, the fund trace of every report and gang discovery over the store."""
        from scamnet.service.run import Step, run_all

        console = make_console()
        settings = load_settings(config)

        def announce(number: int, total: int, step: Step) -> None:
            console.print(styled(f"step {number}/{total}", "bold", f" {step.title} ..."))

        with console.status("running"):
            result = run_all(db_path(db, config), settings, SystemClock(), on_step=announce)
        print_run_summary(result, console)

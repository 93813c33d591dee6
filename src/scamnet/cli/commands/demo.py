from __future__ import annotations

from pathlib import Path

import typer

from scamnet.cli.options import CONFIG
from scamnet.cli.output import make_console, styled
from scamnet.cli.summary import print_run_summary
from scamnet.core.clock import SystemClock
from scamnet.core.settings import load_settings


def register(app: typer.Typer) -> None:
    @app.command("demo")
    def demo(
        out: Path = typer.Option(Path("demo"), "--out", help="folder for the world, the store and the report"),
        seed: int = typer.Option(1, "--seed", min=0, help="seed of the simulated world"),
        scenario: str = typer.Option("demo", "--scenario", help="built-in scenario name or a scenario TOML file"),
        config: Path = CONFIG,
    ) -> None:
        """Simulate the demo world, ingest it, run every step and write the investigation report."""
        from scamnet.service.demo import run_demo
        from scamnet.service.run import Step

        console = make_console()

        def step(number: int, total: int, s: Step) -> None:
            console.print(styled(f"run {number}/{total}", "bold", f" {s.title}"))

        result = run_demo(out, load_settings(config), SystemClock(), scenario=scenario, seed=seed,
                          on_phase=lambda text: console.print(styled("demo", "bold", f" {text}")), on_step=step)
        print_run_summary(result.run, console)
        timings = ", ".join(f"{k} {v:.1f} s" for k, v in result.seconds.items())
        console.print(f"took {timings} (total {sum(result.seconds.values()):.1f} s)")
        console.print(f"store:  {result.db.resolve()}")
        console.print(f"report: {result.report.resolve()}")
        console.print(f"next:   scamnet stats --db {result.db}   |   scamnet trace REPORT_ID --db {result.db}")

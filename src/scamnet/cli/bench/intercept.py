from __future__ import annotations

from pathlib import Path

import typer

from scamnet.cli.options import CONFIG, JSON_OUT
from scamnet.cli.output import console, print_rows, write_json
from scamnet.core.settings import load_settings


def register(bench_app: typer.Typer) -> None:
    @bench_app.command("intercept")
    def intercept(
        world: Path = typer.Option(..., "--world", help="world folder written by scamnet simulate"),
        history: float = typer.Option(0.5, "--history", min=0.1, max=0.9,
                                      help="share of the world's days the batch run sees before the replay"),
        hold_stop: float = typer.Option(0.7, "--stop-hold", min=0.0, max=1.0,
                                        help="assumed chance a victim stops after a held payment and a call"),
        app_stop: float = typer.Option(0.25, "--stop-app", min=0.0, max=1.0,
                                       help="assumed chance a victim stops after an in-app warning"),
        sms_stop: float = typer.Option(0.1, "--stop-sms", min=0.0, max=1.0,
                                       help="assumed chance a victim stops after an SMS warning"),
        json_out: Path = JSON_OUT,
        config: Path = CONFIG,
    ) -> None:
        """Victim early warning: replay a world's later days through the live path; who is reached before paying."""
        from scamnet.evaluate.intercept import StopChances, bench_intercept

        found = bench_intercept(world, load_settings(config), history, StopChances(hold_stop, app_stop, sms_stop))
        figures = found.to_json()
        rows = figures.pop("rows")
        print_rows(f"interception: {found.paying_victims} paying victims, {found.victim_transfers} victim transfers "
                   f"({found.victim_loss:,.2f}), {found.legit_transfers:,} legitimate transfers over "
                   f"{found.replay_days} replayed days", rows)
        console.print(f"expected money saved under the stated stop chances: {found.expected_saved_share:.1%} "
                      f"({found.seconds} s)")
        write_json(json_out, {**figures, "rows": rows})

"""``scamnet quarantine``: take bad input rows out of the store, keeping each whole with why, who and when."""

from __future__ import annotations

from pathlib import Path

import typer

from scamnet.cli.options import CONFIG, DB, db_path
from scamnet.cli.output import console, print_rows


def register(app: typer.Typer) -> None:
    @app.command("quarantine")
    def quarantine(
        kind: str = typer.Argument(None, help="input table of the rows (transfers, calls, messages, ...)"),
        keys: list[str] = typer.Argument(None, help="keys of the rows (key fields joined by '/')"),
        reason: str = typer.Option(..., "--reason", help="why the rows are taken out (kept in the audit record)"),
        operator: str = typer.Option(None, "--as", help="who takes them out (default: the user running the command)"),
        impossible_times: bool = typer.Option(False, "--impossible-times",
                                              help="every row whose time is outside the window ingest enforces"),
        db: Path = DB,
        config: Path = CONFIG,
    ) -> None:
        """Move rows out of an input table into quarantined_rows (the row as JSON, reason, who, when), all or none."""
        from scamnet.core.clock import SystemClock
        from scamnet.core.settings import load_settings
        from scamnet.service.quarantine import quarantine as run_quarantine

        settings = load_settings(config)
        moved = run_quarantine(db_path(db, config), settings, SystemClock(), kind=kind, keys=list(keys or []),
                               reason=reason, operator=operator, impossible_times=impossible_times)
        if not moved:
            console.print("no row to quarantine")
            return
        print_rows("quarantined (kept in quarantined_rows)",
                   [{"table": name, "rows": len(found), "keys": found[:10]} for name, found in moved.items()])

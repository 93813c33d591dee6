"""``scamnet reports list``: find report ids (by date, victim, loss, traced or not) to trace or share."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import typer

from scamnet.cli.options import CONFIG, DB, JSON_OUT, db_path, utc_time
from scamnet.cli.output import print_rows, write_json


def register(app: typer.Typer) -> None:
    reports_app = typer.Typer(help="Victim reports in the store.", no_args_is_help=True)

    @reports_app.command("list")
    def list_(
        since: str = typer.Option(None, "--since", help="reported at or after this time (UTC), e.g. 2026-03-10"),
        until: str = typer.Option(None, "--until", help="reported before this time (UTC)"),
        victim: str = typer.Option(None, "--victim", help="a victim's person id, phone number (+86...) or account"),
        min_loss: float = typer.Option(None, "--min-loss", min=0, help="loss at least this much"),
        traced: bool = typer.Option(None, "--traced/--untraced", help="only reports traced already (or not yet)"),
        limit: int = typer.Option(50, "--limit", min=1, max=100_000, help="at most this many, newest first"),
        json_out: Path = JSON_OUT,
        db: Path = DB,
        config: Path = CONFIG,
    ) -> None:
        """Reports newest first: when, who, the scam type, the loss, how many items, and what a trace located."""
        from scamnet.service.reports import list_reports
        from scamnet.store.reports import ReportQuery

        query = ReportQuery(utc_time("--since", since), utc_time("--until", until), victim,
                            Decimal(str(min_loss)) if min_loss is not None else None, traced, limit)
        found = list_reports(db_path(db, config), query)
        print_rows(f"{len(found)} reports", found, ["report_id", "reported_at", "victim_person", "victim_msisdn",
                                                    "scam_type", "loss_amount", "currency", "items", "located"])
        write_json(json_out, found)

    app.add_typer(reports_app, name="reports")

from __future__ import annotations

from pathlib import Path

import typer

from scamnet.cli.options import CONFIG, DB, db_path
from scamnet.core.settings import load_settings


def register(app: typer.Typer) -> None:
    @app.command("report")
    def report(
        out: Path = typer.Option(Path("scamnet-report.html"), "--out", help="file to write"),
        fmt: str = typer.Option("html", "--format", help="html (self-contained, works offline) or json"),
        all_rows: bool = typer.Option(False, "--all", help="every alert, trace, gang member and gang picture, not "
                                      "the top of each list (the page says \"showing N of M\" where it cuts)"),
        db: Path = DB,
        config: Path = CONFIG,
    ) -> None:
        """Write the investigation report: gateways, numbers, mules, fund flows, messages, links, gangs."""
        from scamnet.service.report import write_report

        if fmt not in ("html", "json"):
            raise typer.BadParameter(f"--format is {fmt!r}, expected html or json")
        written = write_report(db_path(db, config), out, load_settings(config), fmt, all_rows=all_rows)
        typer.echo(f"report written to {written.resolve()}")

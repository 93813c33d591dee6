from __future__ import annotations

from pathlib import Path

import typer
from rich.table import Table

from scamnet.cli.options import CONFIG, DB, db_path
from scamnet.cli.output import console


def register(app: typer.Typer) -> None:
    @app.command("stats")
    def stats(
        db: Path = DB,
        config: Path = CONFIG,
        all_tables: bool = typer.Option(False, "--all", help="also list empty tables"),
    ) -> None:
        """Rows, time range and distinct entities per table of the store."""
        from scamnet.service.stats import store_stats

        rows = store_stats(db_path(db, config))
        view = Table(title=f"scamnet store {db_path(db, config)}")
        for col in ("table", "rows", "from", "until", "distinct"):
            view.add_column(col, justify="right" if col == "rows" else "left")
        for s in rows:
            if s.rows == 0 and not all_tables:
                continue
            distinct = ", ".join(f"{k} {v:,}" for k, v in s.distinct.items())
            view.add_row(s.table, f"{s.rows:,}", _when(s.first), _when(s.last), distinct)
        console.print(view)


def _when(value: object) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if value is not None else ""

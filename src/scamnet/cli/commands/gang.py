from __future__ import annotations

from pathlib import Path

import typer

from scamnet.cli.options import CONFIG, DB, db_path
from scamnet.core.settings import load_settings


def register(app: typer.Typer) -> None:
    @app.command("gang")
    def gang(
        gang_id: str = typer.Argument(..., help="gang id as scamnet run and scamnet report list them (K001, ...)"),
        fmt: str = typer.Option("html", "--format", help="html (self-contained, works offline) or json"),
        out: Path = typer.Option(None, "--out", help="file to write (default: GANG_ID.html or .json)"),
        db: Path = DB,
        config: Path = CONFIG,
    ) -> None:
        """Write a gang's dossier: members by role, key members, reports, loss, network picture, evidence."""
        from scamnet.service.gang_dossier import write_dossier

        if fmt not in ("html", "json"):
            raise typer.BadParameter(f"--format is {fmt!r}, expected html or json")
        target = out or Path(f"{gang_id}.{fmt}")
        write_dossier(db_path(db, config), gang_id, load_settings(config), fmt, target)
        typer.echo(f"dossier of gang {gang_id} written to {target.resolve()}")

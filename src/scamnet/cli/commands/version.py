from __future__ import annotations

import typer

import scamnet


def register(app: typer.Typer) -> None:
    @app.command("version")
    def version() -> None:
        """Print scamnet's version."""
        typer.echo(f"scamnet {scamnet.__version__}")

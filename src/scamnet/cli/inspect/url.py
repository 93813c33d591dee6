"""``scamnet inspect url``: one link or domain scored, with the brand it imitates and why."""

from __future__ import annotations

from pathlib import Path

import typer

from scamnet.cli.options import JSON_OUT
from scamnet.cli.output import console, write_json


def register(inspect_app: typer.Typer) -> None:
    @inspect_app.command("url")
    def url(
        link: str = typer.Argument(..., help="a link or domain, defanged forms too (hxxp://evil[.]top)"),
        model: Path | None = typer.Option(None, help="link model file (default: the one shipped)"),
        brands: Path | None = typer.Option(None, help="protected-brand list (default: the protected_brands_file setting)"),
        config: Path | None = typer.Option(None, "--config", help="settings file"),
        json_out: Path | None = JSON_OUT,
    ) -> None:
        """Score a link: lookalikes of protected brands, lexical signals, the link model."""
        from scamnet.core.settings import load_settings
        from scamnet.service.urls import inspect_url

        configured = load_settings(config).protected_brands_file
        result = inspect_url(link, model, brands or (Path(configured) if configured else None))
        verdict = "[red]risky[/red]" if result["risky"] else "[green]no alert[/green]"
        console.print(f"{result['url']}  score {result['score']:.2f}  {verdict}")
        for reason in result["reasons"]:
            console.print(f"  - {reason}")
        write_json(json_out, result)

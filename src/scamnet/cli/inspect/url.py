"""``scamnet inspect url``: one link or domain scored, with the brand it imitates and why; or every line of a file."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.text import Text

from scamnet.cli.file_items import COLUMN, ENCODING, FORMAT, OUT, one_or_file, score_file
from scamnet.cli.options import JSON_OUT
from scamnet.cli.output import console, styled, visible, write_json


def register(inspect_app: typer.Typer) -> None:
    @inspect_app.command("url")
    def url(
        link: str | None = typer.Argument(None, help="a link or domain, defanged forms too (hxxp://evil[.]top)"),
        file: Path | None = typer.Option(None, "--file", help="score every line (or --column row) of this file, one row out each"),
        column: str | None = COLUMN,
        encoding: str | None = ENCODING,
        out: Path | None = OUT,
        fmt: str | None = FORMAT,
        model: Path | None = typer.Option(None, help="link model file (default: the one shipped)"),
        brands: Path | None = typer.Option(None, help="protected-brand list (default: the protected_brands_file setting)"),
        config: Path | None = typer.Option(None, "--config", help="settings file"),
        json_out: Path | None = JSON_OUT,
    ) -> None:
        """Score a link: lookalikes of protected brands, lexical signals, the link model;
        or, with --file, score each link of a file: score, label, tier and reasons per row."""
        from scamnet.core.settings import load_settings

        one_or_file(link, file, "link", "url")
        settings = load_settings(config)
        brand_list = brands or (Path(settings.protected_brands_file) if settings.protected_brands_file else None)
        if file is not None:
            from scamnet.service.inspect_file import url_rows

            score_file(file, column, encoding, out, fmt, lambda items, bar: url_rows(items, settings, model, brand_list, bar))
            return
        _one_link(str(link), model, brand_list, json_out)


def _one_link(link: str, model: Path | None, brands: Path | None, json_out: Path | None) -> None:
    from scamnet.service.urls import inspect_url

    result = inspect_url(link, model, brands)
    verdict = styled("risky", "red") if result["risky"] else styled("no alert", "green")
    console.print(Text.assemble(visible(f"{result['url']}  score {result['score']:.2f}  "), verdict))
    for reason in result["reasons"]:
        console.print(f"  - {reason}")
    write_json(json_out, result)

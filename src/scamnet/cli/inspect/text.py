"""``scamnet inspect text "MESSAGE"``: score, scam type, reasons and the indicators a message names."""

from __future__ import annotations

from pathlib import Path

import typer

from scamnet.cli.options import JSON_OUT
from scamnet.cli.output import console, print_rows, write_json


def register(inspect_app: typer.Typer) -> None:
    @inspect_app.command("text")
    def text(
        message: str | None = typer.Argument(None, help="the message or report narrative (or use --file)"),
        file: Path | None = typer.Option(None, "--file", help="read the text from this file instead"),
        model: Path | None = typer.Option(None, "--model", help="message model file (default: the shipped one)"),
        json_out: Path | None = JSON_OUT,
    ) -> None:
        """Score one message with the text model, give its scam type and reasons, and list its indicators."""
        from scamnet.service.inspect import inspect_message, read_message

        result = inspect_message(read_message(message, file), model)
        verdict = f"scam ({result['scam_type'].replace('_', ' ')})" if result["scam"] else "not flagged"
        console.print(f"score {result['score']:.2f}: {verdict}")
        for reason in result["reasons"]:
            console.print(f"  - {reason}")
        if result["indicators"]:
            print_rows("indicators", result["indicators"], ["kind", "value", "entity", "start", "end"])
        write_json(json_out, result)

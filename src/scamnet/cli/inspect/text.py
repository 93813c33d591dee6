"""``scamnet inspect text``: one message (score, scam type, reasons, indicators), or every line of a file."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from scamnet.cli.file_items import COLUMN, ENCODING, FORMAT, OUT, one_or_file, score_file
from scamnet.cli.options import CONFIG, JSON_OUT
from scamnet.cli.output import console, print_rows, write_json


def register(inspect_app: typer.Typer) -> None:
    @inspect_app.command("text")
    def text(
        message: str | None = typer.Argument(None, help="the message or report narrative ('-': read it from standard input)"),
        file: Path | None = typer.Option(None, "--file", help="score every line (or --column row) of this file, one row out each"),
        column: str | None = COLUMN,
        encoding: str | None = ENCODING,
        out: Path | None = OUT,
        fmt: str | None = FORMAT,
        model: Path | None = typer.Option(None, "--model", help="message model file (default: the shipped one)"),
        links: bool = typer.Option(True, "--links/--words-only",
                                   help="with --file: judge each message's links with it (url_risk), or its words alone"),
        config: Path | None = CONFIG,
        json_out: Path | None = JSON_OUT,
    ) -> None:
        """Score one message with the text model, give its scam type and reasons, and list its indicators;
        or, with --file, score each message of a file: score, label, tier and reasons per row."""
        one_or_file(message, file, "message", "text")
        if file is not None:
            from scamnet.core.settings import load_settings
            from scamnet.service.inspect_file import text_rows

            settings = load_settings(config)
            score_file(file, column, encoding, out, fmt, lambda items, bar: text_rows(items, settings, model, bar, links=links))
            return
        _one_message(sys.stdin.read() if message == "-" else message, model, json_out)


def _one_message(message: str, model: Path | None, json_out: Path | None) -> None:
    from scamnet.service.inspect import inspect_message

    result = inspect_message(message, model)
    verdict = f"scam ({result['scam_type'].replace('_', ' ')})" if result["scam"] else "not flagged"
    console.print(f"score {result['score']:.2f}: {verdict}")
    for reason in result["reasons"]:
        console.print(f"  - {reason}")
    if result["indicators"]:
        print_rows("indicators", result["indicators"], ["kind", "value", "entity", "start", "end"])
    write_json(json_out, result)

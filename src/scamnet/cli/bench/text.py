"""``scamnet bench text``: the message model, cross-validated on public labelled sets, and its speed."""

from __future__ import annotations

from pathlib import Path

import typer

from scamnet.cli.options import JSON_OUT
from scamnet.cli.output import print_rows, write_json

COLUMNS = ["set", "model", "rows", "mcc", "scam_f1", "recall", "ham_blocked", "ham_blocked_pct", "macro_f1",
           "messages_per_s"]


def register(bench_app: typer.Typer) -> None:
    @bench_app.command("text")
    def text(
        datasets: Path = typer.Option(..., "--datasets", help="folder holding the labelled data sets"),
        folds: int = typer.Option(5, min=2, help="stratified cross-validation folds"),
        seed: int = typer.Option(0, help="seed of the fold split and the training"),
        only: str | None = typer.Option(None, "--only", help="one set only: uci, mendeley or zh"),
        json_out: Path | None = JSON_OUT,
    ) -> None:
        """Message model: MCC, scam F1, share of ham blocked, macro-F1 per set; messages/s of scoring."""
        from scamnet.evaluate.text import bench_text

        result = bench_text(datasets, folds=folds, seed=seed, only=only).to_json()
        print_rows(f"text model, {folds}-fold stratified cross-validation (seed {seed}) on {datasets}",
                   result["rows"], COLUMNS)
        write_json(json_out, result)

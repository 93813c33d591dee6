"""``scamnet train``: train a model on your own labelled data."""

from __future__ import annotations

from pathlib import Path

import typer

from scamnet.cli.output import console, print_rows


def register(app: typer.Typer) -> None:
    train_app = typer.Typer(help="Train a model on your own labelled data.", no_args_is_help=True)

    @train_app.callback()
    def _train() -> None:
        """Train a model on your own labelled data."""

    @train_app.command("text")
    def text(
        data: Path = typer.Option(..., "--data", help="CSV (or .tsv) with columns text,label; label 'ham' = legitimate"),
        out: Path = typer.Option(..., "--out", help="model file to write (.json.gz)"),
        seed: int = typer.Option(0, min=0, help="seed of the training and of the threshold's inner folds"),
    ) -> None:
        """Train the message model on your labelled texts; use it with the text_model setting."""
        from scamnet.evaluate.training import train_text

        summary = train_text(data, out, seed=seed)
        print_rows(f"trained {summary['model']}", [summary], ["rows", "classes", "threshold", "model"])
        console.print(f'score with it: set text_model = "{summary["model"]}" in scamnet.toml')

    app.add_typer(train_app, name="train")

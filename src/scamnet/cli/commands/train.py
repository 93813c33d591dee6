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
        repeats: int = typer.Option(1, "--out-of-fold-repeats", min=1,
                                    help="inner cross-validations the thresholds are set on (3: a steadier threshold)"),
    ) -> None:
        """Train the message model on your labelled texts; use it with the text_model setting."""
        from scamnet.evaluate.training import train_text

        summary = train_text(data, out, seed=seed, out_of_fold_repeats=repeats)
        print_rows(f"trained {summary['model']}", [summary], ["rows", "classes", "threshold", "model"])
        console.print(f'score with it: set text_model = "{summary["model"]}" in scamnet.toml')

    app.add_typer(train_app, name="train")

"""``scamnet bench text``: the message model left out one source at a time and cross-validated, and its speed."""

from __future__ import annotations

from pathlib import Path

import typer

from scamnet.cli.options import JSON_OUT
from scamnet.cli.output import print_rows, write_json

LOSO_COLUMNS = ["left_out", "rows", "scam_recall", "ham_flagged_pct", "ham_suspicious_pct", "spam_as_spam",
                "spam_as_scam", "rows_with_link", "scam_recall_with_links", "ham_flagged_pct_with_links", "unwanted_found_stripped", "unknown_share", "in_source_scam_recall", "in_source_ham_flagged_pct"]
COLUMNS = ["set", "model", "rows", "mcc", "scam_f1", "recall", "ham_blocked", "ham_blocked_pct", "macro_f1",
           "messages_per_s"]


def register(bench_app: typer.Typer) -> None:
    @bench_app.command("text")
    def text(
        datasets: Path = typer.Option(..., "--datasets", help="folder holding the labelled data sets"),
        folds: int = typer.Option(5, min=2, help="stratified cross-validation folds"),
        seed: int = typer.Option(0, min=0, help="seed of the fold split and the training"),
        only: str | None = typer.Option(
            None, "--only", help="some sources only, comma-separated: uci, mendeley, thai, sim, zh_project, en_project, super, zh"),
        loso_only: bool = typer.Option(False, "--loso-only", help="only the leave-one-source-out rows"),
        no_loso: bool = typer.Option(False, "--no-loso", help="skip the leave-one-source-out rows"),
        no_in_source: bool = typer.Option(
            False, "--no-in-source", help="leave-one-source-out rows without their in-source cross-validation"),
        model: Path | None = typer.Option(
            None, "--model", help="score the evaluation-only sources with this model (trained the shipped way on "
            "every trainable source, e.g. the shipped one) instead of training one"),
        repeats: int = typer.Option(
            1, "--out-of-fold-repeats", min=1, help="inner cross-validations of each model trained for the "
            "leave-one-source-out rows (as `scamnet train text --out-of-fold-repeats`)"),
        json_out: Path | None = JSON_OUT,
    ) -> None:
        """Message model: each source left out (scam recall, legitimate flagged, spam as spam), in-source MCC,
        macro-F1, share of ham blocked per set; messages/s of scoring."""
        from scamnet.evaluate.text import bench_text

        result = bench_text(datasets, folds=folds, seed=seed, only=only, loso=not no_loso,
                            loso_only=loso_only, in_source=not no_in_source, full_model=model,
                            out_of_fold_repeats=repeats).to_json()
        if result["loso"]:
            print_rows(f"text model, leave one source out (seed {seed}), alert at {result['alert_share']:.2%} "
                       f"of pooled legitimate rows, on {datasets}", result["loso"], LOSO_COLUMNS)
        if result["rows"]:
            print_rows(f"text model, {folds}-fold stratified cross-validation (seed {seed}) on {datasets}",
                       result["rows"], COLUMNS)
        write_json(json_out, result)

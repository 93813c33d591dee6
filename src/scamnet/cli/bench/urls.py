"""``scamnet bench urls``: the link detector on the Hannousse web-phishing set, grouped by registrable domain."""

from __future__ import annotations

from pathlib import Path

import typer

from scamnet.cli.options import JSON_OUT
from scamnet.cli.output import print_rows, write_json

COLUMNS = ["method", "tpr_at_1.0%_fpr", "tpr_at_0.1%_fpr", "roc_auc", "fit_s", "urls_per_s"]


def register(bench_app: typer.Typer) -> None:
    @bench_app.command("urls")
    def urls(
        datasets: Path = typer.Option(..., "--datasets", help="folder holding hannousse-web-phishing-2021/"),
        folds: int = typer.Option(5, help="cross-validation folds, grouped by registrable domain"),
        ablations: bool = typer.Option(True, help="also the previous linear model and the ablation rows"),
        json_out: Path | None = JSON_OUT,
    ) -> None:
        """Link detection from the raw URL: TPR at 1 % / 0.1 % FPR, ROC AUC, ablations, URLs/s."""
        from scamnet.evaluate.urls import bench_urls

        result = bench_urls(datasets, folds=folds, ablations=ablations).to_json()
        print_rows(f"url_risk on {result['urls']:,} URLs ({result['phishing']:,} phishing, "
                   f"{result['registrable_domains']:,} registrable domains, {folds} grouped folds)", result["rows"], COLUMNS)
        write_json(json_out, result)

"""``scamnet bench urls``: the link detector left-one-source-out (the main figure), then in-source cross-validation."""

from __future__ import annotations

from pathlib import Path

import typer

from scamnet.cli.options import JSON_OUT
from scamnet.cli.output import print_rows, write_json

COLUMNS = ["method", "tpr_at_1.0%_fpr", "tpr_at_0.1%_fpr", "roc_auc", "fit_s", "urls_per_s"]
SOURCE_COLUMNS = ["source", "how", "trained_on", "urls", "phishing", "tpr_at_1.0%_fpr", "tpr_at_0.1%_fpr",
                  "legit_flagged", "legit_suspicious", "phishing_caught", "roc_auc"]


def register(bench_app: typer.Typer) -> None:
    @bench_app.command("urls")
    def urls(
        datasets: Path = typer.Option(..., "--datasets", help="folder holding the link sets (hannousse, phishtank, "
                                      "validin, misp-warninglists, maltrail)"),
        folds: int = typer.Option(5, min=2, help="cross-validation folds, grouped by registrable domain"),
        ablations: bool = typer.Option(True, help="also the previous linear model and the ablation rows"),
        limit: int = typer.Option(10_000, min=1, help="validin/MISP domains and PhishTank/ISCX URLs sampled, each (fixed seed)"),
        pooled_reference: bool = typer.Option(
            False, "--pooled-reference", help="left-out models with thresholds on the legitimate reference pooled over "
            "sources and kinds of link, links of legitimate messages added (docs/links.md)"),
        json_out: Path | None = JSON_OUT,
    ) -> None:
        """Link detection per source left out and in source, then Hannousse ablations: TPR at 1 % / 0.1 % FPR, URLs/s."""
        from scamnet.evaluate.urls import bench_urls

        result = bench_urls(datasets, folds=folds, ablations=ablations, limit=limit,
                            pooled_reference=pooled_reference).to_json()
        print_rows("url_risk per source: left out of training (the main figure) and in source; legit_flagged and "
                   "phishing_caught at the shipped-rule threshold", result["sources"], SOURCE_COLUMNS)
        if result["rows"]:
            print_rows(f"url_risk on {result['urls']:,} URLs ({result['phishing']:,} phishing, "
                       f"{result['registrable_domains']:,} registrable domains, {folds} grouped folds)", result["rows"],
                       COLUMNS)
        write_json(json_out, result)

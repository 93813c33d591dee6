"""``scamnet bench money``: mule detection and fund tracing on simulated worlds."""

from __future__ import annotations

from pathlib import Path

import typer

from scamnet.cli.options import JSON_OUT
from scamnet.cli.output import print_rows, write_json
from scamnet.service.money import bench_money

MULE_COLUMNS = ["mode", "mules", "normals", "threshold", "precision", "recall", "f1", "flagged_normals",
                "recall_at_0.1%_fp", "features_s"]
TRACE_COLUMNS = ["policy", "reports", "loss", "located_share_of_loss", "cashed_out_share_of_loss", "freeze_accounts",
                 "freeze_precision", "freeze_precision_by_amount", "trace_ms_p50"]


def register(bench_app: typer.Typer) -> None:
    @bench_app.command("money")
    def money(
        world: list[Path] = typer.Option(..., "--world", help="world folder written by scamnet simulate (repeatable)"),
        max_hops: int = typer.Option(6, "--max-hops", help="hop limit of the traces"),
        horizon: float = typer.Option(72.0, "--horizon", help="hours a trace follows the money"),
        json_out: Path | None = JSON_OUT,
    ) -> None:
        """Mules (temporal 60/20/20 split: minority F1, recall at 0.1 % FP) and tracing (per policy)."""
        results = [bench_money(folder, max_hops=max_hops, horizon_hours=horizon) for folder in world]
        for result in results:
            print_rows(f"mule detection on {result['world']} (last 20 % of the period)", result["mule_rows"],
                       MULE_COLUMNS)
            print_rows(f"fund tracing of {result['reports']} reports at report time", result["trace_rows"],
                       TRACE_COLUMNS)
        write_json(json_out, results[0] if len(results) == 1 else results)

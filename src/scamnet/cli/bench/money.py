"""``scamnet bench money``: mule detection and fund tracing on simulated worlds and AMLSim graphs."""

from __future__ import annotations

from pathlib import Path

import typer

from scamnet.cli.options import JSON_OUT
from scamnet.cli.output import print_rows, write_json

MULE_COLUMNS = ["mode", "mules", "normals", "threshold", "precision", "recall", "f1", "flagged_normals",
                "recall_at_0.1%_fp", "mules_moving_gang_money", "recall_at_0.1%_fp_moving", "tuned_threshold", "tuned_f1"]
TRACE_COLUMNS = ["policy", "reports", "located_share_of_loss", "located_share_per_victim", "located_share_of_remaining",
                 "cashed_out_share_of_loss", "freeze_accounts", "freeze_precision", "freeze_precision_by_amount", "passed_accounts", "trace_ms_p50"]
AMLSIM_COLUMNS = ["graph", "method", "mules", "normals", "precision", "recall", "f1", "recall_at_0.1%_fp"]


def register(bench_app: typer.Typer) -> None:
    @bench_app.command("money")
    def money(
        world: list[Path] = typer.Option([], "--world", help="world folder written by scamnet simulate (repeatable)"),
        amlsim: list[Path] = typer.Option([], "--amlsim", help="AMLSim graph folder, e.g. "
                                          "../shared/datasets/amlsim-sample/20K_cycle200 (repeatable)"),
        max_hops: int = typer.Option(6, "--max-hops", min=1, max=100, help="hop limit of the traces"),
        horizon: float = typer.Option(72.0, "--horizon", min=0, help="hours a trace follows the money"),
        json_out: Path | None = JSON_OUT,
    ) -> None:
        """Mules (temporal 60/20/20: minority F1, recall at 0.1 % FP) and tracing per policy."""
        from scamnet.evaluate.amlsim import bench_amlsim as bench_money_amlsim
        from scamnet.evaluate.money import bench_money

        results = {"worlds": [bench_money(folder, max_hops=max_hops, horizon_hours=horizon).to_json() for folder in world],
                   "amlsim": [bench_money_amlsim(folder).to_json() for folder in amlsim]}
        for result in results["worlds"]:
            print_rows(f"mules on {result['world']} (last 20 % of the period; P, R, F1 at the shipped alert threshold, "
                       "tuned_*: at the F1-best threshold chosen on labels)",
                       result["mule_rows"] + result["mule_rows_without_reports"], MULE_COLUMNS)
            print_rows(f"tracing {result['reports']} reports of {result['world']} at report time",
                       result["trace_rows"], TRACE_COLUMNS)
        if results["amlsim"]:
            print_rows("mules on AMLSim (last 20 % of the time steps)",
                       [row for r in results["amlsim"] for row in r["rows"]], AMLSIM_COLUMNS)
        write_json(json_out, results)

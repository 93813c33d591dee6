"""``scamnet bench all``: one table of every detector's quality, gang recovery, tracing and timings."""

from __future__ import annotations

from pathlib import Path

import typer

from scamnet.cli.options import CONFIG, JSON_OUT
from scamnet.cli.output import console, print_rows, write_json
from scamnet.core.clock import SystemClock
from scamnet.core.settings import load_settings

#: Short headers for the terminal; the JSON keeps the full names.
SHORT = {"positives": "pos", "normals": "normal", "precision": "P", "recall": "R", "f1": "F1",
         "recall_at_0.1%_fp": "R@0.1%", "recall_at_0.01%_fp": "R@0.01%",
         "recall_at_0.1%_fp_moving": "R@0.1% moving gang money"}
TRACE_COLUMNS = ["policy", "reports", "located_share_of_loss", "located_share_per_victim", "located_share_of_remaining",
                 "freeze_accounts", "freeze_precision", "freeze_precision_by_amount", "passed_accounts", "trace_ms_p50"]


def register(bench_app: typer.Typer) -> None:
    @bench_app.command("all")
    def all_(
        world: Path = typer.Option(..., "--world", help="world folder written by scamnet simulate"),
        json_out: Path | None = JSON_OUT,
        config: Path = CONFIG,
    ) -> None:
        """Every detector at the issues' budgets, gang recovery, fund tracing and the main job's timings."""
        from scamnet.evaluate.suite import COLUMNS, bench_all

        result = bench_all(world, load_settings(config), SystemClock(),
                           on_phase=lambda text: console.print(f"[bold]bench[/bold] {text}"))
        rows = [{SHORT.get(k, k): v for k, v in row.to_json().items()} for row in result.detectors]
        print_rows(f"detectors on {result.world} (R@0.1%: recall with 0.1 % of normals flagged)", rows,
                   [SHORT.get(c, c) for c in COLUMNS])
        print_rows("fund tracing per policy at report time", [r.to_json() for r in result.tracing], TRACE_COLUMNS)
        print_rows("gang recovery", [{"figure": k, "value": v} for k, v in result.gangs.summary().items()])
        print_rows("timings (seconds)", [{"step": k, "seconds": v} for k, v in result.timings.items()])
        write_json(json_out, result.to_json())

"""``scamnet bench telecom``: GoIP and fraud-number detection on simulated worlds."""

from __future__ import annotations

from pathlib import Path

import typer

from scamnet.cli.options import JSON_OUT
from scamnet.cli.output import print_rows, write_json

COLUMNS = [
    "detector", "kind", "mode", "positives", "normals", "precision", "recall", "f1",
    "recall_at_0.1%_fp", "recall_at_0.01%_fp", "call_centre_fp_rate", "courier_fp_rate", "fit_s", "score_s",
]


def register(bench_app: typer.Typer) -> None:
    @bench_app.command("telecom")
    def telecom(
        world: list[Path] = typer.Option(..., "--world", help="world folder written by scamnet simulate (repeatable)"),
        split: float = typer.Option(0.5, min=0, max=1, help="share of the period the detectors fit on; they score the rest"),
        threshold: float = typer.Option(0.5, min=0, max=1, help="alert threshold for precision, recall and F1"),
        json_out: Path | None = JSON_OUT,
    ) -> None:
        """GoIP and fraud-number detection: precision, recall, recall at 0.1 % / 0.01 % false positives."""
        from scamnet.evaluate.telecom import bench_telecom

        results = [bench_telecom(folder, split=split, threshold=threshold).to_json() for folder in world]
        for result in results:
            print_rows(f"telecom detection on {result['world']} (score period {result['score_period'][0][:10]} "
                       f"to {result['score_period'][1][:10]})", result["rows"], COLUMNS)
        write_json(json_out, results[0] if len(results) == 1 else results)

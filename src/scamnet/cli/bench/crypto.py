"""``scamnet bench crypto``: wallet risk on a simulated world and on the real Ethereum address set."""

from __future__ import annotations

from pathlib import Path

import typer

from scamnet.cli.options import JSON_OUT
from scamnet.cli.output import print_rows, write_json

WALLET_COLUMNS = ["mode", "gang_wallets", "honest_wallets", "threshold", "flagged_honest", "precision", "recall", "f1",
                  "recall_at_0.1%_fp", "recall_at_1%_fp"]
ROLE_COLUMNS = ["mode", "role", "gang", "wallets", "flagged", "flagged_share"]
REAL_COLUMNS = ["method", "columns", "fraud", "normal", "f1", "f1_std", "f1_at_0.5", "precision", "recall",
                "recall_at_1%_fp", "roc_auc"]


def register(bench_app: typer.Typer) -> None:
    @bench_app.command("crypto")
    def crypto(
        world: Path | None = typer.Option(None, "--world", help="world folder written by scamnet simulate"),
        datasets: Path | None = typer.Option(None, "--datasets", help="folder holding ethereum-fraud-addresses-80, "
                                             "e.g. ../shared/datasets"),
        seed: int = typer.Option(0, "--seed", min=0, help="seed of the models and of the folds"),
        json_out: Path | None = JSON_OUT,
    ) -> None:
        """Wallet risk: recall, precision and false alarms per honest role on a world; 5-fold CV on the real set."""
        from scamnet.evaluate.crypto import bench_crypto

        if world is None and datasets is None:
            raise typer.BadParameter("give --world DIR, --datasets PATH or both")
        result = bench_crypto(world, datasets, seed=seed)
        if world is not None:
            print_rows(f"wallet risk on {world} (second half of the chain transfers; fitted on the first half)",
                       [r.to_json() for r in result.rows], WALLET_COLUMNS)
            print_rows("flagged per role at the shipped threshold: false alarms of honest roles, recall of the gang's", [r.to_json() for r in result.roles],
                       ROLE_COLUMNS)
        if datasets is not None:
            print_rows("wallet risk on ethereum-fraud-addresses-80 (stratified 5-fold CV; f1 at the F1-best threshold "
                       "of a validation part, the shipped 0.5 for unsupervised)", [r.to_json() for r in result.real],
                       REAL_COLUMNS)
        write_json(json_out, result.to_json())

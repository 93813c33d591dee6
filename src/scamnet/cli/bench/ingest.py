from __future__ import annotations

import tempfile
from pathlib import Path

import typer

from scamnet.cli.options import JSON_OUT
from scamnet.cli.output import print_rows, write_json


def register(bench_app: typer.Typer) -> None:
    @bench_app.command("ingest")
    def ingest(
        rows: int = typer.Option(1_000_000, "--rows", min=1, help="synthetic transfers to generate and ingest"),
        seed: int = typer.Option(0, "--seed", min=0, help="seed of the synthetic transfers"),
        json_out: Path = JSON_OUT,
    ) -> None:
        """Ingest speed and peak memory: synthetic transfers from Parquet and CSV into fresh stores."""
        from scamnet.evaluate.ingest import bench_ingest

        with tempfile.TemporaryDirectory(prefix="scamnet-bench-ingest-") as folder:
            figures = bench_ingest(Path(folder), rows, seed)
        table = [result.table_row(fmt) for fmt, result in figures.formats.items()]
        print_rows(f"ingest of {figures.rows:,} transfers", table)
        write_json(json_out, figures.to_json())

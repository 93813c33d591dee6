from __future__ import annotations

from pathlib import Path

import typer

from scamnet.cli.options import CONFIG, JSON_OUT
from scamnet.cli.output import print_rows, write_json
from scamnet.core.settings import load_settings


def register(bench_app: typer.Typer) -> None:
    @bench_app.command("serve")
    def serve(
        world: Path = typer.Option(..., "--world", help="world folder written by scamnet simulate"),
        json_out: Path = JSON_OUT,
        config: Path = CONFIG,
    ) -> None:
        """The decision service in-process: a world's events decided in time order, per second and per kind."""
        from scamnet.evaluate.serve import bench_serve

        figures = bench_serve(world, load_settings(config)).to_json()
        print_rows("decisions in-process (one core)", [{"figure": k, "value": v} for k, v in figures.items()])
        write_json(json_out, figures)

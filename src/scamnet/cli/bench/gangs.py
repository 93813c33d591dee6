from __future__ import annotations

from pathlib import Path

import typer

from scamnet.cli.options import CONFIG, JSON_OUT
from scamnet.cli.output import print_rows, write_json
from scamnet.core.settings import load_settings


def register(bench_app: typer.Typer) -> None:
    @bench_app.command("gangs")
    def gangs(
        world: Path = typer.Option(..., "--world", help="world folder written by scamnet simulate"),
        resolution: float = typer.Option(None, "--resolution", min=0, help="Leiden resolution (default: the setting)"),
        json_out: Path = JSON_OUT,
        config: Path = CONFIG,
    ) -> None:
        """Gang recovery against the simulator's gang ids: adjusted Rand index, purity, coverage."""
        from scamnet.evaluate.gangs import bench_gangs

        figures = bench_gangs(world, load_settings(config), resolution).to_json()
        shown = {k: v for k, v in figures.items() if not isinstance(v, dict)}
        print_rows("gang recovery", [{"figure": k, "value": v} for k, v in shown.items()])
        print_rows("labelled fraud entities clustered, by kind",
                   [{"kind": k, "clustered / labelled": v} for k, v in figures["coverage_by_kind"].items()])
        write_json(json_out, figures)

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
        http: bool = typer.Option(True, "--http/--no-http", help="also scamnet serve on 127.0.0.1 under an "
                                  "open-loop load: the highest rate with p99 <= 50 ms, then latency at --rate"),
        rate: float = typer.Option(1000.0, "--rate", min=1.0, help="requests per second of the latency run"),
        seconds: float = typer.Option(10.0, "--seconds", min=0.5, max=120.0, help="length of the latency run"),
        json_out: Path = JSON_OUT,
        config: Path = CONFIG,
    ) -> None:
        """The decision service: a world's events decided in-process (per second, per kind) and over HTTP (latency)."""
        from scamnet.evaluate.serve import bench_serve
        from scamnet.evaluate.serve_http import http_load

        settings = load_settings(config)
        load = http_load(world, settings, rate, seconds) if http else None
        figures = bench_serve(world, settings, load).to_json()
        print_rows("decision service: in-process (one core) and over HTTP on 127.0.0.1", [{"figure": k, "value": v} for k, v in figures.items()])
        write_json(json_out, figures)

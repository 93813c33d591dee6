"""``scamnet bench``: quality and speed figures of each area, as tables and JSON."""

from __future__ import annotations

import importlib
import pkgutil

import typer

import scamnet.cli.bench as areas


def register(app: typer.Typer) -> None:
    bench_app = typer.Typer(help="Measure detectors and steps on a world: quality at fixed budgets, and timings.",
                            no_args_is_help=True)

    @bench_app.callback()
    def _bench() -> None:
        """Measure detectors and steps on a world."""

    for info in sorted(pkgutil.iter_modules(areas.__path__), key=lambda i: i.name):
        importlib.import_module(f"{areas.__name__}.{info.name}").register(bench_app)
    app.add_typer(bench_app, name="bench")

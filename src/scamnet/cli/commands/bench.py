"""``scamnet bench``: quality and speed figures of each area, as tables and JSON."""

from __future__ import annotations

import typer

import scamnet.cli.bench as areas
from scamnet.cli.groups import add_discovered_group


def register(app: typer.Typer) -> None:
    add_discovered_group(app, "bench", "Measure detectors and steps on a world: quality at fixed budgets, and timings.",
                         areas)

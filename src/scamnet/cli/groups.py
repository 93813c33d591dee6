"""Command groups whose sub-commands are discovered: one module per sub-command, ``register(group)``."""

from __future__ import annotations

import importlib
import pkgutil
from types import ModuleType

import typer


def add_discovered_group(app: typer.Typer, name: str, help_text: str, package: ModuleType) -> None:
    """``scamnet NAME ...`` with a sub-command from every module of ``package``."""
    group = typer.Typer(help=help_text, no_args_is_help=True)
    # a callback keeps a group with one sub-command a group
    group.callback()(lambda: None)
    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda i: i.name):
        importlib.import_module(f"{package.__name__}.{info.name}").register(group)
    app.add_typer(group, name=name)

"""``scamnet inspect``: judge one message, link or saved web page on the spot, with reasons."""

from __future__ import annotations

import importlib
import pkgutil

import typer

import scamnet.cli.inspect as kinds


def register(app: typer.Typer) -> None:
    inspect_app = typer.Typer(help="Judge one message, link or saved web page, with the evidence.",
                              no_args_is_help=True)

    @inspect_app.callback()
    def _inspect() -> None:
        """Judge one message, link or saved web page."""

    for info in sorted(pkgutil.iter_modules(kinds.__path__), key=lambda i: i.name):
        importlib.import_module(f"{kinds.__name__}.{info.name}").register(inspect_app)
    app.add_typer(inspect_app, name="inspect")

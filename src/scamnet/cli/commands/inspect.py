"""``scamnet inspect``: judge one message, link or saved web page on the spot, with reasons."""

from __future__ import annotations

import typer

import scamnet.cli.inspect as kinds
from scamnet.cli.groups import add_discovered_group


def register(app: typer.Typer) -> None:
    add_discovered_group(app, "inspect", "Judge one message, link or saved web page, with the evidence.", kinds)

"""A setting or command missing from the docs is a defect (datasette's habit)."""

from pathlib import Path

import click
import typer.main

from scamnet.cli.app import app
from scamnet.core.settings import SETTINGS

DOCS = Path(__file__).resolve().parents[1] / "docs"


def test_every_setting_is_documented_with_its_default() -> None:
    text = (DOCS / "configuration.md").read_text(encoding="utf-8")
    missing = [s.name for s in SETTINGS if f"| `{s.name}` | {s.type.__name__} | `{s.default!r}` |" not in text]
    assert missing == [], f"document these settings in docs/configuration.md: {missing}"


def _command_paths(command: click.Command, prefix: str = "scamnet") -> list[str]:
    # typer's groups are not click.Group instances in every version: ask for sub-commands instead
    if getattr(command, "commands", None):
        return [path for name, sub in sorted(command.commands.items()) for path in _command_paths(sub, f"{prefix} {name}")]
    return [prefix]


def test_every_command_is_documented_in_the_cli_reference() -> None:
    text = (DOCS / "cli.md").read_text(encoding="utf-8")
    commands = _command_paths(typer.main.get_command(app))
    missing = [c for c in commands if f"`{c}" not in text]
    assert len(commands) > 20, commands
    assert missing == [], f"document these commands in docs/cli.md: {missing}"

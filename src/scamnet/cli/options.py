"""Options shared by many commands, declared once."""

from __future__ import annotations

from pathlib import Path

import typer

DB = typer.Option(None, "--db", help="store file (default: the 'db' setting, ./scamnet.db)", show_default=False)
CONFIG = typer.Option(None, "--config", help="settings file (default: ./scamnet.toml when present)")
JSON_OUT = typer.Option(None, "--json", help="also write the table as JSON to this file")


def db_path(db: Path | None, config: Path | None = None) -> Path:
    """``--db``, else the ``db`` setting; the settings are read either way, so a broken ``--config`` is an error."""
    from scamnet.core.settings import load_settings

    settings = load_settings(config)
    return Path(db) if db else Path(settings.db)

"""Options shared by many commands, declared once."""

from __future__ import annotations

from datetime import UTC, datetime
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


def utc_time(option: str, text: str | None) -> datetime | None:
    """The time an option gives (ISO 8601; without a zone, UTC), or None when it is not given."""
    if text is None:
        return None
    from scamnet.core.errors import ConfigError

    try:
        when = datetime.fromisoformat(text)
    except ValueError:
        raise ConfigError(f"{option} {text!r} is not a time", hint="write it like 2026-03-14 or 2026-03-14T09:00 (UTC)") from None
    return when if when.tzinfo else when.replace(tzinfo=UTC)

"""Printing tables of figures, and writing them as JSON, the same way for every command."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

#: Piped or redirected output (logs, CI, bench runs) gets wide tables instead of wrapped cells.
console = Console(highlight=False, width=None if sys.stdout.isatty() else 200)


def print_rows(title: str, rows: Sequence[dict[str, Any]], columns: Sequence[str] | None = None) -> None:
    """A rich table of ``rows`` (dicts); floats with 3 decimals, ints with thousands separators."""
    columns = list(columns or (rows[0].keys() if rows else []))
    view = Table(title=title)
    for col in columns:
        view.add_column(col)
    for row in rows:
        view.add_row(*(_cell(row.get(col)) for col in columns))
    console.print(view)


def write_json(path: Path | None, payload: Any) -> None:
    if path is None:
        return
    Path(path).write_text(json.dumps(payload, indent=2, default=_jsonable, ensure_ascii=False) + "\n", encoding="utf-8")
    console.print(f"wrote {path}")


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:.3f}"
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, list | tuple):
        return "; ".join(str(v) for v in value)
    return str(value)


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, set | frozenset | tuple):
        return list(value)
    raise TypeError(f"cannot write {type(value).__name__} as JSON")

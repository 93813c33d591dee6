"""Printing tables of figures, and writing them as JSON, the same way for every command.

Every string scamnet prints may come from data (a message, a URL, a partner's bundle), so the
consoles made here print text literally: no markup (``[red]``, ``[/y]``), no emoji codes, and
control characters (a terminal escape, a carriage return) shown as ``\\x1b``-style escapes.
Styling is only ever applied with :func:`styled`, never by writing markup into a string.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def visible(text: str) -> str:
    """``text`` with control and bidi-override characters written as escapes, so a terminal shows them."""
    return _CONTROL.sub(lambda m: ascii(m.group())[1:-1], text)


class LiteralConsole(Console):
    """A rich console that never reads markup or emoji codes and shows control characters as escapes."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.update(markup=False, emoji=False, highlight=False)
        super().__init__(**kwargs)

    def render_str(self, text: str, **kwargs: Any) -> Text:  # every str printed or put in a table
        kwargs.update(markup=False, emoji=False, highlight=False)
        return super().render_str(visible(text), **kwargs)


def make_console(stderr: bool = False, **kwargs: Any) -> Console:
    """The console every command prints with (see the module's note on literal text)."""
    return LiteralConsole(stderr=stderr, **kwargs)


def styled(label: str, style: str, rest: str = "") -> Text:
    """``label`` in ``style`` followed by ``rest`` as literal text (the only way to style output)."""
    return Text.assemble((visible(label), style), visible(rest))


#: Piped or redirected output (logs, CI, bench runs) gets wide tables instead of wrapped cells.
console = make_console(width=None if sys.stdout.isatty() else 200)


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

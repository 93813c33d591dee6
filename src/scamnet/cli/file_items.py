"""``--file F``: score every line (or row) of a file with ``inspect text`` or ``inspect url``, one row out per item."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import typer

from scamnet.cli.output import make_console

COLUMN = typer.Option(None, "--column", help="with --file: the CSV/TSV column or JSON Lines field holding the items")
ENCODING = typer.Option(None, "--encoding", help="with --file: its encoding (default: detected; UTF-8, GB18030, UTF-16, ...)")
OUT = typer.Option(None, "--out", help="with --file: write the rows here (default: to standard output)")
FORMAT = typer.Option(None, "--format", help="with --file: csv or jsonl (default: from --out's suffix, else csv)")
#: Files with more distinct items than this show a progress bar while they are scored.
PROGRESS_FROM = 5_000


def score_file(file: Path, column: str | None, encoding: str | None, out: Path | None, fmt: str | None,
               score: Callable[..., list[dict[str, Any]]]) -> None:
    """Read ``file``, score its items with ``score(items, progress)``, write the rows and say what was found."""
    from scamnet.ingest.items import read_items
    from scamnet.service.inspect_file import format_rows, label_counts, output_format, write_rows

    fmt = output_format(out, fmt)
    items = read_items(file, column, encoding)
    rows = _with_progress(items, score)
    if out is None:
        sys.stdout.writelines(format_rows(rows, fmt))
    else:
        write_rows(rows, out, fmt)
    summary = ", ".join(f"{count} {label}" for label, count in label_counts(rows).items())
    distinct = len(set(items.values))
    make_console(stderr=True).print(
        f"{len(rows)} items ({distinct} distinct) from {file} read as {items.encoding}: {summary}"
        + (f"; wrote {out}" if out else ""))


def _with_progress(items: Any, score: Callable[..., list[dict[str, Any]]]) -> list[dict[str, Any]]:
    if len(set(items.values)) <= PROGRESS_FROM:
        return score(items, None)
    from rich.progress import Progress

    with Progress(console=make_console(stderr=True), transient=True) as bar:
        task = bar.add_task("scoring", total=len(set(items.values)))
        return score(items, lambda done, total: bar.update(task, completed=done, total=total))


def one_or_file(value: str | None, file: Path | None, what: str, command: str) -> None:
    """Exactly one of a value and ``--file``."""
    from scamnet.core.errors import ScamnetError

    if (value is None) == (file is None):
        raise ScamnetError(f"give a {what} or --file, not both or neither", hint=f"scamnet inspect {command} --help")

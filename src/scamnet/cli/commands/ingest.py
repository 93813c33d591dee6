from __future__ import annotations

from dataclasses import asdict
from pathlib import Path

import typer
from rich.progress import BarColumn, Progress, TaskID, TextColumn, TimeElapsedColumn

from scamnet.cli.options import CONFIG, DB, JSON_OUT, db_path
from scamnet.cli.output import console, print_rows, write_json
from scamnet.core.settings import load_settings


def register(app: typer.Typer) -> None:
    @app.command("ingest")
    def ingest(
        paths: list[Path] = typer.Argument(..., help="CSV, Parquet, JSON Lines (optionally .gz) or pacs.008 XML files, or folders of them"),
        kind: str = typer.Option(None, "--kind", help="table the files hold (default: from each file name)"),
        mapping: Path = typer.Option(None, "--mapping", help="TOML file that renames and converts columns"),
        db: Path = DB,
        config: Path = CONFIG,
        json_out: Path = JSON_OUT,
    ) -> None:
        """Validate files and load them into the store: all or nothing, re-runs add only new rows."""
        from scamnet.service.ingest import ingest_files

        settings = load_settings(config)
        progress = _progress()
        try:
            summaries = ingest_files(paths, db_path(db, config), settings, kind=kind, mapping=mapping,
                                     on_progress=_tracker(progress))
        finally:
            if progress.live.is_started:
                progress.stop()
        rows = [asdict(s) | {"rows read": s.rows, "already present": s.present, "lines": s.lines} for s in summaries]
        columns = ["file", "kind", "rows read", "new", "already present"]
        if any(s.lines is not None and s.lines != s.rows + 1 for s in summaries):
            columns.append("lines")  # multi-line fields: records and physical lines (header included) differ
        print_rows(f"ingested into {db_path(db, config)}", rows, columns)
        write_json(json_out, [asdict(s) for s in summaries])


def _progress() -> Progress:
    return Progress(
        TextColumn("{task.description}"), BarColumn(), TextColumn("{task.percentage:>3.0f}%"),
        TextColumn("{task.fields[rows]:>12,} rows"), TimeElapsedColumn(), console=console, transient=True,
        disable=not console.is_terminal,
    )


def _tracker(progress: Progress):
    tasks: dict[str, TaskID] = {}

    def update(file: str, rows: int, done: int, total: int) -> None:
        if not tasks:
            progress.start()  # only once there is something to show
        if file not in tasks:
            tasks[file] = progress.add_task(file, total=total, rows=0)
        progress.update(tasks[file], completed=done, total=total, rows=rows)

    return update

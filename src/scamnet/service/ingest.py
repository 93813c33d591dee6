"""``scamnet ingest``: files into the store, validated, all or nothing per command."""

from __future__ import annotations

from pathlib import Path

from scamnet.core.errors import NotFoundError
from scamnet.core.settings import Settings
from scamnet.ingest.load import FileSummary, ProgressFn, ingest_sources
from scamnet.ingest.mapping import Mapping, load_mapping
from scamnet.ingest.sources import sources_of
from scamnet.schema import INPUT_TABLES
from scamnet.store import Store, open_store


def ingest_files(
    paths: list[Path],
    db: Path,
    settings: Settings,
    *,
    kind: str | None = None,
    mapping: Path | None = None,
    on_progress: ProgressFn | None = None,
    wait_s: float | None = None,
) -> list[FileSummary]:
    """Ingest ``paths`` into the store at ``db``; one summary per file (rows read, new, already present).

    ``wait_s``: how long to wait behind another writer (default: ``open_store``'s).
    """
    loaded = load_mapping(mapping)
    sources = sources_of([Path(p) for p in paths], kind or loaded.kind)
    db = Path(db)
    new_store = not db.exists()
    try:
        with open_store(db, wait_s=wait_s) as store:
            summaries = ingest_into(store, sources, settings, loaded, on_progress)
    except BaseException:
        if new_store:
            _remove_new_store(db)
        raise
    if new_store and not any(s.new for s in summaries):
        _remove_new_store(db)
    return summaries


def _remove_new_store(db: Path) -> None:
    """An ingest that wrote nothing leaves no store behind where there was none."""
    for leftover in (db, Path(f"{db}.wal"), Path(f"{db}.snapshot"), Path(f"{db}.lock")):
        leftover.unlink(missing_ok=True)


def ingest_into(store: Store, sources, settings: Settings, mapping: Mapping | None = None,
                on_progress: ProgressFn | None = None) -> list[FileSummary]:
    """Ingest already resolved sources into an open store, all or nothing."""
    return ingest_sources(store, sources, mapping or Mapping(), settings, on_progress)


def world_files(world_dir: Path) -> list[Path]:
    """The ``<table>.parquet`` files of a world folder (as ``scamnet simulate`` writes them)."""
    found = [Path(world_dir) / f"{spec.name}.parquet" for spec in INPUT_TABLES]
    found = [path for path in found if path.is_file()]
    if not found:
        raise NotFoundError(f"no <table>.parquet files in {world_dir}", hint="make a world with scamnet simulate --out DIR")
    return found


def ingest_world(store: Store, world_dir: Path, settings: Settings) -> dict[str, int]:
    """Every table file of a world folder into an open store; rows new per table."""
    summaries = ingest_into(store, sources_of(world_files(world_dir)), settings)
    return {s.kind: s.new for s in summaries}

"""What a file holds and how it is written: its table (kind), format and compression.

The kind comes from ``--kind`` or from the file name: ``calls.csv.gz``, ``2026-03-calls.parquet``
and ``transfers_part1.jsonl`` name their tables; ISO 20022 XML holds transfers.

>>> src = source_of(Path("exports/2026-03-calls.csv.gz"))
>>> (src.kind, src.format, src.gzip)
('calls', 'csv', True)
>>> source_of(Path("report_items.parquet")).kind
'report_items'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from scamnet.core.errors import ConfigError, NotFoundError
from scamnet.schema import INPUT_TABLES

FORMATS = {
    ".csv": "csv", ".tsv": "tsv", ".txt": "csv", ".parquet": "parquet", ".pq": "parquet",
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl", ".xml": "xml",
}
INPUT_KINDS = tuple(spec.name for spec in INPUT_TABLES)


@dataclass(frozen=True)
class Source:
    path: Path
    kind: str
    format: str
    gzip: bool

    @property
    def name(self) -> str:
        """How messages name the file: the path as given."""
        return str(self.path)

    @property
    def row_label(self) -> str:
        """Text files count physical lines (header = line 1); Parquet counts rows; XML transactions."""
        return {"parquet": "row", "xml": "transaction"}.get(self.format, "line")


def source_of(path: Path, kind: str | None = None) -> Source:
    """The source at ``path``; ``kind`` overrides what the file name says."""
    suffixes = [s.lower() for s in path.suffixes]
    gzip = bool(suffixes) and suffixes[-1] in (".gz", ".gzip")
    ext = suffixes[-2] if gzip and len(suffixes) > 1 else (suffixes[-1] if suffixes and not gzip else "")
    fmt = FORMATS.get(ext)
    if fmt is None:
        raise ConfigError(
            f"{path}: cannot tell the format from the name",
            hint="name the file .csv, .tsv, .parquet, .jsonl or .xml (optionally .gz)",
        )
    if fmt == "parquet" and gzip:
        raise ConfigError(f"{path}: a gzipped Parquet file", hint="Parquet compresses inside; gunzip it first")
    return Source(path, _kind(path, kind, fmt), fmt, gzip)


def _kind(path: Path, kind: str | None, fmt: str) -> str:
    if kind:
        if kind not in INPUT_KINDS:
            raise ConfigError(f"unknown kind {kind!r}", hint="--kind is one of: " + ", ".join(INPUT_KINDS))
        return kind
    if fmt == "xml":
        return "transfers"
    stem = path.name.lower().split(".")[0]
    # a table name as a whole word: "2026-03-calls", "transfers_part1" (never "reports" in "report_items")
    found = {name for name in INPUT_KINDS if re.search(rf"(^|[^a-z]){name}([^a-z]|$)", stem)}
    found -= {name for name in found if any(name != other and name in other for other in found)}  # chain_transfers
    if len(found) != 1:
        raise ConfigError(
            f"{path}: cannot tell which table the file holds from its name",
            hint="pass --kind (one of: " + ", ".join(INPUT_KINDS) + ") or name the file like calls.csv",
        )
    return found.pop()


def sources_of(paths: list[Path], kind: str | None = None) -> list[Source]:
    """Every path as a source, a folder as the files in it (``files_in``); a clear error for a path that
    does not exist, and for a file whose format or table its name does not say."""
    missing = [str(p) for p in paths if not Path(p).exists()]
    if missing:
        raise NotFoundError("no such file or folder: " + ", ".join(missing), hint="check the paths")
    files = [f for p in paths for f in (files_in(Path(p)) if Path(p).is_dir() else [Path(p)])]
    if not files:
        raise NotFoundError("no files to ingest", hint="give one or more files or folders: scamnet ingest calls.csv ...")
    return [source_of(f, kind) for f in files]


def files_in(folder: Path) -> list[Path]:
    """The files directly in ``folder``, by name: every one is read, so that none is left behind unnoticed
    (a file whose name says no format or table is an error naming it, and so is a sub-folder). Hidden files
    and folders (``.DS_Store``, ``.git``) are not read."""
    entries = sorted(p for p in folder.iterdir() if not p.name.startswith("."))
    inside = [p.name + "/" for p in entries if p.is_dir()]
    if inside:
        raise ConfigError(f"{folder}: holds sub-folders ({', '.join(inside)}), which are not read as part of it",
                          hint="give each sub-folder, or its files, on the command line as well")
    files = [p for p in entries if p.is_file()]
    if not files:
        raise NotFoundError(f"no files in {folder}", hint="a folder is read for the files directly in it")
    return files

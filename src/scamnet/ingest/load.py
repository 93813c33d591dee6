"""Files → validated canonical rows → the store, all or nothing for one command.

Every file is read in batches; each batch is converted, validated and staged in a scratch
database beside the store. Only when every row of every file is valid, no key repeats across the files, and
no row changes what the store already holds under its key, are the new rows inserted. Any
problem raises before the store's tables are touched, or inside the one transaction that
writes them, which then rolls back: the store is left exactly as it was.
"""

from __future__ import annotations

import errno
import shutil
from collections.abc import Callable
from dataclasses import dataclass

import duckdb

from scamnet.core.errors import InputError, StoreError
from scamnet.core.settings import Settings
from scamnet.ingest.convert import Converter, Plan, plan_columns
from scamnet.ingest.explorers import ExplorerReader, explorer_layout
from scamnet.ingest.iso20022 import Pacs008Reader
from scamnet.ingest.mapping import Mapping
from scamnet.ingest.readers import CsvReader, JsonLinesReader, ParquetReader, RawBatch, Reader
from scamnet.ingest.sources import Source
from scamnet.schema import TableSpec, table
from scamnet.schema.validate import Findings, column_faults, problems_of
from scamnet.store import Store
from scamnet.store.keyed import Staging, clash_problems, conflict_error, open_staging, scratch_database

#: ``on_progress(file, rows_read, done, total)``: ``done`` of ``total`` units (bytes or rows) read.
ProgressFn = Callable[[str, int, int, int], None]
SHOWN = 20


@dataclass
class FileSummary:
    """What one file gave: rows read, rows under new keys, rows already stored as they are."""

    file: str
    kind: str
    rows: int = 0
    new: int = 0
    present: int = 0
    #: Physical lines of a CSV whose mapping allows multi-line fields (None otherwise): with
    #: ``rows``, it shows how many records spanned lines.
    lines: int | None = None


def open_reader(source: Source, mapping: Mapping, batch_rows: int) -> Reader:
    """The streaming reader for a source's format."""
    if source.format in ("csv", "tsv"):
        reader = CsvReader(source, batch_rows, mapping.encoding, mapping.delimiter, mapping.multiline)
        layout = explorer_layout(reader.columns or []) if source.kind == "chain_transfers" and not mapping.rules else None
        return ExplorerReader(source, batch_rows, layout, mapping.encoding) if layout else reader
    if source.format == "parquet":
        return ParquetReader(source, batch_rows)
    if source.format == "jsonl":
        return JsonLinesReader(source, batch_rows, mapping.encoding)
    return Pacs008Reader(source, batch_rows)


def ingest_sources(
    store: Store,
    sources: list[Source],
    mapping: Mapping,
    settings: Settings,
    on_progress: ProgressFn | None = None,
) -> list[FileSummary]:
    """Stage, check and insert every source into ``store``; raise on any problem, writing nothing."""
    _require_space(store, sources)
    try:
        with scratch_database(store) as scratch, store.memory_limit(settings.ingest_memory_mb):
            run = _Run(store, scratch, mapping, settings, on_progress)
            summaries = [run.read(source) for source in sources]
            if run.findings:
                raise InputError(run.findings.problems, total=run.findings.total)
            with store.transaction():
                run.check_keys()
                for staging in run.stagings.values():
                    _count_into(summaries, staging)
                    staging.insert_new()
    except (duckdb.Error, OSError) as exc:
        if not _disk_full(exc):
            raise
        raise StoreError(f"the disk holding {store.path} is full; nothing was written",
                         hint="free space beside the store (staging needs about twice the input's size)") from None
    return summaries


def _disk_full(exc: BaseException) -> bool:
    return getattr(exc, "errno", None) == errno.ENOSPC or "no space left" in str(exc).lower()


def _require_space(store: Store, sources: list[Source]) -> None:
    """Refuse before writing anything when the store's disk has less free space than the input's size:
    staging alone needs about that much, so such an ingest could only fail half-way."""
    needed = sum(source.path.stat().st_size for source in sources)
    free = shutil.disk_usage(store.path.resolve().parent).free
    if free < needed:
        raise StoreError(f"the disk holding {store.path} has {free >> 20} MiB free, less than the {needed >> 20} MiB "
                         "of input; nothing was written", hint="free space beside the store, or ingest fewer files")


def _count_into(summaries: list[FileSummary], staging: Staging) -> None:
    counts = staging.counts()
    for summary in summaries:
        if summary.kind == staging.spec.name and summary.file in counts:
            summary.new, summary.present = counts[summary.file].new, counts[summary.file].present


class _Run:
    """The state of one ingest command: its problems so far and a staging table per kind."""

    def __init__(self, store: Store, scratch: str, mapping: Mapping, settings: Settings,
                 on_progress: ProgressFn | None) -> None:
        self.store = store
        self.scratch = scratch
        self.mapping = mapping
        self.settings = settings
        self.on_progress = on_progress
        self.findings = Findings(limit=SHOWN)
        self.stagings: dict[str, Staging] = {}
        self.labels: dict[str, str] = {}
        self.calc = duckdb.connect()
        self.calc.execute("SET TimeZone = 'UTC'")

    def read(self, source: Source) -> FileSummary:
        spec = table(source.kind)
        summary = FileSummary(source.name, source.kind)
        self.labels[source.name] = source.row_label
        reader = open_reader(source, self.mapping, self.settings.ingest_batch_rows)
        plans: dict[tuple[str, ...], Plan] = {}
        if reader.columns is not None:
            plans[tuple(reader.columns)] = self._plan(spec, reader.columns, source)
        for batch in reader.batches():
            self.findings.add(batch.problems, batch.bad)
            columns = tuple(batch.table.column_names)
            plan = plans.get(columns) or plans.setdefault(columns, self._plan(spec, list(columns), source))
            self._take(spec, plan, batch, source)
            summary.rows += batch.table.num_rows + batch.bad
            if self.on_progress:
                self.on_progress(source.name, summary.rows, *reader.progress())
        if isinstance(reader, CsvReader) and reader.multiline:
            summary.lines = reader.lines
        return summary

    def _plan(self, spec: TableSpec, columns: list[str], source: Source) -> Plan:
        plan = plan_columns(spec, self.mapping, columns, self.settings, source.name)
        seen = {str(p) for p in self.findings.problems}
        fresh = [p for p in plan.problems if str(p) not in seen]
        self.findings.add(fresh, len(fresh))
        return plan

    def _take(self, spec: TableSpec, plan: Plan, batch: RawBatch, source: Source) -> None:
        typed, faults, failed = Converter(spec, plan, self.settings, self.calc).convert(batch.table)
        faults += column_faults(spec, typed.select(list(plan.rules)), already_bad=failed)
        problems, total = problems_of(faults, source=source.name, rows=batch.rows, row_label=source.row_label, limit=SHOWN)
        self.findings.add(problems, total)
        if not self.findings:
            if spec.name not in self.stagings:
                self.stagings[spec.name] = open_staging(self.store, spec, self.scratch)
            self.stagings[spec.name].append(typed, source.name, batch.rows)

    def check_keys(self) -> None:
        """Duplicate keys across the command's files are bad input; changed stored rows are conflicts."""
        label_of = self.labels.get
        for staging in self.stagings.values():
            clashes, total = staging.duplicates(SHOWN)
            self.findings.add(clash_problems(clashes, staging.spec, label_of), total)
        if self.findings:
            raise InputError(self.findings.problems, total=self.findings.total,
                             hint="a key may name one row only; drop or fix the repeated rows")
        for staging in self.stagings.values():
            clashes, total = staging.conflicts(SHOWN)
            if total:
                raise conflict_error(staging.spec, clashes, total, label_of)


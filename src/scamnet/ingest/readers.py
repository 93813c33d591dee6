"""Streaming readers: a file as batches of raw columns, each row with its line (or row) number.

CSV and JSON Lines are read by Arrow's streaming CSV reader (gzip decompressed on the fly), so a
file of any size is held one batch at a time, never as Python objects. Line numbers are physical
lines with the header as line 1; a quoted field spanning lines is counted by its newlines.
Blank lines in a CSV file are skipped by the parser and not counted; JSON Lines count them.
"""

from __future__ import annotations

import codecs
import csv
import gzip
import io
from collections.abc import Iterator
from dataclasses import dataclass, field

import duckdb
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from scamnet.core.errors import InputError, Problem
from scamnet.ingest.sources import Source

BLOCK_BYTES = 8 << 20
JSON_LINE = "_json_line"


@dataclass
class RawBatch:
    """Raw columns as read, the line/row number of each row, and rows the reader itself rejected."""

    table: pa.Table
    rows: pa.Array
    problems: list[Problem] = field(default_factory=list)
    bad: int = 0


class Reader:
    """Base of the readers: ``columns`` (None when only the rows tell), ``batches()`` and ``progress()``."""

    columns: list[str] | None = None

    def __init__(self, source: Source, batch_rows: int) -> None:
        self.source = source
        self.batch_rows = batch_rows
        self._file: pa.NativeFile | None = None

    def progress(self) -> tuple[int, int]:
        """``(done, total)`` in bytes of the file on disk (compressed bytes for gzip)."""
        total = self.source.path.stat().st_size
        if self._file is None or self._file.closed:
            return total, total
        return min(self._file.tell(), total), total

    def batches(self) -> Iterator[RawBatch]:
        raise NotImplementedError

    def fail(self, row: int | None, value: object, expected: str) -> InputError:
        return InputError([Problem(self.source.name, row, None, value, expected, "line")])

    def _stream(self) -> pa.NativeFile:
        self._file = pa.OSFile(str(self.source.path), "rb")
        return pa.CompressedInputStream(self._file, "gzip") if self.source.gzip else self._file


class CsvReader(Reader):
    def __init__(self, source: Source, batch_rows: int, encoding: str = "utf-8", delimiter: str | None = None,
                 multiline: bool = False) -> None:
        super().__init__(source, batch_rows)
        self.encoding = encoding
        self.delimiter = delimiter or ("\t" if source.format == "tsv" else ",")
        self.multiline = multiline
        self.records = 0
        self.lines = 1
        self.columns = self._header()

    def _options(self, columns: list[str] | None) -> dict:
        types = {name: pa.string() for name in columns or ()}
        return {
            "read_options": pacsv.ReadOptions(block_size=BLOCK_BYTES, encoding=self.encoding),
            "parse_options": pacsv.ParseOptions(delimiter=self.delimiter, newlines_in_values=True),
            "convert_options": pacsv.ConvertOptions(
                column_types=types, null_values=[""], strings_can_be_null=True, quoted_strings_can_be_null=True
            ),
        }

    def _header(self) -> list[str]:
        try:
            with _open_text(self.source, _header_encoding(self.encoding)) as text:
                names = next(csv.reader(text, delimiter=self.delimiter), None)
        except UnicodeDecodeError as exc:
            raise _csv_problem(self, "decode") from exc
        except (OSError, EOFError) as exc:
            raise _csv_problem(self, f"truncated: {exc}") from exc
        if not names:
            raise self.fail(None, "an empty file", "a header line naming the columns, then rows")
        if len(set(names)) != len(names):
            dupes = sorted({n for n in names if names.count(n) > 1})
            raise self.fail(1, ", ".join(dupes), "column names used once each in the header")
        return names

    def batches(self) -> Iterator[RawBatch]:
        line = 2
        with self._guard(), self._stream() as stream:
            reader = pacsv.open_csv(stream, **self._options(self.columns))
            pending: list[pa.RecordBatch] = []
            count = 0
            for batch in reader:
                pending.append(batch)
                count += batch.num_rows
                if count >= self.batch_rows:
                    out, line = self._numbered(pa.Table.from_batches(pending), line)
                    pending, count = [], 0
                    yield out
            if pending and count:
                out, line = self._numbered(pa.Table.from_batches(pending), line)
                yield out
        self.lines = line - 1
        if line == 2:
            raise self.fail(2, "end of file", "rows after the header line (the file has a header only)")

    def _guard(self):
        return _CsvErrors(self)

    def _numbered(self, table: pa.Table, first_line: int) -> tuple[RawBatch, int]:
        """The batch with the physical line of each row, and the line after its last row."""
        n = table.num_rows
        self.records += n
        extra = None
        for column in table.columns:
            breaks = pc.count_substring(column, "\n").fill_null(0).cast(pa.int64())
            extra = breaks if extra is None else pc.add(extra, breaks)
        index = pa.array(range(first_line, first_line + n), pa.int64())
        if extra is None or not pc.max(extra).as_py():
            return RawBatch(table, index), first_line + n
        before = pc.subtract(pc.cumulative_sum(extra), extra)
        lines = pc.add(index, before.combine_chunks())
        if not self.multiline:
            raise self._spanning(table, lines)
        last = pc.sum(extra).as_py()
        return RawBatch(table, lines), first_line + n + last

    def _spanning(self, table: pa.Table, lines: pa.Array) -> InputError:
        """The first field holding a line break: a quote opened on its line and closed lines later, or never."""
        for name, column in zip(table.column_names, table.columns, strict=True):
            hits = pc.indices_nonzero(pc.fill_null(pc.match_substring(column, "\n"), False))
            if len(hits):
                row = hits[0].as_py()
                value = column[row].as_py()
                line = lines[row].as_py()
                spans = value.count("\n") + 1
                shown = value[:50]
                problem = Problem(self.source.name, line, name, shown,
                                  f"one line per row: a quote opened on line {line} runs over {spans} lines "
                                  f"({len(value):,} characters); close the quote, or set multiline = true in a "
                                  "--mapping file if fields really span lines", "line")
                return InputError([problem], hint="a stray quote (\") makes the rows after it part of one value")
        return self.fail(None, "a line break inside a field", "one line per row")


def _header_encoding(encoding: str) -> str:
    """Excel writes UTF-8 with a byte-order mark: read the header past it (Arrow skips it in the rows)."""
    try:
        return "utf-8-sig" if codecs.lookup(encoding).name == "utf-8" else encoding
    except LookupError:
        return encoding


class _CsvErrors:
    """Turns Arrow's CSV errors into problems that name the line and say what was expected."""

    def __init__(self, reader: CsvReader) -> None:
        self.reader = reader

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind, exc, tb) -> bool:
        if exc is None or isinstance(exc, InputError | GeneratorExit):
            return False
        text = str(exc)
        raise _csv_problem(self.reader, text) from exc


def _csv_problem(reader: CsvReader, text: str) -> InputError:
    lowered = text.lower()
    if "empty csv file" in lowered:
        return reader.fail(None, "an empty file", "a header line naming the columns, then rows")
    if "truncated" in lowered or "gzip" in lowered or "zlib" in lowered:
        return reader.fail(None, "a gzip stream that ends early", "a complete gzip file (copy or export it again)")
    if "utf8" in lowered or "utf-8" in lowered or "decode" in lowered:
        line, value = _first_undecodable_line(reader)
        return reader.fail(line, value, f"text in the {reader.encoding} encoding (set encoding in a --mapping file)")
    if "expected" in lowered and "columns" in lowered:
        line, value = _first_ragged_line(reader)
        if isinstance(value, _QuoteRun):
            return InputError([Problem(reader.source.name, line, None, str(value),
                                       f"one line per row: a quote opened on line {line} runs over {value.lines} lines; "
                                       "close the quote, or set multiline = true in a --mapping file if fields "
                                       "really span lines", "line")],
                              hint="a stray quote (\") makes the rows after it part of one value")
        return reader.fail(line, value, f"{len(reader.columns or [])} fields, like the header")
    return reader.fail(None, text, "a readable CSV file")


def _open_text(source: Source, encoding: str, errors: str = "strict") -> io.TextIOWrapper:
    raw = gzip.open(source.path, "rb") if source.gzip else open(source.path, "rb")  # noqa: SIM115
    return io.TextIOWrapper(raw, encoding=encoding, errors=errors, newline="")


def _first_undecodable_line(reader: CsvReader) -> tuple[int | None, object]:
    """Where the first byte that is not valid text in the encoding is (error path only)."""
    decoder = codecs.getincrementaldecoder(reader.encoding)()
    line = 1
    with (gzip.open if reader.source.gzip else open)(reader.source.path, "rb") as raw:
        for chunk in iter(lambda: raw.read(1 << 16), b""):
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError as exc:
                return line + chunk[: exc.start].count(b"\n"), chunk[exc.start : exc.start + 8]
            line += chunk.count(b"\n")
    return None, "undecodable bytes"


def _first_ragged_line(reader: CsvReader) -> tuple[int | None, object]:
    """The first record whose field count differs from the header's (error path only)."""
    width = len(reader.columns or [])
    with _open_text(reader.source, _header_encoding(reader.encoding), "replace") as text:
        rows = csv.reader(text, delimiter=reader.delimiter)
        start = 1
        for record in rows:
            if record and len(record) != width:
                if not reader.multiline and any("\n" in field for field in record):
                    return start, _QuoteRun(reader.delimiter.join(record), rows.line_num - start + 1)
                return start, reader.delimiter.join(record)
            start = rows.line_num + 1
    return None, "a row with a different number of fields"


class _QuoteRun(str):
    """A record that a stray quote ran over several lines (shown as its start, with the line count)."""

    lines: int

    def __new__(cls, text: str, lines: int) -> _QuoteRun:
        run = super().__new__(cls, text[:50])
        run.lines = lines
        return run


class ParquetReader(Reader):
    def __init__(self, source: Source, batch_rows: int) -> None:
        super().__init__(source, batch_rows)
        try:
            self._parquet = pq.ParquetFile(str(source.path))
        except (pa.ArrowException, OSError) as exc:
            raise self.fail(None, str(exc)[:80], "a Parquet file (it may be truncated or another format)") from exc
        self.columns = self._parquet.schema_arrow.names
        self._done = 0

    def progress(self) -> tuple[int, int]:
        return self._done, max(self._parquet.metadata.num_rows, 1)

    def batches(self) -> Iterator[RawBatch]:
        try:
            for batch in self._parquet.iter_batches(batch_size=self.batch_rows):
                rows = pa.array(range(self._done + 1, self._done + batch.num_rows + 1), pa.int64())
                self._done += batch.num_rows
                yield RawBatch(pa.Table.from_batches([batch]), rows)
        except (pa.ArrowException, OSError) as exc:
            raise InputError(
                [Problem(self.source.name, self._done + 1, None, str(exc)[:80], "a readable Parquet row group", "row")]
            ) from exc


class JsonLinesReader(Reader):
    """One JSON object per line; lines are read as text by Arrow, then parsed by DuckDB's JSON functions."""

    def __init__(self, source: Source, batch_rows: int, encoding: str = "utf-8") -> None:
        super().__init__(source, batch_rows)
        self.encoding = encoding
        self._con = duckdb.connect()

    def batches(self) -> Iterator[RawBatch]:
        line, records = 1, 0
        lines = _LinesAsCsv(self)
        for table in lines.tables():
            batch, line = self._parse(table, line)
            records += batch.table.num_rows + batch.bad
            yield batch
        if records == 0:
            raise self.fail(None, "no JSON records", "one JSON object per line")

    def _parse(self, table: pa.Table, first_line: int) -> tuple[RawBatch, int]:
        n = table.num_rows
        numbered = table.append_column("_n", pa.array(range(first_line, first_line + n), pa.int64()))
        self._con.register("_lines", numbered)
        try:
            kept = self._con.sql(
                f"SELECT {JSON_LINE}, _n, CASE WHEN json_valid({JSON_LINE}) THEN json_type({JSON_LINE}) = 'OBJECT' ELSE false END AS ok"
                f" FROM _lines WHERE trim({JSON_LINE}) <> ''"
            ).to_arrow_table()
            self._con.register("_kept", kept)
            keys = [r[0] for r in self._con.execute(
                f"SELECT DISTINCT unnest(json_keys({JSON_LINE})) AS k FROM _kept WHERE ok ORDER BY k"
            ).fetchall()]
            picks = "".join(f", json_extract_string({JSON_LINE}, {_json_path(k)}) AS {_quote(k)}" for k in keys)
            good = self._con.sql(f"SELECT _n{picks} FROM _kept WHERE ok ORDER BY _n").to_arrow_table()
            bad = self._con.execute(f"SELECT _n, {JSON_LINE} FROM _kept WHERE NOT ok ORDER BY _n LIMIT 20").fetchall()
            bad_count = self._con.execute("SELECT count(*) FROM _kept WHERE NOT ok").fetchall()[0][0]
        finally:
            self._con.unregister("_lines")
            self._con.unregister("_kept")
        problems = [Problem(self.source.name, n_, None, text, "a JSON object on one line") for n_, text in bad]
        raw = good.drop_columns(["_n"])
        return RawBatch(raw, good.column("_n").combine_chunks(), problems, bad_count), first_line + n


class _LinesAsCsv:
    """Physical lines of a text file as one string column, via Arrow's fast streaming CSV reader.

    JSON text never holds a raw control character, so the unit separator (0x1f) never splits a
    line, and with quoting off every line is exactly one row, blank lines included.
    """

    def __init__(self, reader: JsonLinesReader) -> None:
        self.reader = reader

    def tables(self) -> Iterator[pa.Table]:
        options = {
            "read_options": pacsv.ReadOptions(block_size=BLOCK_BYTES, column_names=[JSON_LINE], encoding=self.reader.encoding),
            "parse_options": pacsv.ParseOptions(delimiter="\x1f", quote_char=False, escape_char=False, ignore_empty_lines=False),
            "convert_options": pacsv.ConvertOptions(column_types={JSON_LINE: pa.string()}, strings_can_be_null=False),
        }
        try:
            with self.reader._stream() as stream:
                pending: list[pa.RecordBatch] = []
                for batch in pacsv.open_csv(stream, **options):
                    pending.append(batch)
                    if sum(b.num_rows for b in pending) >= self.reader.batch_rows:
                        yield pa.Table.from_batches(pending)
                        pending = []
                if pending:
                    yield pa.Table.from_batches(pending)
        except (pa.ArrowException, OSError) as exc:
            if "empty csv file" in str(exc).lower():
                raise self.reader.fail(None, "an empty file", "one JSON object per line") from exc
            raise _csv_problem(self.reader, str(exc)) from exc  # type: ignore[arg-type]


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _json_path(key: str) -> str:
    escaped = key.replace('"', '\\"').replace("'", "''")
    return f"'$.\"{escaped}\"'"

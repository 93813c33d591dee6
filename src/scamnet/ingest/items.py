"""A file of items to judge one by one (messages, links): plain lines, or one column of CSV or JSON Lines.

Analysts get batches as exports in whatever encoding the source system used, so the encoding is
given (``--encoding``) or read from the bytes: a byte-order mark, UTF-16 without one (NUL bytes, which
8-bit text never holds), then UTF-8, GB18030 (Chinese exports) and Windows-1252, the first that decodes the
whole file. Each item keeps the line it came from, so errors and results point back to the file.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
from dataclasses import dataclass
from pathlib import Path

from scamnet.core.errors import InputError, NotFoundError, Problem, ScamnetError

_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
#: Tried in order when no encoding is given and the bytes carry no mark; the first that decodes wins.
GUESSES = ("utf-8", "gb18030", "cp1252")
_JSON_LINES = {".jsonl", ".ndjson"}
_TABLES = {".csv": ",", ".tsv": "\t"}


@dataclass(frozen=True)
class Items:
    """The values of a file, in order, with the line each came from and the encoding it was read in."""

    source: str
    values: list[str]
    lines: list[int]
    encoding: str


def read_items(path: Path, column: str | None = None, encoding: str | None = None) -> Items:
    """The items of ``path``: each non-blank line, or ``column`` of each CSV/TSV row or JSON Lines object.

    The layout comes from the suffix (``.csv``, ``.tsv``, ``.jsonl``/``.ndjson``); a plain file
    given a ``column`` is read as CSV. An empty file, a missing column or undecodable bytes are
    errors naming the file (and the line).
    """
    path = Path(path)
    text, used = decode_file(path, encoding)
    if path.suffix.lower() in _JSON_LINES:
        values, lines = _json_lines(text, str(path), column)
    elif path.suffix.lower() in _TABLES or column:
        values, lines = _table(text, str(path), column, _TABLES.get(path.suffix.lower(), ","))
    else:
        values, lines = _plain_lines(text)
    if not values:
        raise ScamnetError(f"no items in {path}", hint="give a file with one item a line (or rows with a value in --column)")
    return Items(str(path), values, lines, used)


def decode_file(path: Path, encoding: str | None = None) -> tuple[str, str]:
    """The text of ``path`` and the encoding it was read in (``encoding``, or the one detected)."""
    if not path.exists():
        raise NotFoundError(f"no file at {path}", hint="give the path of a text, CSV or JSON Lines file")
    raw = path.read_bytes()
    for candidate in [encoding] if encoding else _candidates(raw):
        try:
            return raw.decode(candidate), candidate
        except UnicodeDecodeError as exc:
            failure = exc
        except LookupError:
            raise ScamnetError(f"unknown encoding {encoding!r}", hint="e.g. --encoding utf-8, gb18030, utf-16, cp1252") from None
    raise _undecodable(str(path), raw, failure, encoding)


def _candidates(raw: bytes) -> tuple[str, ...]:
    for mark, name in _BOMS:
        if raw.startswith(mark):
            return (name,)
    head = raw[:4096]
    if b"\0" in head:  # 8-bit text never holds NUL; UTF-16 does in every ASCII character (newlines too)
        little = head[1::2].count(0) >= head[0::2].count(0)
        return ("utf-16-le" if little else "utf-16-be", *GUESSES)
    return GUESSES


def _undecodable(source: str, raw: bytes, exc: UnicodeDecodeError, encoding: str | None) -> InputError:
    line = raw[: exc.start].count(b"\n") + 1
    expected = f"text in the {encoding} encoding" if encoding else "text in UTF-8, GB18030 or Windows-1252"
    problem = Problem(source, line, None, raw[exc.start: exc.start + 8], expected)
    return InputError([problem], hint="name the file's encoding with --encoding (e.g. gb18030, utf-16, big5)")


def _plain_lines(text: str) -> tuple[list[str], list[int]]:
    found = [(line.strip(), number) for number, line in enumerate(text.splitlines(), 1) if line.strip()]
    return [value for value, _ in found], [number for _, number in found]


def _table(text: str, source: str, column: str | None, delimiter: str) -> tuple[list[str], list[int]]:
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = reader.fieldnames or []
    name = column or _only_column(header, source)
    if name not in header:
        raise _missing_column(name, source, header)
    values, lines = [], []
    for row in reader:
        value = (row.get(name) or "").strip()
        if value:
            values.append(value)
            lines.append(reader.line_num)
    return values, lines


def _only_column(header: list[str], source: str) -> str:
    if len(header) == 1:
        return header[0]
    raise ScamnetError(f"{source} has {len(header)} columns; say which holds the items",
                       hint=f"--column NAME, one of: {', '.join(header)}")


def _missing_column(name: str, source: str, found: list[str]) -> ScamnetError:
    return ScamnetError(f"{source} has no column {name!r}", hint=f"--column NAME, one of: {', '.join(found) or '(none)'}")


def _json_lines(text: str, source: str, column: str | None) -> tuple[list[str], list[int]]:
    if not column:
        raise ScamnetError(f"{source} is JSON Lines; say which field holds the items", hint="--column NAME")
    values, lines, problems = [], [], []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        value = _json_field(line, column)
        if isinstance(value, str) and value.strip():
            values.append(value.strip())
            lines.append(number)
        elif value is not None:
            problems.append(Problem(source, number, column, line.strip(), f"a JSON object with a text field {column!r}"))
    if problems:
        raise InputError(problems, hint="fix these lines, or choose the field with --column")
    return values, lines


def _json_field(line: str, column: str) -> object:
    """The field's value; ``None`` for an object that leaves it empty; ``False`` for a line that is not an object with it."""
    try:
        row = json.loads(line)
    except json.JSONDecodeError:
        return False
    if not isinstance(row, dict) or column not in row:
        return False
    return row[column] if row[column] not in ("", None) else None

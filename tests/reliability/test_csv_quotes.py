"""Class: a stray quote that swallows line breaks and later rows.

A quote opened and never closed (or closed lines later) turns every later row into one value.
Unless the mapping says fields span lines (``multiline = true``), that is an error naming the
line where the quote opened and the column, with exit 5; nothing is written and no store is made.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import digest, one_error

HEADER = "msg_id,sent_at,sender,recipient,channel,text\n"


def _messages(path: Path, rows: int, quote_at: int, column: str) -> Path:
    lines = [HEADER]
    for i in range(1, rows + 1):
        q = '"' if i == quote_at else ""
        text = f"{q}hello {i}" if column == "text" else f"hello {i}"
        channel = f"{q}sms" if column == "channel" else "sms"
        lines.append(f"M{i},2026-03-01T09:00:00Z,+8613800{i:06d},+8613900{i:06d},{channel},{text}\n")
    path.write_text("".join(lines), encoding="utf-8")
    return path


@pytest.mark.parametrize("column", ["text", "channel"])
def test_a_stray_quote_is_an_error_naming_the_line_it_opened_on(cli, tmp_path: Path, column: str) -> None:
    source = _messages(tmp_path / "messages.csv", rows=1000, quote_at=21, column=column)
    ran = cli("ingest", source, "--kind", "messages", "--db", tmp_path / "s.db")
    assert ran.code == 5
    error = one_error(ran)
    assert "messages.csv, line 22" in error  # header is line 1: row 21 is line 22
    assert "a quote opened on line 22" in error
    if column == "text":
        assert "column 'text'" in error
    assert not (tmp_path / "s.db").exists()


def test_a_stray_quote_leaves_an_existing_store_byte_for_byte_unchanged(cli, tmp_path: Path) -> None:
    good = _messages(tmp_path / "good.csv", rows=3, quote_at=0, column="text")
    db = tmp_path / "s.db"
    assert cli("ingest", good, "--kind", "messages", "--db", db).code == 0
    before = digest(db)
    bad = _messages(tmp_path / "bad.csv", rows=50, quote_at=7, column="text")
    ran = cli("ingest", bad, "--kind", "messages", "--db", db)
    assert ran.code == 5 and "line 8" in ran.err
    assert digest(db) == before


def test_fields_that_really_span_lines_are_read_when_the_mapping_says_so(cli, tmp_path: Path) -> None:
    source = tmp_path / "messages.csv"
    source.write_text(HEADER + 'M1,2026-03-01T09:00:00Z,+8613800000001,+8613900000001,sms,"line one\nline two"\n'
                      "M2,2026-03-01T09:01:00Z,+8613800000002,+8613900000002,sms,plain\n", encoding="utf-8")
    mapping = tmp_path / "map.toml"
    mapping.write_text("multiline = true\n", encoding="utf-8")
    refused = cli("ingest", source, "--kind", "messages", "--db", tmp_path / "s.db")
    assert refused.code == 5 and "line 2" in refused.err
    ran = cli("ingest", source, "--kind", "messages", "--db", tmp_path / "s.db", "--mapping", mapping,
              "--json", tmp_path / "summary.json")
    assert ran.code == 0, ran.err
    import json

    summary = json.loads((tmp_path / "summary.json").read_text(encoding="utf-8"))[0]
    assert (summary["rows"], summary["lines"]) == (2, 4)  # 2 records on 4 physical lines (header included)
    import duckdb

    with duckdb.connect(str(tmp_path / "s.db"), read_only=True) as con:
        assert con.execute("SELECT text FROM messages ORDER BY msg_id").fetchall() == [("line one\nline two",), ("plain",)]

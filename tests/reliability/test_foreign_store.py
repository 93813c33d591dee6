"""Class: stores that are not scamnet's, and stores made by accident.

A store carries scamnet's marker; any other DuckDB file (another application's) or a file that is
not a DuckDB database is refused with exit 4 and left byte for byte as it was, by writing and by
reading commands. A command that only reads, or that writes nothing, never creates a store.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from .conftest import digest, one_error

MESSAGE = ("msg_id,sent_at,sender,recipient,channel,text\n"
           "M1,2026-03-01T09:00:00Z,+8613800000001,+8613900000001,sms,hello\n")


@pytest.fixture
def foreign(tmp_path: Path) -> Path:
    path = tmp_path / "crm.duckdb"
    with duckdb.connect(str(path)) as con:
        con.execute("CREATE TABLE customers (id INTEGER, name VARCHAR)")
        con.execute("INSERT INTO customers VALUES (1, 'Ann')")
    return path


@pytest.mark.parametrize("command", [["ingest", "messages.csv", "--kind", "messages"], ["stats"], ["run"],
                                     ["trace", "r1"], ["keys", "create", "--role", "analyst"]])
def test_another_applications_duckdb_file_is_refused_unchanged(cli, tmp_path: Path, foreign: Path, command: list[str]) -> None:
    (tmp_path / "messages.csv").write_text(MESSAGE, encoding="utf-8")
    before = digest(foreign)
    ran = cli(*command, "--db", foreign)
    assert ran.code == 4
    assert "DuckDB file of another application (tables customers)" in one_error(ran)
    assert digest(foreign) == before
    assert not Path(f"{foreign}.snapshot").exists()


@pytest.mark.parametrize("command", [["ingest", "messages.csv", "--kind", "messages"], ["stats"]])
def test_a_file_that_is_not_a_duckdb_database_is_refused_unchanged(cli, tmp_path: Path, command: list[str]) -> None:
    (tmp_path / "messages.csv").write_text(MESSAGE, encoding="utf-8")
    notes = tmp_path / "notes.db"
    notes.write_text("meeting at 10\n", encoding="utf-8")
    ran = cli(*command, "--db", notes)
    assert ran.code == 4
    one_error(ran)
    assert notes.read_text(encoding="utf-8") == "meeting at 10\n"


def test_a_store_made_before_the_marker_is_still_recognised(cli, tmp_path: Path) -> None:
    (tmp_path / "messages.csv").write_text(MESSAGE, encoding="utf-8")
    db = tmp_path / "s.db"
    assert cli("ingest", "messages.csv", "--db", db, "--kind", "messages").code == 0
    with duckdb.connect(str(db)) as con:  # as the stores of earlier versions are
        con.execute("COMMENT ON TABLE schema_migrations IS NULL")
    assert cli("stats", "--db", db).code == 0


@pytest.mark.parametrize("command", [["trace", "r1"], ["stats"], ["run"], ["cases"], ["quarantine", "transfers", "T1",
                                                                                      "--reason", "x"]])
def test_a_command_on_a_missing_store_creates_none(cli, tmp_path: Path, command: list[str]) -> None:
    ran = cli(*command, "--db", tmp_path / "nope.db")
    assert ran.code == 3
    assert "no store at" in one_error(ran)
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("nope")) == []


def test_an_ingest_that_writes_nothing_creates_no_store(cli, tmp_path: Path) -> None:
    (tmp_path / "bad.csv").write_text(MESSAGE.replace("sms", "pigeon"), encoding="utf-8")
    ran = cli("ingest", "bad.csv", "--kind", "messages", "--db", tmp_path / "new.db")
    assert ran.code == 5 and "nothing was written" in ran.err
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("new")) == []

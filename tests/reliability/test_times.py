"""Class: impossible timestamps.

An event's time lies between the ``event_earliest`` setting (1990-01-01) and now plus
``event_future_hours`` (24), with a real UTC offset (-12:00 to +14:00). Anything else is refused
at ingest, naming the line and column (exit 5, nothing written). A store that already holds such
a row (filled before this check) does not crash ``scamnet run``: the run names the row and the
command that removes it, before any step replaces an output.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import duckdb
import pytest

from .conftest import digest, one_error

HEADER = "txn_id,ts,src_account,dst_account,amount,currency,channel\n"
FUTURE = "three days from now"  # made when the test runs (test ids must not change between workers)


def _transfers(path: Path, times: list[str]) -> Path:
    rows = [f"T{i},{t},A{i},B{i},10.00,CNY,mobile\n" for i, t in enumerate(times)]
    path.write_text(HEADER + "".join(rows), encoding="utf-8")
    return path


@pytest.mark.parametrize("when", ["infinity", "-infinity", "epoch", "2026-03-01T09:00:00+25:00",
                                  "0001-01-01T00:00:00Z", "1989-12-31T23:59:59Z", "2099-01-01T00:00:00Z",
                                  "9999-12-31T00:00:00Z", FUTURE])
def test_an_impossible_time_is_refused_naming_line_and_column(cli, tmp_path: Path, when: str) -> None:
    if when == FUTURE:
        when = (datetime.now(UTC) + timedelta(days=3)).strftime("%Y-%m-%dT%H:%M:%SZ")
    source = _transfers(tmp_path / "t.csv", ["2026-03-01T09:00:00+08:00", when])
    ran = cli("ingest", source, "--kind", "transfers", "--db", tmp_path / "s.db")
    assert ran.code == 5
    assert f"t.csv, line 3, column 'ts': got '{when}'" in one_error(ran)
    assert not (tmp_path / "s.db").exists()


def test_real_offsets_and_the_present_are_accepted(cli, tmp_path: Path) -> None:
    now = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    source = _transfers(tmp_path / "t.csv", ["2026-03-01T09:00:00+14:00", "2026-03-01T09:00:00-12:00", now,
                                            "1990-01-01T00:00:00Z"])
    ran = cli("ingest", source, "--kind", "transfers", "--db", tmp_path / "s.db")
    assert ran.code == 0, ran.err


def test_the_window_is_a_setting(cli, tmp_path: Path) -> None:
    (tmp_path / "old.toml").write_text('event_earliest = "1970-01-01"\n', encoding="utf-8")
    source = _transfers(tmp_path / "t.csv", ["1985-06-01T00:00:00Z"])
    assert cli("ingest", source, "--kind", "transfers", "--db", tmp_path / "s.db").code == 5
    assert cli("ingest", source, "--kind", "transfers", "--db", tmp_path / "s.db", "--config", tmp_path / "old.toml").code == 0


def test_a_store_already_holding_an_impossible_time_stops_run_before_any_output_changes(cli, tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    assert cli("ingest", _transfers(tmp_path / "t.csv", ["2026-03-01T09:00:00Z"] * 3), "--kind", "transfers",
               "--db", db).code == 0
    with duckdb.connect(str(db)) as con:  # as a store filled before times were checked would hold it
        con.execute("UPDATE transfers SET ts = TIMESTAMPTZ '0001-01-01 00:00:00+00' WHERE txn_id = 'T1'")
    before = digest(db)
    ran = cli("run", "--db", db)
    assert ran.code == 5
    error = one_error(ran)
    assert "transfers, column 'ts': got 'T1: 0001-01-01" in error and "scamnet quarantine" in error
    assert digest(db) == before


def _with_impossible_time(cli, tmp_path: Path) -> Path:
    db = tmp_path / "s.db"
    assert cli("ingest", _transfers(tmp_path / "t.csv", ["2026-03-01T09:00:00Z"] * 3), "--kind", "transfers",
               "--db", db).code == 0
    with duckdb.connect(str(db)) as con:
        con.execute("UPDATE transfers SET ts = TIMESTAMPTZ '9999-12-31 00:00:00+00' WHERE txn_id = 'T2'")
    return db


def test_quarantine_moves_the_impossible_row_out_with_an_audit_record(cli, tmp_path: Path) -> None:
    from scamnet.core.settings import Settings
    from scamnet.service.run import _refuse_impossible_times
    from scamnet.store import open_store

    db = _with_impossible_time(cli, tmp_path)
    ran = cli("quarantine", "--impossible-times", "--reason", "year 9999 cannot be real", "--as", "ops-1", "--db", db)
    assert ran.code == 0, ran.err
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT txn_id FROM transfers ORDER BY txn_id").fetchall() == [("T0",), ("T1",)]
        (table_name, key, row, reason, operator), = con.execute(
            "SELECT table_name, row_key, row_json, reason, operator FROM quarantined_rows").fetchall()
    assert (table_name, key, reason, operator) == ("transfers", "T2", "year 9999 cannot be real", "ops-1")
    assert '"txn_id":"T2"' in row and "9999-12-31" in row  # the whole row is kept, so it can be put back
    with open_store(db) as store:
        _refuse_impossible_times(store, Settings())  # the run would now go ahead


def test_quarantine_of_a_key_that_names_no_row_changes_nothing(cli, tmp_path: Path) -> None:
    db = _with_impossible_time(cli, tmp_path)
    before = digest(db)
    ran = cli("quarantine", "transfers", "T2", "T404", "--reason", "typo", "--db", db)
    assert ran.code == 3
    assert "no transfers row under key 'T404'" in one_error(ran)
    assert digest(db) == before


def test_quarantine_needs_a_reason(cli, tmp_path: Path) -> None:
    db = _with_impossible_time(cli, tmp_path)
    ran = cli("quarantine", "transfers", "T2", "--reason", " ", "--db", db)
    assert ran.code == 2 and "needs a --reason" in one_error(ran)

from pathlib import Path

import pyarrow as pa
import pytest

from scamnet.core.errors import ConfigError, ConflictError, InputError
from scamnet.core.settings import Settings
from scamnet.schema import table
from scamnet.service.ingest import ingest_files, ingest_world
from scamnet.store import open_store
from tests.ingest.sample import calls, transfers, write, write_text

SETTINGS = Settings()


def _stored(db: Path, name: str) -> pa.Table:
    """Every row of table ``name``, in key order, with the canonical schema."""
    spec = table(name)
    with open_store(db, read_only=True) as store:
        rows = store.con.sql(f"SELECT * FROM {name} ORDER BY {', '.join(spec.key)}").to_arrow_table()
    return rows.cast(spec.schema)


@pytest.mark.parametrize("name", ["transfers.csv", "transfers.tsv", "transfers.csv.gz", "transfers.jsonl",
                                  "transfers.jsonl.gz", "transfers.parquet"])
def test_transfers_round_trip_through_every_format(tmp_path: Path, name: str) -> None:
    original = transfers(6)
    summary = ingest_files([write(original, tmp_path / name)], tmp_path / "s.db", SETTINGS)
    assert [(s.kind, s.rows, s.new, s.present) for s in summary] == [("transfers", 6, 6, 0)]
    assert _stored(tmp_path / "s.db", "transfers").equals(original.sort_by("txn_id"))


def test_calls_round_trip_with_booleans_and_integers(tmp_path: Path) -> None:
    ingest_files([write(calls(4), tmp_path / "calls.csv")], tmp_path / "s.db", SETTINGS)
    assert _stored(tmp_path / "s.db", "calls").equals(calls(4))


def test_ingesting_the_same_rows_again_adds_nothing(tmp_path: Path) -> None:
    path = write(transfers(5), tmp_path / "transfers.parquet")
    ingest_files([path], tmp_path / "s.db", SETTINGS)
    again = ingest_files([path, write(transfers(2, start=5), tmp_path / "more_transfers.csv")], tmp_path / "s.db", SETTINGS)
    assert [(s.new, s.present) for s in again] == [(0, 5), (2, 0)]
    assert _stored(tmp_path / "s.db", "transfers").num_rows == 7


def test_a_bad_row_on_line_9999_of_10000_leaves_the_store_exactly_as_it_was(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    ingest_files([write(transfers(3, start=50_000), tmp_path / "old_transfers.csv")], db, SETTINGS)
    before = _stored(db, "transfers")
    path = write(transfers(9_999), tmp_path / "transfers.csv")
    lines = path.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 10_000
    lines[9_998] = lines[9_998].replace('"CNY"', '"CN¥"')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    settings = Settings({"ingest_batch_rows": 1_000})  # the bad row arrives after nine batches were staged
    with pytest.raises(InputError) as caught:
        ingest_files([path], db, settings)
    problem = caught.value.problems[0]
    assert (problem.source, problem.row, problem.column, problem.value) == (str(path), 9_999, "currency", "CN¥")
    assert _stored(db, "transfers").equals(before)
    assert not Path(f"{db}.scratch").exists()  # the staging scratch file is gone too


def test_a_bad_file_among_good_ones_writes_nothing_from_any_of_them(tmp_path: Path) -> None:
    good = write(calls(3), tmp_path / "calls.csv")
    bad = write_text(tmp_path / "transfers.csv", "txn_id,ts,amount,channel\nT1,2026-03-01,-5,mobile\n")
    with pytest.raises(InputError, match="line 2, column 'amount'"):
        ingest_files([good, bad], tmp_path / "s.db", SETTINGS)
    assert not (tmp_path / "s.db").exists()  # nothing written: not even a new empty store


def test_a_key_twice_in_one_file_is_named_with_both_lines(tmp_path: Path) -> None:
    text = "txn_id,ts,amount,channel\nT1,2026-03-01,5,mobile\nT2,2026-03-01,6,mobile\nT1,2026-03-01,5,mobile\n"
    with pytest.raises(InputError) as caught:
        ingest_files([write_text(tmp_path / "transfers.csv", text)], tmp_path / "s.db", SETTINGS)
    problem = caught.value.problems[0]
    assert (problem.row, problem.value) == (4, "T1") and "line 2" in problem.expected


def test_the_same_key_in_two_files_of_one_command_is_an_error(tmp_path: Path) -> None:
    first = write(transfers(3), tmp_path / "transfers.parquet")
    second = write(transfers(2, start=2), tmp_path / "transfers-b.csv")
    with pytest.raises(InputError) as caught:
        ingest_files([first, second], tmp_path / "s.db", SETTINGS)
    problem = caught.value.problems[0]
    assert (problem.source, problem.row, problem.value) == (str(second), 2, "T2")
    assert f"{first}, row 3" in problem.expected


def test_a_changed_row_under_a_stored_key_is_a_conflict_and_nothing_is_written(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    ingest_files([write(transfers(3), tmp_path / "transfers.csv")], db, SETTINGS)
    changed = transfers(4).to_pylist()
    changed[1]["amount"] = changed[1]["amount"] * 10
    path = write(pa.Table.from_pylist(changed, schema=transfers(1).schema), tmp_path / "transfers-v2.csv")
    with pytest.raises(ConflictError) as caught:
        ingest_files([path], db, SETTINGS)
    assert "line 3, column 'amount'" in caught.value.message and "20.00" in caught.value.message
    assert _stored(db, "transfers").num_rows == 3


def test_a_world_folder_of_table_files_is_ingested_table_by_table(tmp_path: Path) -> None:
    write(transfers(4), tmp_path / "transfers.parquet")
    write(calls(2), tmp_path / "calls.parquet")
    with open_store(tmp_path / "s.db") as store:
        assert ingest_world(store, tmp_path, SETTINGS) == {"calls": 2, "transfers": 4}


def test_a_folder_is_read_as_every_file_in_it(tmp_path: Path) -> None:
    exports = tmp_path / "exports"
    exports.mkdir()
    write(transfers(5), exports / "transfers.parquet")
    write(calls(3), exports / "2026-03-calls.csv")
    (exports / ".DS_Store").write_bytes(b"\0")  # a desktop's own file, not data
    summary = ingest_files([exports], tmp_path / "s.db", SETTINGS)
    assert sorted((s.kind, s.new) for s in summary) == [("calls", 3), ("transfers", 5)]


def test_a_file_in_a_folder_that_names_no_table_is_an_error_and_nothing_is_loaded(tmp_path: Path) -> None:
    """A folder's files are all read: one the name does not place is named, never skipped unnoticed."""
    exports = tmp_path / "exports"
    exports.mkdir()
    write(transfers(5), exports / "transfers.parquet")
    write(calls(3), exports / "cdr_march.csv")
    with pytest.raises(ConfigError, match="cdr_march.csv: cannot tell which table"):
        ingest_files([exports], tmp_path / "s.db", SETTINGS)
    assert not (tmp_path / "s.db").exists()

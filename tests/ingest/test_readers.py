import gzip
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from scamnet.core.errors import InputError
from scamnet.core.settings import Settings
from scamnet.service.ingest import ingest_files
from scamnet.store import open_store
from tests.ingest.sample import transfers, write, write_text

HEADER = "txn_id,ts,amount,channel,memo\n"


def _first_problem(path: Path, settings: Settings | None = None, mapping: Path | None = None):
    with pytest.raises(InputError) as caught:
        ingest_files([path], path.parent / "s.db", settings or Settings(), mapping=mapping)
    return caught.value.problems[0], caught.value


def test_line_numbers_count_the_newlines_inside_quoted_fields(tmp_path: Path) -> None:
    text = HEADER + 'T1,2026-03-01,5,mobile,"two\nlines"\nT2,2026-03-01,5,mobile,"three\nlines\nhere"\nT3,2026-03-01,-1,mobile,\n'
    multiline = write_text(tmp_path / "multiline.toml", "multiline = true\n")
    problem, _ = _first_problem(write_text(tmp_path / "transfers.csv", text), mapping=multiline)
    assert (problem.row, problem.column, str(problem.value)) == (7, "amount", "-1.00")


def test_without_multiline_a_field_spanning_lines_is_named_by_the_line_its_quote_opened(tmp_path: Path) -> None:
    text = HEADER + 'T1,2026-03-01,5,mobile,ok\nT2,2026-03-01,5,mobile,"three\nlines\nhere"\n'
    problem, _ = _first_problem(write_text(tmp_path / "transfers.csv", text))
    assert (problem.row, problem.column) == (3, "memo") and "quote opened on line 3" in problem.expected


def test_line_numbers_carry_across_batches(tmp_path: Path) -> None:
    rows = "".join(f"T{i},2026-03-01,5,mobile,\n" for i in range(25))
    path = write_text(tmp_path / "transfers.csv", HEADER + rows + "T99,2026-03-01,5,bicycle,\n")
    problem, _ = _first_problem(path, Settings({"ingest_batch_rows": 4}))
    assert (problem.row, problem.column) == (27, "channel")


def test_parquet_problems_name_the_row(tmp_path: Path) -> None:
    rows = transfers(5).to_pylist()
    rows[3]["currency"] = "cny"
    path = write(pa.Table.from_pylist(rows, schema=transfers(1).schema), tmp_path / "transfers.parquet")
    problem, _ = _first_problem(path)
    assert (problem.row_label, problem.row, problem.value) == ("row", 4, "cny")
    assert "row 4" in str(problem)


def test_a_row_with_too_many_fields_names_its_line(tmp_path: Path) -> None:
    path = write_text(tmp_path / "transfers.csv", HEADER + "T1,2026-03-01,5,mobile,\nT2,2026-03-01,5,mobile,,surplus\n")
    problem, _ = _first_problem(path)
    assert problem.row == 3 and "5 fields" in problem.expected


def test_a_truncated_gzip_file_is_a_clear_error(tmp_path: Path) -> None:
    body = gzip.compress((HEADER + "T1,2026-03-01,5,mobile,\n" * 50_000).encode())
    path = tmp_path / "transfers.csv.gz"
    path.write_bytes(body[: len(body) // 2])
    problem, _ = _first_problem(path)
    assert "complete gzip file" in problem.expected


def test_a_file_in_another_encoding_names_the_line_and_the_fix(tmp_path: Path) -> None:
    path = tmp_path / "transfers.csv"
    path.write_bytes((HEADER + "T1,2026-03-01,5,mobile,房租\n").encode("gbk"))
    problem, _ = _first_problem(path)
    assert problem.row == 2 and "utf-8" in problem.expected and "mapping" in problem.expected


def test_an_empty_file_is_a_clear_error(tmp_path: Path) -> None:
    problem, _ = _first_problem(write_text(tmp_path / "transfers.csv", ""))
    assert problem.value == "an empty file"


def test_a_header_only_file_is_a_clear_error(tmp_path: Path) -> None:
    problem, _ = _first_problem(write_text(tmp_path / "transfers.csv", HEADER))
    assert "header only" in problem.expected


def test_a_header_naming_a_column_twice_is_refused(tmp_path: Path) -> None:
    problem, _ = _first_problem(write_text(tmp_path / "transfers.csv", "txn_id,ts,ts,amount,channel\n"))
    assert (problem.row, problem.value) == (1, "ts")


def test_json_lines_count_blank_lines_and_name_bad_ones(tmp_path: Path) -> None:
    text = '{"txn_id":"T1","ts":"2026-03-01T09:00:00Z","amount":5,"channel":"qr"}\n\n[1, 2]\n{"txn_id":"T2", oops\n'
    problem, error = _first_problem(write_text(tmp_path / "transfers.jsonl", text))
    assert (problem.row, problem.value, error.total) == (3, "[1, 2]", 2)
    assert error.problems[1].row == 4


def test_json_numbers_and_strings_both_read_as_amounts(tmp_path: Path) -> None:
    text = '{"txn_id":"T1","ts":"2026-03-01T09:00:00Z","amount":5.5,"channel":"qr"}\n{"txn_id":"T2","ts":"2026-03-01","amount":"7","channel":"qr"}\n'
    summary = ingest_files([write_text(tmp_path / "transfers.jsonl", text)], tmp_path / "s.db", Settings())
    assert summary[0].new == 2


def test_a_missing_required_column_is_named_once_not_per_row(tmp_path: Path) -> None:
    path = write_text(tmp_path / "transfers.csv", "txn_id,ts,amount\n" + "T1,2026-03-01,5\n" * 3)
    problem, error = _first_problem(path)
    assert (error.total, problem.column, problem.row) == (1, "channel", None)


def test_an_unknown_column_is_refused_without_a_mapping(tmp_path: Path) -> None:
    path = write_text(tmp_path / "transfers.csv", "txn_id,ts,amount,channel,colour\nT1,2026-03-01,5,qr,red\n")
    problem, _ = _first_problem(path)
    assert problem.column == "colour" and "unmapped" in problem.expected


def test_a_wrong_type_is_reported_once_with_what_was_expected(tmp_path: Path) -> None:
    path = write_text(tmp_path / "calls.csv", "call_id,started_at,duration_s,caller,callee,answered\n"
                      "C1,2026-03-01,12.5,+8613812345678,+8613912345678,maybe\n")
    _, error = _first_problem(path)
    assert [(p.column, p.value) for p in error.problems] == [("duration_s", "12.5"), ("answered", "maybe")]
    assert "whole number" in error.problems[0].expected


def test_a_parquet_export_with_other_types_is_converted_to_ours(tmp_path: Path) -> None:
    foreign = pa.table({
        "txn_id": ["P1", "P2"],
        "ts": pa.array([1_772_355_600_000_000_000, 1_772_355_660_000_000_000], pa.timestamp("ns")),  # naive: UTC
        "amount": pa.array([12.5, 0.1 + 0.2], pa.float64()),
        "channel": pa.array(["qr", "pos"]).dictionary_encode(),
        "currency": pa.array(["USD", None]),
    })
    pq.write_table(foreign, tmp_path / "transfers.parquet")
    ingest_files([tmp_path / "transfers.parquet"], tmp_path / "s.db", Settings())
    with open_store(tmp_path / "s.db", read_only=True) as store:
        rows = store.con.execute("SELECT txn_id, epoch(ts), amount::VARCHAR, channel, currency FROM transfers ORDER BY 1").fetchall()
    assert rows == [("P1", 1_772_355_600, "12.50", "qr", "USD"), ("P2", 1_772_355_660, "0.30", "pos", "CNY")]


def test_a_truncated_parquet_file_is_a_clear_error(tmp_path: Path) -> None:
    whole = write(transfers(50), tmp_path / "whole.parquet").read_bytes()
    path = tmp_path / "transfers.parquet"
    path.write_bytes(whole[: len(whole) // 2])
    problem, _ = _first_problem(path)
    assert "a Parquet file" in problem.expected and problem.source == str(path)

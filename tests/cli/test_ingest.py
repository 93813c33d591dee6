import subprocess
import sys
from pathlib import Path

from tests.ingest.sample import transfers, write, write_text


def scamnet_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "scamnet", *args], cwd=cwd, capture_output=True, text=True, timeout=120)


def test_ingest_prints_rows_read_new_and_already_present_per_file(tmp_path: Path) -> None:
    write(transfers(4), tmp_path / "transfers.parquet")
    scamnet_cli("ingest", "transfers.parquet", "--db", "s.db", cwd=tmp_path)
    result = scamnet_cli("ingest", "transfers.parquet", "--db", "s.db", "--json", "out.json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    row = next(line for line in result.stdout.splitlines() if "transfers.parquet" in line)
    assert [cell.strip() for cell in row.strip("│ ").split("│")] == ["transfers.parquet", "transfers", "4", "0", "4"]
    assert '"present": 4' in (tmp_path / "out.json").read_text()


def test_bad_input_exits_non_zero_naming_file_line_column_and_expectation(tmp_path: Path) -> None:
    write_text(tmp_path / "transfers.csv", "txn_id,ts,amount,channel\nT1,2026-03-01,-5,mobile\n")
    result = scamnet_cli("ingest", "transfers.csv", "--db", "s.db", cwd=tmp_path)
    assert result.returncode == 5
    assert "transfers.csv, line 2, column 'amount': got '-5.00', expected zero or more" in result.stderr
    assert "Traceback" not in result.stderr

import subprocess
import sys
from pathlib import Path


def scamnet_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "scamnet", *args], cwd=cwd, capture_output=True, text=True, timeout=120)


def test_simulate_then_ingest_works_from_the_command_line(tmp_path: Path) -> None:
    made = scamnet_cli("simulate", "--scenario", "demo", "--people", "300", "--days", "2", "--out", "world",
                       "--json", "world.json", cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    assert "events/s" in made.stdout and '"labels":' in (tmp_path / "world.json").read_text()
    files = sorted(str(p.relative_to(tmp_path)) for p in (tmp_path / "world").glob("*.parquet"))
    loaded = scamnet_cli("ingest", *files, "--db", "s.db", cwd=tmp_path)
    assert loaded.returncode == 0, loaded.stderr


def test_an_unknown_scenario_is_one_line_and_exit_code_2(tmp_path: Path) -> None:
    result = scamnet_cli("simulate", "--scenario", "nope", "--out", "w", cwd=tmp_path)
    assert result.returncode == 2
    assert "error: no scenario 'nope'" in result.stderr and "Traceback" not in result.stderr

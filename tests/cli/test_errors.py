import subprocess
import sys
from pathlib import Path

import scamnet


def scamnet_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "scamnet", *args], cwd=cwd, capture_output=True, text=True, timeout=120)


def test_version_names_the_package_version(tmp_path: Path) -> None:
    result = scamnet_cli("version", cwd=tmp_path)
    assert result.returncode == 0
    assert result.stdout.strip() == f"scamnet {scamnet.__version__}"


def test_a_missing_store_is_one_error_line_with_a_hint_and_no_traceback(tmp_path: Path) -> None:
    result = scamnet_cli("stats", "--db", "absent.db", cwd=tmp_path)
    assert result.returncode == 3
    assert result.stderr.splitlines()[0] == "error: no store at absent.db"
    assert result.stderr.splitlines()[1].startswith("hint: ")
    assert "Traceback" not in result.stderr


def test_debug_shows_the_traceback(tmp_path: Path) -> None:
    result = scamnet_cli("--debug", "stats", "--db", "absent.db", cwd=tmp_path)
    assert result.returncode == 3
    assert "Traceback" in result.stderr and "NotFoundError" in result.stderr


def test_a_bad_settings_file_names_the_unknown_key(tmp_path: Path) -> None:
    (tmp_path / "scamnet.toml").write_text("dbb = 'x.db'\n")
    result = scamnet_cli("stats", cwd=tmp_path)
    assert result.returncode == 2
    assert "unknown setting 'dbb'" in result.stderr


def test_an_unknown_option_is_a_usage_error_without_a_traceback(tmp_path: Path) -> None:
    result = scamnet_cli("stats", "--bogus", cwd=tmp_path)
    assert result.returncode == 2
    assert "No such option: --bogus" in result.stderr and "Traceback" not in result.stderr


def test_a_group_without_a_sub_command_shows_its_usage_and_sub_commands(tmp_path: Path) -> None:
    result = scamnet_cli("bench", cwd=tmp_path)
    output = result.stdout + result.stderr
    assert "scamnet bench [OPTIONS] COMMAND" in output and "telecom" in output and "Traceback" not in output

import subprocess
import sys
from pathlib import Path


def scamnet_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "scamnet", *args], cwd=cwd, capture_output=True, text=True, timeout=120)


def test_rules_check_refuses_a_rule_reading_a_file_with_its_name_and_position(tmp_path: Path) -> None:
    (tmp_path / "r.toml").write_text('[[rule]]\nname = "leak"\ndescription = "d"\n'
                                     'when = "read_csv(\'/etc/passwd\') IS NULL"\naction = "hold"\npriority = 1\n')
    result = scamnet_cli("rules", "check", "r.toml", cwd=tmp_path)
    assert result.returncode == 2
    assert "r.toml: rule 'leak': when, column 1: function read_csv() is not allowed" in result.stderr


def test_rules_check_lists_the_starter_rules_and_what_they_read(tmp_path: Path) -> None:
    starter = Path(__file__).resolve().parents[2] / "src" / "scamnet" / "rules" / "starter.toml"
    result = scamnet_cli("rules", "check", str(starter), cwd=tmp_path)
    assert result.returncode == 0
    assert "payee_on_watchlist" in result.stdout and "payee.on_watchlist" in result.stdout

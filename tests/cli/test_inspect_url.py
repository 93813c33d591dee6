import json
import subprocess
import sys
from pathlib import Path


def scamnet_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "scamnet", *args], cwd=cwd, capture_output=True, text=True, timeout=120)


def test_inspect_url_names_the_imitated_bank_and_writes_json(tmp_path: Path) -> None:
    result = scamnet_cli("inspect", "url", "hxxp://www.icbc.com.cn[.]secure-login.xyz/login", "--json", "out.json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "ICBC's domain icbc.com.cn used as a subdomain of secure-login.xyz" in result.stdout
    written = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
    assert written["risky"] and written["brands"] == ["ICBC"]


def test_inspect_url_reads_a_user_brand_list(tmp_path: Path) -> None:
    (tmp_path / "brands.json").write_text(json.dumps({"brands": [
        {"name": "Example Bank", "kind": "bank", "domains": ["examplebank.cn"], "keywords": ["examplebank"]}]}))
    (tmp_path / "scamnet.toml").write_text('protected_brands_file = "brands.json"\n')
    result = scamnet_cli("inspect", "url", "examplebank-login.top", "--json", "out.json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))["brands"] == ["Example Bank"]

import json
import subprocess
import sys
from pathlib import Path

PAGES = Path(__file__).resolve().parents[1] / "detect" / "content" / "page" / "pages"


def scamnet_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "scamnet", *args], cwd=cwd, capture_output=True, text=True, timeout=120)


def test_inspect_page_prints_the_verdict_and_writes_evidence_and_targets_as_json(tmp_path: Path) -> None:
    page = PAGES / "compromised_zh_title_stuffed.html"
    result = scamnet_cli("inspect", "page", str(page), "--json", "out.json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "compromised_seo" in result.stdout and "domain:wnsr8867.vip" in result.stdout
    written = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
    assert written["verdict"] == "compromised_seo"
    assert [e["line"] for e in written["evidence"]] == [5, 6, 22]


def test_inspect_page_reads_a_gb18030_page(tmp_path: Path) -> None:
    text = (PAGES / "scam_zh_police_case_check.html").read_text(encoding="utf-8")
    (tmp_path / "gbk.html").write_bytes(text.encode("gb18030"))
    result = scamnet_cli("inspect", "page", "gbk.html", "--json", "out.json", cwd=tmp_path)
    assert json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))["verdict"] == "scam_landing", result.stderr


def test_a_missing_page_file_is_one_error_line_naming_the_file(tmp_path: Path) -> None:
    result = scamnet_cli("inspect", "page", "gone.html", cwd=tmp_path)
    assert result.returncode == 3
    assert result.stderr.splitlines()[0] == "error: no page file at gone.html"
    assert "Traceback" not in result.stderr


def test_inspect_text_scores_the_message_and_lists_its_indicators(tmp_path: Path) -> None:
    message = "【公安局】您涉嫌洗钱，请立即将资金转入安全账户 6222 0212 3456 7890 128，加V信：jc_wang01"
    result = subprocess.run([sys.executable, "-m", "scamnet", "inspect", "text", "-", "--json", "out.json"], input=message,
                            cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    written = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
    assert written["scam"] and written["scam_type"] == "government_impersonation"
    assert [i["entity"] for i in written["indicators"]] == ["card:6222021234567890128", "handle:wechat:jc_wang01"]
    assert "card:6222021234567890128" in result.stdout


def test_inspect_text_wants_a_message_or_a_file(tmp_path: Path) -> None:
    result = scamnet_cli("inspect", "text", cwd=tmp_path)
    assert result.returncode == 1 and "give a message or --file" in result.stderr

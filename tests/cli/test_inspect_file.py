"""``scamnet inspect text|url --file F``: an analyst's batch scored, one row out per row in."""

import csv
import json
import subprocess
import sys
from pathlib import Path

SCAM = "【公安局】您涉嫌洗钱，请立即将资金转入安全账户 6222 0212 3456 7890 128，加V信：jc_wang01"
MEETING = "明天下午三点开会，记得带上周的报表"


def scamnet_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "scamnet", *args], cwd=cwd, capture_output=True, text=True, timeout=120)


def test_a_gb18030_csv_column_gives_one_json_line_per_row(tmp_path: Path) -> None:
    rows = [("1", SCAM), ("2", MEETING), ("3", SCAM)]
    text = "id,text\n" + "".join(f"{i},{t}\n" for i, t in rows)
    (tmp_path / "reports.csv").write_bytes(text.encode("gb18030"))
    result = scamnet_cli("inspect", "text", "--file", "reports.csv", "--column", "text", "--out", "out.jsonl", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    written = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [(w["line"], w["label"]) for w in written] == [
        (2, "government_impersonation"), (3, "legitimate"), (4, "government_impersonation")]
    assert "3 items (2 distinct)" in result.stderr and "gb18030" in result.stderr


def test_a_missing_column_is_one_error_line_naming_column_and_file(tmp_path: Path) -> None:
    (tmp_path / "reports.csv").write_text("id,body\n1,hello\n", encoding="utf-8")
    result = scamnet_cli("inspect", "text", "--file", "reports.csv", "--column", "text", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == "error: reports.csv has no column 'text'"


def test_a_file_of_links_flags_the_lookalike_and_not_the_bank(tmp_path: Path) -> None:
    (tmp_path / "links.txt").write_text("hxxp://www.icbc.com.cn[.]secure-login.xyz/login\nhttps://www.icbc.com.cn/\n")
    result = scamnet_cli("inspect", "url", "--file", "links.txt", "--format", "csv", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    written = list(csv.DictReader(result.stdout.splitlines()))
    assert [(w["line"], w["label"]) for w in written] == [("1", "phishing"), ("2", "legitimate")]
    assert "ICBC" in written[0]["reasons"]


def test_a_messages_lookalike_link_is_judged_with_it_unless_words_only_is_asked(tmp_path: Path) -> None:
    lure = "BBVA: Hemos bloqueado su tarjeta por actividad sospechosa. Verifique sus datos en http://bbva-seguridad.top/login"
    (tmp_path / "reported.txt").write_text(lure + "\n", encoding="utf-8")
    labels = []
    for flag in ("--links", "--words-only"):
        result = scamnet_cli("inspect", "text", "--file", "reported.txt", flag, "--format", "jsonl", cwd=tmp_path)
        assert result.returncode == 0, result.stderr
        labels.append(json.loads(result.stdout.splitlines()[0])["label"])
    assert labels == ["phishing", "legitimate"]

"""Link service: the bench on a small set in the Hannousse shape, a clear error without it, inspect."""

from __future__ import annotations

import csv
import gzip
import json
from pathlib import Path

import pytest

from scamnet.core.errors import NotFoundError
from scamnet.evaluate.urls import DETECTOR, LINEAR, bench_urls
from scamnet.service.urls import inspect_url

LEGIT = ["https://www.{}.com/", "https://www.{}.org/about", "https://en.{}.net/wiki/page", "http://{}.com/news/2017/story"]
PHISH = ["http://{}-verify.top/login.php", "http://secure-{}.xyz/signin?acct=1", "http://103.7.1.{}/paypal/update",
         "https://{}.firebaseapp.com/webscr"]


def _hannousse(root: Path) -> Path:
    folder = root / "hannousse-web-phishing-2021"
    folder.mkdir(parents=True)
    with (folder / "dataset_phishing.csv").open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["url", "length_url", "status"])  # the precomputed columns are never read
        for i in range(40):
            name = f"site{chr(97 + i % 26)}{i}"
            writer.writerow([LEGIT[i % 4].format(name), 0, "legitimate"])
            writer.writerow([PHISH[i % 4].format(name if i % 4 != 2 else i), 0, "phishing"])
    return root


def _all_sources(root: Path) -> Path:
    """Tiny stand-ins of every link source in their real shapes: Hannousse, PhishTank + ISCX, validin, MISP, maltrail."""
    _hannousse(root)
    folder = root / "phishtank-2020-iscx-benign"
    folder.mkdir()
    (folder / "phishtank-online-valid-2020.csv").write_text(
        "phish_id,url\n" + "".join(f"{i},{PHISH[i % 4].format(f'pt{i}x' if i % 4 != 2 else i)}\n" for i in range(30)),
        encoding="utf-8")
    (folder / "iscx-benign.csv").write_text("".join(LEGIT[i % 4].format(f"news{i}y") + "\n" for i in range(30)),
                                          encoding="utf-8")
    (root / "validin-phish-domains").mkdir()
    with gzip.open(root / "validin-phish-domains" / "domains.txt.gz", "wt", encoding="utf-8") as out:
        out.write("".join(f"secure-login-{i}.top\nwallet{i}-verify.xyz\n" for i in range(20)) + "/a/path/\n")
    for name in ("moz-top500", "tranco10k", "majestic_million", "cisco_top20k", "cloudflare-top100k", "bank-website",
                 "university_domains", "url-shortener", "link-in-bio", "dynamic-dns"):
        (root / "misp-warninglists" / name).mkdir(parents=True)
        entries = [f"{name.split('_')[0].split('-')[0]}site{i}.com" for i in range(8)]
        (root / "misp-warninglists" / name / "list.json").write_text(json.dumps({"list": entries}), encoding="utf-8")
    (root / "maltrail-suspicious").mkdir()
    for name in ("free_web_hosting", "dynamic_domain"):
        (root / "maltrail-suspicious" / f"{name}.txt").write_text("# header\nfreehost.example\n", encoding="utf-8")
    return root


def test_bench_leaves_each_source_out_and_cross_validates_the_trainable_ones(tmp_path: Path) -> None:
    result = bench_urls(_all_sources(tmp_path), folds=3, ablations=False).to_json()
    assert result["rows"] == []
    left_out = {r["source"]: r for r in result["sources"] if r["how"] == "left out"}
    assert set(left_out) == {"hannousse", "validin_misp", "phishtank_iscx"}
    # the evaluation-only source is never trained on; the left-out source never trains its own model
    assert all("phishtank_iscx" not in r["trained_on"] for r in result["sources"])
    assert left_out["hannousse"]["trained_on"] == "validin_misp"
    assert left_out["phishtank_iscx"]["trained_on"] == "hannousse+validin_misp"
    assert {r["source"] for r in result["sources"] if r["how"].startswith("in source")} == {"hannousse", "validin_misp"}
    assert left_out["phishtank_iscx"]["roc_auc"] >= 0.9


def test_bench_with_ablations_reports_each_one_on_hannousse(tmp_path: Path) -> None:
    result = bench_urls(_all_sources(tmp_path), folds=3).to_json()
    rows = {r["method"]: r for r in result["rows"]}
    assert result["urls"] == 80 and result["phishing"] == 40
    assert rows[DETECTOR]["roc_auc"] >= 0.95 and rows[LINEAR]["roc_auc"] >= 0.95
    assert {"lexical + brand signals only", "n-grams only", "brand lookalikes only"} <= set(rows)
    assert rows[DETECTOR]["urls_per_s"] > 0


def test_bench_names_the_missing_data_set(tmp_path: Path) -> None:
    with pytest.raises(NotFoundError, match="maltrail-suspicious"):
        bench_urls(tmp_path / "nowhere")


def test_inspect_names_the_brand_a_lookalike_imitates() -> None:
    result = inspect_url("hxxps://paypa1[.]com/signin")
    assert result["risky"] and result["brands"] == ["PayPal"]
    assert inspect_url("https://www.paypal.com/")["official"] == "PayPal"

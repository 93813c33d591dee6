"""Link service: the bench on a small set in the Hannousse shape, a clear error without it, inspect."""

from __future__ import annotations

import csv
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


def test_bench_separates_obvious_phishing_and_reports_each_ablation(tmp_path: Path) -> None:
    result = bench_urls(_hannousse(tmp_path), folds=3).to_json()
    rows = {r["method"]: r for r in result["rows"]}
    assert result["urls"] == 80 and result["phishing"] == 40
    assert rows[DETECTOR]["roc_auc"] >= 0.95 and rows[LINEAR]["roc_auc"] >= 0.95
    assert {"lexical + brand signals only", "n-grams only", "brand lookalikes only"} <= set(rows)
    assert rows[DETECTOR]["urls_per_s"] > 0


def test_bench_without_ablations_measures_the_detector_alone(tmp_path: Path) -> None:
    result = bench_urls(_hannousse(tmp_path), folds=3, ablations=False).to_json()
    assert [r["method"] for r in result["rows"]] == [DETECTOR]


def test_bench_names_the_missing_data_set(tmp_path: Path) -> None:
    with pytest.raises(NotFoundError, match="hannousse-web-phishing-2021"):
        bench_urls(tmp_path / "nowhere")


def test_inspect_names_the_brand_a_lookalike_imitates() -> None:
    result = inspect_url("hxxps://paypa1[.]com/signin")
    assert result["risky"] and result["brands"] == ["PayPal"]
    assert inspect_url("https://www.paypal.com/")["official"] == "PayPal"

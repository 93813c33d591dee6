"""``bench all`` over several worlds: per-world figures and their mean and spread, and the world without reports."""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from scamnet.evaluate.seeds import spread_rows
from scamnet.evaluate.world_views import world_without_reports
from scamnet.features.data import Data
from scamnet.sim import simulate


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("world")
    simulate("demo", seed=4, people=800, days=8).write(folder)
    return Path(folder)


def test_the_world_without_reports_is_the_same_world_with_no_report_in_it(world: Path, tmp_path: Path) -> None:
    whole, without = Data.from_dir(world), Data.from_dir(world_without_reports(world, tmp_path))
    assert whole.count("reports") > 0 and whole.count("report_items") > 0
    assert (without.count("reports"), without.count("report_items")) == (0, 0)
    for name in ("calls", "messages", "transfers", "labels"):
        assert without.count(name) == whole.count(name)
    assert (world / "reports.parquet").exists()  # the world itself is left as it was


def test_several_worlds_give_each_figure_its_mean_and_range_and_the_same_world_twice_none(world: Path,
                                                                                         tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "scamnet", "bench", "all", "--world", str(world), "--world",
                             str(world), "--no-timings", "--json", "s.json"],
                            cwd=tmp_path, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    written = json.loads((tmp_path / "s.json").read_text(encoding="utf-8"))
    assert len(written["runs"]) == 2 and written["worlds"] == [str(world)] * 2
    spread = {(s["table"], s["row"], s["figure"]): s for s in written["spread"]}
    recall = spread[("detectors", "mule unsupervised", "recall")]
    assert recall["worlds"] == 2 and recall["min"] == recall["max"] == recall["mean"] and recall["sd"] == 0.0
    # several worlds measure the recall without reports by default
    assert spread[("detectors", "mule unsupervised", "recall_without_reports")]["worlds"] == 2
    assert ("tracing", "fifo", "freeze_precision") in spread and ("gangs", "gangs", "ari") in spread
    assert "mean (min–max)" in result.stdout


def test_a_figure_not_measured_on_a_world_is_left_out_of_its_mean() -> None:
    from scamnet.evaluate.seeds import _spread

    s = _spread("detectors", "goip unsupervised", "recall", [1.0, math.nan, 0.5])
    assert (s.worlds, s.mean, s.low, s.high) == (2, 0.75, 0.5, 1.0)
    assert math.isnan(_spread("detectors", "goip unsupervised", "tuned_f1", [math.nan]).mean)
    assert spread_rows([]) == []


def test_the_labels_of_a_world_stay_in_the_view_without_reports(world: Path, tmp_path: Path) -> None:
    view = world_without_reports(world, tmp_path)
    labels = duckdb.sql(f"SELECT count(*) FROM '{view / 'labels.parquet'}'").fetchall()[0][0]
    assert labels > 0 and not (view / "reports.parquet").exists()

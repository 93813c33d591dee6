"""``scamnet bench all`` on a small simulated world: one row per detector and mode, goals beside them, timings."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from scamnet.core.clock import SystemClock
from scamnet.core.settings import Settings
from scamnet.evaluate.suite import GOALS, bench_all
from scamnet.sim import simulate


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("world")
    simulate("demo", seed=3, people=800, days=8).write(folder)
    return Path(folder)


@pytest.fixture(scope="module")
def figures(world: Path) -> dict:
    return bench_all(world, Settings(), SystemClock(), without_reports=True).to_json()


def test_every_row_is_scored_at_the_shipped_alert_threshold_and_label_tuning_only_beside_it(figures: dict,
                                                                                             world: Path) -> None:
    assert {r["threshold"] for r in figures["detectors"]} == {Settings().alert_threshold}
    tuned = {(r["detector"], r["mode"]) for r in figures["detectors"] if r["tuned_threshold"] is not None}
    assert tuned == {("mule", "unsupervised"), ("mule", "lightgbm")}
    strict = bench_all(world, Settings().replace(alert_threshold=0.95), SystemClock(), timings=False).to_json()
    for loose, tight in zip(figures["detectors"], strict["detectors"], strict=True):
        assert tight["threshold"] == 0.95
        assert tight["recall"] <= loose["recall"]  # a stricter alert line never finds more
        assert tight["recall_at_0.1%_fp"] == loose["recall_at_0.1%_fp"]  # the budget figures do not depend on it
        assert tight["tuned_threshold"] == loose["tuned_threshold"]  # nor does the label-tuned threshold


def test_each_detector_is_measured_again_without_the_victims_reports(figures: dict) -> None:
    for row in figures["detectors"]:
        assert 0.0 <= row["recall_without_reports"] <= 1.0 and row["recall_at_0.1%_fp_without_reports"] is not None


def test_every_detector_has_a_row_per_mode_with_its_goal(figures: dict) -> None:
    modes = {(r["detector"], r["mode"]) for r in figures["detectors"]}
    assert modes == {("goip", "unsupervised"), ("goip", "supervised"), ("fraud_number", "unsupervised"),
                     ("fraud_number", "supervised"), ("mule", "unsupervised"), ("mule", "lightgbm"),
                     ("scam_text", "shipped model"), ("scam_text", "in context (as run alerts)"),
                     ("url_risk", "shipped model")}
    assert all(r["goal"] == GOALS[r["detector"]] for r in figures["detectors"])


def test_the_figures_count_only_labelled_positives_and_unlabelled_normals(figures: dict, world: Path) -> None:
    rows = {(r["detector"], r["mode"]): r for r in figures["detectors"]}
    scams = duckdb.sql(f"SELECT count(*) FROM '{world / 'labels.parquet'}' WHERE label = 'scam_message'").fetchall()[0][0]
    messages = duckdb.sql(f"SELECT count(*) FROM '{world / 'messages.parquet'}'").fetchall()[0][0]
    text = rows[("scam_text", "shipped model")]
    assert (text["positives"], text["normals"]) == (scams, messages - scams)
    in_context = rows[("scam_text", "in context (as run alerts)")]
    assert (in_context["positives"], in_context["normals"]) == (scams, messages - scams)
    # what the run alerts on weighs the words with their senders and links: it finds at least what the words do
    assert in_context["recall_at_0.1%_fp"] >= text["recall_at_0.1%_fp"] - 0.01
    for row in figures["detectors"]:
        assert row["normals"] > row["positives"] > 0
        assert 0.0 <= row["recall"] <= 1.0


def test_the_planted_gateways_are_found_on_the_late_half_of_the_world(figures: dict) -> None:
    goip = next(r for r in figures["detectors"] if r["detector"] == "goip" and r["mode"] == "unsupervised")
    assert goip["positives"] > 0 and goip["recall"] == 1.0


def test_tracing_is_measured_for_each_policy_and_gangs_against_the_planted_ones(figures: dict) -> None:
    assert {r["policy"] for r in figures["tracing"]} == {"fifo", "lifo", "haircut", "poison"}
    assert figures["gangs"]["gangs_planted"] > 0 and 0.0 <= figures["gangs"]["ari"] <= 1.0


def test_the_main_job_is_timed_step_by_step(figures: dict) -> None:
    timings = figures["timings"]
    assert timings["bench_without_reports"] > 0
    steps = [timings[f"run_{step}_s"] for step in ("telecom", "content", "money", "wallets", "linking", "timeline")]
    assert timings["ingest_s"] > 0 and timings["run_s"] == pytest.approx(sum(steps), abs=0.05)


def test_the_command_writes_the_same_table_as_json(world: Path, tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "scamnet", "bench", "all", "--world", str(world), "--json", "b.json"],
                            cwd=tmp_path, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    written = json.loads((tmp_path / "b.json").read_text(encoding="utf-8"))
    assert [r["detector"] for r in written["detectors"]] == ["goip", "goip", "fraud_number", "fraud_number",
                                                           "mule", "mule", "scam_text", "scam_text", "url_risk"]
    assert "R@0.1% >= 0.95 (hard)" in result.stdout

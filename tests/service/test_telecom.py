"""Telecom detection as a run step (alerts in the store) and as a bench (figures against labels)."""

from __future__ import annotations

from pathlib import Path

import pyarrow.parquet as pq
import pytest

from scamnet.core.settings import Settings
from scamnet.detect.telecom.example_world import telecom_example
from scamnet.evaluate.telecom import bench_telecom
from scamnet.service.telecom import run_telecom

WORLD = telecom_example(seed=2, people=150, days=8)


@pytest.fixture
def loaded(store):
    for name, rows in WORLD.tables.items():
        if name != "labels":
            store.con.register("incoming", rows)
            store.con.execute(f"INSERT INTO {name} SELECT * FROM incoming")
            store.con.unregister("incoming")
    return store


def test_run_telecom_raises_alerts_on_the_gateway_and_the_gang_numbers(loaded, clock) -> None:
    summary = run_telecom(loaded, Settings(), clock)
    alerts = dict(loaded.con.execute("SELECT entity, detector FROM alerts").fetchall())
    assert alerts[WORLD.gateway_imei] == "goip"
    assert {n for n in WORLD.fraud_numbers if alerts.get(n) == "fraud_number"} == set(WORLD.fraud_numbers)
    assert not {*WORLD.call_centre_numbers, *WORLD.call_centre_imeis, WORLD.courier_number} & alerts.keys()
    assert summary["goip"]["alerts"] == 1 and summary["goip"]["scored"] > 150


def test_run_telecom_twice_leaves_the_same_alerts(loaded, clock) -> None:
    run_telecom(loaded, Settings(), clock)
    first = loaded.con.execute("SELECT entity, detector, score, reasons FROM alerts ORDER BY ALL").fetchall()
    run_telecom(loaded, Settings(), clock)
    assert loaded.con.execute("SELECT entity, detector, score, reasons FROM alerts ORDER BY ALL").fetchall() == first


def test_an_alert_carries_its_reasons_in_words(loaded, clock) -> None:
    run_telecom(loaded, Settings(), clock)
    reasons = loaded.con.execute("SELECT reasons FROM alerts WHERE entity = ?", [WORLD.gateway_imei]).fetchall()[0][0]
    assert "IMSIs on this IMEI" in reasons[0] and reasons[-1].startswith("its SIMs (IMSI)")


def test_the_bench_fits_on_the_first_half_and_finds_the_gang_in_the_second(tmp_path: Path) -> None:
    for name, rows in WORLD.tables.items():
        pq.write_table(rows, tmp_path / f"{name}.parquet")
    result = bench_telecom(tmp_path).to_json()
    assert result["fit_period"][1] == result["score_period"][0] == "2026-03-05T00:00:00+00:00"  # the UTC midnight nearest half-way
    rows = {(r["detector"], r["mode"]): r for r in result["rows"]}
    goip = rows["goip", "unsupervised"]
    assert (goip["positives"], goip["recall"], goip["flagged_normals"]) == (1, 1.0, 0)
    assert goip["call_centre_fp_rate"] == 0.0 and goip["courier_fp_rate"] == 0.0 and goip["call_centres"] == 3
    numbers = rows["fraud_number", "unsupervised"]
    assert numbers["positives"] == len(WORLD.fraud_numbers) and numbers["recall_at_0.1%_fp"] == 1.0
    assert rows["fraud_number", "supervised"]["lightgbm"] is True

"""SIM banks that spoof an IMEI per SIM are still found; sales callers and couriers with two SIMs are not flagged."""

from __future__ import annotations

import dataclasses

import pytest

from scamnet.detect.telecom.fraud_number import FraudNumberDetector
from scamnet.detect.telecom.goip import GoipDetector
from scamnet.sim import load_scenario, simulate


@pytest.fixture(scope="module")
def data():
    base = load_scenario("demo")
    scenario = dataclasses.replace(
        base,
        gangs=dataclasses.replace(base.gangs, imei_mode="sim", real_name_share=0.95, sim_age_min_days=14,
                                  sim_age_max_days=40, human_timing=0.8),
        confounders=dataclasses.replace(base.confounders, sales_callers=40, courier_second_sims=1.0, couriers=30),
    )
    return simulate(scenario, seed=2, people=2000, days=8).data()


def _entities(data, label: str, kind: str) -> set[str]:
    rows = data.con.sql(f"SELECT entity FROM labels WHERE label = '{label}' AND entity LIKE '{kind}:%'").fetchall()
    return {r[0] for r in rows}


def _flagged(detector, data) -> set[str]:
    detector.fit(data)
    return {r["entity"] for r in detector.score(data).to_pylist() if r["score"] >= 0.5}


def _devices_of(data, numbers: set[str]) -> set[str]:
    rows = data.con.sql("SELECT DISTINCT 'phone:' || caller, 'imei:' || caller_imei FROM calls").fetchall()
    return {imei for phone, imei in rows if phone in numbers}


def test_most_imeis_of_a_sim_bank_with_one_imei_per_sim_are_flagged_by_the_sims_taking_turns(data) -> None:
    spoofed = _entities(data, "goip_device", "imei")
    flagged = _flagged(GoipDetector(), data)
    active = spoofed & {r[0] for r in data.con.sql("SELECT DISTINCT 'imei:' || caller_imei FROM calls").fetchall()}
    assert len(active) > 30
    # every spoofed IMEI carries one SIM: only the bank's devices side by side can give it away
    assert len(flagged & active) >= 0.5 * len(active)
    honest = _devices_of(data, _entities(data, "telemarketer", "phone") | _entities(data, "courier", "phone"))
    assert not flagged & honest


def test_flagged_numbers_are_fraud_numbers_not_sales_callers_or_couriers_with_two_sims(data) -> None:
    flagged = _flagged(FraudNumberDetector(), data)
    honest = _entities(data, "telemarketer", "phone") | _entities(data, "courier", "phone")
    fraud = _entities(data, "goip_sim", "phone") | _entities(data, "fraud_number", "phone")
    assert len(honest) > 100 and len(flagged & fraud) > 50
    # the goal: nine alerts in ten are fraud among many honest bulk callers
    assert len(flagged & fraud) >= 0.9 * len(flagged & (fraud | honest))

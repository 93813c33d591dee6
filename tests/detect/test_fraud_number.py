"""The fraud_number detector flags the gang's numbers, not the call centre's or the courier's."""

from __future__ import annotations

import pyarrow as pa
import pytest

from scamnet.detect.telecom.example_world import telecom_example
from scamnet.detect.telecom.fraud_number import FraudNumberDetector
from scamnet.features.data import Data


@pytest.fixture(scope="module")
def world():
    return telecom_example(seed=5)


@pytest.fixture(scope="module")
def scored(world):
    data = Data.from_tables(**world.tables)
    detector = FraudNumberDetector(seed=5).fit(data)
    scores = dict(zip(*(detector.score(data)[c].to_pylist() for c in ("entity", "score")), strict=True))
    return detector, scores


def test_every_gateway_sim_and_bulk_number_is_flagged(world, scored) -> None:
    _, scores = scored
    assert [n for n in world.fraud_numbers if scores[n] < 0.5] == []


def test_call_centre_lines_and_the_courier_are_not_flagged(world, scored) -> None:
    _, scores = scored
    assert [n for n in [*world.call_centre_numbers, world.courier_number] if scores[n] >= 0.5] == []


def test_the_fraud_numbers_outrank_everyone_else(world, scored) -> None:
    _, scores = scored
    ranked = sorted(scores, key=scores.get, reverse=True)
    assert set(ranked[: len(world.fraud_numbers)]) == set(world.fraud_numbers)


def test_a_bulk_sms_number_is_explained_by_its_links_and_young_sim(world, scored) -> None:
    detector, _ = scored
    bulk = world.fraud_numbers[-1]
    reasons = detector.explain(bulk)
    assert "175 SMS (100% with links)" in reasons[0] and reasons[0].endswith("0% called back, in 7 days")
    assert any(r.startswith("SIM activated 3 days before") for r in reasons)


def test_a_gateway_sim_is_explained_by_the_sims_beside_it(world, scored) -> None:
    detector, _ = scored
    assert "its device carries 8 SIMs (typical: 2)" in detector.explain(world.gateway_numbers[0])


def test_a_number_victims_name_in_reports_ranks_above_its_twin_they_do_not() -> None:
    world = telecom_example(seed=5)
    named, twin = world.fraud_numbers[-2], world.fraud_numbers[-1]
    report_id = world.tables["reports"]["report_id"][0].as_py()
    reports = pa.table({"report_id": [report_id], "kind": ["phone"], "value": [named.removeprefix("phone:")]})
    data = Data.from_tables(**{**world.tables, "report_items": reports})
    detector = FraudNumberDetector().fit(data)
    scores = dict(zip(*(detector.score(data)[c].to_pylist() for c in ("entity", "score")), strict=True))
    assert scores[named] > scores[twin]
    assert "named in 1 victim reports" in detector.explain(named)

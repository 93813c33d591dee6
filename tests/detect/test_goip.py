"""The goip detector flags the planted gateway, not the call centre or the courier."""

from __future__ import annotations

import pyarrow as pa
import pytest

from scamnet.core.errors import NotFoundError
from scamnet.detect.telecom.example_world import telecom_example
from scamnet.detect.telecom.goip import GoipDetector
from scamnet.features.data import Data


@pytest.fixture(scope="module")
def world():
    return telecom_example(seed=3)


@pytest.fixture(scope="module")
def scored(world):
    data = Data.from_tables(**world.tables)
    detector = GoipDetector(seed=3).fit(data)
    scores = dict(zip(*(detector.score(data)[c].to_pylist() for c in ("entity", "score")), strict=True))
    return detector, scores


def test_the_planted_gateway_is_flagged_and_ranked_first(world, scored) -> None:
    _, scores = scored
    assert scores[world.gateway_imei] >= 0.5
    assert max(scores, key=scores.get) == world.gateway_imei


def test_no_call_centre_handset_or_courier_is_flagged_as_a_gateway(world, scored) -> None:
    _, scores = scored
    for imei in [*world.call_centre_imeis, world.courier_imei]:
        assert scores[imei] < 0.5, imei


def test_everyday_handsets_score_far_below_the_alert_line(world, scored) -> None:
    _, scores = scored
    people = [score for entity, score in scores.items() if entity.startswith("imei:35000")]
    assert len(people) == 200 and max(people) < 0.2


def test_the_explanation_gives_the_gateways_numbers_and_its_sims(world, scored) -> None:
    detector, _ = scored
    reasons = detector.explain(world.gateway_imei)
    assert reasons[0].startswith(f"{840:,} calls out, 0 in") and "8 IMSIs on this IMEI in 7 days" in reasons[0]
    assert any("8 IMSIs seen on this one device" in r for r in reasons)
    assert any("called back" in r for r in reasons)
    assert reasons[-1].startswith("its SIMs (IMSI): 46003")


def test_a_call_centre_is_explained_by_its_volume_not_by_sims(world, scored) -> None:
    detector, _ = scored
    reasons = " ".join(detector.explain(world.call_centre_imeis[0]))
    assert "IMSIs seen" not in reasons and "1 IMSIs on this IMEI" in reasons


def test_with_labels_it_trains_lightgbm_that_flags_the_next_worlds_gateway() -> None:
    first, second = (telecom_example(seed=s, people=120, days=3) for s in (1, 2))
    # the gang's devices of the first world: its gateway and the handsets of its bulk numbers
    devices = [first.gateway_imei, "imei:358000000000000", "imei:358000000000001"]
    labels = pa.table({"entity": devices, "label": ["goip_device"] * 3})
    detector = GoipDetector(seed=1).fit(Data.from_tables(**first.tables), labels=labels)
    assert detector.model_ is not None and detector.model_.positives == 3
    scores = detector.score(Data.from_tables(**second.tables))
    by_entity = dict(zip(scores["entity"].to_pylist(), scores["score"].to_pylist(), strict=True))
    assert by_entity[second.gateway_imei] >= 0.5
    assert all(by_entity[imei] < 0.5 for imei in second.call_centre_imeis)
    assert any(r.startswith("model probability") for r in detector.explain(second.gateway_imei))


def test_one_labelled_gateway_is_too_few_to_train_on(world) -> None:
    data = Data.from_tables(**world.tables)
    labels = pa.table({"entity": [world.gateway_imei], "label": ["goip_device"]})
    assert GoipDetector().fit(data, labels=labels).model_ is None


def test_explaining_an_entity_it_never_scored_is_a_clear_error(scored) -> None:
    detector, _ = scored
    with pytest.raises(NotFoundError):
        detector.explain("imei:000")

"""The mule detector on the small hand-built money world (``detect.money.example``)."""

from __future__ import annotations

import pyarrow as pa
import pytest

from scamnet.detect.money import MuleDetector
from scamnet.detect.money.example import MERCHANTS, MULE_DORMANT, MULE_EVERYDAY, MULES, PEOPLE, money_world
from scamnet.features.data import Data


@pytest.fixture(scope="module")
def scored() -> tuple[MuleDetector, dict[str, float]]:
    data = MuleDetector.example_data(3)
    detector = MuleDetector(seed=3).fit(data)
    result = detector.score(data)
    return detector, dict(zip(result["entity"].to_pylist(), result["score"].to_pylist(), strict=True))


def test_every_mule_of_the_chain_outscores_every_innocent_account(scored):
    _, scores = scored
    mules = [scores[f"account:{m}"] for m in MULES]
    innocent = [s for e, s in scores.items() if e.removeprefix("account:") not in MULES]
    assert min(mules) > max(innocent)


def test_a_mule_with_normal_history_is_still_found_by_its_burst(scored):
    detector, scores = scored
    assert scores[f"account:{MULE_EVERYDAY}"] >= 0.5
    assert any("within 1 h" in r for r in detector.explain(f"account:{MULE_EVERYDAY}"))


def test_an_innocent_merchant_with_high_fan_in_is_not_flagged(scored):
    _, scores = scored
    assert all(scores[f"account:{m}"] < 0.5 for m in MERCHANTS)


def test_the_dormant_mule_is_explained_by_its_waking_up_and_its_victims(scored):
    detector, _ = scored
    reasons = " | ".join(detector.explain(f"account:{MULE_DORMANT}"))
    assert "victim report" in reasons and "quiet for" in reasons


def test_labels_given_to_fit_train_lightgbm_that_ranks_mules_first():
    world = money_world(5)
    data = Data.from_tables(**world)
    labels = pa.table({"entity": [f"account:{m}" for m in MULES] + [f"account:{p}" for p in PEOPLE[:3]],
                       "label": ["mule_l1", "mule_l1", "mule_l2", "cashout", "victim", "victim", "victim"]})
    detector = MuleDetector(seed=5, trees=50).fit(data, labels=labels)
    assert detector.model_ is not None
    top = detector.score(data)["entity"].to_pylist()[: len(MULES)]
    assert set(top) == {f"account:{m}" for m in MULES}


def test_labels_with_no_mule_leave_the_detector_unsupervised():
    data = MuleDetector.example_data(1)
    labels = pa.table({"entity": ["account:P001"], "label": ["victim"]})
    assert MuleDetector(seed=1).fit(data, labels=labels).model_ is None


def test_labels_add_to_what_the_evidence_flags_and_take_none_of_it_away():
    # labels that know only the chain's first mules: the model has never seen the others' like, and they stay flagged
    data = Data.from_tables(**money_world(5))
    evidence = MuleDetector(seed=5).fit(data).score(data)
    flagged = {e for e, s in zip(evidence["entity"].to_pylist(), evidence["score"].to_pylist(), strict=True) if s >= 0.5}
    known = MULES[:1]
    labels = {f"account:{a}": a in known for a in [*MULES, *PEOPLE]}
    detector = MuleDetector(seed=5, trees=50).fit(data, labels=labels)
    with_labels = dict(zip(*(detector.score(data)[c].to_pylist() for c in ("entity", "score")), strict=True))
    assert detector.model_ is not None
    assert {f"account:{m}" for m in MULES[1:]} & flagged  # mules the labels do not name, found by their evidence
    assert all(with_labels[e] >= 0.5 for e in flagged)

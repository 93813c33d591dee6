"""The shared contract, checked on every registered detector (scikit-learn's and river's habit).

Each detector runs on its own ``example_data``: the same seed gives the same scores; empty input
gives an empty ``(entity, score)`` table; scores are in [0, 1], highest first, of the detector's
entity kinds; the top entity is explained in words.
"""

from __future__ import annotations

import pyarrow as pa
import pytest

from scamnet.detect.base import SCORES_SCHEMA, Detector, detectors
from scamnet.features.data import Data

DETECTORS = detectors()


def _scores(cls: type[Detector], seed: int) -> tuple[Detector, pa.Table]:
    data = cls.example_data(seed)
    detector = cls(seed=seed).fit(data)
    return detector, detector.score(data)


@pytest.fixture(scope="module", params=sorted(DETECTORS))
def scored(request: pytest.FixtureRequest) -> tuple[type[Detector], Detector, pa.Table]:
    cls = DETECTORS[request.param]
    detector, scores = _scores(cls, seed=7)
    return cls, detector, scores


def test_telecom_detectors_are_registered() -> None:
    assert {"goip", "fraud_number"} <= set(DETECTORS)


def test_the_same_seed_gives_the_same_scores(scored) -> None:
    cls, _, scores = scored
    assert _scores(cls, seed=7)[1].equals(scores)


def test_empty_input_gives_an_empty_scores_table(scored) -> None:
    cls = scored[0]
    empty = Data.from_tables()
    result = cls(seed=0).fit(empty).score(empty)
    assert result.num_rows == 0
    assert result.schema.equals(SCORES_SCHEMA)


def test_scores_are_entity_then_score_within_zero_and_one(scored) -> None:
    _, _, scores = scored
    assert scores.schema.equals(SCORES_SCHEMA)
    assert scores.num_rows > 0
    assert all(0.0 <= s <= 1.0 for s in scores["score"].to_pylist())


def test_scores_come_highest_first_ties_by_entity(scored) -> None:
    _, _, scores = scored
    keys = [(-row["score"], row["entity"]) for row in scores.to_pylist()]
    assert keys == sorted(keys)


def test_every_scored_entity_is_of_a_kind_the_detector_declares(scored) -> None:
    cls, _, scores = scored
    kinds = {entity.partition(":")[0] for entity in scores["entity"].to_pylist()}
    assert kinds <= set(cls.entity_kinds)


def test_the_top_entity_is_explained_in_words(scored) -> None:
    _, detector, scores = scored
    reasons = detector.explain(scores["entity"][0].as_py())
    assert reasons and all(isinstance(r, str) and r.strip() for r in reasons)

"""The shared contract, checked on every registered detector (scikit-learn's and river's habit).

Each detector runs on its own ``example_data``: the same seed gives the same scores; empty input
gives an empty ``(entity, score)`` table; scores are in [0, 1], highest first, one row per entity,
of the detector's entity kinds; a detector fitted on one world scores another; the ``labels``
table of the data never changes a score; every scored entity is explained in words, and any
other entity is a ``NotFoundError`` that names it; constructors only store their parameters and
what ``fit`` learns ends in ``_``.
"""

from __future__ import annotations

import inspect
import random

import pyarrow as pa
import pytest

from scamnet.core.enums import LabelRole
from scamnet.core.errors import NotFoundError
from scamnet.detect.base import SCORES_SCHEMA, Detector, detectors
from scamnet.features.data import Data
from scamnet.schema import INPUT_TABLES, table

DETECTORS = detectors()
SEED, OTHER_SEED = 7, 11


def _scores(cls: type[Detector], seed: int) -> tuple[Detector, pa.Table]:
    data = cls.example_data(seed)
    detector = cls(seed=seed).fit(data)
    return detector, detector.score(data)


@pytest.fixture(scope="module", params=sorted(DETECTORS))
def scored(request: pytest.FixtureRequest) -> tuple[type[Detector], Detector, pa.Table]:
    cls = DETECTORS[request.param]
    detector, scores = _scores(cls, seed=SEED)
    return cls, detector, scores


def _with_labels(data: Data, labels: pa.Table) -> Data:
    """The same world on a fresh connection, its ``labels`` table replaced by ``labels``."""
    tables = {spec.name: data.table(spec.name) for spec in INPUT_TABLES if spec.name != "labels"}
    return Data.from_tables(data.since, data.until, labels=labels, **tables)


def _wrong_labels(entities: list[str], seed: int) -> pa.Table:
    """A random half of ``entities`` holding every role at once: positives of any detector, and wrong ones."""
    draw = random.Random(seed)
    chosen = [e for e in entities if draw.random() < 0.5]
    rows = [{"entity": e, "label": role.value} for e in chosen for role in LabelRole]
    return pa.Table.from_pylist(rows, schema=pa.schema([("entity", pa.string()), ("label", pa.string())]))


def _in_words(reasons: list[str]) -> bool:
    return bool(reasons) and all(isinstance(r, str) and r.strip() for r in reasons)


def _public_attributes(detector: Detector) -> set[str]:
    return {name for name in vars(detector) if not name.startswith("_")}


# -- what a score table is ------------------------------------------------------------------


def test_every_built_in_detector_is_registered() -> None:
    assert {"goip", "fraud_number", "mule", "scam_text", "url_risk"} <= set(DETECTORS)


def test_the_same_seed_gives_the_same_scores(scored) -> None:
    cls, _, scores = scored
    assert _scores(cls, seed=SEED)[1].equals(scores)


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


def test_each_entity_is_scored_once(scored) -> None:
    _, _, scores = scored
    entities = scores["entity"].to_pylist()
    assert len(set(entities)) == len(entities)


def test_every_scored_entity_is_of_a_kind_the_detector_declares(scored) -> None:
    cls, _, scores = scored
    kinds = {entity.partition(":")[0] for entity in scores["entity"].to_pylist()}
    assert kinds <= set(cls.entity_kinds)


# -- fitting and scoring different data -------------------------------------------------------


def test_fitted_on_one_world_it_scores_the_entities_of_another(scored) -> None:
    cls = scored[0]
    other = cls.example_data(OTHER_SEED)
    across = cls(seed=SEED).fit(cls.example_data(SEED)).score(other)
    at_home = cls(seed=OTHER_SEED).fit(other).score(other)
    assert across.schema.equals(SCORES_SCHEMA)
    assert across.num_rows > 0
    assert sorted(across["entity"].to_pylist()) == sorted(at_home["entity"].to_pylist())


@pytest.mark.parametrize("labels", ["emptied", "wrong"])
def test_the_labels_table_never_changes_a_score(scored, labels: str) -> None:
    cls, _, scores = scored
    entities = scores["entity"].to_pylist()
    replaced = table("labels").empty() if labels == "emptied" else _wrong_labels(entities, SEED)
    assert labels == "emptied" or replaced.num_rows > len(entities)  # the wrong labels name scored entities
    data = _with_labels(cls.example_data(SEED), replaced)
    assert cls(seed=SEED).fit(data).score(data).equals(scores)


# -- explain ----------------------------------------------------------------------------------


def test_every_scored_entity_is_explained_in_words(scored) -> None:
    _, detector, scores = scored
    unexplained = [e for e in scores["entity"].to_pylist() if not _in_words(detector.explain(e))]
    assert unexplained == []


def test_an_entity_never_scored_is_a_not_found_error_naming_it(scored) -> None:
    cls, detector, _ = scored
    entity = f"{cls.entity_kinds[0]}:never-scored"
    with pytest.raises(NotFoundError) as raised:
        detector.explain(entity)
    assert repr(entity) in raised.value.message and cls.name in raised.value.message
    assert "score" in raised.value.hint


def test_before_any_score_nothing_is_explained(scored) -> None:
    cls, _, scores = scored
    fitted = cls(seed=SEED).fit(cls.example_data(SEED))
    with pytest.raises(NotFoundError):
        fitted.explain(scores["entity"][0].as_py())


def test_explain_answers_for_the_last_score_only(scored) -> None:
    cls, _, scores = scored
    data = cls.example_data(SEED)
    detector = cls(seed=SEED).fit(data)
    detector.score(data)
    detector.score(Data.from_tables())
    with pytest.raises(NotFoundError):
        detector.explain(scores["entity"][0].as_py())


# -- learned state ----------------------------------------------------------------------------


def test_the_constructor_only_stores_its_parameters(scored) -> None:
    cls = scored[0]
    parameters = set(inspect.signature(cls.__init__).parameters) - {"self"}
    assert set(vars(cls())) == parameters


def test_fit_learns_attributes_ending_in_underscore_and_score_learns_none(scored) -> None:
    cls = scored[0]
    data = cls.example_data(SEED)
    detector = cls(seed=SEED)
    parameters = _public_attributes(detector)
    detector.fit(data)
    learned = _public_attributes(detector) - parameters
    assert learned and all(name.endswith("_") for name in learned)
    detector.score(data)
    assert _public_attributes(detector) == parameters | learned

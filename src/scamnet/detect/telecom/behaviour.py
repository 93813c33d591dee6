"""What the telecom detectors share: features from SQL, robust evidence, optional LightGBM, reasons.

A subclass names its feature query, the signals that make an entity suspicious, the labels that
count as positive when a model is trained, and how its reasons read.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any, ClassVar, Self

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from scamnet.detect.base import not_scored_error, scores_table
from scamnet.detect.telecom.boosted_model import BoostedModel, fit_boosted_model
from scamnet.detect.telecom.robust_scores import (
    Reference,
    Signal,
    fit_reference,
    logistic_scores,
    signal_deviations,
    strongest_signals,
    weighted_evidence,
)
from scamnet.detect.telecom.row_scores import Plan, Row, row_deviations, row_evidence, row_logistic, row_of, row_plan
from scamnet.features.data import Data
from scamnet.features.runner import run_feature
from scamnet.features.telecom import telecom_features

Columns = dict[str, np.ndarray]


@dataclass(frozen=True)
class Scored:
    """What ``explain`` needs about the last scored entities."""

    rows: dict[str, int]
    features: pa.Table
    deviations: Columns
    scores: np.ndarray
    days: float


class BehaviourScoring:
    """Scores the entities of one feature query by their robust behavioural evidence.

    A mixin, listed before ``Detector`` (``class GoipDetector(BehaviourScoring, Detector)``): an
    intermediate subclass of ``Detector`` would be registered as a detector of its own.
    """

    name: ClassVar[str]
    seed: int

    feature_query: ClassVar[str]
    signals: ClassVar[tuple[Signal, ...]]
    #: label roles (``labels.label``) that count as positives when ``fit`` is given labels
    positive_roles: ClassVar[frozenset[str]]
    #: how each signal reads in words; formatted with the entity's features and ``typ``, the typical value
    signal_words: ClassVar[dict[str, str]]
    #: signal families that legitimate lines share (calling many strangers): alone they stay below
    #: the alert line, so only evidence of another family can lift an entity over it
    capped_families: ClassVar[tuple[str, ...]] = ()
    #: what the last ``score`` saw, for ``explain``; none before a first ``score``
    _scored: Scored | None = None

    def __init__(
        self, *, seed: int = 0, centre: float = 15.0, width: float = 3.0, utc_offset_hours: float = 8.0
    ) -> None:
        super().__init__(seed=seed)  # type: ignore[call-arg]  # Detector's, after this mixin
        self.utc_offset_hours = utc_offset_hours
        self.centre = centre
        self.width = width

    # -- what a subclass says -------------------------------------------------------------
    def derived_columns(self, columns: Columns) -> Columns:
        """Signals computed from the feature columns (ratios, logs); the columns themselves by default."""
        return columns

    def derived_row(self, row: Row) -> Row:
        """``derived_columns`` of one entity's figures as floats (``score_row``)."""
        return row

    def headline(self, features: dict[str, Any], days: float) -> str:
        raise NotImplementedError

    def details(self, features: dict[str, Any]) -> list[str]:
        return []

    def features(self, data: Data) -> pa.Table:
        """This detector's feature table over ``data`` (one row per entity it can score).

        ``fit(data).score(data)`` on one ``Data`` computes them once: the last table is kept; the
        SIM-bank facts both telecom queries read are computed once per ``Data`` (``telecom_features``).
        """
        cached = getattr(self, "_features_of", None)
        if cached is not None and cached[0] is data:
            return cached[1]
        features = telecom_features(data, self.feature_query, utc_offset_hours=self.utc_offset_hours)
        self._features_of = (data, features)
        return features

    # -- the contract ---------------------------------------------------------------------
    def fit(self, data: Data, labels: pa.Table | None = None) -> Self:
        """Learn the typical subscriber from ``data``; with ``labels`` (entity, label) also train LightGBM."""
        return self.fit_features(self.features(data), labels)

    def fit_features(self, features: pa.Table, labels: pa.Table | None = None) -> Self:
        """``fit`` on a feature table computed elsewhere (the Spark engine computes it there)."""
        columns = self.derived_columns(_numeric_columns(features))
        self.reference_: Reference = fit_reference(columns, list(self.signals))
        self.model_: BoostedModel | None = None
        if labels is not None:
            target = _positives(features["entity"], labels, self.positive_roles)
            self.model_ = fit_boosted_model(self._model_columns(columns), target, self.seed)
        return self

    def score(self, data: Data) -> pa.Table:
        return self.score_features(self.features(data), _period_days(data))

    def score_features(self, features: pa.Table, days: float) -> pa.Table:
        """``score`` on a feature table of a period of ``days`` days (``explain`` words it so)."""
        columns = self.derived_columns(_numeric_columns(features))
        deviations = signal_deviations(columns, list(self.signals), self.reference_)
        scores = self._scores(columns, deviations)
        entities = features["entity"].to_pylist()
        self._scored = Scored(
            rows={e: i for i, e in enumerate(entities)},
            features=features,
            deviations=deviations,
            scores=scores,
            days=days,
        )
        return scores_table(entities, scores)

    def score_columns(self, columns: Columns) -> np.ndarray:
        """Scores of entities given as feature columns (the online detectors' live figures), nothing kept for ``explain``."""
        derived = self.derived_columns(columns)
        return self._scores(derived, signal_deviations(derived, list(self.signals), self.reference_))

    def score_row(self, figures: Mapping[str, Any], names: tuple[str, ...]) -> float | None:
        """``score_columns`` of one entity's figures (``names``: its feature columns) with Python floats, the same
        score to the last bit; None when a LightGBM model scores (its path is the vectorised one)."""
        if self.model_ is not None:
            return None
        derived = self.derived_row(row_of(figures, names))
        return row_logistic(self.evidence_row(derived, row_deviations(derived, self._row_plan())), self.centre, self.width)

    def explain(self, entity: str) -> list[str]:
        scored = self._scored
        if scored is None or entity not in scored.rows:
            raise not_scored_error(self.name, entity)
        row = scored.rows[entity]
        features = scored.features.slice(row, 1).to_pylist()[0]
        reasons = [self.headline(features, scored.days)]
        for name in strongest_signals(scored.deviations, list(self.signals), row):
            reasons.append(self.signal_words[name].format(**features, typ=self._typical(name)))
        if self.model_ is not None:
            reasons.append(
                f"model probability {scored.scores[row]:.2f} (LightGBM trained on "
                f"{self.model_.positives:,} labelled positives and {self.model_.negatives:,} others)"
            )
        return reasons + self.details(features)

    # -- inside ---------------------------------------------------------------------------
    def _scores(self, columns: Columns, deviations: Columns) -> np.ndarray:
        if self.model_ is not None:
            return self.model_.probabilities(self._model_columns(columns))
        return logistic_scores(self.evidence(columns, deviations), self.centre, self.width)

    def evidence(self, columns: Columns, deviations: Columns) -> np.ndarray:
        """How many weighted robust deviations speak against each entity (the sum of its signals')."""
        ceilings = dict.fromkeys(self.capped_families, self.centre - self.width)
        return weighted_evidence(deviations, list(self.signals), ceilings)

    def evidence_row(self, row: Row, deviations: Row) -> float:
        """``evidence`` of one entity (``score_row``)."""
        return row_evidence(deviations, self._row_plan())

    def _row_plan(self) -> list[Plan]:
        """The signals with the fitted reference and the families' ceilings, made once per ``fit``."""
        key = (self.reference_, self.centre, self.width)
        kept = self.__dict__.get("_row_plan_of")
        if kept is None or kept[0][0] is not key[0] or kept[0][1:] != key[1:]:
            ceilings = dict.fromkeys(self.capped_families, self.centre - self.width)
            kept = self._row_plan_of = (key, row_plan(list(self.signals), self.reference_, ceilings))
        return kept[1]

    def _model_columns(self, columns: Columns) -> Columns:
        return {k: v for k, v in columns.items() if v.dtype.kind in "fiub"}

    def _typical(self, name: str) -> float:
        return self.reference_.centre[name]


def _numeric_columns(features: pa.Table) -> Columns:
    found = {}
    for field in features.schema:
        if pa.types.is_integer(field.type) or pa.types.is_floating(field.type) or pa.types.is_boolean(field.type):
            # nulls (unknown, e.g. a SIM missing from subscribers) become NaN: typical, never suspicious
            found[field.name] = pc.cast(features[field.name], pa.float64()).to_numpy(zero_copy_only=False)
    return found


def _positives(entities: pa.ChunkedArray, labels: pa.Table, roles: frozenset[str]) -> np.ndarray:
    wanted = labels.filter(pc.is_in(labels["label"], pa.array(sorted(roles), pa.string())))
    return pc.is_in(entities, wanted["entity"]).to_numpy(zero_copy_only=False).astype(float)


def _period_days(data: Data) -> float:
    since, until = data.since, data.until
    if since is None or until is None:
        span = run_feature(data, "telecom/call_span").to_pylist()[0]
        low, high = span["first_at"], span["last_at"]
        since, until = since or low, until or high
    if not isinstance(since, datetime) or not isinstance(until, datetime):
        return 0.0
    return max((until - since).total_seconds() / 86_400, 0.0)


def share(value: float) -> str:
    """A share in words: ``0.4167`` → ``42 %``.

    >>> share(0.4167)
    '42 %'
    """
    return f"{100 * value:.0f} %"


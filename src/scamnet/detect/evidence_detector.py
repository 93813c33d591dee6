"""The skeleton the evidence-weighted detectors (``mule``, ``wallet_risk``) share.

Unsupervised by default: each sign of ``evidence`` gives a weighted strength, and ``combine`` (a
noisy-OR, raised to a power) turns them into a score. Given labels, ``fit`` also trains LightGBM
on the features plus that score, and the score becomes the higher of the two (``with_model``): the
model learns the gangs of its training period and may raise what the evidence misses, the evidence
score keeps what the model cannot have seen. Labels are an explicit argument, never read from the data.
"""

from __future__ import annotations

from abc import abstractmethod
from collections.abc import Mapping, Sequence
from types import MappingProxyType
from typing import Any, ClassVar, Self

import numpy as np
import pyarrow as pa

from scamnet.detect.base import Detector, not_scored_error, scores_table
from scamnet.detect.evidence import Columns, Evidence, Figures, RowStrength, weighted_row, weighted_strengths

#: Strength (weight x strength) a sign needs to be given as a reason.
REASON_FLOOR = 0.05


class EvidenceDetector(Detector):
    """Scores entities from a features table by weighted signs, optionally with LightGBM beside them."""

    #: the signs, in the order of the weighted-strength columns
    evidence: ClassVar[Sequence[Evidence]]
    #: the features' column naming the entity
    id_column: ClassVar[str]
    #: what the id column's values lack to be entity ids ("" when they are entity ids already)
    id_prefix: ClassVar[str] = ""
    #: feature columns that are text (for the reasons), not model inputs
    text_columns: ClassVar[tuple[str, ...]] = ()
    #: the amounts column whose positive values are the reference amounts of the signs
    reference_column: ClassVar[str]
    #: each sign's strength of one entity's figures as Python floats, in the order of ``evidence`` (``score_row``);
    #: none where a detector's entities are scored by ``score_columns`` alone
    row_strengths: ClassVar[tuple[RowStrength, ...]] = ()
    #: where each entity of the last ``score`` sits in its features; empty before a first ``score``
    _position: Mapping[str, int] = MappingProxyType({})
    _features: pa.Table
    _weights: np.ndarray

    def __init__(self, *, seed: int = 0, trees: int = 300) -> None:
        super().__init__(seed=seed)
        self.trees = trees

    @staticmethod
    @abstractmethod
    def combine(weighted: np.ndarray) -> np.ndarray:
        """The unsupervised score of each row of weighted strengths."""

    @abstractmethod
    def positives(self, labels: Any) -> set[str]:
        """The entity ids ``labels`` mark as positives."""

    def no_sign_reason(self, row: dict) -> str:
        """The reason given when no sign reaches ``REASON_FLOOR``."""
        return "no pattern stands out"

    def more_reasons(self, entity: str) -> list[str]:
        """Reasons beyond the signs (none by default)."""
        return []

    def fit_features(self, features: pa.Table, labels: Any = None) -> Self:
        """``fit`` on the detector's features table, computed once by the caller."""
        amounts = np.nan_to_num(features[self.reference_column].to_numpy(zero_copy_only=False).astype(float))
        self.reference_: np.ndarray = np.sort(amounts[amounts > 0])
        self.columns_: list[str] = [c for c in features.column_names if c not in self._not_inputs()]
        self.model_ = None
        positives = self.positives(labels) if labels is not None else set()
        y = np.array([e in positives for e in self._entities(features)], dtype=int)
        if 0 < y.sum() < len(y):  # LightGBM needs both classes
            _, unsupervised = self._unsupervised(features)
            model = lightgbm_classifier(self.seed, self.trees, rows=len(y))
            self.model_ = model.fit(self._matrix(features, unsupervised), y)
        return self

    def score_features(self, features: pa.Table) -> pa.Table:
        """``score`` on the detector's features table."""
        entities = self._entities(features)
        weighted, scores = self._unsupervised(features)
        if self.model_ is not None and entities:
            supervised = self.model_.predict_proba(self._matrix(features, scores))[:, 1]
            scores = with_model(supervised, scores)
        # explain() reads one row back on demand: converting a million rows up front costs seconds
        self._features = features
        self._position = {e: i for i, e in enumerate(entities)}
        self._weights = weighted
        self._scored(np.asarray(scores, dtype=float))
        return scores_table(entities, scores)

    def _scored(self, scores: np.ndarray) -> None:
        """Called with the scores of each ``score_features``, for what a subclass keeps of them."""

    def score_columns(self, cols: Columns) -> tuple[np.ndarray, np.ndarray]:
        """Scores and weighted strengths of entities given as feature columns (an online detector's live figures)."""
        weighted = weighted_strengths(self.evidence, cols, self.reference_)
        unsupervised = self.combine(weighted)
        if self.model_ is None:
            return unsupervised, weighted
        matrix = np.column_stack([*(np.asarray(cols[c], dtype=float) for c in self.columns_), unsupervised])
        return with_model(self.model_.predict_proba(matrix)[:, 1], unsupervised), weighted

    def score_row(self, figures: Figures) -> tuple[float, list[float]] | None:
        """``score_columns`` of one entity's figures with Python floats, the same score and weighted strengths to the
        last bit; None when LightGBM scores or the detector has no ``row_strengths`` (the vectorised path then)."""
        if self.model_ is not None or not self.row_strengths:
            return None
        weighted = weighted_row(self.evidence, self.row_strengths, figures, self._reference_list())
        return self.combine_row(weighted), weighted

    @staticmethod
    def combine_row(weighted: list[float]) -> float:
        """``combine`` of one entity's weighted strengths (a detector with ``row_strengths`` says how)."""
        raise NotImplementedError

    def _reference_list(self) -> list[float]:
        """The reference amounts as a sorted list of floats (``rank`` bisects it), made once per ``fit``."""
        kept = self.__dict__.get("_reference_list_of")
        if kept is None or kept[0] is not self.reference_:
            kept = self._reference_list_of = (self.reference_, self.reference_.tolist())
        return kept[1]

    def explain(self, entity: str) -> list[str]:
        at = self._position.get(entity)
        if at is None:
            raise not_scored_error(self.name, entity)
        row = self._features.slice(at, 1).to_pylist()[0]
        ranked = sorted(zip(self._weights[at], self.evidence, strict=True), key=lambda we: -we[0])
        reasons = [e.reason(row) for w, e in ranked if w >= REASON_FLOOR] + self.more_reasons(entity)
        return reasons or [self.no_sign_reason(row)]

    def _not_inputs(self) -> tuple[str, ...]:
        return (self.id_column, *self.text_columns)

    def _entities(self, features: pa.Table) -> list[str]:
        if not features.num_rows:
            return []
        return [self.id_prefix + e for e in features[self.id_column].to_pylist()]

    def _unsupervised(self, features: pa.Table) -> tuple[np.ndarray, np.ndarray]:
        if features.num_rows == 0:
            return np.zeros((0, len(self.evidence))), np.zeros(0)
        skip = self._not_inputs()
        cols = {c: features[c].to_numpy(zero_copy_only=False) for c in features.column_names if c not in skip}
        weighted = weighted_strengths(self.evidence, cols, self.reference_)
        return weighted, self.combine(weighted)

    def _matrix(self, features: pa.Table, unsupervised: np.ndarray) -> np.ndarray:
        cols = [features[c].to_numpy(zero_copy_only=False).astype(float) for c in self.columns_]
        return np.column_stack([*cols, unsupervised])


def with_model(supervised: np.ndarray, unsupervised: np.ndarray) -> np.ndarray:
    """The score given labels: the higher of LightGBM's probability and the evidence score.

    Until 2026-12-05 it was their mean. A model fitted on one period's labels scores the accounts of a gang it never
    saw near 0, so the mean halved their evidence and a mule the evidence alone flagged fell under the alert line
    (on the simulator's adversarial worlds the supervised mode found fewer mules than the unsupervised one). With the
    higher of the two the model adds what resembles its training gangs and takes nothing from the evidence.

    >>> with_model(np.array([0.9, 0.05, 0.2]), np.array([0.3, 0.8, 0.1])).tolist()
    [0.9, 0.8, 0.2]
    """
    return np.maximum(supervised, unsupervised)


def lightgbm_classifier(seed: int, trees: int = 300, rows: int = 0):
    """The LightGBM set-up the evidence detectors train (benchmarks give other features the same one).

    Small fits run on one thread: on a busy machine OpenMP threads waiting for a core cost
    seconds where the work takes milliseconds.
    """
    from lightgbm import LGBMClassifier

    return LGBMClassifier(n_estimators=trees, learning_rate=0.05, num_leaves=31, min_child_samples=5,
                          subsample=0.8, subsample_freq=1, colsample_bytree=0.8, random_state=seed,
                          deterministic=True, n_jobs=2 if rows >= 50_000 else 1, verbose=-1)

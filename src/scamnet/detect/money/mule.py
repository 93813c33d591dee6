"""Detector ``mule``: accounts that receive scam money and pass it on (money mules).

Unsupervised by default (the noisy-OR of ``evidence.py``). Given ``labels`` — an ``(entity,
label)`` table where mule roles (``mule_l1/2/3``, ``cashout``) mark the positives, or a mapping of
``account:`` ids to True / False — ``fit`` also trains LightGBM on the same features plus the
unsupervised score, and the score becomes the mean of LightGBM's probability and the
unsupervised score. Labels are an explicit argument, never read from the data.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType
from typing import ClassVar, Self, TypeAlias

import numpy as np
import pyarrow as pa

from scamnet.core.enums import EntityKind, LabelRole
from scamnet.detect.base import Detector, not_scored_error, scores_table
from scamnet.detect.money.evidence import EVIDENCE, evidence_strengths, mule_score
from scamnet.detect.money.example import money_world
from scamnet.detect.money.recruited import recruitment_reasons
from scamnet.features.data import Data
from scamnet.features.money import mule_features

PREFIX = f"{EntityKind.ACCOUNT.value}:"
MULE_ROLES = frozenset({LabelRole.MULE_L1, LabelRole.MULE_L2, LabelRole.MULE_L3, LabelRole.CASHOUT})
Labels: TypeAlias = Mapping[str, bool] | pa.Table
#: Strength (weight x strength) an evidence item needs to be given as a reason.
REASON_FLOOR = 0.05
#: Accounts scoring at least this get their holders' recruitment offers looked up together, on the first ``explain``.
RECRUITED_FLOOR = 0.3


class MuleDetector(Detector):
    name: ClassVar[str] = "mule"
    entity_kinds: ClassVar[tuple[str, ...]] = (EntityKind.ACCOUNT.value,)
    #: where each entity of the last ``score`` sits in its features; empty before a first ``score``
    _position: Mapping[str, int] = MappingProxyType({})
    _features: pa.Table
    _weights: np.ndarray
    _scores: np.ndarray
    _data: Data | None = None
    _recruited: dict[str, list[str]]

    def __init__(self, *, seed: int = 0, trees: int = 300, utc_offset_hours: float = 8.0,
                 text_model_path: Path | None = None) -> None:
        super().__init__(seed=seed)
        self.trees = trees
        self.utc_offset_hours = utc_offset_hours
        self.text_model_path = text_model_path

    def fit(self, data: Data, labels: Labels | None = None) -> Self:
        return self.fit_features(mule_features(data, self.utc_offset_hours), labels)

    def fit_features(self, features: pa.Table, labels: Labels | None = None) -> Self:
        """``fit`` on a table ``mule_features`` computed (so callers can compute it once)."""
        passed = np.nan_to_num(features["max_day_passed_1h"].to_numpy(zero_copy_only=False).astype(float))
        self.reference_: np.ndarray = np.sort(passed[passed > 0])
        self.columns_: list[str] = [c for c in features.column_names if c != "account_id"]
        self.model_ = None
        positives: set[str] = mule_entities(labels) if labels is not None else set()
        y = np.array([PREFIX + a in positives for a in features["account_id"].to_pylist()], dtype=int)
        if 0 < y.sum() < len(y):  # LightGBM needs both classes
            self.model_ = self._train(features, y)
        return self

    def score(self, data: Data) -> pa.Table:
        scores = self.score_features(mule_features(data, self.utc_offset_hours))
        self._data = data
        return scores

    def score_features(self, features: pa.Table) -> pa.Table:
        """``score`` on a table ``mule_features`` computed."""
        accounts = features["account_id"].to_pylist() if features.num_rows else []
        entities = [PREFIX + a for a in accounts]
        weighted, unsupervised = self._unsupervised(features)
        scores = unsupervised
        if self.model_ is not None and accounts:
            # The model learns the gangs of its training period; the evidence score keeps what it
            # cannot have seen. Their mean held recall on hard worlds where LightGBM alone dropped.
            supervised = self.model_.predict_proba(self._matrix(features, unsupervised))[:, 1]
            scores = (supervised + unsupervised) / 2
        # explain() reads one row back on demand: converting a million rows up front costs seconds
        self._features = features
        self._position = {e: i for i, e in enumerate(entities)}
        self._weights = weighted
        self._scores = np.asarray(scores, dtype=float)
        self._data, self._recruited = None, {}
        return scores_table(entities, scores)

    def score_columns(self, cols: dict[str, np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
        """Scores and weighted evidence of accounts given as feature columns (the online detector's live figures)."""
        weighted = evidence_strengths(cols, self.reference_)
        unsupervised = mule_score(weighted)
        if self.model_ is None:
            return unsupervised, weighted
        matrix = np.column_stack([*(np.asarray(cols[c], dtype=float) for c in self.columns_), unsupervised])
        return (self.model_.predict_proba(matrix)[:, 1] + unsupervised) / 2, weighted

    def explain(self, entity: str) -> list[str]:
        at = self._position.get(entity)
        if at is None:
            raise not_scored_error(self.name, entity)
        row = self._features.slice(at, 1).to_pylist()[0]
        ranked = sorted(zip(self._weights[at], EVIDENCE, strict=True), key=lambda we: -we[0])
        reasons = [e.reason(row) for w, e in ranked if w >= REASON_FLOOR] + self._recruitment(entity)
        return reasons or ["no mule pattern stands out"]

    def _recruitment(self, entity: str) -> list[str]:
        """The recruitment offers the account's holder received (``recruited``), looked up once for all likely mules."""
        if self._data is None:
            return []
        if entity not in self._recruited:
            likely = [e for e, at in self._position.items() if self._scores[at] >= RECRUITED_FLOOR and e not in self._recruited]
            wanted = [*dict.fromkeys([entity, *likely])]
            found = recruitment_reasons(self._data, [e.removeprefix(PREFIX) for e in wanted], self.text_model_path)
            self._recruited.update({e: found.get(e.removeprefix(PREFIX), []) for e in wanted})
        return self._recruited[entity]

    @classmethod
    def example_data(cls, seed: int) -> Data:
        return Data.from_tables(**money_world(seed))

    def _unsupervised(self, features: pa.Table) -> tuple[np.ndarray, np.ndarray]:
        if features.num_rows == 0:
            return np.zeros((0, len(EVIDENCE))), np.zeros(0)
        cols = {c: features[c].to_numpy(zero_copy_only=False) for c in features.column_names if c != "account_id"}
        weighted = evidence_strengths(cols, self.reference_)
        return weighted, mule_score(weighted)

    def _matrix(self, features: pa.Table, unsupervised: np.ndarray) -> np.ndarray:
        cols = [features[c].to_numpy(zero_copy_only=False).astype(float) for c in self.columns_]
        return np.column_stack([*cols, unsupervised])

    def _train(self, features: pa.Table, y: np.ndarray):
        _, unsupervised = self._unsupervised(features)
        return lightgbm_classifier(self.seed, self.trees, rows=len(y)).fit(self._matrix(features, unsupervised), y)


def mule_entities(labels: Labels) -> set[str]:
    """The ``account:`` entities ``labels`` mark as mules."""
    if isinstance(labels, pa.Table):
        rows = zip(labels["entity"].to_pylist(), labels["label"].to_pylist(), strict=True)
        return {e for e, label in rows if label in MULE_ROLES and e.startswith(PREFIX)}
    return {e for e, is_mule in labels.items() if is_mule}


def lightgbm_classifier(seed: int, trees: int = 300, rows: int = 0):
    """The LightGBM set-up the detector trains (benchmarks give other features the same one).

    Small fits run on one thread: on a busy machine OpenMP threads waiting for a core cost
    seconds where the work takes milliseconds.
    """
    from lightgbm import LGBMClassifier

    return LGBMClassifier(n_estimators=trees, learning_rate=0.05, num_leaves=31, min_child_samples=5,
                          subsample=0.8, subsample_freq=1, colsample_bytree=0.8, random_state=seed,
                          deterministic=True, n_jobs=2 if rows >= 50_000 else 1, verbose=-1)

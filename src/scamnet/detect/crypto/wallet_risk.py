"""Detector ``wallet_risk``: wallets that launder scam proceeds on chain (``wallet:<chain>:<address>``).

Unsupervised by default (the noisy-OR of ``evidence.py``, alert at the shipped ``alert_threshold``
0.5). Given ``labels`` — a table ``(entity, label, gang_id)`` where a wallet with a gang id is a
positive and one without is honest, or a mapping of ``wallet:`` ids to True / False — ``fit`` also
trains LightGBM on the same features plus the unsupervised score, and the score becomes the mean
of LightGBM's probability and the unsupervised score (the mule detector's recipe). Labels are an
explicit argument, never read from the data.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import ClassVar, Self, TypeAlias

import numpy as np
import pyarrow as pa

from scamnet.core.enums import EntityKind
from scamnet.detect.base import Detector, not_scored_error, scores_table
from scamnet.detect.crypto.evidence import EVIDENCE, evidence_strengths, wallet_score
from scamnet.detect.crypto.example import wallet_world
from scamnet.detect.money.mule import lightgbm_classifier
from scamnet.features.crypto import HUB_MIN_PAYERS, wallet_features
from scamnet.features.data import Data

PREFIX = f"{EntityKind.WALLET.value}:"
Labels: TypeAlias = Mapping[str, bool] | pa.Table
#: Columns of the features that are text (for the reasons), not model inputs.
TEXT_COLUMNS = ("entity", "main_token", "otc_trader", "hub_address")
#: Strength (weight x strength) an evidence item needs to be given as a reason.
REASON_FLOOR = 0.05


class WalletRiskDetector(Detector):
    name: ClassVar[str] = "wallet_risk"
    entity_kinds: ClassVar[tuple[str, ...]] = (EntityKind.WALLET.value,)
    _position: Mapping[str, int] = MappingProxyType({})
    _features: pa.Table
    _weights: np.ndarray

    def __init__(self, *, seed: int = 0, trees: int = 300, hub_min_payers: int = HUB_MIN_PAYERS) -> None:
        super().__init__(seed=seed)
        self.trees = trees
        self.hub_min_payers = hub_min_payers

    def fit(self, data: Data, labels: Labels | None = None) -> Self:
        return self.fit_features(wallet_features(data, hub_min_payers=self.hub_min_payers), labels)

    def fit_features(self, features: pa.Table, labels: Labels | None = None) -> Self:
        """``fit`` on a table ``wallet_features`` computed (or any table with its columns)."""
        inflow = np.nan_to_num(features["in_amount"].to_numpy(zero_copy_only=False).astype(float))
        self.reference_: np.ndarray = np.sort(inflow[inflow > 0])
        self.columns_: list[str] = [c for c in features.column_names if c not in TEXT_COLUMNS]
        self.model_ = None
        positives = gang_wallets(labels) if labels is not None else set()
        y = np.array([e in positives for e in features["entity"].to_pylist()], dtype=int)
        if 0 < y.sum() < len(y):  # LightGBM needs both classes
            _, unsupervised = self._unsupervised(features)
            model = lightgbm_classifier(self.seed, self.trees, rows=len(y))
            self.model_ = model.fit(self._matrix(features, unsupervised), y)
        return self

    def score(self, data: Data) -> pa.Table:
        return self.score_features(wallet_features(data, hub_min_payers=self.hub_min_payers))

    def score_features(self, features: pa.Table) -> pa.Table:
        """``score`` on a table ``wallet_features`` computed."""
        entities = features["entity"].to_pylist() if features.num_rows else []
        weighted, scores = self._unsupervised(features)
        if self.model_ is not None and entities:
            supervised = self.model_.predict_proba(self._matrix(features, scores))[:, 1]
            scores = (supervised + scores) / 2
        self._features = features
        self._position = {e: i for i, e in enumerate(entities)}
        self._weights = weighted
        return scores_table(entities, scores)

    def explain(self, entity: str) -> list[str]:
        at = self._position.get(entity)
        if at is None:
            raise not_scored_error(self.name, entity)
        row = self._features.slice(at, 1).to_pylist()[0]
        ranked = sorted(zip(self._weights[at], EVIDENCE, strict=True), key=lambda we: -we[0])
        reasons = [e.reason(row) for w, e in ranked if w >= REASON_FLOOR]
        return reasons or [f"no laundering pattern stands out ({row['in_count']:.0f} transfer(s) in, "
                           f"{row['out_count']:.0f} out, {row['in_counterparties']:.0f} sender(s))"]

    @classmethod
    def example_data(cls, seed: int) -> Data:
        return Data.from_tables(**wallet_world(seed))

    def _unsupervised(self, features: pa.Table) -> tuple[np.ndarray, np.ndarray]:
        if features.num_rows == 0:
            return np.zeros((0, len(EVIDENCE))), np.zeros(0)
        cols = {c: features[c].to_numpy(zero_copy_only=False) for c in features.column_names if c not in TEXT_COLUMNS}
        weighted = evidence_strengths(cols, self.reference_)
        return weighted, wallet_score(weighted)

    def _matrix(self, features: pa.Table, unsupervised: np.ndarray) -> np.ndarray:
        cols = [features[c].to_numpy(zero_copy_only=False).astype(float) for c in self.columns_]
        return np.column_stack([*cols, unsupervised])


def gang_wallets(labels: Labels) -> set[str]:
    """The ``wallet:`` entities ``labels`` mark as a gang's (a label row with a gang id)."""
    if isinstance(labels, pa.Table):
        if "gang_id" not in labels.column_names:
            return set()
        rows = zip(labels["entity"].to_pylist(), labels["gang_id"].to_pylist(), strict=True)
        return {e for e, gang in rows if gang is not None and e.startswith(PREFIX)}
    return {e for e, bad in labels.items() if bad}

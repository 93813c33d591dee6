"""Detector ``mule``: accounts that receive scam money and pass it on (money mules).

Unsupervised by default (the noisy-OR of ``evidence.py``, cubed). Given ``labels`` — an ``(entity,
label)`` table where mule roles (``mule_l1/2/3``, ``cashout``) mark the positives, or a mapping of
``account:`` ids to True / False — ``fit`` also trains LightGBM beside it (``EvidenceDetector``).
Reasons add the recruitment offers the account's holder received.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import ClassVar, Self, TypeAlias

import numpy as np
import pyarrow as pa

from scamnet.core.enums import EntityKind, LabelRole
from scamnet.detect.evidence_detector import EvidenceDetector
from scamnet.detect.money.evidence import EVIDENCE, mule_score, mule_score_row
from scamnet.detect.money.example import money_world
from scamnet.detect.money.recruited import recruitment_reasons
from scamnet.detect.money.row_strengths import ROW_STRENGTHS
from scamnet.features.data import Data
from scamnet.features.money import mule_features

PREFIX = f"{EntityKind.ACCOUNT.value}:"
MULE_ROLES = frozenset({LabelRole.MULE_L1, LabelRole.MULE_L2, LabelRole.MULE_L3, LabelRole.CASHOUT})
Labels: TypeAlias = Mapping[str, bool] | pa.Table
__all__ = ["MULE_ROLES", "PREFIX", "MuleDetector", "mule_entities"]
#: Accounts scoring at least this get their holders' recruitment offers looked up together, on the first ``explain``.
RECRUITED_FLOOR = 0.3


class MuleDetector(EvidenceDetector):
    name: ClassVar[str] = "mule"
    entity_kinds: ClassVar[tuple[str, ...]] = (EntityKind.ACCOUNT.value,)
    evidence = EVIDENCE
    id_column = "account_id"
    id_prefix = PREFIX
    reference_column = "max_day_passed_1h"
    row_strengths = tuple(ROW_STRENGTHS[e.name] for e in EVIDENCE)
    _scores: np.ndarray
    _data: Data | None = None
    _recruited: dict[str, list[str]]

    def __init__(self, *, seed: int = 0, trees: int = 300, utc_offset_hours: float = 8.0,
                 text_model_path: Path | None = None) -> None:
        super().__init__(seed=seed, trees=trees)
        self.utc_offset_hours = utc_offset_hours
        self.text_model_path = text_model_path

    combine = staticmethod(mule_score)
    combine_row = staticmethod(mule_score_row)

    def positives(self, labels: Labels) -> set[str]:
        return mule_entities(labels)

    def fit(self, data: Data, labels: Labels | None = None) -> Self:
        return self.fit_features(mule_features(data, self.utc_offset_hours), labels)

    def score(self, data: Data) -> pa.Table:
        scores = self.score_features(mule_features(data, self.utc_offset_hours))
        self._data = data
        return scores

    def _scored(self, scores: np.ndarray) -> None:
        self._scores = scores
        self._data, self._recruited = None, {}

    def no_sign_reason(self, row: dict) -> str:
        return "no mule pattern stands out"

    def more_reasons(self, entity: str) -> list[str]:
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


def mule_entities(labels: Labels) -> set[str]:
    """The ``account:`` entities ``labels`` mark as mules."""
    if isinstance(labels, pa.Table):
        rows = zip(labels["entity"].to_pylist(), labels["label"].to_pylist(), strict=True)
        return {e for e, label in rows if label in MULE_ROLES and e.startswith(PREFIX)}
    return {e for e, is_mule in labels.items() if is_mule}

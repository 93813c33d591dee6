"""Detector ``wallet_risk``: wallets that launder scam proceeds on chain (``wallet:<chain>:<address>``).

Unsupervised by default (the noisy-OR of ``evidence.py``, alert at the shipped ``alert_threshold``
0.5). Given ``labels`` — a table ``(entity, label, gang_id)`` where a wallet with a gang id is a
positive and one without is honest, or a mapping of ``wallet:`` ids to True / False — ``fit`` also
trains LightGBM beside it (``EvidenceDetector``, the mule detector's recipe).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar, Self, TypeAlias

import pyarrow as pa

from scamnet.core.enums import EntityKind
from scamnet.detect.crypto.evidence import EVIDENCE, wallet_score
from scamnet.detect.crypto.example import wallet_world
from scamnet.detect.evidence_detector import EvidenceDetector
from scamnet.features.crypto import HUB_MIN_PAYERS, wallet_features
from scamnet.features.data import Data

PREFIX = f"{EntityKind.WALLET.value}:"
Labels: TypeAlias = Mapping[str, bool] | pa.Table
#: Columns of the features that are text (for the reasons), not model inputs.
TEXT_COLUMNS = ("entity", "main_token", "otc_trader", "hub_address")


class WalletRiskDetector(EvidenceDetector):
    name: ClassVar[str] = "wallet_risk"
    entity_kinds: ClassVar[tuple[str, ...]] = (EntityKind.WALLET.value,)
    evidence = EVIDENCE
    id_column = "entity"
    text_columns = TEXT_COLUMNS[1:]
    reference_column = "in_amount"

    def __init__(self, *, seed: int = 0, trees: int = 300, hub_min_payers: int = HUB_MIN_PAYERS) -> None:
        super().__init__(seed=seed, trees=trees)
        self.hub_min_payers = hub_min_payers

    combine = staticmethod(wallet_score)

    def positives(self, labels: Labels) -> set[str]:
        return gang_wallets(labels)

    def fit(self, data: Data, labels: Labels | None = None) -> Self:
        return self.fit_features(wallet_features(data, hub_min_payers=self.hub_min_payers), labels)

    def score(self, data: Data) -> pa.Table:
        return self.score_features(wallet_features(data, hub_min_payers=self.hub_min_payers))

    def no_sign_reason(self, row: dict) -> str:
        return (f"no laundering pattern stands out ({row['in_count']:.0f} transfer(s) in, "
                f"{row['out_count']:.0f} out, {row['in_counterparties']:.0f} sender(s))")

    @classmethod
    def example_data(cls, seed: int) -> Data:
        return Data.from_tables(**wallet_world(seed))


def gang_wallets(labels: Labels) -> set[str]:
    """The ``wallet:`` entities ``labels`` mark as a gang's (a label row with a gang id)."""
    if isinstance(labels, pa.Table):
        if "gang_id" not in labels.column_names:
            return set()
        rows = zip(labels["entity"].to_pylist(), labels["gang_id"].to_pylist(), strict=True)
        return {e for e, gang in rows if gang is not None and e.startswith(PREFIX)}
    return {e for e, bad in labels.items() if bad}

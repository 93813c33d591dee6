"""``scamnet bench crypto``: the wallet-risk detector on a simulated world and on the real Ethereum set.

On a world the detector fits on the first half of the chain transfers' period and scores the
second half, unsupervised (the shipped alert threshold) and supervised (fitted with the first
half's labels). A wallet labelled with a gang id is a positive; every other scored wallet is honest,
and the honest ones' false alarms are counted per labelled role (exchange hot wallets, OTC
traders, retail, payment processors, ...; ``unlabelled`` for wallets without a label). The real
set's figures come from ``crypto_real``.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import pyarrow as pa

from scamnet.core.errors import NotFoundError
from scamnet.detect.crypto.wallet_risk import PREFIX, WalletRiskDetector, gang_wallets
from scamnet.evaluate.crypto_real import RealRow, bench_ethereum
from scamnet.evaluate.metrics import detection_at, recall_at_budget, split_scores
from scamnet.evaluate.results import Result, key
from scamnet.features.crypto import chain_period
from scamnet.features.data import Data

#: The shipped alert threshold of the unsupervised score (the ``alert_threshold`` setting's default).
THRESHOLD = 0.5
UNLABELLED = "unlabelled"


@dataclass(frozen=True)
class WalletRow(Result):
    """One mode on the scored half, at the shipped alert threshold."""

    mode: str
    gang_wallets: int
    honest_wallets: int
    threshold: float
    flagged_honest: int
    precision: float
    recall: float
    f1: float
    recall_at_fp_0_1: float = key("recall_at_0.1%_fp")
    recall_at_fp_1: float = key("recall_at_1%_fp")


@dataclass(frozen=True)
class RoleRow(Result):
    """False alarms among the honest wallets of one labelled role."""

    mode: str
    role: str
    wallets: int
    flagged: int
    flagged_share: float


@dataclass(frozen=True)
class CryptoBench(Result):
    """``bench crypto``: the world's rows (empty without ``--world``) and the real set's."""

    world: str | None
    chain_transfers: int
    fit_period: tuple[str, str] | None
    score_period: tuple[str, str] | None
    rows: list[WalletRow]
    roles: list[RoleRow]
    real: list[RealRow]


def bench_crypto(world: Path | None = None, datasets: Path | None = None, *, seed: int = 0) -> CryptoBench:
    """The wallet-risk tables: on the world folder (``scamnet simulate``) and on the real set under ``datasets``."""
    real = bench_ethereum(datasets, seed=seed) if datasets is not None else []
    if world is None:
        return CryptoBench(None, 0, None, None, [], [], real)
    data = Data.from_dir(world)
    result = bench_wallets(data, data.table("labels"), seed=seed)
    return CryptoBench(str(world), result.chain_transfers, result.fit_period, result.score_period,
                       result.rows, result.roles, real)


def bench_wallets(data: Data, labels: pa.Table, *, seed: int = 0) -> CryptoBench:
    """Both modes on ``data``'s chain transfers, fitted on the first half and scored on the second."""
    start, middle, end = _halves(data)
    fit, scored = data.window(start, middle), data.window(middle, end)
    positives, roles = gang_wallets(labels), honest_roles(labels)
    rows, role_rows = [], []
    for mode, given in (("unsupervised", None), ("supervised", labels)):
        detector = WalletRiskDetector(seed=seed).fit(fit, given)
        result = detector.score(scored)
        scores = dict(zip(result["entity"].to_pylist(), result["score"].to_pylist(), strict=True))
        pos, neg = split_scores(scores, positives & scores.keys())
        d = detection_at(pos, neg, THRESHOLD)
        rows.append(WalletRow(mode, d.positives, d.normals, THRESHOLD, d.flagged_normals, d.precision, d.recall, d.f1,
                              recall_at_budget(pos, neg, 0.001), recall_at_budget(pos, neg, 0.01)))
        role_rows += role_false_alarms(mode, scores, positives, roles)
    periods = (start.isoformat(), middle.isoformat()), (middle.isoformat(), end.isoformat())
    return CryptoBench(None, data.count("chain_transfers"), *periods, rows, role_rows, [])


def honest_roles(labels: pa.Table) -> dict[str, str]:
    """The role (label) of each wallet labelled without a gang id."""
    if labels.num_rows == 0 or "gang_id" not in labels.column_names:
        return {}
    rows = zip(labels["entity"].to_pylist(), labels["label"].to_pylist(), labels["gang_id"].to_pylist(), strict=True)
    return {e: label for e, label, gang in sorted(rows) if gang is None and e.startswith(PREFIX)}


def role_false_alarms(mode: str, scores: dict[str, float], positives: set[str], roles: dict[str, str]) -> list[RoleRow]:
    """Per honest role: wallets scored, flagged at the threshold, and the share.

    >>> role_false_alarms("unsupervised", {"wallet:t:HOT": 0.7, "wallet:t:R1": 0.1, "wallet:t:G": 0.9},
    ...                   {"wallet:t:G"}, {"wallet:t:HOT": "exchange_hot_wallet", "wallet:t:R1": "retail"})[0].flagged
    1
    """
    total, flagged = Counter[str](), Counter[str]()
    for entity, score in scores.items():
        if entity in positives:
            continue
        role = roles.get(entity, UNLABELLED)
        total[role] += 1
        flagged[role] += int(score >= THRESHOLD)
    return [RoleRow(mode, role, total[role], flagged[role], flagged[role] / total[role]) for role in sorted(total)]


def _halves(data: Data) -> tuple[datetime, datetime, datetime]:
    period = chain_period(data)
    if period is None:
        raise NotFoundError("the world has no chain transfers", hint="simulate a world with the crypto cash-out "
                            "(scamnet simulate, see docs/simulator.md)")
    first, last = period
    end = last + timedelta(seconds=1)  # the last transfer belongs to the scored half
    return first, first + (end - first) / 2, end

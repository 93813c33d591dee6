"""``scamnet bench crypto``: the wallet-risk detector on a simulated world and on the real Ethereum set.

On a world the detector fits on the first half of the chain transfers' period and scores the
second half, unsupervised (the shipped alert threshold) and supervised (fitted with the first
half's labels). A wallet labelled with a gang id is a positive; every other scored wallet is honest. Per
labelled role the share flagged is counted too: false alarms for the honest roles (exchange hot
wallets, OTC traders, retail, payment processors, ...; ``unlabelled`` for wallets without a
label), recall for the gang's (peel, consolidation, deposit wallets, ...). The real
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
    """One labelled role's wallets flagged: false alarms for an honest role, recall for a gang's."""

    mode: str
    role: str
    gang: bool
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
    positives, roles = gang_wallets(labels), wallet_roles(labels)
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


def wallet_roles(labels: pa.Table) -> dict[str, str]:
    """The role (label) of each labelled wallet (the first in order where a wallet has several)."""
    if labels.num_rows == 0:
        return {}
    roles: dict[str, str] = {}
    for entity, label in sorted(zip(labels["entity"].to_pylist(), labels["label"].to_pylist(), strict=True)):
        if entity.startswith(PREFIX):
            roles.setdefault(entity, label)
    return roles


def role_false_alarms(mode: str, scores: dict[str, float], positives: set[str], roles: dict[str, str]) -> list[RoleRow]:
    """Per role, honest roles first: wallets scored, flagged at the threshold, and the share.

    >>> rows = role_false_alarms("unsupervised", {"wallet:t:HOT": 0.7, "wallet:t:R1": 0.1, "wallet:t:G": 0.9},
    ...                          {"wallet:t:G"}, {"wallet:t:HOT": "exchange_hot_wallet", "wallet:t:R1": "retail",
    ...                                           "wallet:t:G": "peel_wallet"})
    >>> [(r.role, r.gang, r.flagged) for r in rows]
    [('exchange_hot_wallet', False, 1), ('retail', False, 0), ('peel_wallet', True, 1)]
    """
    total, flagged = Counter[tuple[bool, str]](), Counter[tuple[bool, str]]()
    for entity, score in scores.items():
        group = (entity in positives, roles.get(entity, UNLABELLED))
        total[group] += 1
        flagged[group] += int(score >= THRESHOLD)
    return [RoleRow(mode, role, gang, total[gang, role], flagged[gang, role], flagged[gang, role] / total[gang, role])
            for gang, role in sorted(total)]


def _halves(data: Data) -> tuple[datetime, datetime, datetime]:
    period = chain_period(data)
    if period is None:
        raise NotFoundError("the world has no chain transfers", hint="simulate a world with the crypto cash-out "
                            "(scamnet simulate, see docs/simulator.md)")
    first, last = period
    end = last + timedelta(seconds=1)  # the last transfer belongs to the scored half
    return first, first + (end - first) / 2, end

"""Wallet risk on the real Ethereum address set (``../shared/datasets/ethereum-fraud-addresses-80``).

The set is one row of aggregates per address (counts, values, mean times between transactions,
unique counterparts, ERC-20 token figures) with ``FLAG`` = 1 for addresses reported for fraud.
Evaluation only: nothing trained here ships. Stratified 5-fold cross-validation, grouped by address
(22 addresses appear twice); in each fold the models fit on 80 % of the training folds, choose their
F1-best threshold on the other 20 %, and are measured on the held-out fold.

Methods:
- ``wallet_risk unsupervised``: the detector's evidence score on the columns that correspond to its
  on-chain features (mapped by ``wallet_rows``), at the shipped threshold 0.5 — what it sees
  without labels;
- ``wallet_risk supervised``: the detector's supervised mode (LightGBM on those features plus the
  evidence score, averaged with it);
- ``lightgbm baseline``: plain LightGBM (the same set-up) on every numeric behavioural column;
- ``lightgbm baseline, ERC-20 gaps kept``: the same with the ERC-20 columns' empty cells left
  empty. They are empty for 37 % of the fraud rows and no normal one (a trace of how the set was
  collected, not of behaviour), so this row shows the leak; every other row reads them as 0.

``Index`` is left out too: the rows are numbered fraud last (every index from 7,662 up is fraud).
"""

from __future__ import annotations

import csv
import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyarrow as pa

from scamnet.core.errors import InputError, NotFoundError, Problem
from scamnet.detect.crypto.wallet_risk import TEXT_COLUMNS, WalletRiskDetector
from scamnet.detect.evidence_detector import lightgbm_classifier
from scamnet.evaluate.metrics import best_f1_threshold, f1_at, recall_at_budget
from scamnet.evaluate.results import Result, key

ETHEREUM = "ethereum-fraud-addresses-80/train.csv"
#: Share of normal addresses a threshold may flag for the recall figure.
BUDGET = 0.01
#: Columns that are no behaviour: row number (ordered by class), address, token names, empty trailers.
NOT_BEHAVIOUR = {"Index", "Address", "FLAG", "ERC20 most sent token type", "ERC20_most_rec_token_type", ""}


@dataclass(frozen=True)
class RealRow(Result):
    """One method's figures, the mean over the folds (``f1_std``: their spread)."""

    method: str
    columns: int
    fraud: int
    normal: int
    f1: float
    f1_std: float
    f1_at_half: float = key("f1_at_0.5")
    precision: float = key("precision")
    recall: float = key("recall")
    recall_at_1pct_fp: float = key("recall_at_1%_fp")
    roc_auc: float = key("roc_auc")


@dataclass(frozen=True)
class EthereumSet:
    addresses: list[str]
    flag: np.ndarray
    columns: list[str]
    values: np.ndarray  # rows x columns, NaN where the file's cell is empty


def ethereum_set(root: Path) -> EthereumSet:
    """The set's numeric behavioural columns (names stripped of their stray spaces)."""
    path = Path(root) / ETHEREUM
    if not path.exists():
        raise NotFoundError(f"no data set file at {path}", hint="pass --datasets with the folder holding the data sets")
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        header = [h.strip() for h in next(reader)]
        rows = list(reader)
    wanted = [i for i, h in enumerate(header) if h not in NOT_BEHAVIOUR and not h.startswith("Unnamed")]
    values = np.full((len(rows), len(wanted)), np.nan)
    for n, row in enumerate(rows, start=2):
        for j, i in enumerate(wanted):
            cell = row[i].strip() if i < len(row) else ""
            try:
                values[n - 2, j] = float(cell) if cell else math.nan
            except ValueError:
                raise InputError([Problem(str(path), n, header[i], cell, "a number or empty", "line")]) from None
    flag_at = header.index("FLAG")
    return EthereumSet([r[header.index("Address")] for r in rows], np.array([int(r[flag_at]) for r in rows]),
                       [header[i] for i in wanted], values)


def wallet_rows(data: EthereumSet) -> pa.Table:
    """The set as the detector's feature table: its columns where the set has them, NaN where it has none.

    The set has no transfer sequence, no counterparties' names and no OTC, report or watchlist
    data, so forwarding shares, peel hops, OTC and scam links are unknown (NaN or 0). What maps:
    counts, unique counterparts, ether amounts, what stayed, the active span; the mean minutes
    between transactions and the ERC-20 token flows ride along as extra model columns.
    """
    v = np.nan_to_num(data.values)
    col = {name: v[:, i] for i, name in enumerate(data.columns)}
    n = len(data.addresses)
    received, sent = col["total ether received"], col["total Ether sent"]
    unknown, zero = np.full(n, np.nan), np.zeros(n)
    table = {
        "entity": [f"wallet:ethereum:{a}#{i}" for i, a in enumerate(data.addresses)],
        "main_token": ["ETH"] * n,
        "in_count": col["Received Tnx"], "out_count": col["Sent tnx"],
        "in_counterparties": col["Unique Received From Addresses"], "out_counterparties": col["Unique Sent To Addresses"],
        "in_amount": received, "out_amount": sent,
        "max_in_amount": col["max value received"], "max_out_amount": col["max val sent"],
        "min_out_amount": col["min val sent"],
        "kept_share": np.where(received > 0, np.maximum(received - sent, 0) / np.where(received > 0, received, 1), np.nan),
        "active_hours": col["Time Diff between first and last (Mins)"] / 60.0,
        "age_hours_at_first_in": unknown,
        "forwarded_1h_share": unknown, "forwarded_24h_share": unknown, "forwarded_receipts": zero,
        "median_hold_minutes": unknown, "receipts": col["Received Tnx"], "peel_hops": zero, "peel_shape": zero,
        "peel_neighbours": zero, "peel_in_share": zero,
        "otc_receipts": zero, "otc_traders": zero, "otc_in_share": zero, "otc_trader": [None] * n,
        "otc_linked_payers": zero, "otc_linked_in_share": zero, "named_in_reports": zero, "watchlist_score": unknown,
        "scam_counterparties": zero, "scam_in_share": zero, "scam_out_share": zero, "is_hub": zero,
        "hub_out_share": zero, "hub_address": [None] * n,
        # real-set extras that correspond to on-chain features the aggregates only summarise
        "avg_minutes_between_sent": col["Avg min between sent tnx"],
        "avg_minutes_between_received": col["Avg min between received tnx"],
        "token_transfers": col["Total ERC20 tnxs"],
        "token_in_amount": col["ERC20 total Ether received"], "token_out_amount": col["ERC20 total ether sent"],
        "token_in_counterparties": col["ERC20 uniq rec addr"], "token_out_counterparties": col["ERC20 uniq sent addr"],
    }
    return pa.table(table)


def bench_ethereum(root: Path, *, seed: int = 0, folds: int = 5, trees: int = 300) -> list[RealRow]:
    """The four methods' cross-validated figures on the set."""
    from sklearn.model_selection import StratifiedGroupKFold

    data = ethereum_set(root)
    features = wallet_rows(data)
    y = data.flag
    per_method: dict[str, list[tuple[float, float, float, float, float, float]]] = {}
    splitter = StratifiedGroupKFold(n_splits=folds, shuffle=True, random_state=seed)
    for fold, (train, test) in enumerate(splitter.split(data.values, y, groups=data.addresses)):
        fit, val = _inner_split(train, y, seed + fold)
        for method, scores in _fold_scores(data, features, y, fit, val, test, seed, trees).items():
            per_method.setdefault(method, []).append(_figures(scores, y, val, test, method))
    filled = _filled_columns(features)
    width = {"wallet_risk unsupervised": filled, "wallet_risk supervised": filled}
    rows = []
    for method, figures in per_method.items():
        m = np.array(figures, dtype=float)
        rows.append(RealRow(method, width.get(method, len(data.columns)), int(y.sum()), int((y == 0).sum()),
                            float(np.mean(m[:, 0])), float(np.std(m[:, 0])), *(float(np.mean(m[:, k])) for k in range(1, 6))))
    return rows


def _inner_split(train: np.ndarray, y: np.ndarray, seed: int) -> tuple[np.ndarray, np.ndarray]:
    from sklearn.model_selection import train_test_split

    fit, val = train_test_split(train, test_size=0.2, stratify=y[train], random_state=seed)
    return np.sort(fit), np.sort(val)


def _fold_scores(data: EthereumSet, features: pa.Table, y: np.ndarray, fit: np.ndarray, val: np.ndarray,
                 test: np.ndarray, seed: int, trees: int) -> dict[str, np.ndarray]:
    """Each method's scores of every row (only the validation and test rows are read)."""
    labels = {e: bool(f) for e, f in zip(features["entity"].to_pylist(), y, strict=True)}
    unsupervised = WalletRiskDetector(seed=seed).fit_features(features.take(fit))
    supervised = WalletRiskDetector(seed=seed, trees=trees).fit_features(features.take(fit), labels)
    filled, gaps = np.nan_to_num(data.values), data.values
    return {
        "wallet_risk unsupervised": _scores_in_order(unsupervised, features),
        "wallet_risk supervised": _scores_in_order(supervised, features),
        "lightgbm baseline": lightgbm_classifier(seed, trees, len(fit)).fit(filled[fit], y[fit]).predict_proba(filled)[:, 1],
        "lightgbm baseline, ERC-20 gaps kept": lightgbm_classifier(seed, trees, len(fit)).fit(gaps[fit], y[fit])
        .predict_proba(gaps)[:, 1],
    }


def _scores_in_order(detector: WalletRiskDetector, features: pa.Table) -> np.ndarray:
    scored = detector.score_features(features)
    by_entity = dict(zip(scored["entity"].to_pylist(), scored["score"].to_pylist(), strict=True))
    return np.array([by_entity[e] for e in features["entity"].to_pylist()])


def _figures(scores: np.ndarray, y: np.ndarray, val: np.ndarray, test: np.ndarray, method: str
             ) -> tuple[float, float, float, float, float, float]:
    """F1 at the validation's F1-best threshold (the shipped 0.5 for the unsupervised score), F1 at 0.5,
    precision and recall at that threshold, recall at 1 % of normals flagged, ROC AUC, on ``test``."""
    from sklearn.metrics import roc_auc_score

    pos, neg = scores[test][y[test] == 1], scores[test][y[test] == 0]
    if method.endswith("unsupervised"):
        threshold = 0.5
    else:
        threshold = best_f1_threshold(scores[val][y[val] == 1], scores[val][y[val] == 0])
    tp, fp = int(np.sum(pos >= threshold)), int(np.sum(neg >= threshold))
    precision = tp / (tp + fp) if tp + fp else math.nan
    return (f1_at(pos, neg, threshold), f1_at(pos, neg, 0.5), precision, tp / pos.size,
            recall_at_budget(pos, neg, BUDGET), float(roc_auc_score(y[test], scores[test])))


def _filled_columns(features: pa.Table) -> int:
    """The detector's columns the set gives values to (not one constant or unknown for every row)."""
    numeric = [c for c in features.column_names if c not in TEXT_COLUMNS]
    return sum(len(np.unique(np.nan_to_num(features[c].to_numpy(zero_copy_only=False).astype(float), nan=-1.0))) > 1
               for c in numeric)

"""The supervised path: a LightGBM classifier over the same features, when labels exist."""

from __future__ import annotations

from dataclasses import dataclass

import lightgbm as lgb
import numpy as np

MIN_POSITIVES = 2


@dataclass(frozen=True)
class BoostedModel:
    booster: lgb.Booster
    columns: list[str]
    positives: int
    negatives: int

    def probabilities(self, columns: dict[str, np.ndarray]) -> np.ndarray:
        if not len(next(iter(columns.values()), [])):
            return np.zeros(0)
        return np.asarray(self.booster.predict(_matrix(columns, self.columns)), dtype=float)


def fit_boosted_model(columns: dict[str, np.ndarray], target: np.ndarray, seed: int) -> BoostedModel | None:
    """A gradient-boosted classifier of ``target`` (None when there are too few of a class to learn)."""
    target = np.asarray(target, dtype=float)
    positives, negatives = int(target.sum()), int(len(target) - target.sum())
    if positives < MIN_POSITIVES or negatives < MIN_POSITIVES:
        return None
    names = sorted(columns)
    params = {
        "objective": "binary",
        "learning_rate": 0.05,
        "num_leaves": 15,
        "min_data_in_leaf": max(2, min(20, positives // 2)),
        # rare positives: weigh them up so that the trees look at them at all
        "scale_pos_weight": min(100.0, negatives / positives),
        "feature_fraction": 0.9,
        "bagging_fraction": 0.9,
        "bagging_freq": 1,
        "seed": seed,
        "deterministic": True,
        "force_row_wise": True,
        # threads only pay off on large tables; on small ones OpenMP's spinning costs more than it gives
        "num_threads": 2 if len(target) > 100_000 else 1,
        "verbosity": -1,
    }
    dataset = lgb.Dataset(_matrix(columns, names), label=target, feature_name=names, free_raw_data=False)
    booster = lgb.train(params, dataset, num_boost_round=200)
    return BoostedModel(booster, names, positives, negatives)


def _matrix(columns: dict[str, np.ndarray], names: list[str]) -> np.ndarray:
    return np.column_stack([np.asarray(columns[n], dtype=float) for n in names])

"""The boosted half of the link model: gradient-boosted trees over the link's signals, its shape and the n-gram score.

The n-gram regression sees which character strings phishing links use; the trees combine that
score with the lexical, brand and shape signals non-linearly (a long path matters on a bare IP
host, not on a news site). The trees learn from out-of-fold n-gram scores of the training links,
so they weigh the n-gram score as it behaves on links it has not seen. Saved as LightGBM's own
text format inside the model's JSON: no pickle.
"""

from __future__ import annotations

from dataclasses import dataclass

import lightgbm as lgb
import numpy as np

from scamnet.detect.content.url.parts import UrlParts
from scamnet.detect.content.url.shape import SHAPE_FEATURES, shape_features


@dataclass(frozen=True)
class BoosterParams:
    """How the trees are grown; stored with the model."""

    trees: int = 500
    learning_rate: float = 0.03
    leaves: int = 31
    min_leaf: int = 20
    row_share: float = 0.8
    column_share: float = 0.7


def stack_matrix(parts: list[UrlParts], signals: np.ndarray, ngram_score: np.ndarray) -> np.ndarray:
    """The trees' input: lexical and brand signals, the shape (``SHAPE_FEATURES``), then the n-gram score."""
    shape = np.array([shape_features(p) for p in parts], dtype=np.float64).reshape(-1, len(SHAPE_FEATURES))
    return np.column_stack([signals.reshape(len(parts), -1), shape, np.asarray(ngram_score, dtype=np.float64)])


def fit_booster(x: np.ndarray, y: np.ndarray, params: BoosterParams, seed: int) -> lgb.Booster:
    """Trees fitted on ``x`` (one thread, a fixed seed: the same data gives the same model)."""
    settings = {
        "objective": "binary", "learning_rate": params.learning_rate, "num_leaves": params.leaves,
        "min_data_in_leaf": params.min_leaf, "bagging_fraction": params.row_share, "bagging_freq": 1,
        "feature_fraction": params.column_share, "seed": seed, "num_threads": 1, "deterministic": True, "verbose": -1,
    }
    return lgb.train(settings, lgb.Dataset(x, label=y), num_boost_round=params.trees)


def booster_text(booster: lgb.Booster) -> str:
    return booster.model_to_string()


def booster_from_text(text: str) -> lgb.Booster:
    return lgb.Booster(model_str=text)

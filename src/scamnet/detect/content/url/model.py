"""The link model: a logistic regression over character n-grams of the link, stacked under gradient-boosted trees.

The trees (``url_stack``) read the lexical and brand signals, the link's shape and the n-gram
score; the older linear model (``booster=None``) puts the signals into the regression instead.
Read from the link text alone (no DNS, page or reputation lookups), so it scores a link the moment
it is seen. The decision threshold is chosen on out-of-fold scores of the training data only, for
a target share of legitimate links flagged, and mapped to score 0.5. A model is saved as plain
JSON (vocabulary, idf, coefficients, the trees in LightGBM's text format): no pickle.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

import lightgbm as lgb
import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

from scamnet.core.errors import ConfigError
from scamnet.detect.content.brands import Brand
from scamnet.detect.content.model_file import read_model_file, write_model_file
from scamnet.detect.content.text.model import threshold_to_half
from scamnet.detect.content.url.lexical import FEATURES, lexical_features
from scamnet.detect.content.url.lookalike import brand_matches
from scamnet.detect.content.url.parts import UrlParts
from scamnet.detect.content.url.stack import BoosterParams, booster_from_text, booster_text, fit_booster, stack_matrix
from scamnet.detect.thresholds import threshold_flagging_at_most

FORMAT = "scamnet-url-model"
FORMAT_VERSION = 2
SIGNALS = (*FEATURES, "brand_lookalike", "brand_in_path")


@dataclass(frozen=True)
class UrlTrainParams:
    """How a link model is trained; stored with the model so it can be reproduced."""

    ngram_max: int = 5
    max_features: int = 30_000
    c: float = 10.0
    use_ngrams: bool = True
    use_signals: bool = True
    max_legit_flagged: float = 0.01
    inner_folds: int = 3
    seed: int = 0
    #: Trees over signals, shape and the n-gram score; ``None``: the signals go into the regression (linear model).
    booster: BoosterParams | None = BoosterParams()


@dataclass
class UrlModel:
    vectoriser: TfidfVectorizer | None
    coef: np.ndarray
    intercept: float
    threshold: float
    params: UrlTrainParams = field(default_factory=UrlTrainParams)
    trained_on: list[str] = field(default_factory=list)
    booster: lgb.Booster | None = None

    def probabilities(self, parts: list[UrlParts], brands: tuple[Brand, ...]) -> np.ndarray:
        """Phishing probability of each link, before the threshold."""
        needed = self.booster is not None or self.params.use_signals
        signals = signal_matrix(parts, brands) if needed else np.zeros((len(parts), len(SIGNALS)))
        logits = self.linear_logits(parts, signals)
        if self.booster is None:
            return 1.0 / (1.0 + np.exp(-logits))
        return np.asarray(self.booster.predict(stack_matrix(parts, signals, logits)), dtype=np.float64)

    def linear_logits(self, parts: list[UrlParts], signals: np.ndarray) -> np.ndarray:
        logits = url_features(self.vectoriser, parts, signals, _linear_params(self.params)) @ self.coef + self.intercept
        return np.asarray(logits, dtype=np.float64).ravel()

    def scores(self, parts: list[UrlParts], brands: tuple[Brand, ...]) -> np.ndarray:
        """Scores in [0, 1] with the decision threshold at 0.5."""
        return threshold_to_half(self.probabilities(parts, brands), self.threshold)


def link_text(parts: UrlParts) -> str:
    """What the n-grams read: the link without its scheme, lower-cased."""
    return parts.url.split("://", 1)[-1].lower()


def signal_vector(parts: UrlParts, brands: tuple[Brand, ...]) -> list[float]:
    """Lexical features, then the strongest brand lookalike and whether a brand is named in the path."""
    matches = brand_matches(parts, brands)
    lookalike = max((m.strength for m in matches if m.how != "path"), default=0.0)
    return [*lexical_features(parts), lookalike, float(any(m.how == "path" for m in matches))]


def signal_matrix(parts: list[UrlParts], brands: tuple[Brand, ...]) -> np.ndarray:
    return np.array([signal_vector(p, brands) for p in parts], dtype=np.float64).reshape(-1, len(SIGNALS))


def url_features(
    vectoriser: TfidfVectorizer | None, parts: list[UrlParts], signals: np.ndarray, params: UrlTrainParams
) -> sp.csr_matrix:
    """What the regression reads: n-grams, then the signals unless the trees weigh them."""
    blocks = []
    if params.use_ngrams and vectoriser is not None:
        blocks.append(vectoriser.transform([link_text(p) for p in parts]))
    if params.use_signals:
        blocks.append(sp.csr_matrix(signals))
    return sp.hstack(blocks, format="csr") if blocks else sp.csr_matrix((len(parts), 0))


def _linear_params(params: UrlTrainParams) -> UrlTrainParams:
    """With trees on top the regression reads n-grams only; the trees take the signals."""
    return replace(params, use_signals=False) if params.booster else params


def _vectoriser(params: UrlTrainParams, vocabulary: dict[str, int] | None = None) -> TfidfVectorizer:
    return TfidfVectorizer(
        analyzer="char", ngram_range=(1, params.ngram_max), sublinear_tf=True, lowercase=False,
        min_df=1 if vocabulary else 2, max_features=None if vocabulary else params.max_features,
        vocabulary=vocabulary, dtype=np.float64,
    )


def train_url_model(
    parts: list[UrlParts], labels: list[int], brands: tuple[Brand, ...], params: UrlTrainParams = UrlTrainParams(),
    trained_on: list[str] | None = None, with_threshold: bool = True,
) -> UrlModel:
    """A model over links labelled 1 (phishing / scam) or 0 (legitimate)."""
    y = np.asarray(labels, dtype=int)
    if set(y.tolist()) != {0, 1}:
        raise ConfigError("link training labels must hold both 1 (scam) and 0 (legitimate)", hint="label each link 0 or 1")
    signals = signal_matrix(parts, brands)
    model, stacked = _fit_on(parts, y, signals, params)
    if with_threshold:
        model.threshold = _threshold_out_of_fold(parts, y, signals, stacked, params)
    model.trained_on = list(trained_on or [])
    return model


def _fit_on(parts: list[UrlParts], y: np.ndarray, signals: np.ndarray, params: UrlTrainParams) -> tuple[UrlModel, np.ndarray]:
    """The model, and the trees' training input (empty for the linear model)."""
    model = _fit_linear(parts, y, signals, params)
    if params.booster is None:
        return model, np.zeros((0, 0))
    held_out = np.zeros(len(y))
    for fit_idx, held_idx in _inner_folds(parts, y, params):
        inner = _fit_linear([parts[i] for i in fit_idx], y[fit_idx], signals[fit_idx], params)
        held_out[held_idx] = inner.linear_logits([parts[i] for i in held_idx], signals[held_idx])
    stacked = stack_matrix(parts, signals, held_out)
    model.booster = fit_booster(stacked, y, params.booster, params.seed)
    return model, stacked


def _fit_linear(parts: list[UrlParts], y: np.ndarray, signals: np.ndarray, params: UrlTrainParams) -> UrlModel:
    vectoriser = None
    if params.use_ngrams:
        vectoriser = _vectoriser(params)
        vectoriser.fit([link_text(p) for p in parts])
    x = url_features(vectoriser, parts, signals, _linear_params(params))
    classifier = LogisticRegression(C=params.c, solver="liblinear", max_iter=2000, random_state=params.seed)
    classifier.fit(x, y)
    return UrlModel(vectoriser, classifier.coef_.ravel(), float(classifier.intercept_[0]), 0.5, params)


def _inner_folds(parts: list[UrlParts], y: np.ndarray, params: UrlTrainParams) -> list[tuple[np.ndarray, np.ndarray]]:
    """Folds of the training links grouped by registrable domain, so one site never sits on both sides."""
    groups = [p.registrable for p in parts]
    return list(GroupKFold(n_splits=params.inner_folds).split(np.zeros(len(y)), y, groups))


def _threshold_out_of_fold(
    parts: list[UrlParts], y: np.ndarray, signals: np.ndarray, stacked: np.ndarray, params: UrlTrainParams
) -> float:
    """The lowest probability that flags at most ``max_legit_flagged`` of legitimate links, out of fold."""
    oof = np.zeros(len(y))
    for fit_idx, held_idx in _inner_folds(parts, y, params):
        if params.booster:  # the trees' input already holds out-of-fold n-gram scores: refit only the trees
            trees = fit_booster(stacked[fit_idx], y[fit_idx], params.booster, params.seed)
            oof[held_idx] = trees.predict(stacked[held_idx])
        else:
            inner = _fit_linear([parts[i] for i in fit_idx], y[fit_idx], signals[fit_idx], params)
            oof[held_idx] = 1.0 / (1.0 + np.exp(-inner.linear_logits([parts[i] for i in held_idx], signals[held_idx])))
    return threshold_flagging_at_most(oof[y == 0], params.max_legit_flagged)


def save_url_model(model: UrlModel, path: Path) -> None:
    """Write the model as gzipped JSON: readable, versioned, never executed on load."""
    vocabulary = sorted(model.vectoriser.vocabulary_, key=model.vectoriser.vocabulary_.get) if model.vectoriser else []
    payload = {
        "format": FORMAT, "version": FORMAT_VERSION, "params": asdict(model.params), "trained_on": model.trained_on,
        "signals": list(SIGNALS), "threshold": model.threshold, "vocabulary": vocabulary,
        "idf": np.round(model.vectoriser.idf_, 4).tolist() if model.vectoriser else [],
        "intercept": round(model.intercept, 6), "coef": np.round(model.coef, 4).tolist(),
        "trees": booster_text(model.booster) if model.booster else None,
    }
    write_model_file(path, payload)


def load_url_model(path: Path) -> UrlModel:
    payload = _read_payload(path)
    booster = payload["params"].pop("booster")
    params = UrlTrainParams(**payload["params"], booster=BoosterParams(**booster) if booster else None)
    vectoriser = None
    if payload["vocabulary"]:
        vectoriser = _vectoriser(params, {term: i for i, term in enumerate(payload["vocabulary"])})
        vectoriser.idf_ = np.array(payload["idf"], dtype=np.float64)
    return UrlModel(vectoriser, np.array(payload["coef"], dtype=np.float64), float(payload["intercept"]),
                    float(payload["threshold"]), params, list(payload["trained_on"]),
                    booster_from_text(payload["trees"]) if payload["trees"] else None)


def _read_payload(path: Path) -> dict[str, Any]:
    expected = {"format": FORMAT, "version": FORMAT_VERSION, "signals": list(SIGNALS)}
    return read_model_file(path, expected, "link model", "rebuild it with scripts/train_url_model.py")

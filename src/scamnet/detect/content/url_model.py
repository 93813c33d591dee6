"""The link model: character n-grams of the link plus its lexical and brand signals, and a logistic regression.

Read from the link text alone (no DNS, page or reputation lookups), so it scores a link the moment
it is seen. The decision threshold is chosen on out-of-fold scores of the training data only, for
a target share of legitimate links flagged, and mapped to score 0.5. A model is saved as plain
JSON (vocabulary, idf, coefficients): no pickle, nothing executable.
"""

from __future__ import annotations

import gzip
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

from scamnet.core.errors import ConfigError
from scamnet.detect.content.brands import Brand
from scamnet.detect.content.text_model import threshold_to_half
from scamnet.detect.content.url_lexical import FEATURES, lexical_features
from scamnet.detect.content.url_lookalike import brand_matches
from scamnet.detect.content.url_parts import UrlParts

FORMAT = "scamnet-url-model"
FORMAT_VERSION = 1
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


@dataclass
class UrlModel:
    vectoriser: TfidfVectorizer | None
    coef: np.ndarray
    intercept: float
    threshold: float
    params: UrlTrainParams = field(default_factory=UrlTrainParams)
    trained_on: list[str] = field(default_factory=list)

    def probabilities(self, parts: list[UrlParts], brands: tuple[Brand, ...]) -> np.ndarray:
        """Phishing probability of each link, before the threshold."""
        logits = url_features(self.vectoriser, parts, brands, self.params) @ self.coef + self.intercept
        return 1.0 / (1.0 + np.exp(-np.asarray(logits, dtype=np.float64).ravel()))

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


def url_features(
    vectoriser: TfidfVectorizer | None, parts: list[UrlParts], brands: tuple[Brand, ...], params: UrlTrainParams
) -> sp.csr_matrix:
    blocks = []
    if params.use_ngrams and vectoriser is not None:
        blocks.append(vectoriser.transform([link_text(p) for p in parts]))
    if params.use_signals:
        blocks.append(sp.csr_matrix(np.array([signal_vector(p, brands) for p in parts], dtype=np.float64).reshape(-1, len(SIGNALS))))
    return sp.hstack(blocks, format="csr") if blocks else sp.csr_matrix((len(parts), 0))


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
    model = _fit(parts, y, brands, params)
    if with_threshold:
        model.threshold = _threshold_out_of_fold(parts, y, brands, params)
    model.trained_on = list(trained_on or [])
    return model


def _fit(parts: list[UrlParts], y: np.ndarray, brands: tuple[Brand, ...], params: UrlTrainParams) -> UrlModel:
    vectoriser = None
    if params.use_ngrams:
        vectoriser = _vectoriser(params)
        vectoriser.fit([link_text(p) for p in parts])
    x = url_features(vectoriser, parts, brands, params)
    classifier = LogisticRegression(C=params.c, solver="liblinear", max_iter=2000, random_state=params.seed)
    classifier.fit(x, y)
    return UrlModel(vectoriser, classifier.coef_.ravel(), float(classifier.intercept_[0]), 0.5, params)


def _threshold_out_of_fold(parts: list[UrlParts], y: np.ndarray, brands: tuple[Brand, ...], params: UrlTrainParams) -> float:
    """The lowest probability that flags at most ``max_legit_flagged`` of legitimate links, out of fold
    (folds grouped by registrable domain, so one site never sits on both sides)."""
    groups = [p.registrable for p in parts]
    oof = np.zeros(len(y))
    for fit_idx, held_idx in GroupKFold(n_splits=params.inner_folds).split(np.zeros(len(y)), y, groups):
        inner = _fit([parts[i] for i in fit_idx], y[fit_idx], brands, params)
        oof[held_idx] = inner.probabilities([parts[i] for i in held_idx], brands)
    legit = np.sort(oof[y == 0])[::-1]
    allowed = int(np.floor(params.max_legit_flagged * len(legit)))
    return float(np.nextafter(legit[allowed], 1.0)) if allowed < len(legit) else 0.5


def save_url_model(model: UrlModel, path: Path) -> None:
    """Write the model as gzipped JSON: readable, versioned, never executed on load."""
    vocabulary = sorted(model.vectoriser.vocabulary_, key=model.vectoriser.vocabulary_.get) if model.vectoriser else []
    payload = {
        "format": FORMAT, "version": FORMAT_VERSION, "params": model.params.__dict__, "trained_on": model.trained_on,
        "signals": list(SIGNALS), "threshold": model.threshold, "vocabulary": vocabulary,
        "idf": np.round(model.vectoriser.idf_, 4).tolist() if model.vectoriser else [],
        "intercept": round(model.intercept, 6), "coef": np.round(model.coef, 4).tolist(),
    }
    with gzip.open(path, "wt", encoding="utf-8", compresslevel=9) as out:
        json.dump(payload, out, ensure_ascii=False, separators=(",", ":"))


def load_url_model(path: Path) -> UrlModel:
    payload = _read_payload(path)
    params = UrlTrainParams(**payload["params"])
    vectoriser = None
    if payload["vocabulary"]:
        vectoriser = _vectoriser(params, {term: i for i, term in enumerate(payload["vocabulary"])})
        vectoriser.idf_ = np.array(payload["idf"], dtype=np.float64)
    return UrlModel(vectoriser, np.array(payload["coef"], dtype=np.float64), float(payload["intercept"]),
                    float(payload["threshold"]), params, list(payload["trained_on"]))


def _read_payload(path: Path) -> dict[str, Any]:
    try:
        with gzip.open(path, "rt", encoding="utf-8") as source:
            payload = json.load(source)
    except (OSError, json.JSONDecodeError, EOFError) as exc:
        raise ConfigError(f"{path}: not a scamnet link model ({exc})", hint="rebuild it with scripts/train_url_model.py") from exc
    if payload.get("format") != FORMAT or payload.get("version") != FORMAT_VERSION or payload.get("signals") != list(SIGNALS):
        raise ConfigError(
            f"{path}: format {payload.get('format')!r} version {payload.get('version')!r} does not match this scamnet",
            hint=f"expected {FORMAT} version {FORMAT_VERSION}; rebuild it with scripts/train_url_model.py",
        )
    return payload

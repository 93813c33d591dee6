"""The message model: character n-grams of normalised text plus the cue lexicon, and a linear classifier.

Character n-grams need no word segmenter, so one model reads Chinese and English alike; the cue
features let a few labelled examples carry over to phrasings the n-grams never saw. The decision
threshold is chosen on out-of-fold scores of the training data only, for a target share of
legitimate messages blocked. A model is saved as plain JSON (vocabulary, idf, coefficients):
no pickle, nothing executable.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold

from scamnet.core.errors import ConfigError
from scamnet.detect.content.model_file import read_model_file, write_model_file
from scamnet.detect.content.normalise import normalise_text
from scamnet.detect.content.text.char_grams import char_gram_tfidf
from scamnet.detect.content.text.cues import CUES, CueHit, cue_vector, find_cues
from scamnet.detect.thresholds import threshold_flagging_at_most

HAM = "ham"
FORMAT_VERSION = 1
CUE_WEIGHT = 0.5


@dataclass(frozen=True)
class TrainParams:
    """How a message model is trained; stored with the model so it can be reproduced."""

    ngram_max: int = 3
    max_features: int = 40_000
    c: float = 20.0
    max_ham_blocked: float = 0.001
    inner_folds: int = 3
    seed: int = 0


@dataclass
class TextModel:
    vectoriser: TfidfVectorizer
    classes: list[str]
    coef: np.ndarray
    intercept: np.ndarray
    threshold: float
    params: TrainParams = field(default_factory=TrainParams)
    trained_on: list[str] = field(default_factory=list)

    def class_probabilities(self, normalised: list[str], hits: list[list[CueHit]] | None = None) -> np.ndarray:
        """One row per normalised text, one column per class of ``classes``."""
        features = message_features(self.vectoriser, normalised, hits)
        return _probabilities(features @ self.coef.T + self.intercept)

    def scores(self, texts: list[str]) -> tuple[np.ndarray, list[str]]:
        """Scores in [0, 1] with the decision threshold at 0.5, and the likeliest non-ham class."""
        return self.normalised_scores([normalise_text(t) for t in texts])

    def normalised_scores(
        self, normalised: list[str], hits: list[list[CueHit]] | None = None
    ) -> tuple[np.ndarray, list[str]]:
        """``scores`` of texts already normalised, with their cue hits when already found."""
        probs = self.class_probabilities(normalised, hits)
        ham = self.classes.index(HAM)
        scam = 1.0 - probs[:, ham]
        probs[:, ham] = -1.0
        kinds = [self.classes[i] for i in probs.argmax(axis=1)] if len(normalised) else []
        return threshold_to_half(scam, self.threshold), kinds

    def predict(self, texts: list[str]) -> list[str]:
        """``ham`` below the threshold, else the likeliest other class."""
        scores, kinds = self.scores(texts)
        return [kind if s >= 0.5 else HAM for s, kind in zip(scores, kinds, strict=True)]


def threshold_to_half(scam: np.ndarray, threshold: float) -> np.ndarray:
    """Piecewise-linear rescale so that ``threshold`` lands on 0.5 (the alert threshold)."""
    low = 0.5 * scam / max(threshold, 1e-9)
    high = 0.5 + 0.5 * (scam - threshold) / max(1.0 - threshold, 1e-9)
    return np.clip(np.where(scam < threshold, low, high), 0.0, 1.0)


def message_features(
    vectoriser: TfidfVectorizer, normalised: list[str], hits: list[list[CueHit]] | None = None
) -> sp.csr_matrix:
    grams = char_gram_tfidf(vectoriser, normalised)
    hits = hits if hits is not None else [find_cues(t) for t in normalised]
    cues = sp.csr_matrix(np.array([cue_vector(h) for h in hits], dtype=np.float64).reshape(-1, len(CUES)))
    return sp.hstack([grams, cues * CUE_WEIGHT], format="csr")


def _probabilities(logits: np.ndarray) -> np.ndarray:
    logits = np.asarray(logits, dtype=np.float64)
    if logits.shape[1] == 1:  # binary: one column, the second class's log-odds
        positive = 1.0 / (1.0 + np.exp(-logits[:, 0]))
        return np.column_stack([1.0 - positive, positive])
    shifted = np.exp(logits - logits.max(axis=1, keepdims=True))
    return shifted / shifted.sum(axis=1, keepdims=True)


def train_text_model(
    texts: list[str], labels: list[str], params: TrainParams = TrainParams(), trained_on: list[str] | None = None
) -> TextModel:
    """A model over ``labels`` (``ham`` plus one or more scam classes), threshold set out of fold."""
    _check_labels(labels)
    normalised = [normalise_text(t) for t in texts]
    y = np.array(labels)
    model = _fit(normalised, y, params)
    model.threshold = _threshold_out_of_fold(normalised, y, params)
    model.trained_on = list(trained_on or [])
    return model


def _check_labels(labels: list[str]) -> None:
    kinds = set(labels)
    if HAM not in kinds or len(kinds) < 2:
        raise ConfigError(
            f"training labels are {sorted(kinds)}; need 'ham' and at least one scam label",
            hint="label legitimate messages 'ham' and scam messages with their type (or 'spam')",
        )


def _fit(normalised: list[str], y: np.ndarray, params: TrainParams) -> TextModel:
    vectoriser = TfidfVectorizer(
        analyzer="char_wb", ngram_range=(1, params.ngram_max), sublinear_tf=True, lowercase=False,
        min_df=2, max_features=params.max_features, dtype=np.float64,
    )
    vectoriser.fit(normalised)
    x = message_features(vectoriser, normalised)
    classifier = LogisticRegression(C=params.c, max_iter=2000, random_state=params.seed)
    classifier.fit(x, y)
    classes = [str(c) for c in classifier.classes_]
    return TextModel(vectoriser, classes, classifier.coef_, classifier.intercept_, 0.5, params)


def _threshold_out_of_fold(normalised: list[str], y: np.ndarray, params: TrainParams) -> float:
    """The lowest scam-probability threshold that blocks at most ``max_ham_blocked`` of ham, out of fold."""
    folds = StratifiedKFold(n_splits=params.inner_folds, shuffle=True, random_state=params.seed)
    scam = np.zeros(len(y))
    for fit_idx, held_idx in folds.split(np.zeros(len(y)), y):
        inner = _fit([normalised[i] for i in fit_idx], y[fit_idx], params)
        held = message_features(inner.vectoriser, [normalised[i] for i in held_idx])
        probs = _probabilities(held @ inner.coef.T + inner.intercept)
        scam[held_idx] = 1.0 - probs[:, inner.classes.index(HAM)]
    return threshold_flagging_at_most(scam[y == HAM], params.max_ham_blocked)


def save_text_model(model: TextModel, path: Path) -> None:
    """Write the model as gzipped JSON: readable, versioned, never executed on load."""
    vocabulary = sorted(model.vectoriser.vocabulary_, key=model.vectoriser.vocabulary_.get)
    payload = {
        "format": "scamnet-text-model",
        "version": FORMAT_VERSION,
        "params": model.params.__dict__,
        "trained_on": model.trained_on,
        "classes": model.classes,
        "threshold": model.threshold,
        "vocabulary": vocabulary,
        "idf": np.round(model.vectoriser.idf_, 5).tolist(),
        "intercept": np.round(model.intercept, 6).tolist(),
        "coef": np.round(model.coef, 5).tolist(),
    }
    write_model_file(path, payload)


def load_text_model(path: Path) -> TextModel:
    payload = _read_payload(path)
    params = TrainParams(**payload["params"])
    vocabulary = {term: i for i, term in enumerate(payload["vocabulary"])}
    vectoriser = TfidfVectorizer(
        analyzer="char_wb", ngram_range=(1, params.ngram_max), sublinear_tf=True, lowercase=False,
        vocabulary=vocabulary, dtype=np.float64,
    )
    vectoriser.idf_ = np.array(payload["idf"], dtype=np.float64)
    return TextModel(
        vectoriser, list(payload["classes"]), np.array(payload["coef"]), np.array(payload["intercept"]),
        float(payload["threshold"]), params, list(payload["trained_on"]),
    )


def _read_payload(path: Path) -> dict[str, Any]:
    expected = {"format": "scamnet-text-model", "version": FORMAT_VERSION}
    return read_model_file(path, expected, "text model", "train one with scamnet train text")

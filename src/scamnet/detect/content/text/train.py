"""How the message model is trained: its rows (each text and its stripped copy), the classifier, and the
out-of-fold scores its calibration and alert and "suspicious" thresholds are set on (``model`` holds the model
itself and its file).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold

from scamnet.core.errors import ConfigError
from scamnet.detect.content.normalise import normalise_text
from scamnet.detect.content.text.language import training_scripts
from scamnet.detect.content.text.model import HAM, NOT_SCAM, TextModel, TrainParams, message_features, stripped_copy
from scamnet.detect.content.text.reference import platt_calibration, source_weights, weighted_threshold


@dataclass(frozen=True)
class _Rows:
    """Training rows: each normalised text, and its stripped copy where that differs, with label, source and origin."""

    texts: list[str]
    labels: np.ndarray
    sources: list[str]
    origin: np.ndarray  # index of the original text each row comes from

    @classmethod
    def build(cls, normalised: list[str], labels: list[str], sources: list[str], augment: bool) -> _Rows:
        copies = [(i, c) for i, t in enumerate(normalised) if augment and (c := stripped_copy(t)) != t and c]
        return cls(normalised + [c for _, c in copies], np.array(labels + [labels[i] for i, _ in copies]),
                   sources + [sources[i] for i, _ in copies], np.array(list(range(len(normalised))) + [i for i, _ in copies]))

    def of(self, originals: np.ndarray) -> np.ndarray:
        return np.flatnonzero(np.isin(self.origin, originals))


@dataclass(frozen=True)
class OutOfFold:
    """Out-of-fold scores of the training rows (copies included), kept for calibration plots and checks."""

    raw: np.ndarray
    probability: np.ndarray
    labels: np.ndarray
    sources: list[str]


def train_text_model(
    texts: list[str], labels: list[str], params: TrainParams = TrainParams(), trained_on: list[str] | None = None,
    sources: list[str] | None = None,
) -> TextModel:
    """A model over ``labels`` (``ham``, optionally ``spam``, and one or more scam classes); ``sources`` names
    each row's source for the pooled threshold reference (one source when not given)."""
    return train_with_out_of_fold(texts, labels, params, trained_on, sources)[0]


def train_with_out_of_fold(
    texts: list[str], labels: list[str], params: TrainParams = TrainParams(), trained_on: list[str] | None = None,
    sources: list[str] | None = None,
) -> tuple[TextModel, OutOfFold]:
    """``train_text_model`` and the out-of-fold scores its calibration and thresholds were set on."""
    _check_labels(labels)
    normalised, named = [normalise_text(t) for t in texts], list(sources or ["all"] * len(texts))
    rows = _Rows.build(normalised, list(labels), named, params.augment)
    model = _fit(rows.texts, rows.labels, params)
    model.scripts = training_scripts(normalised, named)
    raw = _raw_out_of_fold(rows, params)
    repeats = len(raw) // len(rows.labels)  # each repeat's scores are rows of their own: one model's score each
    labels_, sources_ = np.tile(rows.labels, repeats), list(rows.sources) * repeats
    is_scam = ~np.isin(labels_, list(NOT_SCAM))
    model.calibration = platt_calibration(raw, is_scam)
    probability = model.calibration(raw)
    ham = labels_ == HAM
    weights = source_weights([s for s, h in zip(sources_, ham, strict=True) if h])
    model.threshold = weighted_threshold(probability[ham], weights, params.max_ham_blocked)
    model.suspicious = min(weighted_threshold(probability[ham], weights, params.max_ham_suspicious), model.threshold)
    model.trained_on = list(trained_on or [])
    return model, OutOfFold(raw, probability, labels_, sources_)


def _check_labels(labels: list[str]) -> None:
    kinds = set(labels)
    if HAM not in kinds or not kinds - NOT_SCAM:
        raise ConfigError(
            f"training labels are {sorted(kinds)}; need 'ham' and at least one scam label",
            hint="label legitimate messages 'ham', marketing 'spam' and scam messages with their type",
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


def _raw_out_of_fold(rows: _Rows, params: TrainParams) -> np.ndarray:
    """Each row's uncalibrated scam probability from a model that saw neither it nor its original or copy, once per
    inner cross-validation (``out_of_fold_repeats``, each split its own way, the first as ``seed``): the repeats one
    after the other, every row once in each."""
    originals = np.flatnonzero(rows.origin == np.arange(len(rows.origin)))
    found = []
    for repeat in range(max(params.out_of_fold_repeats, 1)):
        split = params.seed if repeat == 0 else params.seed * 1000 + repeat
        folds = StratifiedKFold(n_splits=params.inner_folds, shuffle=True, random_state=split)
        raw = np.zeros(len(rows.texts))
        for fit_idx, held_idx in folds.split(originals, rows.labels[originals]):
            fit_rows, held_rows = rows.of(originals[fit_idx]), rows.of(originals[held_idx])
            inner = _fit([rows.texts[i] for i in fit_rows], rows.labels[fit_rows], params)
            raw[held_rows] = inner.raw_scam(inner.class_probabilities([rows.texts[i] for i in held_rows]))
        found.append(raw)
    return np.concatenate(found)

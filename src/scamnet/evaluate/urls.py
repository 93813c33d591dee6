"""``scamnet bench urls``: the link detector measured on the Hannousse web-phishing set.

``bench_urls`` cross-validates from the raw URL only (never the set's precomputed columns), with
folds grouped by registrable domain so one site is never on both sides, retraining the same
method in every fold.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import GroupKFold

from scamnet.detect.content.brands import Brand
from scamnet.detect.content.url.lookalike import brand_matches
from scamnet.detect.content.url.model import UrlModel, UrlTrainParams, train_url_model
from scamnet.detect.content.url.parts import UrlParts, url_parts
from scamnet.detect.content.url.url_risk import judge_link, protected_brands
from scamnet.evaluate.datasets import phishing_urls
from scamnet.evaluate.metrics import tpr_at_fpr
from scamnet.evaluate.results import Result, key

FPR_BUDGETS = (0.01, 0.001)
DETECTOR = "url_risk (n-gram score + signals + shape, boosted trees; the detector)"
LINEAR = "linear (n-grams + lexical + brands, the previous detector)"


@dataclass(frozen=True)
class UrlRow(Result):
    """One method, cross-validated; a method that is not trained has no ``fit_s`` and ``urls_per_s`` (NaN)."""

    method: str
    roc_auc: float
    tpr_at_fpr_1: float = key("tpr_at_1.0%_fpr")
    tpr_at_fpr_0_1: float = key("tpr_at_0.1%_fpr")
    fit_s: float
    urls_per_s: float


@dataclass(frozen=True)
class UrlBench(Result):
    """``bench urls`` on the Hannousse set."""

    dataset: str
    urls: int
    phishing: int
    registrable_domains: int
    folds: int
    rows: list[UrlRow]


def bench_urls(datasets: Path, folds: int = 5, seed: int = 0, ablations: bool = True) -> UrlBench:
    """Grouped cross-validation of the link detector (and the older linear model and three ablations, unless
    ``ablations`` is off); TPR at 1 % / 0.1 % FPR, AUC, URLs/s."""
    urls, labels = phishing_urls(datasets)
    y = np.asarray(labels, dtype=int)
    brands = protected_brands()
    parts = [url_parts(u) for u in urls]
    groups = [p.registrable for p in parts]
    methods = {DETECTOR: UrlTrainParams(seed=seed)}
    if ablations:
        methods |= {
            LINEAR: UrlTrainParams(seed=seed, booster=None),
            "lexical + brand signals only": UrlTrainParams(seed=seed, use_ngrams=False, booster=None),
            "n-grams only": UrlTrainParams(seed=seed, use_signals=False, booster=None),
        }
    rows = [_cross_validated(name, params, parts, y, groups, brands, folds) for name, params in methods.items()]
    if ablations:
        rows.append(_figures("brand lookalikes only", y, np.array([_brand_strength(p, brands) for p in parts])))
    return UrlBench(str(Path(datasets) / "hannousse-web-phishing-2021"), len(urls), int(y.sum()), len(set(groups)),
                    folds, rows)


def _cross_validated(name: str, params: UrlTrainParams, parts: list[UrlParts], y: np.ndarray, groups: list[str],
                     brands: tuple[Brand, ...], folds: int) -> UrlRow:
    oof, fit_s, score_s = np.zeros(len(y)), 0.0, 0.0
    for fit_idx, held_idx in GroupKFold(n_splits=folds).split(np.zeros(len(y)), y, groups):
        started = time.perf_counter()
        full = params.use_ngrams and params.use_signals  # only the detectors' own rules need the threshold
        model = train_url_model([parts[i] for i in fit_idx], y[fit_idx].tolist(), brands, params, with_threshold=full)
        fit_s += time.perf_counter() - started
        started = time.perf_counter()
        # A copy of the brand list starts with no remembered hosts: speed as on links never seen.
        oof[held_idx] = _final_scores(model, [parts[i] for i in held_idx], tuple(list(brands)), params)
        score_s += time.perf_counter() - started
    return replace(_figures(name, y, oof), fit_s=round(fit_s, 1), urls_per_s=round(len(y) / max(score_s, 1e-9)))


def _final_scores(model: UrlModel, parts: list[UrlParts], brands: tuple[Brand, ...], params: UrlTrainParams) -> np.ndarray:
    """What the detector outputs (brand rules over the thresholded model), or the bare model for an ablation."""
    if not (params.use_ngrams and params.use_signals):
        return model.probabilities(parts, brands)
    scores = model.scores(parts, brands)
    return np.array([judge_link(p.url, p, float(s), brands).score for p, s in zip(parts, scores, strict=True)])


def _brand_strength(parts: UrlParts, brands: tuple[Brand, ...]) -> float:
    return max((m.strength for m in brand_matches(parts, brands)), default=0.0)


def _figures(name: str, y: np.ndarray, scores: np.ndarray) -> UrlRow:
    """ROC AUC and TPR at each false-positive rate budget, to four decimals; no timings."""
    tprs = [round(tpr_at_fpr(y, scores, budget), 4) for budget in FPR_BUDGETS]
    return UrlRow(name, round(float(roc_auc_score(y, scores)), 4), *tprs, math.nan, math.nan)



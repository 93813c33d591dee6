"""``scamnet bench urls``: the link detector, left-one-source-out (the main figure) and cross-validated in source.

Leave-one-source-out (``loso``): for each source of ``url_sources`` (Hannousse; PhishTank 2020 +
ISCX benign, evaluation only; validin phishing domains against MISP benign-list domains), the
detector is trained on every trainable source but that one — the MISP hosting lists too are left
out with their source — and scores the one left out: TPR at 1 % / 0.1 % FPR, and the share of
legitimate links flagged and of phishing caught at the model's own (shipped-rule) threshold.

In source (``rows``, ``in_source``): cross-validation from the raw URL only (never a set's
precomputed columns), folds grouped by registrable domain so one site is never on both sides;
the sites held out are taken off the hosting lists of that fold (no leak through the lists).
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
from scamnet.detect.content.url.sites import SiteLists, site_of
from scamnet.detect.content.url.url_risk import judge_link, protected_brands
from scamnet.evaluate.datasets import phishing_urls
from scamnet.evaluate.metrics import tpr_at_fpr
from scamnet.evaluate.results import Result, key
from scamnet.evaluate.url_sources import UrlSource, hannousse, message_links, phishtank_iscx, site_lists, validin_misp

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
class UrlSourceRow(Result):
    """The detector on one source: left out of training (``loso``) or cross-validated inside it (``in_source``)."""

    source: str
    how: str
    trained_on: str
    urls: int
    phishing: int
    tpr_at_fpr_1: float = key("tpr_at_1.0%_fpr")
    tpr_at_fpr_0_1: float = key("tpr_at_0.1%_fpr")
    legit_flagged: float
    legit_suspicious: float
    phishing_caught: float
    roc_auc: float


@dataclass(frozen=True)
class UrlBench(Result):
    """``bench urls``: the Hannousse cross-validation (``rows``) and the per-source table (``sources``)."""

    dataset: str
    urls: int
    phishing: int
    registrable_domains: int
    folds: int
    rows: list[UrlRow]
    sources: list[UrlSourceRow]


def bench_urls(datasets: Path, folds: int = 5, seed: int = 0, ablations: bool = True, limit: int = 10_000,
               in_source_folds: int = 3, pooled_reference: bool = False) -> UrlBench:
    """Leave-one-source-out and in-source figures per source; with ``ablations``, the Hannousse cross-validation
    of the detector next to the older linear model and three ablations; ``pooled_reference`` trains the
    per-source models with the pooled legitimate reference and the links of legitimate messages."""
    sources = bench_sources(datasets, seed, limit, in_source_folds, pooled_reference)
    urls, labels = phishing_urls(datasets)
    y = np.asarray(labels, dtype=int)
    brands = protected_brands()
    parts = [url_parts(u) for u in urls]
    groups = [p.registrable for p in parts]
    methods = {}  # the detector's own Hannousse cross-validation is the in-source row of ``sources``
    if ablations:
        methods = {DETECTOR: UrlTrainParams(seed=seed)}
        methods |= {
            LINEAR: UrlTrainParams(seed=seed, booster=None),
            "lexical + brand signals only": UrlTrainParams(seed=seed, use_ngrams=False, booster=None),
            "n-grams only": UrlTrainParams(seed=seed, use_signals=False, booster=None),
        }
    rows = [_cross_validated(name, params, parts, y, groups, brands, folds) for name, params in methods.items()]
    if ablations:
        rows.append(_figures("brand lookalikes only", y, np.array([_brand_strength(p, brands) for p in parts])))
    return UrlBench(str(Path(datasets) / "hannousse-web-phishing-2021"), len(urls), int(y.sum()), len(set(groups)),
                    folds, rows, sources)


def bench_sources(datasets: Path, seed: int = 0, limit: int = 10_000, in_source_folds: int = 3,
                  pooled_reference: bool = False) -> list[UrlSourceRow]:
    """Each source left out of training (and, for the trainable ones, cross-validated inside itself)."""
    with_misp, without_misp = site_lists(datasets), site_lists(datasets, with_misp=False)
    sources = [hannousse(datasets), validin_misp(datasets, with_misp, limit, seed), phishtank_iscx(datasets, limit, seed)]
    # legitimate links only: trained on in every fold, never a left-out row
    always = [message_links(datasets)] if pooled_reference else []
    brands = protected_brands()
    rows = []
    for left_out in sources:
        trained = [s for s in sources if s.trainable and s is not left_out] + always
        lists = without_misp if left_out.name == "validin_misp" else with_misp
        model = _train_on(trained, brands, lists, seed, pooled_reference)
        parts = [url_parts(u) for u in left_out.urls]
        scores = _final_scores(model, parts, brands, UrlTrainParams())
        rows.append(_source_row(left_out, "left out", "+".join(s.name for s in trained), scores))
        if left_out.trainable:
            rows.append(_in_source(left_out, brands, lists, seed, in_source_folds))
    return rows


def _train_on(sources: list[UrlSource], brands: tuple[Brand, ...], lists: SiteLists, seed: int,
              pooled_reference: bool = False) -> UrlModel:
    parts = [url_parts(u) for s in sources for u in s.urls]
    labels = [y for s in sources for y in s.labels]
    params = UrlTrainParams(seed=seed, pooled_reference=pooled_reference)
    return train_url_model(parts, labels, brands, params, [s.name for s in sources], sites=lists,
                           sources=[s.name for s in sources for _ in s.urls])


def _in_source(source: UrlSource, brands: tuple[Brand, ...], lists: SiteLists, seed: int, folds: int) -> UrlSourceRow:
    """Grouped cross-validation inside one source; the held-out sites are taken off that fold's hosting lists."""
    parts = [url_parts(u) for u in source.urls]
    y = np.asarray(source.labels, dtype=int)
    scores = np.zeros(len(y))
    for fit_idx, held_idx in GroupKFold(n_splits=folds).split(np.zeros(len(y)), y, [p.registrable for p in parts]):
        held = [parts[i] for i in held_idx]
        fold_lists = without_sites(lists, {site_of(p, lists.free_hosts) for p in held})
        model = train_url_model([parts[i] for i in fit_idx], y[fit_idx].tolist(), brands, UrlTrainParams(seed=seed),
                                sites=fold_lists)
        scores[held_idx] = _final_scores(model, held, brands, UrlTrainParams())
    return _source_row(source, f"in source, {folds} grouped folds", source.name, scores)


def without_sites(lists: SiteLists, sites: set[str]) -> SiteLists:
    """``lists`` with ``sites`` taken off the well-known lists (top sites, banks, universities)."""
    return replace(lists, top={d: r for d, r in lists.top.items() if d not in sites}, banks=lists.banks - sites,
                   universities=lists.universities - sites)


def _source_row(source: UrlSource, how: str, trained_on: str, scores: np.ndarray) -> UrlSourceRow:
    y = np.asarray(source.labels, dtype=int)
    benign, phish = scores[y == 0], scores[y == 1]
    return UrlSourceRow(
        source.name, how, trained_on, len(y), int(y.sum()), round(tpr_at_fpr(y, scores, 0.01), 4),
        round(tpr_at_fpr(y, scores, 0.001), 4), round(float(np.mean(benign >= 0.5)), 5),
        round(float(np.mean((benign >= 0.3) & (benign < 0.5))), 5), round(float(np.mean(phish >= 0.5)), 4),
        round(float(roc_auc_score(y, scores)), 4),
    )


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
    return np.array([judge_link(p.url, p, float(s), brands, model.sites).score
                     for p, s in zip(parts, scores, strict=True)])


def _brand_strength(parts: UrlParts, brands: tuple[Brand, ...]) -> float:
    return max((m.strength for m in brand_matches(parts, brands)), default=0.0)


def _figures(name: str, y: np.ndarray, scores: np.ndarray) -> UrlRow:
    """ROC AUC and TPR at each false-positive rate budget, to four decimals; no timings."""
    tprs = [round(tpr_at_fpr(y, scores, budget), 4) for budget in FPR_BUDGETS]
    return UrlRow(name, round(float(roc_auc_score(y, scores)), 4), *tprs, math.nan, math.nan)



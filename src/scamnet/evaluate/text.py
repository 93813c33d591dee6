"""``scamnet bench text``: the message model measured on public labelled sets, and its scoring speed.

The main figure is leave-one-source-out (``text_loso``): for each message source, the shipped
method trained on every trainable source but that one, scored on it at its own alert threshold,
beside the in-source cross-validated figure. The rows below come after it.

Every in-source figure comes from stratified k-fold cross-validation that retrains the shipped model's own
method (``train_text_model`` with default ``TrainParams``) on the training folds only — its decision
threshold included — and predicts the held-out fold. Sets:

- ``uci``: UCI SMS Spam Collection, ham / spam.
- ``mendeley``: Mendeley smishing, ham / spam / phishing, without the texts that also occur in UCI;
  a second row adds all of UCI to every training fold, as the shipped model's training does.
- ``zh``: telecom-fraud-texts-5, ham and four scam types, with a length-only baseline on the same
  folds (its scam texts are longer than its normal ones: a model could learn length alone).

Speed rows time ``assess_texts`` with the shipped model on each set's texts: one process, one
thread, median of three runs.
"""

from __future__ import annotations

import math
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
from sklearn.metrics import f1_score, matthews_corrcoef
from sklearn.model_selection import StratifiedKFold
from sklearn.tree import DecisionTreeClassifier

from scamnet.core.errors import ConfigError
from scamnet.detect.content.text.model import HAM, TrainParams
from scamnet.detect.content.text.reference import reliability
from scamnet.detect.content.text.scam_text import assess_texts, text_model
from scamnet.detect.content.text.train import train_text_model
from scamnet.evaluate.datasets import chinese_fraud_texts
from scamnet.evaluate.results import Result, flatten, key
from scamnet.evaluate.text_loso import LosoRow, loso_rows
from scamnet.evaluate.text_sources import SOURCES, mendeley_not_uci, uci_three_way

SPEED_RUNS = 3
#: Rows: the cross-validated model; a depth-3 decision tree on character count alone; the shipped model's scoring speed.
MODEL = "text model"
LENGTH_BASELINE = "length only"
SHIPPED = "shipped, scoring"
WITH_UCI = "text model, UCI added"

Labelled = tuple[list[str], list[str]]


@dataclass(frozen=True)
class TextFigures(Result):
    """Scam-vs-ham figures of predicted labels (any non-ham label is scam), and macro-F1 over every label."""

    rows: int
    scam_rows: int
    mcc: float
    scam_f1: float
    recall: float
    ham_blocked: int
    ham_blocked_pct: float
    macro_f1: float
    classes: int


@dataclass(frozen=True)
class TextRow(Result):
    """One model's cross-validated figures on one set."""

    set_name: str = key("set")
    model: str
    figures: TextFigures = flatten(TextFigures)


@dataclass(frozen=True)
class TextSpeedRow(Result):
    """The shipped model's scoring speed on one set's texts."""

    set_name: str = key("set")
    model: str
    rows: int
    messages_per_s: int


@dataclass(frozen=True)
class ReliabilityBin(Result):
    """Calibrated scam probabilities of the left-out rows (each scored by a model that never saw its source)
    in one bin of width 0.1, against what the rows were."""

    predicted: float
    observed: float
    rows: int


@dataclass(frozen=True)
class TextBench(Result):
    """``bench text``: leave-one-source-out rows, then in-source quality rows per set and one speed row per set."""

    datasets: str
    folds: int
    seed: int
    alert_share: float
    suspicious_share: float
    loso: list[LosoRow]
    reliability: list[ReliabilityBin]
    rows: list[TextRow | TextSpeedRow]


def uci_set(root: Path) -> Labelled:
    """UCI SMS, its spam split into scams and marketing (``text_sources.uci_three_way``)."""
    return uci_three_way(root)


def mendeley_set(root: Path) -> Labelled:
    """Mendeley smishing minus the texts UCI also holds (most of its ham and spam are UCI's)."""
    return mendeley_not_uci(root)


SETS: dict[str, tuple[str, Callable[[Path], Labelled]]] = {
    "uci": ("UCI SMS", uci_set),
    "mendeley": ("Mendeley not UCI", mendeley_set),
    "zh": ("telecom-fraud-5", chinese_fraud_texts),
}


def bench_text(datasets: Path, folds: int = 5, seed: int = 0, only: str | None = None, *,
               loso: bool = True, loso_only: bool = False, in_source: bool = True,
               full_model: Path | None = None, out_of_fold_repeats: int = 1) -> TextBench:
    """Leave-one-source-out rows (unless not ``loso``), then cross-validated quality rows per set and one speed
    row per set (unless ``loso_only``); ``only`` names some sources, comma-separated; without ``in_source`` the
    leave-one-source-out rows skip their in-source cross-validation (``null``); ``full_model`` (a model file
    trained the shipped way on every trainable source, such as the shipped one) scores the evaluation-only
    sources instead of a model trained here; ``out_of_fold_repeats``: the inner cross-validations of every model
    the run trains, left-out and in-source (``TrainParams.out_of_fold_repeats``)."""
    chosen = _chosen(only)
    params = TrainParams(seed=seed, out_of_fold_repeats=out_of_fold_repeats)
    model = text_model(full_model) if full_model else None
    held, left_out = loso_rows(Path(datasets), chosen, folds, seed, in_source, model, params) if loso else ([], None)
    bins = [ReliabilityBin(*b) for b in reliability(left_out.probability, left_out.is_scam)] if left_out else []
    names = [] if loso_only else [n for n in SETS if n in chosen]
    loaded = {name: SETS[name][1](Path(datasets)) for name in names}
    extra = {"mendeley": uci_three_way(Path(datasets))} if "mendeley" in names else {}
    rows: list[TextRow | TextSpeedRow] = [
        row for name in names
        for row in set_rows(name, *loaded[name], folds=folds, seed=seed, extra=extra.get(name), params=params)]
    rows += [speed_row(SETS[name][0], loaded[name][0]) for name in names]
    return TextBench(str(datasets), folds, seed, params.max_ham_blocked, params.max_ham_suspicious, held, bins, rows)


def _chosen(only: str | None) -> list[str]:
    """The sources named in ``only`` (comma-separated), or every one."""
    names = list(SOURCES) if only is None else [n.strip() for n in only.split(",") if n.strip()]
    for name in names:
        if name not in SOURCES:
            raise ConfigError(f"no text source {name!r}", hint=f"choose one or more of {', '.join(SOURCES)}")
    return names


def set_rows(
    name: str, texts: list[str], labels: list[str], *, folds: int, seed: int, extra: Labelled | None = None,
    params: TrainParams | None = None,
) -> list[TextRow]:
    """The model's cross-validated figures on one set; the length baseline's for ``zh``; with ``extra``
    (UCI, for Mendeley) also a model whose every training fold has the extra rows added."""
    title = SETS[name][0]
    rows = [TextRow(title, MODEL, text_figures(labels, model_predictions(texts, labels, folds, seed, params=params)))]
    if extra is not None:
        predicted = model_predictions(texts, labels, folds, seed, extra, params)
        rows.append(TextRow(title, WITH_UCI, text_figures(labels, predicted)))
    if name == "zh":
        rows.append(TextRow(title, LENGTH_BASELINE, text_figures(labels, length_predictions(texts, labels, folds, seed))))
    return rows


def fold_indices(labels: list[str], folds: int, seed: int) -> list[tuple[np.ndarray, np.ndarray]]:
    """Stratified, shuffled with ``seed``: the same folds for the model and the baseline."""
    splitter = StratifiedKFold(n_splits=folds, shuffle=True, random_state=seed)
    return list(splitter.split(np.zeros(len(labels)), np.array(labels)))


def model_predictions(
    texts: list[str], labels: list[str], folds: int, seed: int, extra: Labelled = ([], []),
    params: TrainParams | None = None,
) -> list[str]:
    """Each text's label as predicted by a model trained (threshold included) without its fold, plus ``extra``;
    ``params``: the recipe (the shipped one by default), its seed set to ``seed``."""
    predicted = [HAM] * len(texts)
    for train, held in fold_indices(labels, folds, seed):
        train_texts, train_labels = [texts[i] for i in train] + extra[0], [labels[i] for i in train] + extra[1]
        model = train_text_model(train_texts, train_labels, replace(params or TrainParams(), seed=seed))
        for i, label in zip(held, model.predict([texts[i] for i in held]), strict=True):
            predicted[i] = label
    return predicted


def length_predictions(texts: list[str], labels: list[str], folds: int, seed: int) -> list[str]:
    """Each text's label as a depth-3 tree on its character count alone predicts it, out of fold."""
    lengths = np.array([[len(t)] for t in texts], dtype=float)
    y = np.array(labels)
    predicted = np.empty(len(labels), dtype=object)
    for train, held in fold_indices(labels, folds, seed):
        tree = DecisionTreeClassifier(max_depth=3, random_state=seed).fit(lengths[train], y[train])
        predicted[held] = tree.predict(lengths[held])
    return [str(p) for p in predicted]


def text_figures(labels: list[str], predicted: list[str]) -> TextFigures:
    """Scam-vs-ham figures (any non-ham label counts as scam) and macro-F1 over every label."""
    truth, flagged = np.array(labels) != HAM, np.array(predicted) != HAM
    return TextFigures(
        rows=len(labels),
        scam_rows=int(truth.sum()),
        mcc=float(matthews_corrcoef(truth, flagged)),
        scam_f1=float(f1_score(truth, flagged, zero_division=0.0)),
        recall=float(flagged[truth].mean()) if truth.any() else math.nan,
        ham_blocked=int(flagged[~truth].sum()),
        ham_blocked_pct=100.0 * float(flagged[~truth].mean()) if (~truth).any() else math.nan,
        macro_f1=float(f1_score(labels, predicted, average="macro", zero_division=0.0)),
        classes=len(set(labels)),
    )


def speed_row(title: str, texts: list[str], runs: int = SPEED_RUNS) -> TextSpeedRow:
    """Messages per second of ``assess_texts`` with the shipped model: median of ``runs`` runs."""
    model = text_model()
    assess_texts(texts[:100], model)  # warm up: first-call costs are not scoring speed
    seconds = []
    for _ in range(runs):
        start = time.perf_counter()
        assess_texts(texts, model)
        seconds.append(time.perf_counter() - start)
    return TextSpeedRow(title, SHIPPED, len(texts), round(len(texts) / statistics.median(seconds)))

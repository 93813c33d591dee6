"""Leave-one-source-out figures of the message model: how it holds up on a source it never saw.

For each source left out, the shipped method (``train_text_model``, default ``TrainParams``: its
calibration and thresholds included) is trained on every trainable source but that one, and the
left-out source is scored at that model's own alert threshold. Evaluation-only sources are never
trained on: they are scored by the model trained on every trainable source (the shipped recipe).
Next to it, the in-source figure: stratified k-fold cross-validation inside that source alone.

Three labels are kept apart: a scam found is a scam row at or above the alert threshold; a
legitimate row flagged is a ``ham`` row at or above it; a marketing (``spam``) row is counted as
labelled ``spam``, as a scam (an alert), or neither (legitimate).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
from sklearn.model_selection import StratifiedKFold

from scamnet.detect.content.text.model import ALERT, HAM, NOT_SCAM, SPAM, TextModel, TrainParams
from scamnet.detect.content.text.scam_text import TextAssessment, assess_texts
from scamnet.detect.content.text.train import OutOfFold, train_with_out_of_fold
from scamnet.evaluate.results import Result, flatten, key
from scamnet.evaluate.text_links import LinkedFigures, labels_with_links, links_of
from scamnet.evaluate.text_sources import SOURCES, Labelled

#: Texts that arrive as some collections deliver them: no capital letter, no digit.
_STRIPPED = re.compile(r"^[^A-Z0-9]*$")


@dataclass(frozen=True)
class SourceFigures(Result):
    """One source's rows judged at the alert threshold, three labels kept apart."""

    rows: int
    scam_rows: int
    spam_rows: int
    ham_rows: int
    scam_recall: float
    ham_flagged_pct: float
    ham_suspicious_pct: float
    spam_as_spam: float
    spam_as_scam: float
    unwanted_found: float
    stripped_rows: int
    unwanted_found_stripped: float
    ham_flagged_stripped_pct: float
    #: share of the rows in a language the model did not learn: labelled ``unknown``, never an alert
    unknown_share: float = 0.0


@dataclass(frozen=True)
class InSourceFigures(Result):
    """The same source, cross-validated inside itself (``null`` where it has no scam label to train on)."""

    in_source_scam_recall: float = key("in_source_scam_recall")
    in_source_ham_flagged_pct: float = key("in_source_ham_flagged_pct")


@dataclass(frozen=True)
class LosoRow(Result):
    """One source left out: what the model trained without it did on it, beside the in-source figure."""

    left_out: str
    trainable: bool
    trained_on: str
    threshold: float
    figures: SourceFigures = flatten(SourceFigures)
    with_links: LinkedFigures = flatten(LinkedFigures)
    in_source: InSourceFigures = flatten(InSourceFigures)


def source_figures(texts: list[str], labels: list[str], predicted: list[str], bands: list[str],
                   unknown: list[bool] | None = None) -> SourceFigures:
    """Figures of ``predicted`` labels (scam type, ``spam`` or ``ham``) and bands against the true ``labels``;
    ``unknown`` marks the rows in a language the model did not learn."""
    y, p = np.array(labels), np.array(predicted)
    scam, spam, ham = ~np.isin(y, list(NOT_SCAM)), y == SPAM, y == HAM
    alerted, marked = ~np.isin(p, list(NOT_SCAM)), p == SPAM
    noticed = np.array([b != "none" for b in bands], dtype=bool)
    stripped = np.array([bool(_STRIPPED.match(t)) for t in texts], dtype=bool)
    unwanted = scam | spam
    return SourceFigures(
        rows=len(y), scam_rows=int(scam.sum()), spam_rows=int(spam.sum()), ham_rows=int(ham.sum()),
        scam_recall=_share(alerted, scam), ham_flagged_pct=100 * _share(alerted, ham),
        ham_suspicious_pct=100 * _share(noticed, ham), spam_as_spam=_share(marked, spam),
        spam_as_scam=_share(alerted, spam), unwanted_found=_share(alerted | marked, unwanted),
        stripped_rows=int(stripped.sum()), unwanted_found_stripped=_share(alerted | marked, unwanted & stripped),
        ham_flagged_stripped_pct=100 * _share(alerted, ham & stripped),
        unknown_share=float(np.mean(unknown)) if unknown else 0.0,
    )


def _share(hit: np.ndarray, among: np.ndarray) -> float:
    return float(hit[among].mean()) if among.any() else math.nan


def judged(model: TextModel, texts: list[str]) -> tuple[list[str], list[str], np.ndarray, list[bool]]:
    """Each text's label (scam type, ``spam`` or ``ham``), band, calibrated scam probability under ``model``,
    and whether its language is one the model did not learn."""
    return judged_assessments(assess_texts(texts, model))


def judged_assessments(found: list[TextAssessment]) -> tuple[list[str], list[str], np.ndarray, list[bool]]:
    """``judged`` of texts already assessed."""
    labels = [a.scam_type or "other" if a.band == ALERT else SPAM if a.marketing else HAM for a in found]
    return labels, [a.band for a in found], np.array([a.probability for a in found]), [not a.language_known for a in found]


def pooled(loaded: dict[str, Labelled], names: list[str]) -> tuple[list[str], list[str], list[str]]:
    texts, labels, sources = [], [], []
    for name in names:
        texts += loaded[name][0]
        labels += loaded[name][1]
        sources += [name] * len(loaded[name][0])
    return texts, labels, sources


def trained_without(loaded: dict[str, Labelled], left_out: str | None, seed: int,
                    params: TrainParams | None = None) -> tuple[TextModel, OutOfFold]:
    """The shipped method (or ``params``' recipe, its seed set to ``seed``) on every trainable loaded source but
    ``left_out``."""
    names = [n for n in loaded if SOURCES[n].trainable and n != left_out]
    texts, labels, sources = pooled(loaded, names)
    return train_with_out_of_fold(texts, labels, replace(params or TrainParams(), seed=seed), names, sources)


def in_source(texts: list[str], labels: list[str], folds: int, seed: int) -> InSourceFigures:
    """Scam recall and ham flagged when the source is cross-validated inside itself."""
    if not set(labels) - NOT_SCAM or HAM not in labels:
        return InSourceFigures(math.nan, math.nan)
    predicted = [HAM] * len(texts)
    splitter = StratifiedKFold(n_splits=folds, shuffle=True, random_state=seed)
    for train, held in splitter.split(np.zeros(len(labels)), np.array(labels)):
        model, _ = train_with_out_of_fold([texts[i] for i in train], [labels[i] for i in train], TrainParams(seed=seed))
        for i, label in zip(held, judged(model, [texts[i] for i in held])[0], strict=True):
            predicted[i] = label
    got = source_figures(texts, labels, predicted, ["none"] * len(texts))
    return InSourceFigures(got.scam_recall, got.ham_flagged_pct)


@dataclass(frozen=True)
class LeftOutScores:
    """Calibrated scam probabilities of every left-out row of a run, and whether each was a scam."""

    probability: np.ndarray
    is_scam: np.ndarray


def loso_rows(datasets: Path, names: list[str], folds: int, seed: int, with_in_source: bool = True,
              full_model: TextModel | None = None,
              params: TrainParams | None = None) -> tuple[list[LosoRow], LeftOutScores]:
    """One row per source of ``names`` left out, every trainable source of ``SOURCES`` loaded to train on.

    Evaluation-only sources are scored by ``full_model`` when given (it must be the shipped method
    trained on every trainable source, e.g. the shipped model), else by one trained here. ``params``: the
    recipe of the models trained here (the shipped one's by default), with ``seed``."""
    # every trainable source is trained on, unless ``full_model`` scores every source named
    trains = full_model is None or any(SOURCES[n].trainable for n in names)
    wanted = [n for n in SOURCES if (SOURCES[n].trainable and trains) or n in names]
    loaded = {n: SOURCES[n].load(Path(datasets)) for n in wanted}
    rows, scores = [], []
    for name in names:
        if SOURCES[name].trainable:
            model = trained_without(loaded, name, seed, params)[0]
        else:
            full_model = full_model or trained_without(loaded, None, seed, params)[0]
            model = full_model
        row, probability = _row(loaded, name, model, folds, seed, with_in_source)
        rows.append(row)
        scores.append((probability, ~np.isin(np.array(loaded[name][1]), list(NOT_SCAM))))
    return rows, LeftOutScores(np.concatenate([p for p, _ in scores]) if scores else np.zeros(0),
                               np.concatenate([y for _, y in scores]) if scores else np.zeros(0, dtype=bool))


def _row(loaded: dict[str, Labelled], name: str, model: TextModel, folds: int, seed: int,
         with_in_source: bool) -> tuple[LosoRow, np.ndarray]:
    texts, labels = loaded[name]
    found = assess_texts(texts, model)
    predicted, bands, probability, unknown = judged_assessments(found)
    inside = in_source(texts, labels, folds, seed) if with_in_source else InSourceFigures(math.nan, math.nan)
    trained_on = "+".join(n for n in SOURCES if SOURCES[n].trainable and n != name)
    return LosoRow(SOURCES[name].title, SOURCES[name].trainable, trained_on, model.threshold,
                   source_figures(texts, labels, predicted, bands, unknown), linked_figures(texts, labels, found),
                   inside), probability


def linked_figures(texts: list[str], labels: list[str], found: list[TextAssessment]) -> LinkedFigures:
    """Scam recall, legitimate flagged and marketing as scam once each message's links are joined to its words."""
    links = links_of(texts)
    joined = source_figures(texts, labels, labels_with_links(found, links), [a.band for a in found])
    return LinkedFigures(sum(1 for its in links if its), joined.scam_recall, joined.ham_flagged_pct, joined.spam_as_scam)

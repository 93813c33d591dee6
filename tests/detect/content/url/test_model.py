"""The link model: trees stacked over the n-gram score learn obvious phishing, and a saved model scores the same."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import numpy as np
import pytest

from scamnet.detect.content.url.model import FEW_LINKS, UrlTrainParams, load_url_model, save_url_model, train_url_model
from scamnet.detect.content.url.parts import url_parts
from scamnet.detect.content.url.stack import BoosterParams
from scamnet.detect.content.url.url_risk import protected_brands

LEGIT = ["https://www.{}.com/", "https://www.{}.org/about", "https://en.{}.net/wiki/page", "http://{}.com/news/2017/story"]
PHISH = ["http://{}-verify.top/login.php", "http://secure-{}.xyz/signin?acct=1", "http://103.7.1.{}/paypal/update",
         "https://{}.firebaseapp.com/webscr"]
SMALL_TREES = BoosterParams(trees=40, min_leaf=5)


def _links() -> tuple[list, list[int]]:
    urls, labels = [], []
    for i in range(60):
        name = f"site{chr(97 + i % 26)}{i}"
        urls += [LEGIT[i % 4].format(name), PHISH[i % 4].format(name if i % 4 != 2 else i)]
        labels += [0, 1]
    return [url_parts(u) for u in urls], labels


@pytest.mark.parametrize("booster", [SMALL_TREES, None], ids=["stacked", "linear"])
def test_a_saved_model_scores_new_links_as_the_trained_one(tmp_path: Path, booster: BoosterParams | None) -> None:
    parts, labels = _links()
    model = train_url_model(parts, labels, protected_brands(), UrlTrainParams(booster=booster))
    save_url_model(model, tmp_path / "m.json.gz")
    loaded = load_url_model(tmp_path / "m.json.gz")
    unseen = [url_parts(u) for u in ("http://account-verify.top/login.php", "https://www.gardening.org/about")]
    assert np.allclose(loaded.scores(unseen, protected_brands()), model.scores(unseen, protected_brands()), atol=1e-3)
    scores = loaded.scores(unseen, protected_brands())
    assert scores[0] >= 0.5 and scores[0] > scores[1]


def test_the_trees_are_stored_as_text_inside_the_json(tmp_path: Path) -> None:
    parts, labels = _links()
    save_url_model(train_url_model(parts, labels, protected_brands(), UrlTrainParams(booster=SMALL_TREES)), tmp_path / "m")
    with gzip.open(tmp_path / "m", "rt", encoding="utf-8") as source:
        payload = json.load(source)
    assert payload["trees"].startswith("tree\n") and payload["params"]["booster"]["trees"] == 40


@pytest.mark.parametrize("booster", [SMALL_TREES, None], ids=["stacked", "linear"])
def test_a_pooled_reference_holds_the_threshold_at_least_as_high_as_the_training_links_alone(
        booster: BoosterParams | None) -> None:
    parts, labels = _links()
    one_pool = train_url_model(parts, labels, protected_brands(), UrlTrainParams(booster=booster))
    pooled = train_url_model(parts, labels, protected_brands(), UrlTrainParams(booster=booster, pooled_reference=True),
                             sources=["set"] * len(parts))
    # Twins (each legitimate link's other kind: the bare hosts of these legitimate pages) add legitimate rows,
    # each kind weighing the same: a model that learned pages scores their bare hosts no lower, so the
    # threshold does not fall.
    assert pooled.threshold >= one_pool.threshold
    assert pooled.suspicious_threshold <= pooled.threshold


@pytest.mark.parametrize("booster", [SMALL_TREES, None], ids=["stacked", "linear"])
def test_a_link_scored_alone_gets_the_output_it_gets_among_many(booster: BoosterParams | None) -> None:
    parts, labels = _links()
    model = train_url_model(parts, labels, protected_brands(), UrlTrainParams(booster=booster))
    links = [url_parts(u) for u in ("http://account-verify.top/login.php", "https://www.gardening.org/about",
                                    "http://paypal.com.secure-login.xyz/a  b", "x", "https://maybank2u.com.my/home")]
    many = parts[:20] + links
    assert len(many) > FEW_LINKS  # counted through the arrays
    together = model.probabilities(many, protected_brands())
    alone = np.concatenate([model.probabilities([p], protected_brands()) for p in many])
    assert np.allclose(alone, together, rtol=0.0, atol=1e-12)
    assert together[len(parts[:20])] > together[len(parts[:20]) + 1]  # the lookalike above the garden club

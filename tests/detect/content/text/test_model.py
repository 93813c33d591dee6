"""The message model: three kinds of message, calibrated scores, thresholds on a pooled reference, cues by name."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import numpy as np
import pytest

from scamnet.detect.content.text.cues import Cue, CueHit, find_cues
from scamnet.detect.content.text.model import (
    ALERT,
    NONE,
    SPAM,
    TextModel,
    TrainParams,
    load_text_model,
    message_features,
    save_text_model,
    stripped_copy,
)
from scamnet.detect.content.text.reference import platt_calibration, source_weights, weighted_threshold
from scamnet.detect.content.text.scam_text import assess_texts
from scamnet.detect.content.text.train import train_text_model, train_with_out_of_fold

HAM = ["see you at five tonight", "ok thanks for the lift", "dinner at mums on sunday?", "call me later when free",
       "running late, start without me", "the meeting moved to room 4", "happy birthday, have a great day",
       "can you pick up milk on the way"]
SCAM = ["you have won a cash prize, claim now at http://win-prize.xyz", "your bank account is locked verify at http://bnk-secure.top",
        "urgent: pay the customs fee today or your parcel is returned http://post-fee.cc",
        "congratulations winner! call 09061701461 to claim your prize", "final notice your account is suspended confirm your details"]
ADS = ["big summer sale 30% off all shoes this weekend at our stores, reply stop to opt out",
       "new menu at luigi's pizzeria, two for one on tuesdays, reply stop to opt out",
       "flat 40% off on selected products this weekend only, reply stop to opt out",
       "our gym is open on sundays now, join this month and get a free towel, reply stop to opt out"]


def three_kinds(copies: int = 6) -> tuple[list[str], list[str]]:
    texts = [f"{t} {i}" for i in range(copies) for t in HAM + SCAM + ADS]
    labels = [label for _ in range(copies) for label in ["ham"] * len(HAM) + ["phishing"] * len(SCAM) + ["spam"] * len(ADS)]
    return texts, labels


@pytest.fixture(scope="module")
def model() -> TextModel:
    return train_text_model(*three_kinds())


def test_marketing_is_labelled_spam_and_raises_no_alert_while_a_scam_does(model: TextModel) -> None:
    ad, scam, chat = assess_texts(["summer sale 30% off all shoes at our stores, reply stop to opt out",
                                   "your account is locked, verify now at http://bnk-secure.top",
                                   "see you at dinner tonight"], model)
    assert (ad.label, ad.is_scam) == (SPAM, False) and "marketing" in ad.reasons()[0]
    assert scam.is_scam and scam.band == ALERT and scam.label == "phishing"
    assert chat.label == "legitimate" and chat.band == NONE


def test_scores_are_probabilities_that_keep_the_order_and_put_the_alert_threshold_at_one_half(model: TextModel) -> None:
    judged = model.verdicts(["see you at dinner", "claim your cash prize now at http://win-prize.xyz"])
    assert judged.probability[0] < judged.probability[1]
    assert (judged.score >= 0.5).tolist() == (judged.probability >= model.threshold).tolist()
    assert 0.0 < model.suspicious <= model.threshold < 1.0


def test_a_big_source_does_not_set_the_threshold_for_a_small_one() -> None:
    scores = np.concatenate([np.linspace(0.0, 0.1, 1000), [0.9], np.linspace(0.0, 0.2, 9)])
    sources = ["big"] * 1000 + ["small"] * 10
    unweighted = weighted_threshold(scores, np.ones(len(scores)), 0.02)
    weighted = weighted_threshold(scores, source_weights(sources), 0.02)
    assert unweighted <= 0.9 < weighted  # pooled, the small source's false alarm would hide among the big one's rows


def test_platt_scaling_matches_the_observed_share_of_scams() -> None:
    rng = np.random.default_rng(0)
    raw = rng.uniform(0.01, 0.99, 20_000)
    truth = rng.random(20_000) < 1 / (1 + np.exp(-(2 * np.log(raw / (1 - raw)) - 1)))  # raw is over-confident
    calibrated = platt_calibration(raw, truth)(raw)
    for low in (0.1, 0.4, 0.7):
        inside = (calibrated >= low) & (calibrated < low + 0.1)
        assert abs(truth[inside].mean() - calibrated[inside].mean()) < 0.03


def test_a_stripped_copy_is_how_some_collections_deliver_a_text() -> None:
    assert stripped_copy("urgent! call 09061701461 now, claim £900.") == "urgent call now claim"
    assert stripped_copy("加微信：abc12345，领取退款") == "加微信 abc 领取退款"


def test_out_of_fold_scores_cover_every_training_row_and_its_stripped_copy() -> None:
    texts, labels = three_kinds(copies=4)
    _, oof = train_with_out_of_fold(texts, labels, TrainParams(), sources=["a"] * 40 + ["b"] * (len(texts) - 40))
    assert len(oof.probability) > len(texts) and set(oof.sources) == {"a", "b"}
    _, plain = train_with_out_of_fold(texts, labels, TrainParams(augment=False))
    assert len(plain.probability) == len(texts)


def test_repeated_inner_splits_give_each_row_one_out_of_fold_score_per_split() -> None:
    """The threshold is set on the out-of-fold scores' 0.1 % tail, which one split's models decide. Repeated, every
    row has one score per split, each from a model that never saw it (not their mean: an averaged score is
    tamer than any one model's, and the tail it sets lets more legitimate messages through to an alert)."""
    texts, labels = three_kinds(copies=4)
    single = train_with_out_of_fold(texts, labels, TrainParams(seed=3, augment=False))[1]
    assert len(single.raw) == len(texts)
    second = train_with_out_of_fold(texts, labels, TrainParams(seed=3000 + 1, augment=False))[1].raw
    both = train_with_out_of_fold(texts, labels, TrainParams(seed=3, augment=False, out_of_fold_repeats=2))[1]
    assert np.array_equal(both.raw, np.concatenate([single.raw, second]))
    assert list(both.labels) == list(single.labels) * 2 and len(both.sources) == 2 * len(texts)


def test_a_saved_model_keeps_its_cue_names_and_ignores_cues_added_to_the_lexicon_later(model: TextModel, tmp_path: Path) -> None:
    save_text_model(model, tmp_path / "m.json.gz")
    loaded = load_text_model(tmp_path / "m.json.gz")
    text = "urgent: verify your account now at http://bnk-secure.top"
    hits = find_cues(text)
    newer = hits + [CueHit(Cue("recruitment_abroad", "job abroad", ("visa paid",)), "visa paid")]
    same = message_features(loaded.vectoriser, [text], [hits], loaded.cue_names)
    assert abs(message_features(loaded.vectoriser, [text], [newer], loaded.cue_names) - same).max() == 0.0
    assert loaded.scores([text])[0][0] == pytest.approx(model.scores([text])[0][0], abs=1e-3)


def test_a_cue_the_model_knew_that_the_lexicon_lost_counts_as_absent(model: TextModel) -> None:
    text = "urgent: verify your account now"
    hits = find_cues(text)
    with_gone = message_features(model.vectoriser, [text], [hits], [*model.cue_names, "gone_cue"])
    assert with_gone.shape[1] == message_features(model.vectoriser, [text], [hits], model.cue_names).shape[1] + 1
    assert with_gone[0, -1] == 0.0


def test_a_version_1_model_without_cue_names_still_loads(model: TextModel, tmp_path: Path) -> None:
    save_text_model(model, tmp_path / "m.json.gz")
    with gzip.open(tmp_path / "m.json.gz", "rt", encoding="utf-8") as source:
        payload = json.load(source)
    payload["version"] = 1
    for newer in ("cues", "calibration", "suspicious"):
        del payload[newer]
    with gzip.open(tmp_path / "v1.json.gz", "wt", encoding="utf-8") as out:
        json.dump(payload, out)
    old = load_text_model(tmp_path / "v1.json.gz")
    assert old.cue_names == model.cue_names and old.suspicious == old.threshold

"""The measured (not shipped) second stage: it only ever looks again at the first stage's suspicious band."""

from __future__ import annotations

import numpy as np

from scamnet.detect.content.text.model import ALERT, NONE, SUSPICIOUS
from scamnet.detect.content.text.scam_text import TextAssessment
from scamnet.evaluate.text_second_stage import CharGramFeatures, sample_rows, second_stage_labels, train_second_stage

REQUESTS = [
    "my friend abroad cannot pay for the ticket, please transfer 3000 for him today",
    "this is your director, buy the gift cards and send me the codes now",
    "I am stuck overseas with a new number, pay this bill for me and I will repay",
    "boss here, wire the deposit to this account before noon, keep it quiet",
]
CHAT = [
    "running late, save me a seat at the cinema",
    "the kids loved the park, thanks for the afternoon",
    "can you bring the charger when you come over tonight",
    "dinner at mum's on sunday, she is making soup",
]


def _stage():  # type: ignore[no-untyped-def]
    texts = REQUESTS * 4 + CHAT * 4
    labels = ["boss_impersonation"] * 16 + ["ham"] * 16
    sources = (["a", "b"] * 8) * 2
    return train_second_stage(texts, labels, sources, CharGramFeatures(), folds=2)


def _judged(text: str, band: str, known: bool = True) -> TextAssessment:
    return TextAssessment(text, text.lower(), 0.3, "boss_impersonation", band=band, language_known=known)


def test_a_transfer_request_scores_above_a_personal_chat() -> None:
    stage = _stage()
    request, chat = stage.probability(["please transfer the money for my friend abroad, he has a new number",
                                       "bring the charger to the park tonight"])
    assert request > chat


def test_only_the_suspicious_band_in_a_known_language_is_raised() -> None:
    stage = _stage()
    request = "this is your director, buy the gift cards and transfer the money now"
    first = [_judged(request, SUSPICIOUS), _judged(request, NONE), _judged(request, SUSPICIOUS, known=False),
             _judged(request, ALERT)]
    labels, raised = second_stage_labels(first, stage)
    assert raised.tolist() == [True, False, False, False]
    assert labels == ["boss_impersonation", "ham", "ham", "boss_impersonation"]


def test_the_threshold_flags_at_most_the_target_share_of_the_sampled_legitimate_rows() -> None:
    stage = _stage()
    chat_scores = stage.probability([t.lower() for t in CHAT])
    assert np.mean(chat_scores >= stage.threshold) <= 0.25


def test_each_source_is_sampled_the_same_whichever_sources_are_left_out() -> None:
    loaded = {"x": ([f"scam {i}" for i in range(30)] + [f"hi {i}" for i in range(30)], ["other"] * 30 + ["ham"] * 30),
              "y": (["win a prize", "see you"], ["other", "ham"])}
    alone, _, _ = sample_rows(loaded, ["x"], per_class=5)
    both, kinds, sources = sample_rows(loaded, ["y", "x"], per_class=5)
    assert [t for t, s in zip(both, sources, strict=True) if s == "x"] == alone
    assert kinds.count("other") == 6 and kinds.count("ham") == 6

"""The detection figures every bench reports, on arrays small enough to count by hand."""

from __future__ import annotations

import math

import numpy as np
import pytest

from scamnet.evaluate.metrics import (
    best_f1_threshold,
    budget_threshold,
    detection_at,
    f1_at,
    recall_at_budget,
    share_above,
    split_scores,
    tpr_at_fpr,
)

#: 2,000 normal devices scoring 0.0–0.6, and three planted gateways.
NORMALS = np.linspace(0.0, 0.6, 2000)
GATEWAYS = np.array([0.95, 0.9, 0.7])


def test_a_detector_that_ranks_every_planted_gateway_above_every_normal_device_has_recall_one_at_the_budget() -> None:
    assert recall_at_budget(GATEWAYS, NORMALS, 0.001) == 1.0
    assert recall_at_budget(GATEWAYS, NORMALS, 0.0001) == 1.0


def test_a_gateway_scoring_no_higher_than_the_third_normal_device_is_missed_at_the_budget() -> None:
    # 0.1 % of 2,000 normals: two devices may be flagged, so a gateway must beat the third highest normal
    hidden = np.array([0.95, NORMALS[-3]])
    assert budget_threshold(NORMALS, 0.001) == NORMALS[-3]
    assert recall_at_budget(hidden, NORMALS, 0.001) == 0.5


def test_with_no_positives_recall_is_not_measured_but_precision_can_be() -> None:
    figures = detection_at(np.array([]), np.array([0.9, 0.1]), 0.5)
    assert math.isnan(figures.recall) and figures.precision == 0.0 and figures.f1 == 0.0
    assert math.isnan(recall_at_budget(np.array([]), NORMALS, 0.001))


def test_one_gateway_found_and_one_normal_flagged_of_two_gateways_gives_one_half_everywhere() -> None:
    figures = detection_at(np.array([0.9, 0.2]), np.array([0.8, 0.1, 0.1]), 0.5)
    assert (figures.positives, figures.normals, figures.flagged_normals) == (2, 3, 1)
    assert (figures.precision, figures.recall, figures.f1) == (0.5, 0.5, 0.5)


def test_f1_is_the_harmonic_mean_of_precision_and_recall() -> None:
    pos, neg = np.array([0.9, 0.8, 0.3]), np.array([0.85, 0.2, 0.1, 0.7])
    figures = detection_at(pos, neg, 0.5)
    assert f1_at(pos, neg, 0.5) == pytest.approx(2 * figures.precision * figures.recall / (figures.precision + figures.recall))


def test_the_best_f1_threshold_keeps_the_mules_and_drops_the_normal_accounts_below_them() -> None:
    assert best_f1_threshold(np.array([0.9, 0.8]), np.array([0.85, 0.1, 0.2])) == 0.8
    assert best_f1_threshold(np.array([]), np.array([0.3])) == 0.5  # nothing to find: the default


def test_among_equally_good_thresholds_the_strictest_is_chosen() -> None:
    # 0.6 and 0.7 both flag exactly the one mule
    assert best_f1_threshold(np.array([0.7]), np.array([0.6 - 1e-9, 0.1])) == 0.7


def test_confounders_flagged_are_counted_at_or_strictly_above_a_threshold() -> None:
    call_centres = np.array([0.5, 0.5, 0.2, 0.9])
    assert share_above(call_centres, 0.5) == 0.75 and share_above(call_centres, 0.5, strictly=True) == 0.25
    assert math.isnan(share_above(np.array([]), 0.5))


def test_a_link_model_that_separates_phishing_perfectly_has_tpr_one_at_any_fpr() -> None:
    labels, scores = np.array([1, 1, 0, 0, 0]), np.array([0.9, 0.8, 0.3, 0.2, 0.1])
    assert tpr_at_fpr(labels, scores, 0.0) == 1.0
    assert tpr_at_fpr(np.array([1, 1, 0, 0]), np.array([0.9, 0.1, 0.5, 0.2]), 0.0) == 0.5


def test_scores_split_into_labelled_and_the_rest_in_entity_order() -> None:
    pos, neg = split_scores({"imei:2": 0.1, "imei:1": 0.9, "imei:3": 0.4}, {"imei:1"})
    assert pos.tolist() == [0.9] and neg.tolist() == [0.1, 0.4]
    _, only = split_scores({"a": 0.1, "b": 0.2, "c": 0.3}, {"a"}, normals={"c"})
    assert only.tolist() == [0.3]

"""The detectors score a few entities at a time live (the decision service): the shortcuts taken for so few rows
give the same numbers as the population path."""

from __future__ import annotations

import numpy as np

from scamnet.detect import evidence
from scamnet.detect.telecom import robust_scores
from scamnet.detect.telecom.robust_scores import Signal, fit_reference, signal_deviations

SIGNALS = [Signal("calls_out", 1.0, 1.0), Signal("gap_cv", 0.8, 0.1, lower=True, cap=4.0),
           Signal("callback_share", 1.5, 0.05, lower=True, support="callees"), Signal("night_share", 0.5, 0.05)]


def _population(rows: int, seed: int) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(seed)
    columns = {"calls_out": rng.poisson(5, rows).astype(float), "gap_cv": rng.random(rows) * 2,
               "callback_share": rng.random(rows), "callees": rng.integers(0, 30, rows).astype(float),
               "night_share": rng.random(rows)}
    columns["calls_out"][::7] = np.nan  # unknown figures count as typical
    columns["gap_cv"][::11] = np.inf
    return columns


def test_deviations_of_a_few_entities_equal_the_per_signal_path(monkeypatch):
    ref = fit_reference(_population(500, 1), SIGNALS)
    few = _population(40, 2)
    stacked = signal_deviations(few, SIGNALS, ref)
    monkeypatch.setattr(robust_scores, "STACKED_ROWS", 0)  # the path a population of millions takes
    looped = signal_deviations(few, SIGNALS, ref)
    assert stacked.keys() == looped.keys() == {s.name for s in SIGNALS}
    for name in looped:
        assert np.array_equal(stacked[name], looped[name]), name
    assert looped["calls_out"].max() > 0 and (looped["calls_out"][::7] == 0).all()


def test_an_evidence_column_reads_a_missing_figure_as_zero_and_an_infinite_one_as_the_largest_float():
    values = np.array([np.nan, np.inf, -np.inf, -0.0, 2.5, 7.0])
    read = evidence.column({"x": values}, "x")
    expected = np.nan_to_num(values.astype(float), nan=0.0)
    assert np.array_equal(read, expected) and np.array_equal(np.signbit(read), np.signbit(expected))
    assert read[0] == 0.0 and read[1] == np.finfo(float).max
    assert np.isnan(values[0])  # the features themselves are left as they were
    assert evidence.column({"n": np.array([3, 4])}, "n").tolist() == [3.0, 4.0]

"""``goip``: devices (IMEIs) that behave like GoIP / SIM-box gateways, and the SIMs they carry.

A gateway turns internet calls into local mobile calls: one box carries many SIMs, sits in one
cell, dials strangers in a steady rhythm, and nobody calls its numbers or calls back. A call
centre also makes many short calls to strangers, but from registered business lines, one SIM per
handset, in office hours, with customers calling in — so volume alone counts for little here.

>>> world = GoipDetector.example_data(seed=1)
>>> detector = GoipDetector().fit(world)
>>> top = detector.score(world).to_pylist()[0]
>>> top["entity"], top["score"] > 0.9
('imei:860000000000001', True)
>>> detector.explain(top["entity"])[0]
'840 calls out, 0 in, 33 s median, 1 cell, 8 IMSIs on this IMEI in 7 days'
"""

from __future__ import annotations

from typing import Any

import numpy as np

from scamnet.core.enums import EntityKind, LabelRole
from scamnet.detect.base import Detector
from scamnet.detect.telecom.behaviour import BehaviourScoring, Columns
from scamnet.detect.telecom.example_world import telecom_example
from scamnet.detect.telecom.robust_scores import Signal
from scamnet.detect.telecom.row_scores import Row, clip, log1p, maximum
from scamnet.features.data import Data

SIGNALS = (
    Signal("imsis", weight=3.0, floor=2.0),
    Signal("bank_sims_taking_turns", weight=3.0, floor=2.0),
    Signal("out_share", weight=1.5, floor=0.15, cap=4.0, support="calls_total", family="behaviour"),
    Signal("no_callback", weight=1.5, floor=0.15, cap=4.0, support="callees", family="behaviour"),
    Signal("one_off_share", weight=1.0, floor=0.15, cap=4.0, support="callees", family="behaviour"),
    Signal("short_share", weight=0.5, floor=0.15, cap=4.0, support="calls_out", family="behaviour"),
    Signal("log_activity", weight=0.75, floor=0.5, cap=4.0, family="behaviour"),
    Signal("log_peak_day_callees", weight=0.75, floor=0.5, cap=4.0, family="behaviour"),
    Signal("gap_cv", weight=1.0, floor=0.2, lower=True, support="calls_out", family="behaviour"),
    Signal("log_sim_age", weight=1.0, floor=0.5, lower=True, family="behaviour"),
    Signal("unregistered_share", weight=1.0, floor=0.5, family="behaviour"),
    Signal("reporting_share", weight=1.5, floor=0.02, support="callees", family="behaviour"),
    Signal("elderly_share", weight=0.5, floor=0.15, cap=4.0, support="callees", family="behaviour"),
    Signal("sms_link_share", weight=1.0, floor=0.15, cap=4.0, support="sms_out", family="behaviour"),
    Signal("cells", weight=0.5, floor=1.0, lower=True, family="behaviour"),
    Signal("night_share", weight=0.5, floor=0.1, cap=4.0, support="calls_out", family="behaviour"),
)

WORDS = {
    "imsis": "{imsis} IMSIs seen on this one device (typical: {typ:.0f})",
    "bank_sims_taking_turns": "one of a SIM bank of {bank_imeis} devices acting in one place (side by side, or a short-lived "
                              "device inside its cell-hours), whose {bank_sims} SIMs take turns (at most {bank_peak_sims} "
                              "there on one day; its own lasted {own_sim_days} days)",
    "out_share": "{calls_out:,} calls out and {calls_in:,} in: one-way traffic",
    "no_callback": "{callback_share:.0%} of the {callees:,} numbers it called ever called back",
    "one_off_share": "{one_off_share:.0%} of its callees were called once and never again",
    "short_share": "{short_share:.0%} of answered calls shorter than 30 s",
    "log_activity": "{calls_out:,} calls and {sms_out:,} SMS sent",
    "log_peak_day_callees": "up to {peak_day_callees:,} different numbers called in one day",
    "gap_cv": "machine-like rhythm: gaps between calls vary by only {gap_cv:.0%}",
    "log_sim_age": "its newest SIM was {min_sim_age_days:.0f} days old when first used",
    "unregistered_share": "{unregistered_share:.0%} of its SIMs have no registered holder",
    "reporting_share": "{contacts_reporting:,} of the people it reached later reported a scam",
    "elderly_share": "{elderly_share:.0%} of the people it reached are 60 or older",
    "sms_link_share": "{sms_link_share:.0%} of its {sms_out:,} SMS carry a link",
    "cells": "static: all traffic from {cells} cell",
    "night_share": "{night_share:.0%} of calls at night (00-06)",
}


class GoipDetector(BehaviourScoring, Detector):
    """GoIP / SIM-box gateways among devices; explains which SIMs each carries."""

    name = "goip"
    entity_kinds = (EntityKind.IMEI.value,)
    feature_query = "telecom/imei_features"
    signals = SIGNALS
    positive_roles = frozenset({LabelRole.GOIP_DEVICE.value})
    signal_words = WORDS
    # a gateway is a box of SIMs: how a device calls, alone, never outranks a multi-SIM device
    capped_families = ("behaviour",)

    def derived_columns(self, columns: Columns) -> Columns:
        return {**columns, **goip_signals(columns)}

    def evidence(self, columns: Columns, deviations: Columns) -> np.ndarray:
        # registered business lines (a call centre's) speak for the device: two robust SDs' worth
        return super().evidence(columns, deviations) - 2.0 * columns["business_share"]

    def derived_row(self, row: Row) -> Row:
        return {**row, **goip_signals_row(row)}

    def evidence_row(self, row: Row, deviations: Row) -> float:
        return super().evidence_row(row, deviations) - 2.0 * row["business_share"]

    def headline(self, f: dict[str, Any], days: float) -> str:
        cells = f"{f['cells']} cell" + ("" if f["cells"] == 1 else "s")
        return (
            f"{f['calls_out']:,} calls out, {f['calls_in']:,} in, {f['median_duration_s']:.0f} s median, "
            f"{cells}, {f['imsis']} IMSIs on this IMEI in {days:.0f} days"
        )

    def details(self, f: dict[str, Any]) -> list[str]:
        sims = f.get("sims") or []
        shown = ", ".join(sims[:10]) + (f" and {len(sims) - 10} more" if len(sims) > 10 else "")
        return [f"its SIMs (IMSI): {shown}"] if sims else []

    @classmethod
    def example_data(cls, seed: int) -> Data:
        return Data.from_tables(**telecom_example(seed).tables)


def goip_signals(c: Columns) -> Columns:
    """The derived signals of a device: one-way share, missing call-backs, logs of counts."""
    total = c["calls_out"] + c["calls_in"]
    return {
        "bank_sims_taking_turns": sims_taking_turns(c),
        "calls_total": total,
        "out_share": np.divide(c["calls_out"], total, out=np.full(len(total), 0.5), where=total > 0),
        "no_callback": 1.0 - c["callback_share"],
        "log_activity": np.log1p(c["calls_out"] + c["sms_out"]),
        "log_peak_day_callees": np.log1p(c["peak_day_callees"]),
        "log_sim_age": np.log1p(np.maximum(c["min_sim_age_days"], 0.0)),
        "reporting_share": np.divide(c["contacts_reporting"], c["callees"], out=np.zeros(len(total)), where=c["callees"] > 0),
    }

def goip_signals_row(c: Row) -> Row:
    """``goip_signals`` of one device, with floats (the same operations, the same values to the last bit)."""
    total = c["calls_out"] + c["calls_in"]
    return {
        "bank_sims_taking_turns": sims_taking_turns_row(c),
        "calls_total": total,
        "out_share": c["calls_out"] / total if total > 0 else 0.5,
        "no_callback": 1.0 - c["callback_share"],
        "log_activity": log1p(c["calls_out"] + c["sms_out"]),
        "log_peak_day_callees": log1p(c["peak_day_callees"]),
        "log_sim_age": log1p(maximum(c["min_sim_age_days"], 0.0)),
        "reporting_share": c["contacts_reporting"] / c["callees"] if c["callees"] > 0 else 0.0,
    }


def sims_taking_turns(c: Columns) -> np.ndarray:
    """SIMs of the device's bank never alive on the same day as the rest, registered business lines left out.

    A SIM bank replaces its SIMs every few days; an office's phones, or a person's two SIMs, are
    there all period. Counted only where the device's own SIMs came or went too (each seen in it,
    over the history up to the period's end, for a span at least two days shorter than the period):
    an office or a resident beside a SIM bank is no SIM bank.
    """
    sims = np.maximum(c["bank_sims"], 1.0)
    private = 1.0 - np.clip(c["bank_business_sims"] / sims, 0.0, 1.0)
    coming_and_going = c["own_sim_days"] <= c["period_days"] - 2
    return np.maximum(c["bank_sims"] - c["bank_peak_sims"], 0.0) * private * coming_and_going


def sims_taking_turns_row(c: Row) -> float:
    """``sims_taking_turns`` of one device, with floats."""
    sims = maximum(c["bank_sims"], 1.0)
    private = 1.0 - clip(c["bank_business_sims"] / sims, 0.0, 1.0)
    coming_and_going = 1.0 if c["own_sim_days"] <= c["period_days"] - 2 else 0.0
    return maximum(c["bank_sims"] - c["bank_peak_sims"], 0.0) * private * coming_and_going

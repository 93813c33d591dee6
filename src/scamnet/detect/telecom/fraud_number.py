"""``fraud_number``: phone numbers used to call or text victims, through a gateway or not.

A fraud number reaches many strangers who never call back, often from a SIM activated days
ago, sitting in a device that carries many SIMs or sending SMS with links; the people it reached
report scams later, and victims name it in their reports. Everyday numbers call the same few
contacts, who call back.

>>> world = FraudNumberDetector.example_data(seed=1)
>>> detector = FraudNumberDetector().fit(world)
>>> scores = detector.score(world)
>>> flagged = {row["entity"] for row in scores.to_pylist() if row["score"] >= 0.5}
>>> len(flagged & set(telecom_example(seed=1).fraud_numbers))
10
"""

from __future__ import annotations

from typing import Any

import numpy as np

from scamnet.core.enums import EntityKind, LabelRole
from scamnet.detect.base import Detector
from scamnet.detect.telecom.behaviour import BehaviourScoring, Columns
from scamnet.detect.telecom.example_world import telecom_example
from scamnet.detect.telecom.robust_scores import Signal
from scamnet.detect.telecom.row_scores import Row, log1p, maximum
from scamnet.features.data import Data

SIGNALS = (
    Signal("log_reports_naming", weight=3.0, floor=0.5),
    Signal("sims_beyond_dual", weight=2.0, floor=1.0),
    Signal("bank_sims_taking_turns", weight=2.0, floor=2.0),
    Signal("out_share", weight=1.5, floor=0.15, cap=4.0, support="contacts_total", family="strangers"),
    Signal("no_callback", weight=1.5, floor=0.15, cap=4.0, support="callees", family="strangers"),
    Signal("one_off_share", weight=1.0, floor=0.15, cap=4.0, support="callees", family="strangers"),
    Signal("short_share", weight=0.5, floor=0.15, cap=4.0, support="calls_out", family="strangers"),
    Signal("log_reach", weight=1.0, floor=0.5, cap=4.0, family="strangers"),
    Signal("gap_cv", weight=0.5, floor=0.2, lower=True, support="calls_out", family="strangers"),
    Signal("log_sim_age", weight=1.0, floor=0.5, lower=True),
    Signal("unregistered", weight=1.0, floor=0.5),
    Signal("reporting_share", weight=2.0, floor=0.02, support="contacts"),
    Signal("elderly_share", weight=0.5, floor=0.15, cap=4.0, support="contacts"),
    Signal("sms_link_share", weight=1.5, floor=0.15, cap=4.0, support="sms_out"),
    Signal("night_share", weight=0.5, floor=0.1, cap=4.0, support="calls_out"),
)

WORDS = {
    "log_reports_naming": "named in {reports_naming:,} victim reports",
    "sims_beyond_dual": "its device carries {imsis_on_device} SIMs (typical: {typ:.0f})",
    "bank_sims_taking_turns": "its device acts side by side with others whose SIMs take turns, as in a SIM bank "
                              "({bank_sims_taking_turns:.0f} SIMs never in use on the busiest day)",
    "out_share": "{calls_out:,} calls and {sms_out:,} SMS out, {calls_in:,} calls in: one-way traffic",
    "no_callback": "{callback_share:.0%} of the {callees:,} numbers it called ever called back",
    "one_off_share": "{one_off_share:.0%} of its callees were called once and never again",
    "short_share": "{short_share:.0%} of answered calls shorter than 30 s",
    "log_reach": "reached {callees:,} numbers by call and {sms_recipients:,} by SMS",
    "gap_cv": "machine-like rhythm: gaps between calls vary by only {gap_cv:.0%}",
    "log_sim_age": "SIM activated {sim_age_days:.0f} days before it was first used here",
    "unregistered": "the SIM has no registered holder",
    "reporting_share": "{contacts_reporting:,} of the people it reached later reported a scam",
    "elderly_share": "{elderly_share:.0%} of the people it reached are 60 or older",
    "sms_link_share": "{sms_link_share:.0%} of its {sms_out:,} SMS carry a link",
    "night_share": "{night_share:.0%} of calls at night (00-06)",
}


class FraudNumberDetector(BehaviourScoring, Detector):
    """Numbers calling or texting victims: bulk-bought SIMs, gateway SIMs, reported numbers."""

    name = "fraud_number"
    entity_kinds = (EntityKind.PHONE.value,)
    feature_query = "telecom/number_features"
    signals = SIGNALS
    positive_roles = frozenset({LabelRole.FRAUD_NUMBER.value, LabelRole.GOIP_SIM.value})
    signal_words = WORDS
    # call centres, telemarketers and couriers also call many strangers who never call back
    capped_families = ("strangers",)

    def derived_columns(self, columns: Columns) -> Columns:
        return {**columns, **number_signals(columns)}

    def evidence(self, columns: Columns, deviations: Columns) -> np.ndarray:
        # a registered business line answers for itself: two robust SDs' worth
        return super().evidence(columns, deviations) - 2.0 * columns["business_plan"]

    def derived_row(self, row: Row) -> Row:
        return {**row, **number_signals_row(row)}

    def evidence_row(self, row: Row, deviations: Row) -> float:
        return super().evidence_row(row, deviations) - 2.0 * row["business_plan"]

    def headline(self, f: dict[str, Any], days: float) -> str:
        return (
            f"{f['calls_out']:,} calls out to {f['callees']:,} numbers, {f['calls_in']:,} in, "
            f"{f['sms_out']:,} SMS ({f['sms_link_share']:.0%} with links), "
            f"{f['callback_share']:.0%} called back, in {days:.0f} days"
        )

    @classmethod
    def example_data(cls, seed: int) -> Data:
        return Data.from_tables(**telecom_example(seed).tables)


def number_signals(c: Columns) -> Columns:
    """The derived signals of a number: one-way share, reach, report rates, logs of counts."""
    outgoing = c["calls_out"] + c["sms_out"]
    total = outgoing + c["calls_in"]
    contacts = c["callees"] + c["sms_recipients"]
    return {
        "contacts_total": total,
        # two SIMs in one handset is an ordinary dual-SIM phone, no evidence
        "sims_beyond_dual": np.maximum(c["imsis_on_device"], 2.0),
        "contacts": contacts,
        "out_share": np.divide(outgoing, total, out=np.full(len(total), 0.5), where=total > 0),
        "no_callback": 1.0 - c["callback_share"],
        "log_reach": np.log1p(contacts),
        "log_sim_age": np.log1p(np.maximum(c["sim_age_days"], 0.0)),
        "log_reports_naming": np.log1p(c["reports_naming"]),
        "reporting_share": np.divide(c["contacts_reporting"], contacts, out=np.zeros(len(total)), where=contacts > 0),
    }


def number_signals_row(c: Row) -> Row:
    """``number_signals`` of one number, with floats (the same operations, the same values to the last bit)."""
    outgoing = c["calls_out"] + c["sms_out"]
    total = outgoing + c["calls_in"]
    contacts = c["callees"] + c["sms_recipients"]
    return {
        "contacts_total": total,
        "sims_beyond_dual": maximum(c["imsis_on_device"], 2.0),
        "contacts": contacts,
        "out_share": outgoing / total if total > 0 else 0.5,
        "no_callback": 1.0 - c["callback_share"],
        "log_reach": log1p(contacts),
        "log_sim_age": log1p(maximum(c["sim_age_days"], 0.0)),
        "log_reports_naming": log1p(c["reports_naming"]),
        "reporting_share": c["contacts_reporting"] / contacts if contacts > 0 else 0.0,
    }

"""The online ``fraud_number``, ``goip`` and ``mule`` scores: the batch detectors' fitted models on live figures.

``LiveDetectors`` keeps the per-entity state (``telecom_state``, ``money_state``) event by event
and scores an entity with the detectors ``scamnet run`` fits, fitted on the store's history when
the service starts (their reference population, and LightGBM where analysts' verdicts trained
one): the same ``derived_columns``, robust deviations and logistic for numbers and devices, the
same evidence items and noisy-OR for accounts. Only the features are computed differently — from
the live records instead of SQL over the store — and docs/serve.md says which are exact.

A decision asks for the score of the entities its event is about (a transfer's payee, a call's
caller and device, a message's sender and device) on what was known before the event. Scoring
one entity costs a few hundred microseconds (a mule: a millisecond or two), so a score is kept
until the entity's own events have grown enough since it was computed: at 1, 2, 4 and 8 events,
then by an eighth (``REFRESH``), or by a half while the score is under half the warning line
(``SLACK``). A busy gateway's number is so rescored about 40 times over its first thousand calls
instead of a thousand times, and a decision may see a score computed on fewer of the entity's
events than it has now (``bench/bench_online_parity.py`` counts the decisions that differ from
always-fresh scores). The scores at the end of a replay (``scores``) are fresh.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pyarrow as pa

from scamnet.core.enums import Action
from scamnet.detect.money.evidence import EVIDENCE
from scamnet.detect.money.mule import REASON_FLOOR, MuleDetector
from scamnet.detect.telecom.fraud_number import FraudNumberDetector
from scamnet.detect.telecom.goip import GoipDetector
from scamnet.online.detector_refs import References
from scamnet.online.events import rows_in_time_order
from scamnet.online.money_state import MoneyState
from scamnet.online.reason import Reason
from scamnet.online.telecom_state import TelecomState

#: A kept score is computed again once the entity's events grew by this share since (doubled up to 8 events).
REFRESH = 0.125
#: The share for a score under half the warning line: far from acting, it may wait longer.
SLACK = 0.5

#: The window figures a reason shows per detector (all of them are in ``features``).
SHOWN = {
    "fraud_number": ("calls_out", "callees", "calls_in", "callback_share", "sms_out", "sms_link_share",
                     "imsis_on_device", "reports_naming", "contacts_reporting"),
    "goip": ("imsis", "calls_out", "calls_in", "callees", "callback_share", "cells", "gap_cv", "peak_day_callees"),
    "mule": ("in_count", "in_amount", "out_amount", "in_counterparties", "pass_through_1h", "median_forward_minutes",
             "device_holder_peers", "victim_payers"),
}


@dataclass(frozen=True)
class Thresholds:
    """From which live score a detector's reason warns, and from which it acts (holds a transfer, blocks a call)."""

    warn: float = 0.5
    act: float = 0.8


class LiveDetectors:
    """Per-entity live state and the fitted detectors that score it."""

    def __init__(self, refs: References, *, fraud_number: FraudNumberDetector | None = None,
                 goip: GoipDetector | None = None, mule: MuleDetector | None = None,
                 thresholds: Thresholds | None = None, utc_offset_hours: float = 8.0) -> None:
        self.telecom = TelecomState(refs, utc_offset_hours)
        self.money = MoneyState(refs, utc_offset_hours)
        self.fraud_number, self.goip, self.mule = fraud_number, goip, mule
        self.thresholds = thresholds or Thresholds()
        self._scores: dict[str, tuple[float, dict[str, Any], int]] = {}  # score, figures, events when scored
        self._events: dict[str, int] = {}
        #: score every decision afresh (the reference the kept scores are measured against)
        self.always_fresh = False
        self._first: float | None = None
        self._last: float | None = None

    # -- events -----------------------------------------------------------------------------
    def update(self, kind: str, row: Mapping[str, Any]) -> None:
        """Add one event (``kind``: transfer, call, message, session; ``row``: its canonical columns)."""
        values = dict(row)
        if kind == "call":
            self.telecom.call(values)
            self.money.contact(row["caller"], row["callee"], row["started_at"].timestamp(), (row.get("duration_s") or 0) >= 120)
            self._touched("phone:" + self.telecom.caller_of(values), _typed("imei", row.get("caller_imei")))
            self._seen(row["started_at"].timestamp())
        elif kind == "message":
            self.telecom.message(values)
            if row["sender"].startswith("+"):
                self.money.contact(row["sender"], row["recipient"], row["sent_at"].timestamp(), True)
            self._touched("phone:" + row["sender"], _typed("imei", row.get("sender_imei")))
            self._seen(row["sent_at"].timestamp())
        elif kind == "transfer":
            self.money.transfer(values)
            self._touched(_typed("account", row.get("src_account")), _typed("account", row.get("dst_account")))
        elif kind == "session":
            self.money.session(values)
            self._touched(_typed("account", row.get("account_id")))

    def replay(self, tables: Mapping[str, pa.Table]) -> int:
        """Add a history (event tables as Arrow) in time order; how many events."""
        done = 0
        for kind, row in rows_in_time_order(tables):
            self.update(kind, row)
            done += 1
        return done

    def _touched(self, *entities: str | None) -> None:
        for entity in entities:
            if entity is not None:
                self._events[entity] = self._events.get(entity, 0) + 1

    def _seen(self, t: float) -> None:
        self._first = t if self._first is None else min(self._first, t)
        self._last = t if self._last is None else max(self._last, t)

    # -- scores -----------------------------------------------------------------------------
    def score(self, entity: str) -> tuple[float, dict[str, Any]] | None:
        """The entity's live score and the figures it rests on (None: no detector scores it yet)."""
        events = self._events.get(entity, 0)
        known = self._scores.get(entity)
        if known is not None and not self.always_fresh and events < self._due(known[0], known[2]):
            return known[0], known[1]
        fresh = self._score(entity)
        if fresh is None:
            return None
        self._scores[entity] = (*fresh, events)
        return fresh

    def _due(self, score: float, scored_at: int) -> float:
        """How many events the entity must have for a score computed at ``scored_at`` events to be computed again."""
        if scored_at < 8:
            return max(2 * scored_at, 1)
        return scored_at * (1 + (SLACK if score < self.thresholds.warn / 2 else REFRESH))

    def _score(self, entity: str) -> tuple[float, dict[str, Any]] | None:
        kind, _, key = entity.partition(":")
        if kind == "phone" and self.fraud_number is not None:
            found = self.telecom.number_features(key)
            return None if found is None else (_one(self.fraud_number.score_columns(_columns(found))), found)
        if kind == "imei" and self.goip is not None:
            found = self.telecom.device_features(key)
            return None if found is None else (_one(self.goip.score_columns(_columns(found))), found)
        if kind == "account" and self.mule is not None:
            found = self.money.account_features(key)
            if found is None:
                return None
            scores, weighted = self.mule.score_columns(_columns(found))
            return _one(scores), found | {"_weighted": weighted[0]}
        return None

    def scores(self, entities: list[str]) -> dict[str, float]:
        """Fresh scores of ``entities`` (those a detector scores), as at the end of a replay."""
        self._scores.clear()
        found = {e: self.score(e) for e in entities}
        return {e: s[0] for e, s in found.items() if s is not None}

    def entities(self) -> list[str]:
        """Every entity a live detector can score now: numbers that called or texted, devices, accounts that moved money."""
        numbers = [f"phone:{n}" for n, r in self.telecom.numbers.items() if r.calls_out or r.sms_out]
        return (numbers + [f"imei:{d}" for d in self.telecom.devices]
                + [f"account:{a}" for a, r in self.money.accounts.items() if r.legs])

    # -- reasons ----------------------------------------------------------------------------
    def reasons(self, kind: str, row: Mapping[str, Any]) -> list[tuple[Reason, float]]:
        """The live scores at or above the warning line of what the event is about, as reasons, with their scores."""
        if kind == "transfer":
            subjects = [("mule", _typed("account", row.get("dst_account")))]
        elif kind == "call":
            subjects = [("fraud_number", "phone:" + self.telecom.caller_of(dict(row))), ("goip", _typed("imei", row.get("caller_imei")))]
        elif kind == "message":
            subjects = [("fraud_number", "phone:" + row["sender"]), ("goip", _typed("imei", row.get("sender_imei")))]
        else:
            return []
        act = Action.HOLD if kind == "transfer" else Action.BLOCK
        found = []
        for detector, entity in subjects:
            scored = self.score(entity) if entity is not None else None
            if scored is None or scored[0] < self.thresholds.warn:
                continue
            score, figures = scored
            action = act if score >= self.thresholds.act else Action.WARN
            found.append((self._reason(detector, entity, score, figures, action), score))  # type: ignore[arg-type]
        return found

    def _reason(self, detector: str, entity: str, score: float, figures: dict[str, Any], action: Action) -> Reason:
        evidence = {"on": entity, "score": round(score, 4),
                    **{k: _plain(figures.get(k)) for k in SHOWN[detector]}}
        if detector == "mule":
            weighted = figures["_weighted"]
            ranked = sorted(zip(weighted, EVIDENCE, strict=True), key=lambda we: -we[0])
            said = [e.reason(figures) for w, e in ranked if w >= REASON_FLOOR]
        else:
            model = self.fraud_number if detector == "fraud_number" else self.goip
            days = (self._last - self._first) / 86400 if self._first is not None and self._last is not None else 0.0
            said = [model.headline(figures, days)]  # type: ignore[union-attr]
        evidence["cues"] = said
        return Reason("detector", detector, action, evidence,
                      f"{entity}: live {detector} score {score:.2f}: " + "; ".join(said))


def _columns(figures: dict[str, Any]) -> dict[str, np.ndarray]:
    """One entity's figures as the detectors' feature columns (floats; unknown as NaN)."""
    names = [k for k, v in figures.items() if not isinstance(v, list)]
    values = np.array([np.nan if figures[k] is None else float(figures[k]) for k in names])
    return {k: values[i:i + 1] for i, k in enumerate(names)}


def _one(scores: np.ndarray) -> float:
    return float(scores[0])


def _plain(value: Any) -> Any:
    if isinstance(value, float):
        return None if np.isnan(value) else round(value, 4)
    return value


def _typed(kind: str, value: str | None) -> str | None:
    return f"{kind}:{value}" if value else None

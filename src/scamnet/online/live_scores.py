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

Where the events come from and the kept scores go is ``state`` (``detector_state.py``): this
process, or a Redis event log and score keys that every instance naming the same ``state_url``
shares; an instance then applies the others' events before it asks for a score (``catch_up``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import numpy as np
import pyarrow as pa

from scamnet.core.enums import Action
from scamnet.detect.evidence_detector import REASON_FLOOR
from scamnet.detect.money.evidence import EVIDENCE
from scamnet.detect.money.mule import MuleDetector
from scamnet.detect.telecom.fraud_number import FraudNumberDetector
from scamnet.detect.telecom.goip import GoipDetector
from scamnet.online.detector_refs import References
from scamnet.online.detector_state import DetectorState, InProcessState
from scamnet.online.events import rows_in_time_order
from scamnet.online.money_state import MoneyState
from scamnet.online.reason import Reason
from scamnet.online.telecom_state import TelecomState

#: A kept score is computed again once the entity's events grew by this share since (doubled up to 8 events).
REFRESH = 0.125
#: The share for a score under half the warning line: far from acting, it may wait longer.
SLACK = 0.5

#: Up to this many numbers or devices asked together are scored one by one with Python floats (``score_row``).
SCALAR_ROWS = 8
#: The same for accounts: a mule's vectorised call costs about 0.5 ms however few its rows, one row with floats 15 µs.
SCALAR_ACCOUNTS = 24

#: The reasons' words kept for at most this many entities (then forgotten all at once and made again as asked).
SHOWN_KEPT = 65_536

#: The window figures a reason shows per detector (all of them are in ``features``).
SHOWN = {
    "fraud_number": ("calls_out", "callees", "calls_in", "callback_share", "sms_out", "sms_link_share",
                     "imsis_on_device", "reports_naming", "contacts_reporting"),
    "goip": ("imsis", "calls_out", "calls_in", "callees", "callback_share", "cells", "gap_cv", "peak_day_callees"),
    "mule": ("in_count", "in_amount", "out_amount", "in_counterparties", "pass_through_1h", "median_forward_minutes",
             "device_holder_peers", "victim_payers"),
}


@dataclass
class Asked:
    """An entity's figures taken when a decision asked for its score, scored later with the others asked."""

    entity: str
    figures: dict[str, Any]
    events: int  # the entity's events when asked
    scored: tuple[float, dict[str, Any]] | None = None


class Subjects(NamedTuple):
    """What an event is about, for its detector reasons: the action a sure score asks, the period's days (for the
    words), and per subject its detector, entity and score (or ``Asked``; None when no detector scores it); a tuple,
    made at every decision."""

    act: Action
    days: float
    asked: list[tuple[str, str, Asked | tuple[float, dict[str, Any]] | None]]


@dataclass(slots=True)
class Shown:
    """The words of an entity's reason from one score: its evidence but cues, a mule's cues (from the score), and the
    cues and message last worded (a number's or device's headline names the period's whole days, ``days_text``)."""

    figures: dict[str, Any]
    score: float
    evidence: dict[str, Any]
    cues: list[str]
    days_text: str = ""
    said: list[str] = field(default_factory=list)
    message: str | None = None


@dataclass(frozen=True)
class Thresholds:
    """From which live score a detector's reason warns, and from which it acts (holds a transfer, blocks a call)."""

    warn: float = 0.5
    act: float = 0.8


class LiveDetectors:
    """Per-entity live state and the fitted detectors that score it."""

    def __init__(self, refs: References, *, fraud_number: FraudNumberDetector | None = None,
                 goip: GoipDetector | None = None, mule: MuleDetector | None = None,
                 thresholds: Thresholds | None = None, utc_offset_hours: float = 8.0,
                 state: DetectorState | None = None) -> None:
        #: where the events to apply come from and the kept scores go (``detector_state``: this process, or Redis)
        self.state = state or InProcessState()
        self.telecom = TelecomState(refs, utc_offset_hours)
        self.money = MoneyState(refs, utc_offset_hours)
        self.fraud_number, self.goip, self.mule = fraud_number, goip, mule
        self.thresholds = thresholds or Thresholds()
        self._asked: list[Asked] = []  # asked since the last ``resolve``, in order
        self._waiting: dict[str, Asked] = {}  # each entity's newest of them
        self._events: dict[str, int] = {}
        #: score every decision afresh (the reference the kept scores are measured against)
        self.always_fresh = False
        self._first: float | None = None
        self._last: float | None = None
        #: per entity, the words of its reason's last score (``Shown``)
        self._shown: dict[str, Shown] = {}

    # -- events -----------------------------------------------------------------------------
    def update(self, kind: str, row: Mapping[str, Any]) -> None:
        """Add one event (``kind``: transfer, call, message, session; ``row``: its canonical columns), after the
        events other instances sharing the state added before it."""
        for event in self.state.publish(kind, row):
            self._apply(*event)

    def catch_up(self, asking: Iterable[str] = ()) -> None:
        """Apply the events other instances sharing the state added since (none in-process); the kept scores of
        the entities about to be asked for may come in the same read (``DetectorState.pending``)."""
        for event in self.state.pending(asking):
            self._apply(*event)

    def _apply(self, kind: str, row: Mapping[str, Any]) -> None:
        if kind == "call":
            t = row["started_at"].timestamp()
            caller = self.telecom.call(row, t)
            self.money.contact(row["caller"], row["callee"], t, (row.get("duration_s") or 0) >= 120)
            self._touched("phone:" + caller, row.get("caller_imei"))
            self._seen(t)
        elif kind == "message":
            t = row["sent_at"].timestamp()
            self.telecom.message(row, t)
            if row["sender"].startswith("+"):
                self.money.contact(row["sender"], row["recipient"], t, True)
            self._touched("phone:" + row["sender"], row.get("sender_imei"))
            self._seen(t)
        elif kind == "transfer":
            self.money.transfer(row)
            events = self._events
            for account in (row.get("src_account"), row.get("dst_account")):
                if account:
                    entity = "account:" + account
                    events[entity] = events.get(entity, 0) + 1
        elif kind == "session":
            self.money.session(row)
            account = row.get("account_id")
            if account:
                entity = "account:" + account
                self._events[entity] = self._events.get(entity, 0) + 1

    def replay(self, tables: Mapping[str, pa.Table]) -> int:
        """Add a history every instance holds (event tables as Arrow: the store's) in time order; how many events."""
        done = 0
        for kind, row in self.state.skip_stored(rows_in_time_order(tables)):
            self._apply(kind, row)
            done += 1
        return done

    def _touched(self, number: str, imei: str | None) -> None:
        """A call's or message's number (``phone:...``) and device (its IMEI, when known) had one more event."""
        events = self._events
        events[number] = events.get(number, 0) + 1
        if imei:
            device = "imei:" + imei
            events[device] = events.get(device, 0) + 1

    def _seen(self, t: float) -> None:
        if self._first is None or t < self._first:
            self._first = t
        if self._last is None or t > self._last:
            self._last = t

    # -- scores -----------------------------------------------------------------------------
    def score(self, entity: str) -> tuple[float, dict[str, Any]] | None:
        """The entity's live score and the figures it rests on (None: no detector scores it yet)."""
        self.catch_up()
        asked = self.ask(entity)
        if isinstance(asked, Asked):
            self.resolve()
            return asked.scored
        return asked

    def ask(self, entity: str) -> Asked | tuple[float, dict[str, Any]] | None:
        """The entity's score as ``score`` gives it, or, when it is due, its figures now as an ``Asked`` scored at
        the next ``resolve`` with every other asked meanwhile (one vectorised call per detector, not one per entity)."""
        events = self._events.get(entity, 0)
        waiting = self._waiting.get(entity)
        if waiting is not None and not self.always_fresh:
            soonest, latest = self._due(0.0, waiting.events), self._due(1.0, waiting.events)
            if events < min(soonest, latest):
                return waiting  # not due again: the score its figures will give
            if events < max(soonest, latest):
                self.resolve()  # whether it is due again depends on that score
        known = self.state.kept(entity) if entity not in self._waiting and not self.always_fresh else None
        if known is not None and not self.always_fresh and events < self._due(known[0], known[2]):
            return known[0], known[1]
        figures = self._figures(entity)
        if figures is None:
            return None
        asked = Asked(entity, figures, events)
        self._waiting[entity] = asked
        self._asked.append(asked)
        return asked

    def resolve(self) -> None:
        """Score every ``Asked`` still waiting: per detector, all of them in one call of its ``score_columns``."""
        if not self._asked:  # nothing asked since the last time (``_waiting`` is empty too)
            return
        asked, self._asked = self._asked, []
        self._waiting.clear()
        by_detector: dict[tuple[str, tuple[str, ...]], list[Asked]] = {}
        for one in asked:
            by_detector.setdefault((one.entity.partition(":")[0], _names(one.figures)), []).append(one)
        for (kind, names), group in by_detector.items():
            if kind == "account":
                for one, scored in zip(group, _mule_scores(self.mule, group, names), strict=True):  # type: ignore[arg-type]
                    one.scored = scored
            else:
                detector = self.fraud_number if kind == "phone" else self.goip
                for one, score in zip(group, _telecom_scores(detector, group, names), strict=True):  # type: ignore[arg-type]
                    one.scored = score, one.figures
        self.state.keep({one.entity: (*one.scored, one.events) for one in asked})  # type: ignore[misc]

    def _due(self, score: float, scored_at: int) -> float:
        """How many events the entity must have for a score computed at ``scored_at`` events to be computed again."""
        if scored_at < 8:
            return max(2 * scored_at, 1)
        return scored_at * (1 + (SLACK if score < self.thresholds.warn / 2 else REFRESH))

    def _figures(self, entity: str) -> dict[str, Any] | None:
        """The entity's live figures now, when a fitted detector scores its kind."""
        kind, _, key = entity.partition(":")
        if kind == "phone" and self.fraud_number is not None:
            return self.telecom.number_features(key)
        if kind == "imei" and self.goip is not None:
            return self.telecom.device_features(key)
        if kind == "account" and self.mule is not None:
            return self.money.account_features(key)
        return None

    def scores(self, entities: list[str]) -> dict[str, float]:
        """Fresh scores of ``entities`` (those a detector scores), as at the end of a replay: one call per detector."""
        self.catch_up()
        kept, self.always_fresh = self.always_fresh, True  # the kept scores stay for the instances sharing them
        try:
            asked = {e: self.ask(e) for e in entities}
            self.resolve()
        finally:
            self.always_fresh = kept
        found = {e: a.scored if isinstance(a, Asked) else a for e, a in asked.items()}
        return {e: s[0] for e, s in found.items() if s is not None}

    def entities(self) -> list[str]:
        """Every entity a live detector can score now: numbers that called or texted, devices, accounts that moved money."""
        self.catch_up()
        numbers = [f"phone:{n}" for n, r in self.telecom.numbers.items() if r.calls_out or r.sms_out]
        return (numbers + [f"imei:{d}" for d in self.telecom.devices]
                + [f"account:{a}" for a, r in self.money.accounts.items() if r.legs])

    # -- reasons ----------------------------------------------------------------------------
    def reasons(self, kind: str, row: Mapping[str, Any]) -> list[tuple[Reason, float]]:
        """The live scores at or above the warning line of what the event is about, as reasons, with their scores."""
        asked = self.ask_about(kind, row)
        self.resolve()
        return self.reasons_of(asked)

    def ask_about(self, kind: str, row: Mapping[str, Any]) -> Subjects:
        """What the event is about, each with its score or ``Asked`` (``reasons_of`` words them once resolved)."""
        if kind == "transfer":
            subjects = [("mule", _typed("account", row.get("dst_account")))]
        elif kind == "call":
            subjects = [("fraud_number", "phone:" + self.telecom.caller_of(row)), ("goip", _typed("imei", row.get("caller_imei")))]
        elif kind == "message":
            subjects = [("fraud_number", "phone:" + row["sender"]), ("goip", _typed("imei", row.get("sender_imei")))]
        else:
            return Subjects(Action.ALLOW, 0.0, [])
        if type(self.state) is not InProcessState:  # in the process there is nothing to catch up with
            self.catch_up(entity for _, entity in subjects if entity is not None and entity not in self._waiting)
        days = (self._last - self._first) / 86400 if self._first is not None and self._last is not None else 0.0
        asked = [(detector, entity, self.ask(entity)) for detector, entity in subjects if entity is not None]
        return Subjects(Action.HOLD if kind == "transfer" else Action.BLOCK, days, asked)

    def reasons_of(self, subjects: Subjects) -> list[tuple[Reason, float]]:
        """The reasons of ``ask_about``'s subjects whose score is at or above the warning line (resolved first)."""
        found: list[tuple[Reason, float]] = []
        warn = self.thresholds.warn
        for detector, entity, asked in subjects.asked:
            if type(asked) is Asked:
                if asked.scored is None:
                    self.resolve()
                scored = asked.scored
            else:
                scored = asked  # type: ignore[assignment]
            if scored is None or scored[0] < warn:
                continue
            score, figures = scored
            action = subjects.act if score >= self.thresholds.act else Action.WARN
            found.append((self._reason(detector, entity, score, figures, action, subjects.days), score))
        return found

    def _reason(self, detector: str, entity: str, score: float, figures: dict[str, Any], action: Action,
                days: float) -> Reason:
        shown = self._shown.get(entity)
        if shown is None or shown.figures is not figures or shown.score != score:  # the same kept score: its words again
            if len(self._shown) >= SHOWN_KEPT:
                self._shown.clear()
            shown = self._shown[entity] = Shown(figures, score, *self._shown_of(detector, entity, score, figures))
        # a number's or device's headline names the period in whole days: worded again only when that changes
        days_text = "" if detector == "mule" else f"{days:.0f}"
        if shown.message is None or shown.days_text != days_text:
            if detector == "mule":
                said = shown.cues
            else:
                model = self.fraud_number if detector == "fraud_number" else self.goip
                said = [model.headline(figures, days)]  # type: ignore[union-attr]
            shown.days_text, shown.said = days_text, said
            shown.message = f"{entity}: live {detector} score {score:.2f}: " + "; ".join(said)
        evidence = dict(shown.evidence)  # a reason's own dict and cues: the victim watch adds to them
        evidence["cues"] = list(shown.said)
        return Reason("detector", detector, action, evidence, shown.message)

    @staticmethod
    def _shown_of(detector: str, entity: str, score: float, figures: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
        """A reason's evidence but its cues, and a mule's cues (the evidence items that speak), from one score."""
        evidence = {"on": entity, "score": round(score, 4), **{k: _plain(figures.get(k)) for k in SHOWN[detector]}}
        if detector != "mule":
            return evidence, []
        ranked = sorted(zip(figures["_weighted"], EVIDENCE, strict=True), key=lambda we: -we[0])
        return evidence, [e.reason(figures) for w, e in ranked if w >= REASON_FLOOR]


def _telecom_scores(detector: FraudNumberDetector | GoipDetector, group: list[Asked], names: tuple[str, ...]) -> list[float]:
    """A number's or device's scores: a few one by one with Python floats (``score_row``, the same to the last bit),
    more in one vectorised call (``score_columns``: NumPy's cost per call outweighs its speed on a few rows)."""
    if len(group) <= SCALAR_ROWS and detector.model_ is None:
        return [detector.score_row(one.figures, names) for one in group]  # type: ignore[misc]
    return detector.score_columns(_columns([one.figures for one in group], names)).tolist()


def _mule_scores(detector: MuleDetector, group: list[Asked], names: tuple[str, ...]) -> list[tuple[float, dict[str, Any]]]:
    """Accounts' scores with the figures and the weighted strengths their cues are worded from (``_weighted``): a few
    one by one with Python floats (``score_row``, the same to the last bit), more in one vectorised call."""
    rows = [detector.score_row(one.figures) for one in group] if len(group) <= SCALAR_ACCOUNTS else None
    if rows is not None and None not in rows:  # None: LightGBM scores them
        return [(score, one.figures | {"_weighted": weighted}) for one, (score, weighted) in zip(group, rows, strict=True)]  # type: ignore[misc]
    scores, weighted = detector.score_columns(_columns([one.figures for one in group], names))
    return [(score, one.figures | {"_weighted": row}) for one, score, row in zip(group, scores.tolist(), weighted, strict=True)]


def _names(figures: dict[str, Any]) -> tuple[str, ...]:
    """The figures' names that are feature columns (not lists); one detector's figures always have the same names."""
    keys = tuple(figures)
    found = _NAMES.get(keys)
    if found is None:
        found = _NAMES[keys] = tuple(k for k, v in figures.items() if not isinstance(v, list))
    return found


_NAMES: dict[tuple[str, ...], tuple[str, ...]] = {}


def _columns(rows: list[dict[str, Any]], names: tuple[str, ...]) -> dict[str, np.ndarray]:
    """Entities' figures as the detectors' feature columns (floats; unknown as NaN), one row per entity."""
    values = np.array([[row[k] for k in names] for row in rows], dtype=float).reshape(len(rows), len(names))
    return dict(zip(names, values.T, strict=True))  # each a column of ``values``, as ``values[:, i]``


def _plain(value: Any) -> Any:
    if isinstance(value, float):
        return None if np.isnan(value) else round(value, 4)
    return value


def _typed(kind: str, value: str | None) -> str | None:
    return f"{kind}:{value}" if value else None

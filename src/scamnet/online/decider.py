"""The decision on one live event: its context from the live state, then watchlists, rules and content detectors.

``Decider.decide(kind, row)`` judges the event on what was known just before it, then applies it
to the live state, so the next event sees it. Every reason names its source — a ``rule``, the
``watchlist`` (with the detector or partner that listed the entity) or a content ``detector`` — and
its evidence. The action is the strongest of: the rules that fired; for calls and messages, a
listed caller, sender or link (``block``); content detectors (``warn``, ``block`` at or above
``block_score``); for sessions, a listed account, device or IP (``warn``). On transfers the rules
act (``payee_on_watchlist`` is one), so the rules' part of a live decision equals the back-test's;
beside them the payer's ``victim`` risk (``victim_watch``: the signs the calls and messages before
left on the payer) warns or holds, and ``scamnet bench intercept`` is its back-test.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, NamedTuple

import pyarrow as pa

from scamnet.core.enums import Action
from scamnet.online.content import ContentJudge, Finding, Judged, LiveMessages, findings_of, link_entities
from scamnet.online.context import History, PayHistory, Profile, transfer_context
from scamnet.online.dissuasion import VictimPolicy
from scamnet.online.events import KINDS, TABLES, cents, event_from_row, microseconds, rows_in_time_order
from scamnet.online.live_scores import LiveDetectors, Subjects
from scamnet.online.reason import Reason
from scamnet.online.state import LiveState
from scamnet.online.victim_watch import VictimWatch
from scamnet.online.watchlist import Watchlist
from scamnet.rules.decide import RuleSet, strongest
from scamnet.rules.model import Rule

#: Distinct message texts whose content findings are kept: a campaign sends one text thousands of times.
RECENT_TEXTS = 20_000
KEYS = {"transfers": "txn_id", "calls": "call_id", "messages": "msg_id", "sessions": "account_id",
        "link_visits": "visit_id"}


_new = tuple.__new__  # a named tuple made without its Python constructor (``_new(Verdict, (...))``), in half the time


class Verdict(NamedTuple):
    """The decision on one event: action, risk score in [0, 1], its tier, reasons, evaluation errors (a named tuple:
    one is made per event, and a tuple is made in a third of a frozen dataclass's time)."""

    kind: str
    event_id: str | None
    action: Action
    score: float
    tier: str
    reasons: tuple[Reason, ...] = ()
    errors: tuple[str, ...] = ()

    @property
    def rules(self) -> list[str]:
        return [r.name for r in self.reasons if r.source == "rule"]

    def as_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "event_id": self.event_id, "decision": self.action.value, "score": self.score,
                "tier": self.tier, "reasons": [r.as_dict() for r in self.reasons], "errors": list(self.errors)}


@dataclass(frozen=True)
class Policy:
    """How scores become tiers, and how sure a content detector must be to block a message."""

    tier_of: Callable[[float], str]
    floors: Mapping[Action, float]
    block_score: float = 0.8


class Decider:
    """Live state, pay history, reference profiles, watchlist, rules and content detectors: one decision per event."""

    def __init__(self, state: LiveState, rules: Sequence[Rule], policy: Policy, *, content: ContentJudge | None = None,
                 profiles: Mapping[str, Profile] | None = None, watchlist: Watchlist | None = None,
                 history: History | None = None, utc_offset_hours: float = 8.0,
                 victims: VictimPolicy | None = None) -> None:
        self.state, self.policy, self.content = state, policy, content
        self.use_rules(rules)
        self.profiles = profiles or {}
        self.watchlist = watchlist or Watchlist()
        self.history: History = history or PayHistory()
        self.utc_offset_hours = utc_offset_hours
        self.messages = LiveMessages()
        self._judged: dict[str, Judged] = {}
        self._recent: OrderedDict[str, Judged] = OrderedDict()
        self.victims = VictimWatch(victims or VictimPolicy())
        #: the online fraud_number, goip and mule scores (None: not fitted, as on a store without history)
        self.detectors: LiveDetectors | None = None
        self._allowed: tuple[Policy, float, str] | None = None  # the policy an allow verdict's score and tier are of

    def use_rules(self, rules: Sequence[Rule]) -> None:
        """Decide with ``rules`` from the next event on (one assignment: an event is decided with one set)."""
        self.rules = {kind: RuleSet(r for r in rules if r.event == kind) for kind in ("transfer", "call", "message")}

    def decide(self, kind: str, row: Mapping[str, Any]) -> Verdict:
        """The verdict on one event (``row``: canonical columns of its table), then the event applied."""
        verdict = self.judge(kind, row)
        self.victims.note(self, kind, row, verdict.reasons)
        self.apply(kind, row)
        return verdict

    def listed(self, entity: str) -> tuple[str, float] | None:
        """Who listed ``entity`` and how sure they are (its best listing), or None."""
        found = self.watchlist.listings(entity)
        return (found[0].source, found[0].score) if found else None

    def decide_many(self, events: Sequence[tuple[str, Mapping[str, Any]]]) -> list[Verdict]:
        """``decide`` on each event in order, the same verdicts; the messages' content is judged for the whole batch
        at once, and the online detectors score the entities the batch asks about together (``LiveDetectors.ask``)."""
        texts = list(dict.fromkeys(row["text"] for kind, row in events if kind == "message" and row.get("text")))
        self._judged = self._judged_texts(texts) if self.content else {}
        try:
            if self.detectors is None:
                return [self.decide(kind, row) for kind, row in events]
            judged = []
            for kind, row in events:
                own = _JUDGES[kind](self, row)
                asked = self.detectors.ask_about(kind, row)
                self.victims.note(self, kind, row, self._noted(kind, row, own[0], asked))
                self.apply(kind, row)
                judged.append((kind, row, own, asked))
            return [self._verdict(kind, row, own, self.detectors.reasons_of(asked)) for kind, row, own, asked in judged]
        finally:
            self._judged = {}

    def _noted(self, kind: str, row: Mapping[str, Any], reasons: list[Reason], asked: Subjects) -> list[Reason]:
        """The reasons the victim watch reads on an event decided in a batch, in the verdict's order: its own, and the
        online detectors' only where they can change what it notes (a message from a listed sender with no content
        finding: any detector reason then has it look up the text's scam type)."""
        if (kind == "message" and asked.asked and not any(r.source == "detector" for r in reasons)
                and self.listed(f"phone:{row.get('sender')}") is not None):
            assert self.detectors is not None
            reasons = reasons + [r for r, _ in self.detectors.reasons_of(asked)]
        return sorted(reasons, key=lambda r: -_STRENGTH[r.action])

    def _judged_texts(self, texts: list[str]) -> dict[str, Judged]:
        """The content detectors' verdicts on each distinct text; a text seen lately (a campaign's) is not judged again."""
        assert self.content is not None
        fresh = [t for t in texts if t not in self._recent]
        for text, found in zip(fresh, self.content.judged_many(fresh) if fresh else [], strict=True):
            self._recent[text] = found
            if len(self._recent) > RECENT_TEXTS:
                self._recent.popitem(last=False)
        for text in texts:
            self._recent.move_to_end(text)
        return {text: self._recent[text] for text in texts}

    def judge(self, kind: str, row: Mapping[str, Any]) -> Verdict:
        """The verdict on one event from what is known now, without applying it."""
        own = _JUDGES[kind](self, row)
        return self._verdict(kind, row, own, self.detectors.reasons(kind, row) if self.detectors is not None else [])

    def _verdict(self, kind: str, row: Mapping[str, Any], own: _Judged, live: list[tuple[Reason, float]]) -> Verdict:
        reasons, errors, scores = own
        if not reasons and not live and not scores:  # most events: nothing spoke, the verdict is allow at its floor
            if self._allowed is None or self._allowed[0] is not self.policy:
                floor = self.policy.floors[Action.ALLOW]
                self._allowed = (self.policy, round(floor, 4), self.policy.tier_of(floor))
            return _new(Verdict, (kind, row.get(KEYS[KINDS[kind]]), Action.ALLOW, self._allowed[1], self._allowed[2], (),
                                  tuple(errors)))  # ``Verdict(...)`` without the named tuple's Python constructor
        reasons, scores = reasons + [r for r, _ in live], scores + [s for _, s in live]
        action = strongest(r.action for r in reasons)
        score = max([self.policy.floors[action], *scores, *self._listed_scores(reasons)])
        ordered = sorted(reasons, key=lambda r: -_STRENGTH[r.action])
        return Verdict(kind, row.get(KEYS[KINDS[kind]]), action, round(score, 4), self.policy.tier_of(score),
                       tuple(ordered), tuple(errors))

    def apply(self, kind: str, row: Mapping[str, Any]) -> None:
        """Add the event to the live state (and, for a transfer, to the pay history)."""
        table = KINDS[kind]
        self.state.update(event_from_row(table, row))
        if self.detectors is not None:
            self.detectors.update(kind, row)
        if table == "messages":
            judged = self.judged_text(row.get("text") or "")
            if judged is not None:
                self.messages.add_message(row, judged)
            else:
                self.messages.add_call(row.get("sender"), row.get("recipient"))
        elif table == "calls":
            self.messages.add_call(row.get("caller"), row.get("callee"))
        if table == "transfers":
            self.history.update(microseconds(row["ts"]), row.get("src_account"), row.get("dst_account"),
                                _cents(row.get("amount")), row.get("txn_id"))

    def rebuild(self, tables: Mapping[str, pa.Table], *, shared: bool = True) -> int:
        """Apply the store's history (event tables as Arrow) in time order; how many events. With ``shared``
        false the live state and the pay history are left as they are (kept in Redis, current: ``state_url``) and
        only what this process keeps for itself is rebuilt (who has been in touch, the victims' signs, the detectors)."""
        from scamnet.online.live import rebuild

        applied = rebuild(self.state, tables) if shared else 0
        for name, (a, b) in (("messages", ("sender", "recipient")), ("calls", ("caller", "callee"))):
            rows = tables.get(name)
            if rows is not None and rows.num_rows:
                for first, second in zip(rows[a].to_pylist(), rows[b].to_pylist(), strict=True):
                    self.messages.add_call(first, second)  # who has been in touch: campaigns count strangers
        transfers = tables.get("transfers")
        if shared and transfers is not None and transfers.num_rows:
            columns = ["ts", "src_account", "dst_account", "amount", "txn_id"]
            self.history.update_many((microseconds(row["ts"]), row["src_account"], row["dst_account"],
                                      _cents(row["amount"]), row["txn_id"])
                                     for row in transfers.select(columns).sort_by("ts").to_pylist())
        self.victims.seed(self, tables)
        if self.detectors is not None:
            self.detectors.replay(tables)
        return applied

    def content_findings(self, text: str) -> list[Finding]:
        """The content detectors' findings on a message text alone, without its context."""
        judged = self.judged_text(text)
        return findings_of(judged) if judged is not None else []

    def message_findings(self, row: Mapping[str, Any]) -> list[Finding]:
        """The content findings on message ``row``: its text and links weighed with what was seen before it."""
        judged = self.judged_text(row.get("text") or "")
        return self.messages.findings(row, judged) if judged is not None else []

    def judged_text(self, text: str) -> Judged | None:
        """The content detectors' verdicts on a text (judged with its batch when it came in one); None without them."""
        if self.content is None or not text:
            return None
        if text in self._judged:
            return self._judged[text]
        # A text seen lately (asked two or three times a message): looked up as ``_judged_texts([text])`` would
        # find it, kept the latest, without its lists and dict.
        found = self._recent.get(text)
        if found is None:
            return self._judged_texts([text])[text]
        self._recent.move_to_end(text)
        return found

    def _listed_scores(self, reasons: Iterable[Reason]) -> list[float]:
        return [float(r.evidence["score"]) for r in reasons if r.source == "watchlist"]

    def rule_reasons(self, kind: str, context: Mapping[str, Any]) -> tuple[list[Reason], list[str]]:
        """The reasons of the rules on ``kind`` that fire on ``context``, and their evaluation errors."""
        decision = self.rules[kind].decide(context)
        if not decision.matches and not decision.errors:  # most events
            return [], []
        return [Reason("rule", m.rule, m.action, m.evidence, m.reason) for m in decision.matches], list(decision.errors)


_Judged = tuple[list[Reason], list[str], list[float]]


def _transfer(decider: Decider, row: Mapping[str, Any]) -> _Judged:
    context = transfer_context(row, decider.history, decider.profiles, decider.watchlist.scores,
                               decider.utc_offset_hours)
    reasons, errors = decider.rule_reasons("transfer", context)
    accounts = [f"account:{a}" for a in (row.get("dst_account"), row.get("src_account")) if a]
    # the rules act on a listed account; the listing is evidence, asking no action of its own
    reasons += decider.watchlist.reasons(accounts, Action.ALLOW)
    warned = decider.victims.transfer_reason(decider, row, context)
    return reasons + ([warned[0]] if warned else []), errors, [warned[1]] if warned else []


def _call(decider: Decider, row: Mapping[str, Any]) -> _Judged:
    reasons, errors = decider.rule_reasons("call", _local(decider, row, "started_at") | {
        "duration_s": _number(row.get("duration_s")), "answered": row.get("answered")})
    callers = [f"phone:{row['caller']}", _typed("imei", row.get("caller_imei")), _typed("imsi", row.get("caller_imsi"))]
    return reasons + decider.watchlist.reasons(callers, Action.BLOCK), errors, []


def _message(decider: Decider, row: Mapping[str, Any]) -> _Judged:
    text = row.get("text") or ""
    reasons, errors = decider.rule_reasons("message", _local(decider, row, "sent_at") | {
        "channel": row.get("channel"), "text": text})
    senders = [f"phone:{row['sender']}", _typed("imei", row.get("sender_imei")), _typed("imsi", row.get("sender_imsi"))]
    if decider.watchlist:  # the links' ids (each new text's links parsed) only when something is listed
        reasons += decider.watchlist.reasons([*senders, *link_entities(text)], Action.BLOCK)
    findings = decider.message_findings(row)
    for f in findings:
        action = Action.BLOCK if f.score >= decider.policy.block_score else Action.WARN
        reasons.append(Reason("detector", f.detector, action, {"on": f.subject, "score": round(f.score, 4),
                                                                 "cues": list(f.evidence)}, "; ".join(f.evidence)))
    return reasons, errors, [f.score for f in findings]


def _session(decider: Decider, row: Mapping[str, Any]) -> _Judged:
    entities = [f"account:{row['account_id']}", _typed("device", row.get("device_id")), _typed("ip", row.get("ip"))]
    return decider.watchlist.reasons(entities, Action.WARN), [], []


def _visit(decider: Decider, row: Mapping[str, Any]) -> _Judged:
    return decider.victims.visit_reasons(decider, row)


_JUDGES: dict[str, Callable[[Decider, Mapping[str, Any]], _Judged]] = {
    "transfer": _transfer, "call": _call, "message": _message, "session": _session, "link_visit": _visit}
_STRENGTH = {Action.ALLOW: 0, Action.WARN: 1, Action.HOLD: 2, Action.BLOCK: 3}


def _local(decider: Decider, row: Mapping[str, Any], time_column: str) -> dict[str, Any]:
    local_s = microseconds(row[time_column]) // 1_000_000 + round(decider.utc_offset_hours * 3600)
    return {"local_hour": float((local_s % 86400) // 3600)}


def _cents(amount: Any) -> int:
    """An amount in whole cents, a float read exactly (``Decimal(0.125)``); a Decimal as the live state reads it."""
    return cents(amount) if amount is None or amount.__class__ is Decimal else int(Decimal(amount).scaleb(2).to_integral_value())


def _typed(kind: str, value: str | None) -> str | None:
    return f"{kind}:{value}" if value else None


def _number(value: Any) -> float | None:
    return None if value is None else float(value)


def replay(decider: Decider, tables: Mapping[str, pa.Table]) -> list[Verdict]:
    """The verdicts of a history replayed in time order, each event judged before the events of its instant apply.

    Events at one instant do not see each other (as in the back-test, where only earlier events count).
    """
    verdicts: list[Verdict] = []
    pending: list[tuple[str, dict[str, Any]]] = []
    instant = None
    for kind, row in rows_in_time_order(tables):
        at = microseconds(row[TABLES[KINDS[kind]][0]])
        if at != instant:
            for done in pending:
                decider.apply(*done)
            pending, instant = [], at
        verdicts.append(decider.judge(kind, row))
        pending.append((kind, row))
    for done in pending:
        decider.apply(*done)
    return verdicts

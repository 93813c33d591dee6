"""From a victim risk to an action: hold and call (high), a warning the payer must acknowledge (medium), an SMS (low).

A high risk holds the transfer and opens a dissuasion task: the anti-fraud centre calls the person
with the script for the scam type the messages and calls point to. One task per person a day: a
victim who tries again an hour later is already in the queue.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from scamnet.core.enums import Action, ScamType
from scamnet.online.victim_risk import Risk

DAY_US = 86_400_000_000


@dataclass(frozen=True)
class VictimPolicy:
    """Victim-risk thresholds (settings ``victim_risk_high``, ``_medium``, ``_low``)."""

    high: float = 0.5
    medium: float = 0.35
    low: float = 0.25
    #: A person this worked-on (``victim_risk.exposure_of``) gets a call before any payment.
    exposure_alert: float = 0.8

    def action(self, score: float) -> tuple[Action, str] | None:
        """What to do at ``score``: the action and how the payer is told; None below ``low``."""
        if score >= self.high:
            return Action.HOLD, "held: the anti-fraud centre calls the payer"
        if score >= self.medium:
            return Action.WARN, "in-app warning the payer must acknowledge"
        if score >= self.low:
            return Action.WARN, "SMS warning to the payer"
        return None


#: What the caller from the anti-fraud centre says, per family of scam types.
SCRIPTS = {
    "impersonation": ("Police, courts and officials never ask you to move money to a 'safe account' or to keep a "
                      "call secret. Hang up and call 110 or the office yourself on its published number."),
    "investment": ("No platform guarantees returns; a 'teacher' or group that shows you profits and then asks you to "
                   "add money to withdraw is a scam. Do not pay any 'fee' or 'tax' to get your money out."),
    "task": ("Paid likes, clicks or orders that ask you to advance money first are a scam; the small first payouts "
             "are bait. Stop, and do not pay to 'unlock' your commission."),
    "romance": ("Someone you met online and never met in person who talks about investments or needs money is the "
                "most common scam we see. Do not send money or 'top up' any platform they show you."),
    "loan": ("A real lender never asks for a deposit, a 'guarantee fee' or to 'verify your repayment ability' before "
             "lending. Do not pay anything to get a loan."),
    "customer_service": ("Shops, couriers and platforms never ask you to transfer money for a refund or to 'cancel a "
                         "membership'. Do not share screen or codes; call the platform on its own number."),
    "other": ("Someone is trying to get money from you. Do not pay until you have checked with a person you trust or "
              "called 96110, the anti-fraud hotline."),
}
_FAMILY = {
    ScamType.GOVERNMENT_IMPERSONATION: "impersonation", ScamType.BOSS_IMPERSONATION: "impersonation",
    ScamType.ACQUAINTANCE_IMPERSONATION: "impersonation", ScamType.FAKE_INVESTMENT: "investment",
    ScamType.PIG_BUTCHERING: "romance", ScamType.ROMANCE: "romance", ScamType.TASK_REBATE: "task",
    ScamType.FAKE_LOAN: "loan", ScamType.CUSTOMER_SERVICE_REFUND: "customer_service", ScamType.PHISHING: "customer_service",
}


def script_for(scam_type: str | None) -> str:
    """The script for ``scam_type`` (the generic one when it is unknown)."""
    try:
        return SCRIPTS[_FAMILY.get(ScamType(scam_type), "other")] if scam_type else SCRIPTS["other"]
    except ValueError:
        return SCRIPTS["other"]


@dataclass(frozen=True)
class Task:
    """A dissuasion task: whom to call about which payment, why, with which script."""

    task_id: str
    created_at: datetime
    person_id: str | None
    msisdn: str | None
    account_id: str | None
    txn_id: str | None
    amount: float
    scam_type: str
    reasons: tuple[str, ...]
    priority: int
    script: str
    #: The calls, messages and links that led here, oldest first, each with its time (UTC).
    timeline: tuple[str, ...] = ()
    updated_at: datetime | None = None

    def holding(self, txn_id: str | None, amount: float, at: datetime, risk: Risk) -> Task:
        """This task, now also about a payment held at ``at`` (the person was already in the queue)."""
        priority = min(self.priority, new_task(risk, at, None, None, None, txn_id, amount).priority)
        return replace(self, txn_id=txn_id, amount=amount, priority=priority, reasons=risk.reasons, updated_at=at,
                       timeline=_timeline(risk))

    def row(self) -> dict[str, object]:
        """The task as a ``dissuasion_tasks`` row."""
        return {"task_id": self.task_id, "created_at": self.created_at, "person_id": self.person_id,
                "msisdn": self.msisdn, "account_id": self.account_id, "scam_type": self.scam_type,
                "reasons": list(self.reasons), "priority": self.priority, "status": "open", "txn_id": self.txn_id,
                "amount": self.amount, "timeline": list(self.timeline), "claimed_by": None, "outcome": None,
                "note": None, "updated_at": self.updated_at or self.created_at}


def new_task(risk: Risk, at: datetime, person: str | None, msisdn: str | None, account: str | None,
             txn_id: str | None, amount: float) -> Task:
    """A task for a held payment; priority 1 (call first) to 3, by risk and amount."""
    priority = 1 if risk.score >= 0.75 or amount >= 50_000 else 2 if risk.score >= 0.6 or amount >= 10_000 else 3
    known = {t.value for t in ScamType}
    scam_type = risk.scam_type if risk.scam_type in known else ScamType.OTHER.value
    return Task(f"dt{secrets.token_hex(8)}", at, person, msisdn, account, txn_id, amount, scam_type,
                risk.reasons, priority, script_for(scam_type), _timeline(risk))


def _timeline(risk: Risk) -> tuple[str, ...]:
    return tuple(f"{datetime.fromtimestamp(s.at_us / 1e6, UTC):%Y-%m-%d %H:%M} {s.text}" for s in risk.timeline)

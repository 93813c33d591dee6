"""The fields a rule may read: declared once per event kind, with a type and a meaning.

A field is what the live scorer can know at the moment of an event, computed the same way
event by event from earlier events and the reference tables (accounts, persons), or looked up
in the watchlist. The back-test computes the same fields for every stored event
(``features/sql/rules/transfer_context.sql``), so a rule reads alike in both.

Names are SQL column references: ``amount``, ``payee.mule_score``. Account features exist for
both sides of a transfer, ``payer.`` and ``payee.``.

>>> vocabulary("transfer")["payee.distinct_payers_24h"].type
'number'
>>> vocabulary("transfer")["payer.on_watchlist"].type
'boolean'
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from scamnet.core.errors import ConfigError

FieldType = Literal["number", "text", "boolean"]
EVENT_KINDS = ("transfer", "call", "message")
#: The sides of a transfer that carry account features, and that ``in_watchlist(...)`` accepts.
ROLES = ("payer", "payee")


@dataclass(frozen=True)
class Term:
    """One field of the vocabulary: its name in rules, its type and what it means."""

    name: str
    type: FieldType
    doc: str
    source: Literal["event", "window", "reference", "watchlist"]


_TRANSFER_EVENT = (
    Term("amount", "number", "amount moved", "event"),
    Term("currency", "text", "ISO 4217 currency of the amount", "event"),
    Term("channel", "text", "how the money moves (mobile, online, atm, crypto_otc, ...)", "event"),
    Term("local_hour", "number", "hour of the day on the local clock (setting utc_offset_hours), 0-23", "event"),
    Term("new_payee", "boolean", "the payer never paid this payee before (NULL without both accounts)", "window"),
)

_ACCOUNT = (
    Term("account_age_d", "number", "days since the account was opened (NULL when the account is unknown)",
         "reference"),
    Term("holder_type", "text", "person, business or merchant (NULL when unknown)", "reference"),
    Term("holder_age_y", "number", "age in years of the holding person (NULL for businesses and unknowns)",
         "reference"),
    Term("first_seen_age_h", "number", "hours since the account's first transfer, in or out (NULL: none before)",
         "window"),
    Term("transfers_total", "number", "transfers the account sent before this one, ever", "window"),
    Term("transfers_1h", "number", "transfers the account sent in the last hour", "window"),
    Term("transfers_24h", "number", "transfers the account sent in the last 24 hours", "window"),
    Term("amount_24h", "number", "money the account sent in the last 24 hours", "window"),
    Term("received_1h", "number", "money the account received in the last hour", "window"),
    Term("received_24h", "number", "money the account received in the last 24 hours", "window"),
    Term("incoming_1h", "number", "transfers the account received in the last hour", "window"),
    Term("distinct_payers_1h", "number", "accounts that paid this account in the last hour", "window"),
    Term("distinct_payers_24h", "number", "accounts that paid this account in the last 24 hours", "window"),
    Term("new_payers_1h", "number", "accounts that paid this account for the first time in the last hour",
         "window"),
    Term("distinct_payees_24h", "number", "accounts this account paid in the last 24 hours", "window"),
    Term("on_watchlist", "boolean", "the account is on the watchlist (flagged here or by a partner)",
         "watchlist"),
    Term("mule_score", "number", "the highest score the watchlist gives the account (NULL when not listed)",
         "watchlist"),
)

_CALL = (
    Term("duration_s", "number", "seconds of conversation (0 if unanswered)", "event"),
    Term("answered", "boolean", "the callee answered", "event"),
    Term("local_hour", "number", "hour of the day on the local clock, 0-23", "event"),
)

_MESSAGE = (
    Term("channel", "text", "sms, chat, ...", "event"),
    Term("text", "text", "message text", "event"),
    Term("local_hour", "number", "hour of the day on the local clock, 0-23", "event"),
)


def _transfer_terms() -> tuple[Term, ...]:
    sides = tuple(Term(f"{role}.{t.name}", t.type, t.doc, t.source) for role in ROLES for t in _ACCOUNT)
    return _TRANSFER_EVENT + sides


_VOCABULARIES = {
    "transfer": {t.name: t for t in _transfer_terms()},
    "call": {t.name: t for t in _CALL},
    "message": {t.name: t for t in _MESSAGE},
}


def vocabulary(event: str) -> dict[str, Term]:
    """The fields rules on ``event`` (transfer, call, message) may read, by name."""
    try:
        return _VOCABULARIES[event]
    except KeyError:
        raise ConfigError(f"no rules on events of kind {event!r}", hint="one of: " + ", ".join(EVENT_KINDS)) from None

"""Every table of the canonical data model (DESIGN.md): the inputs here, the outputs in ``outputs``."""

from __future__ import annotations

from scamnet.core.enums import (
    HolderType,
    LabelRole,
    MessageChannel,
    Plan,
    ReportItemKind,
    ScamType,
    TransferChannel,
)
from scamnet.core.errors import NotFoundError
from scamnet.schema.chain import CHAIN_TRANSFERS, OTC_TRADES, WALLETS
from scamnet.schema.columns import (
    CURRENCY,
    E164,
    ENTITY,
    I16,
    I32,
    ID,
    MONEY_OK,
    SENDER,
    TEXT,
    B,
    S,
)
from scamnet.schema.columns import column as _f
from scamnet.schema.fields import MONEY, TIMESTAMP, Check, TableSpec, one_of
from scamnet.schema.outputs import OUTPUT_TABLES
from scamnet.schema.web import LINK_VISITS

PERSONS = TableSpec(
    "persons", "People of the population (no names: an id, a birth year and a region).", "reference",
    (
        _f("person_id", S, "person id", check=ID),
        _f("birth_year", I16, "year of birth", check=Check("range", low=1900, high=2030)),
        _f("region", S, "home region code", check=TEXT),
    ),
    key=("person_id",),
)

SUBSCRIBERS = TableSpec(
    "subscribers", "SIM cards: one row per IMSI, with the number it carries and its registered holder.",
    "reference",
    (
        _f("msisdn", S, "phone number of the SIM", check=E164),
        _f("imsi", S, "IMSI of the SIM", check=ID),
        _f("holder_id", S, "person_id of the registered holder (null for unregistered)", null=True),
        _f("activated_at", TIMESTAMP, "when the SIM was activated"),
        _f("plan", S, "tariff plan", check=one_of(Plan)),
        _f("region", S, "region where the SIM was sold", check=TEXT),
    ),
    key=("imsi",),
    time_field="activated_at",
)

ACCOUNTS = TableSpec(
    "accounts", "Bank and payment accounts.", "reference",
    (
        _f("account_id", S, "account id (IBAN, card or internal number)", check=ID),
        _f("bank", S, "bank or payment institution", check=TEXT),
        _f("holder_id", S, "person_id or business id of the holder", null=True),
        _f("holder_type", S, "kind of holder", check=one_of(HolderType)),
        _f("opened_at", TIMESTAMP, "when the account was opened"),
        _f("region", S, "region of the branch", check=TEXT),
        _f("msisdn", S, "phone number registered with the account", null=True, check=E164),
    ),
    key=("account_id",),
    time_field="opened_at",
)

SESSIONS = TableSpec(
    "sessions", "Logins to accounts: which device and IP used an account when.", "reference",
    (
        _f("account_id", S, "account logged in to", check=ID),
        _f("ts", TIMESTAMP, "time of the login"),
        _f("device_id", S, "device fingerprint", check=ID),
        _f("ip", S, "IP address", null=True),
        _f("remote_access", B, "the bank app's SDK saw a screen-sharing or remote-control app active during the "
           "session (null: not reported)", null=True),
    ),
    key=("account_id", "ts", "device_id"),
    time_field="ts",
)

CALLS = TableSpec(
    "calls", "Call detail records: one row per call attempt.", "event",
    (
        _f("call_id", S, "call id", check=ID),
        _f("started_at", TIMESTAMP, "when the call was set up"),
        _f("duration_s", I32, "seconds of conversation (0 if unanswered)", check=MONEY_OK),
        _f("caller", S, "calling number", check=E164),
        _f("callee", S, "called number", check=E164),
        _f("caller_imsi", S, "IMSI of the calling SIM", null=True),
        _f("caller_imei", S, "IMEI of the calling handset or gateway", null=True),
        _f("caller_cell", S, "cell id serving the caller", null=True),
        _f("answered", B, "whether the callee answered"),
    ),
    key=("call_id",),
    time_field="started_at",
)

MESSAGES = TableSpec(
    "messages", "SMS and chat messages.", "event",
    (
        _f("msg_id", S, "message id", check=ID),
        _f("sent_at", TIMESTAMP, "when the message was sent"),
        _f("sender", S, "sending number, short code or sender id", check=SENDER),
        _f("recipient", S, "receiving number", check=E164),
        _f("channel", S, "channel", check=one_of(MessageChannel)),
        _f("text", S, "message text"),
        _f("sender_imsi", S, "IMSI of the sending SIM", null=True),
        _f("sender_imei", S, "IMEI of the sending handset or gateway", null=True),
        _f("sender_cell", S, "cell id serving the sender", null=True),
    ),
    key=("msg_id",),
    time_field="sent_at",
)

TRANSFERS = TableSpec(
    "transfers", "Money movements. Cash-out is a transfer whose channel says so.", "event",
    (
        _f("txn_id", S, "transaction id", check=ID),
        _f("ts", TIMESTAMP, "when the money moved"),
        _f("src_account", S, "paying account (null for cash deposits)", null=True),
        _f("dst_account", S, "receiving account (null for ATM cash and other cash-out)", null=True),
        _f("amount", MONEY, "amount moved", check=MONEY_OK),
        _f("currency", S, "currency of the amount", check=CURRENCY),
        _f("channel", S, "how the money moved", check=one_of(TransferChannel)),
        _f("src_device", S, "device that initiated the transfer", null=True),
        _f("src_ip", S, "IP that initiated the transfer", null=True),
        _f("memo", S, "free-text memo", null=True),
    ),
    key=("txn_id",),
    time_field="ts",
)

REPORTS = TableSpec(
    "reports", "Victim reports to the police or a bank.", "event",
    (
        _f("report_id", S, "report id", check=ID),
        _f("reported_at", TIMESTAMP, "when the report was made"),
        _f("victim_person", S, "person_id of the victim", null=True),
        _f("victim_msisdn", S, "victim's phone number", null=True, check=E164),
        _f("victim_account", S, "victim's paying account", null=True),
        _f("scam_type", S, "scam type as reported", check=one_of(ScamType)),
        _f("loss_amount", MONEY, "money the victim lost", check=MONEY_OK),
        _f("currency", S, "currency of the loss", check=CURRENCY),
        _f("narrative", S, "the victim's account of what happened", null=True),
    ),
    key=("report_id",),
    time_field="reported_at",
)

REPORT_ITEMS = TableSpec(
    "report_items", "Numbers, accounts, links, wallets, apps and transfers a victim named.", "event",
    (
        _f("report_id", S, "report the item belongs to", check=ID),
        _f("kind", S, "kind of item", check=one_of(ReportItemKind)),
        _f("value", S, "the item as given (normalised to an entity id downstream)", check=TEXT),
    ),
    key=("report_id", "kind", "value"),
)

LABELS = TableSpec(
    "labels", "Ground truth where known (simulator, confirmed cases). Detectors never read it.", "event",
    (
        _f("entity", S, "typed entity id", check=ENTITY),
        _f("label", S, "role of the entity", check=one_of(LabelRole)),
        _f("gang_id", S, "gang the entity works for (null for confounders and victims)", null=True),
        _f("since", TIMESTAMP, "start of the role", null=True),
        _f("until", TIMESTAMP, "end of the role", null=True),
    ),
    key=("entity", "label"),
)

REFERENCE_TABLES = (PERSONS, SUBSCRIBERS, ACCOUNTS, SESSIONS, WALLETS)
EVENT_TABLES = (CALLS, MESSAGES, TRANSFERS, REPORTS, REPORT_ITEMS, LABELS, CHAIN_TRANSFERS, OTC_TRADES,
                LINK_VISITS)
INPUT_TABLES = REFERENCE_TABLES + EVENT_TABLES
TABLES = {spec.name: spec for spec in INPUT_TABLES + OUTPUT_TABLES}


def table(name: str) -> TableSpec:
    """The spec of table ``name``; a clear error for an unknown name."""
    try:
        return TABLES[name]
    except KeyError:
        raise NotFoundError(
            f"unknown table {name!r}", hint="one of: " + ", ".join(TABLES)
        ) from None

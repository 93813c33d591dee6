"""Every table of the canonical data model (DESIGN.md), inputs and outputs."""

from __future__ import annotations

import pyarrow as pa

from scamnet.core.enums import (
    Action,
    AlertStatus,
    EntityKind,
    FreezeStatus,
    HolderType,
    KeyRole,
    LabelRole,
    MessageChannel,
    Plan,
    ReportItemKind,
    ReviewVerdict,
    ScamType,
    TaskOutcome,
    TaskStatus,
    Tier,
    TracePolicy,
    TransferChannel,
)
from scamnet.core.errors import NotFoundError
from scamnet.schema.fields import MONEY, STRINGS, TIMESTAMP, Check, Field, TableSpec, one_of

S, I16, I32, I64, F64, B = pa.string(), pa.int16(), pa.int32(), pa.int64(), pa.float64(), pa.bool_()
E164, SENDER, MONEY_OK = Check("e164"), Check("sender"), Check("non_negative")
CURRENCY, ENTITY, TEXT = Check("currency"), Check("entity"), Check("not_empty")
SCORE = Check("range", low=0.0, high=1.0)
ID = TEXT


def _f(name: str, type_: pa.DataType, doc: str, *, null: bool = False, check: Check | None = None) -> Field:
    return Field(name, type_, doc, nullable=null, check=check)


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

ALERTS = TableSpec(
    "alerts", "Entities a detector flagged, with a score and readable reasons.", "output",
    (
        _f("entity", S, "typed entity id", check=ENTITY),
        _f("detector", S, "detector name", check=TEXT),
        _f("score", F64, "suspicion score, high = suspicious", check=SCORE),
        _f("tier", S, "tier of the score", check=one_of(Tier)),
        _f("reasons", STRINGS, "why, in words"),
        _f("status", S, "workflow status", check=one_of(AlertStatus)),
        _f("created_at", TIMESTAMP, "when the alert was raised"),
        _f("scam_type", S, "scam type the detector reads in it (scam_text), if any", null=True),
    ),
    key=("detector", "entity"),
    time_field="created_at",
)

DECISIONS = TableSpec(
    "decisions", "Online scorer decisions on live events.", "output",
    (
        _f("decision_id", S, "decision id", check=ID),
        _f("ts", TIMESTAMP, "when the decision was made"),
        _f("event_kind", S, "kind of event (call, message, transfer, session)", check=TEXT),
        _f("event_id", S, "id of the event"),
        _f("entity", S, "main entity the decision is about", null=True, check=ENTITY),
        _f("action", S, "decision", check=one_of(Action)),
        _f("score", F64, "risk score", check=SCORE),
        _f("reasons", STRINGS, "why, in words"),
        _f("rules", STRINGS, "ids of the rules that fired"),
        _f("latency_ms", F64, "time taken to decide", check=MONEY_OK),
        _f("error", S, "evaluation error kept with the decision", null=True),
    ),
    key=("decision_id",),
    time_field="ts",
)

TRACES = TableSpec(
    "traces", "Fund traces: where a victim's money went.", "output",
    (
        _f("trace_id", S, "trace id", check=ID),
        _f("report_id", S, "report traced", null=True),
        _f("policy", S, "attribution policy", check=one_of(TracePolicy)),
        _f("created_at", TIMESTAMP, "when the trace ran"),
        _f("as_of", TIMESTAMP, "point in time the holdings are computed for"),
        _f("max_hops", I32, "hop limit", check=MONEY_OK),
        _f("horizon_s", I64, "time horizon in seconds", check=MONEY_OK),
        _f("min_amount", MONEY, "smallest traced amount kept", check=MONEY_OK),
        _f("traced_amount", MONEY, "victim money the trace started from", check=MONEY_OK),
        _f("located_amount", MONEY, "traced money still held in accounts at as_of", check=MONEY_OK),
        _f("cashout_amount", MONEY, "traced money that left through cash-out", check=MONEY_OK),
    ),
    key=("trace_id",),
    time_field="created_at",
)

TRACE_EDGES = TableSpec(
    "trace_edges", "The transfers a trace followed, with the traced share of each.", "output",
    (
        _f("trace_id", S, "trace id", check=ID),
        _f("txn_id", S, "transfer followed", check=ID),
        _f("hop", I32, "hops from the victim (1 = the victim's payment)", check=MONEY_OK),
        _f("ts", TIMESTAMP, "time of the transfer"),
        _f("src_account", S, "paying account", null=True),
        _f("dst_account", S, "receiving account (null for cash-out)", null=True),
        _f("channel", S, "channel of the transfer", check=one_of(TransferChannel)),
        _f("amount", MONEY, "whole amount of the transfer", check=MONEY_OK),
        _f("traced_amount", MONEY, "part of it attributed to the victim", check=MONEY_OK),
    ),
    key=("trace_id", "txn_id"),
    time_field="ts",
)

FREEZE_REQUESTS = TableSpec(
    "freeze_requests", "Accounts still holding traced money, ranked, with the path leading there.", "output",
    (
        _f("trace_id", S, "trace id", check=ID),
        _f("account_id", S, "account to freeze", check=ID),
        _f("bank", S, "bank holding the account", null=True),
        _f("held_amount", MONEY, "traced money held at the trace's as_of", check=MONEY_OK),
        _f("rank", I32, "1 = most money held", check=MONEY_OK),
        _f("path", STRINGS, "accounts from the victim to this one"),
        _f("status", S, "request status", check=one_of(FreezeStatus)),
        _f("created_at", TIMESTAMP, "when the request was made"),
    ),
    key=("trace_id", "account_id"),
    time_field="created_at",
)

GANGS = TableSpec(
    "gangs", "Groups of linked fraud entities and reports.", "output",
    (
        _f("gang_id", S, "gang id", check=ID),
        _f("created_at", TIMESTAMP, "when the gang was found"),
        _f("members", I32, "number of member entities", check=MONEY_OK),
        _f("reports", I32, "number of linked reports", check=MONEY_OK),
        _f("total_loss", MONEY, "sum of the reported losses", check=MONEY_OK),
        _f("first_seen", TIMESTAMP, "earliest activity", null=True),
        _f("last_seen", TIMESTAMP, "latest activity", null=True),
        _f("scam_types", STRINGS, "scam types of its reports"),
        _f("summary", S, "one-paragraph summary", null=True),
    ),
    key=("gang_id",),
    time_field="created_at",
)

GANG_MEMBERS = TableSpec(
    "gang_members", "Members of a gang by role, with their centrality.", "output",
    (
        _f("gang_id", S, "gang id", check=ID),
        _f("entity", S, "typed entity id", check=ENTITY),
        _f("role", S, "role in the gang (number, gateway, mule, link, report, ...)", check=TEXT),
        _f("centrality", F64, "importance within the gang", check=MONEY_OK),
    ),
    key=("gang_id", "entity"),
)

GANG_LINKS = TableSpec(
    "gang_links", "Links of the entity graph among a gang's members: the evidence that ties it together.", "output",
    (
        _f("gang_id", S, "gang id", check=ID),
        _f("src", S, "typed entity id at one end", check=ENTITY),
        _f("dst", S, "typed entity id at the other end", check=ENTITY),
        _f("type", S, "link type (call, device_sim, transfer, report_mentions, ...)", check=TEXT),
        _f("count", I64, "how many events make the link", check=MONEY_OK),
        _f("first_seen", TIMESTAMP, "earliest event of the link", null=True),
        _f("last_seen", TIMESTAMP, "latest event of the link", null=True),
    ),
    key=("gang_id", "src", "dst", "type"),
)

DISSUASION_TASKS = TableSpec(
    "dissuasion_tasks", "People to contact now because they are being scammed.", "output",
    (
        _f("task_id", S, "task id", check=ID),
        _f("created_at", TIMESTAMP, "when the task was created"),
        _f("person_id", S, "person at risk", null=True),
        _f("msisdn", S, "number to call", null=True, check=E164),
        _f("account_id", S, "account at risk", null=True),
        _f("scam_type", S, "suspected scam type", check=one_of(ScamType)),
        _f("reasons", STRINGS, "why, in words"),
        _f("priority", I32, "1 = most urgent", check=MONEY_OK),
        _f("status", S, "task status", check=one_of(TaskStatus)),
        _f("txn_id", S, "the payment held (null: a call before any payment)", null=True),
        _f("amount", F64, "the held payment's amount", null=True, check=MONEY_OK),
        _f("timeline", STRINGS, "the calls, messages and links that led here, oldest first, each with its time", null=True),
        _f("claimed_by", S, "the officer who took the task", null=True),
        _f("outcome", S, "what came of the call", null=True, check=one_of(TaskOutcome)),
        _f("note", S, "the officer's words", null=True),
        _f("updated_at", TIMESTAMP, "when the task last changed", null=True),
    ),
    key=("task_id",),
    time_field="created_at",
)

INDICATORS = TableSpec(
    "indicators", "Indicators of fraud, own or imported from partners, raw or as keyed hashes.", "output",
    (
        _f("indicator_id", S, "indicator id", check=ID),
        _f("kind", S, "entity kind", check=one_of(EntityKind)),
        _f("value", S, "normalised value, or its keyed hash", check=TEXT),
        _f("hashed", B, "whether value is an HMAC-SHA256 of the normalised value"),
        _f("confidence", F64, "confidence 0-1", check=SCORE),
        _f("first_seen", TIMESTAMP, "first seen", null=True),
        _f("last_seen", TIMESTAMP, "last seen", null=True),
        _f("scam_type", S, "scam type", null=True),
        _f("gang_id", S, "gang", null=True),
        _f("source", S, "who shared it (own, or a partner's identity)", check=TEXT),
    ),
    key=("indicator_id",),
)

API_KEYS = TableSpec(
    "api_keys", "Keys of the decision service's API, stored hashed; the key itself is shown once, at creation.",
    "output",
    (
        _f("key_id", S, "the key's public part, written before its secret in the key", check=ID),
        _f("role", S, "what the key may do", check=one_of(KeyRole)),
        _f("key_hash", S, "SHA-256 of the key's secret part, hex"),
        _f("label", S, "who or what holds the key", null=True),
        _f("created_at", TIMESTAMP, "when the key was created"),
        _f("revoked_at", TIMESTAMP, "when the key was revoked (null: valid)", null=True),
    ),
    key=("key_id",),
    time_field="created_at",
)

ALERT_REVIEWS = TableSpec(
    "alert_reviews", "Analysts' verdicts on alerts (confirm, dismiss, escalate, reopen), each kept with who and when; "
    "the newest sets the alert's status, also after the detector runs again.", "output",
    (
        _f("review_id", S, "review id", check=ID),
        _f("entity", S, "the alert's entity", check=ENTITY),
        _f("detector", S, "the alert's detector", check=TEXT),
        _f("verdict", S, "what the analyst said", check=one_of(ReviewVerdict)),
        _f("analyst", S, "who said it: the API key's label or id, or the name given on the command line", check=TEXT),
        _f("note", S, "the analyst's words", null=True),
        _f("reviewed_at", TIMESTAMP, "when"),
    ),
    key=("review_id",),
    time_field="reviewed_at",
)

QUARANTINED_ROWS = TableSpec(
    "quarantined_rows", "Input rows an operator took out of the store (scamnet quarantine): the whole row as JSON, "
    "so it can be put back, with why, who and when; the audit record of every removal.", "output",
    (
        _f("quarantine_id", S, "id of this removal", check=ID),
        _f("table_name", S, "the input table the row came from", check=TEXT),
        _f("row_key", S, "the row's key (its key fields joined by '/')", check=TEXT),
        _f("row_json", S, "the row as it was, as JSON"),
        _f("reason", S, "why the row was taken out", check=TEXT),
        _f("operator", S, "who took it out: the name given, else the user running the command", check=TEXT),
        _f("quarantined_at", TIMESTAMP, "when"),
    ),
    key=("quarantine_id",),
    time_field="quarantined_at",
)

REFERENCE_TABLES = (PERSONS, SUBSCRIBERS, ACCOUNTS, SESSIONS)
EVENT_TABLES = (CALLS, MESSAGES, TRANSFERS, REPORTS, REPORT_ITEMS, LABELS)
INPUT_TABLES = REFERENCE_TABLES + EVENT_TABLES
OUTPUT_TABLES = (
    ALERTS, DECISIONS, TRACES, TRACE_EDGES, FREEZE_REQUESTS, GANGS, GANG_MEMBERS, GANG_LINKS, DISSUASION_TASKS,
    INDICATORS, API_KEYS, ALERT_REVIEWS, QUARANTINED_ROWS,
)
TABLES = {spec.name: spec for spec in INPUT_TABLES + OUTPUT_TABLES}


def table(name: str) -> TableSpec:
    """The spec of table ``name``; a clear error for an unknown name."""
    try:
        return TABLES[name]
    except KeyError:
        raise NotFoundError(
            f"unknown table {name!r}", hint="one of: " + ", ".join(TABLES)
        ) from None

"""The output tables of the canonical data model: what scamnet writes (alerts, decisions, traces, gangs, ...)."""

from __future__ import annotations

import pyarrow as pa

from scamnet.core.enums import (
    Action,
    AlertStatus,
    EntityKind,
    FreezeStatus,
    KeyRole,
    ReviewVerdict,
    ScamType,
    TaskOutcome,
    TaskStatus,
    Tier,
    TracePolicy,
    TransferChannel,
)
from scamnet.schema.columns import E164, ENTITY, F64, I32, I64, ID, MONEY_OK, SCORE, TEXT, B, S
from scamnet.schema.columns import column as _f
from scamnet.schema.fields import MONEY, STRINGS, TIMESTAMP, TableSpec, one_of
from scamnet.schema.freeze_tables import FREEZE_TABLES

TIMESTAMPS = pa.list_(TIMESTAMP)

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
        _f("event_kind", S, "kind of event (call, message, transfer, session, link_visit)", check=TEXT),
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
        _f("version", I32, "which version of trace_versions this is (null: stored before versions were kept)",
           null=True, check=MONEY_OK),
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
        _f("currency", S, "currency of the transfers that brought the money", null=True),
        _f("incoming_txns", STRINGS, "the traced transfers into this account, oldest first", null=True),
        _f("incoming_at", TIMESTAMPS, "their times", null=True),
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

OUTPUT_TABLES = (
    ALERTS, DECISIONS, TRACES, TRACE_EDGES, FREEZE_REQUESTS, GANGS, GANG_MEMBERS, GANG_LINKS, DISSUASION_TASKS,
    INDICATORS, API_KEYS, ALERT_REVIEWS, QUARANTINED_ROWS, *FREEZE_TABLES,
)

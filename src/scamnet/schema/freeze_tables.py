"""The output tables of freeze requests and trace history: per-bank requests, their status changes, trace versions."""

from __future__ import annotations

from scamnet.core.enums import FreezeStatus, TracePolicy
from scamnet.schema.columns import I32, ID, MONEY_OK, TEXT, S
from scamnet.schema.columns import column as _f
from scamnet.schema.fields import MONEY, TIMESTAMP, TableSpec, one_of

TRACE_VERSIONS = TableSpec(
    "trace_versions", "Every stored trace of a report, one version each: a re-trace adds a version, never "
    "overwrites one (scamnet trace REPORT --history).", "output",
    (
        _f("trace_id", S, "trace id (report id and policy)", check=ID),
        _f("version", I32, "1 = the first stored trace of this trace id", check=MONEY_OK),
        _f("report_id", S, "report traced", null=True),
        _f("policy", S, "attribution policy", check=one_of(TracePolicy)),
        _f("created_at", TIMESTAMP, "when the trace ran"),
        _f("as_of", TIMESTAMP, "point in time the holdings are computed for"),
        _f("traced_amount", MONEY, "victim money the trace started from", check=MONEY_OK),
        _f("located_amount", MONEY, "traced money still held in accounts at as_of", check=MONEY_OK),
        _f("cashout_amount", MONEY, "traced money that left through cash-out", check=MONEY_OK),
        _f("freeze_list", S, "the freeze list of this version as JSON (the lines of freeze_requests)"),
    ),
    key=("trace_id", "version"),
    time_field="created_at",
)

BANK_FREEZE_REQUESTS = TableSpec(
    "bank_freeze_requests", "Freeze requests to one bank for one report: the accounts it holds that still hold "
    "the victim's money, with a status changed by analysts; one per report and bank, however often the report "
    "is sent or traced.", "output",
    (
        _f("request_id", S, "request id (from the report id and the bank)", check=ID),
        _f("report_id", S, "the victim report", check=ID),
        _f("bank", S, "the bank asked to freeze ('unknown' for accounts the store has no bank for)", check=TEXT),
        _f("trace_id", S, "the trace the request lists", check=ID),
        _f("trace_version", I32, "the version of that trace (trace_versions) whose freeze list it carries",
           check=MONEY_OK),
        _f("status", S, "where the request stands", check=one_of(FreezeStatus)),
        _f("accounts", I32, "accounts to freeze at this bank", check=MONEY_OK),
        _f("amount", MONEY, "traced money those accounts still hold: the sum to freeze", check=MONEY_OK),
        _f("currency", S, "currency of the amounts ('mixed' when the accounts' money came in several)", check=TEXT),
        _f("deadline", TIMESTAMP, "when the bank should have acted (created_at + freeze_deadline_hours)"),
        _f("created_at", TIMESTAMP, "when the request was drafted"),
        _f("updated_at", TIMESTAMP, "when it last changed"),
        _f("updated_by", S, "who changed it last (the trace, or an analyst)", check=TEXT),
    ),
    key=("request_id",),
    time_field="created_at",
)

FREEZE_STATUS_CHANGES = TableSpec(
    "freeze_status_changes", "Every change of a freeze request's status, with who made it and when.", "output",
    (
        _f("request_id", S, "the request", check=ID),
        _f("status", S, "its new status", check=one_of(FreezeStatus)),
        _f("analyst", S, "who changed it: the API key's label, or the name given on the command line", check=TEXT),
        _f("note", S, "why, or the bank's reference", null=True),
        _f("changed_at", TIMESTAMP, "when"),
    ),
    key=("request_id", "changed_at"),
    time_field="changed_at",
)

FREEZE_TABLES = (TRACE_VERSIONS, BANK_FREEZE_REQUESTS, FREEZE_STATUS_CHANGES)

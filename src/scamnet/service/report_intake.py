"""A victim report as it comes in (``POST /v1/reports``): stored with its payments, traced at once, and turned
into freeze requests per bank.

The report, its items and its payments are validated exactly as ``scamnet ingest`` validates rows
(one bad field refuses the whole report, every problem named); rows the store holds already are
skipped, a row that changes one is a conflict. The report is then traced with the store's policy
and settings; the trace is stored as a new version and drafts (or refreshes) the report's
per-bank freeze requests (``freeze_requests``). Sending the same report again changes nothing
and answers the same requests.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pyarrow as pa

from scamnet.core.clock import Clock
from scamnet.core.settings import Settings
from scamnet.ingest.records import validated_records
from scamnet.schema import table
from scamnet.service.freeze_requests import list_requests
from scamnet.service.money import ReportTrace, trace_report
from scamnet.store import Store
from scamnet.store.keyed import conflict_error, open_staging


def submit_report(store: Store, report: Mapping[str, Any], items: Sequence[Mapping[str, Any]],
                  payments: Sequence[Mapping[str, Any]], settings: Settings, clock: Clock) -> dict[str, Any]:
    """Store a report with its items and payments, trace it, and answer its trace and freeze requests."""
    rows = {"reports": validated_records("reports", [report], settings, source="report"),
            "report_items": validated_records("report_items", [{"report_id": report.get("report_id"), **i}
                                                                for i in items], settings, source="items")
            if items else None,
            "transfers": validated_records("transfers", payments, settings, source="payments") if payments else None}
    report_id = rows["reports"]["report_id"][0].as_py()
    with store.transaction():
        new = {name: _insert_new(store, name, found) for name, found in rows.items() if found is not None}
        traced = trace_report(store, report_id, settings, clock)
    return {"report_id": report_id, "new_rows": new, "trace": trace_summary(traced),
            "freeze_requests": list_requests(store, report_id=report_id, now=clock.now())}


def _insert_new(store: Store, name: str, rows: pa.Table) -> int:
    staging = open_staging(store, table(name))
    try:
        staging.append(rows, name)
        clashes, total = staging.conflicts()
        if total:
            raise conflict_error(staging.spec, clashes, total)
        return staging.insert_new()
    finally:
        staging.drop()


def trace_summary(traced: ReportTrace) -> dict[str, Any]:
    """The trace's figures, version and freeze list, as plain JSON values."""
    plain = traced.as_json()
    return {**plain["trace"], "version": traced.version, "freeze": plain["freeze"], "cashouts": plain["cashouts"],
            "passed_through": plain["passed_through"]}

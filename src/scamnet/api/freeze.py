"""Victim reports in, freeze requests out: ``POST /v1/reports``, ``GET /v1/freeze-requests`` and
``POST /v1/freeze-requests/{request_id}/status``."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any, Literal

from fastapi import APIRouter, Depends, Query, Request
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from scamnet.api.auth import caller, require
from scamnet.core.clock import SystemClock
from scamnet.core.enums import KeyRole
from scamnet.service.analyst import API_WRITE_WAIT_S
from scamnet.service.decide import DecisionService
from scamnet.service.freeze_requests import list_requests, set_status
from scamnet.service.report_intake import submit_report

router = APIRouter()
_ANSWERS: dict[int | str, dict[str, Any]] = {
    401: {"description": "no valid API key"}, 403: {"description": "the key's role may not do this"},
    404: {"description": "no such request"}, 409: {"description": "a row of the report changes one the store holds"},
    422: {"description": "a field of the report, an item or a payment is not valid (each problem named)"},
    503: {"description": "a batch run holds the store; nothing was kept, send again"}}
Status = Literal["drafted", "sent", "frozen", "released", "expired"]


class ReportIn(BaseModel):
    report: dict[str, Any] = Field(description="the reports row: report_id, reported_at, victim_person, victim_msisdn, "
                                   "victim_account, scam_type, loss_amount, currency, narrative (docs/data-model.md)")
    items: list[dict[str, Any]] = Field([], max_length=10_000, description="report_items: kind and value of each "
                                        "number, account, link or transfer id the victim named")
    payments: list[dict[str, Any]] = Field([], max_length=10_000, description="the victim's payments as transfers "
                                           "rows (txn_id, ts, src_account, dst_account, amount, currency, channel)")


class StatusIn(BaseModel):
    status: Status
    note: str | None = Field(None, max_length=2000, description="why, or the bank's reference")


@router.post("/v1/reports", dependencies=[Depends(require(KeyRole.ANALYST))], responses=_ANSWERS)
async def post_report(request: Request, body: ReportIn) -> Any:
    """Store a victim report with its payments and trace it at once with the store's policy: the trace and the
    freeze requests per bank (accounts, the money each still holds, the path from the victim, the deadline).
    Sending the same report again makes no second request."""
    service: DecisionService = request.app.state.service

    def work() -> dict[str, Any]:
        with service.store(read_only=False, wait_s=API_WRITE_WAIT_S) as store:
            return submit_report(store, body.report, body.items, body.payments, service.settings, SystemClock())

    return _json(await run_in_threadpool(work))


@router.get("/v1/freeze-requests", dependencies=[Depends(require(KeyRole.ANALYST))], responses=_ANSWERS)
async def get_requests(request: Request, report: str | None = Query(None, description="only this report's requests"),
                       bank: str | None = Query(None), status: Status | None = Query(None)) -> Any:
    """Freeze requests, soonest deadline first, each with its account lines and status history."""
    service: DecisionService = request.app.state.service

    def work() -> list[dict[str, Any]]:
        with service.store() as store:
            return list_requests(store, report_id=report, bank=bank, status=status)

    return {"requests": _json(await run_in_threadpool(work))}


@router.post("/v1/freeze-requests/{request_id}/status", dependencies=[Depends(require(KeyRole.ANALYST))],
             responses=_ANSWERS)
async def post_status(request: Request, request_id: str, body: StatusIn) -> Any:
    """Change a request's status (sent, frozen, released, expired ...), kept with the caller's name and the time."""
    service: DecisionService = request.app.state.service
    analyst = caller(request)

    def work() -> dict[str, Any]:
        with service.store(read_only=False, wait_s=API_WRITE_WAIT_S) as store:
            return set_status(store, request_id, body.status, analyst, note=body.note)

    return _json(await run_in_threadpool(work))


def _json(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_json(v) for v in value]
    if isinstance(value, datetime):
        return value.isoformat()
    return str(value) if isinstance(value, Decimal) else value

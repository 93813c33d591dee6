"""Victim reports in, freeze requests out: ``POST /v1/reports``, ``GET /v1/freeze-requests`` and
``POST /v1/freeze-requests/{request_id}/status``; the cases read back: ``GET /v1/reports`` (which reports, newest
first) and ``GET /v1/reports/{report_id}`` (one case as the console's case page shows it)."""

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
from scamnet.service.console import case_view
from scamnet.service.decide import DecisionService
from scamnet.service.freeze_requests import list_requests, set_status
from scamnet.service.report_intake import submit_report
from scamnet.store.reports import ReportQuery, report_listing

router = APIRouter()
_ANSWERS: dict[int | str, dict[str, Any]] = {
    401: {"description": "no valid API key"}, 403: {"description": "the key's role may not do this"},
    404: {"description": "no such report or request"}, 409: {"description": "a row of the report changes one the store holds"},
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


@router.get("/v1/reports", dependencies=[Depends(require(KeyRole.ANALYST))], responses=_ANSWERS)
async def get_reports(request: Request, since: datetime | None = Query(None, description="reported at or after"),
                      until: datetime | None = Query(None, description="reported before"),
                      victim: str | None = Query(None, description="the victim's person id, phone number or account"),
                      min_loss: Decimal | None = Query(None, ge=0, description="losses of at least this much"),
                      traced: bool | None = Query(None, description="true: only traced reports; false: only untraced"),
                      limit: int = Query(50, ge=1, le=10_000)) -> Any:
    """Victim reports, newest first: who, what kind of scam, the loss, how many items the victim named, and the
    most money a trace of it located (null: not traced yet)."""
    service: DecisionService = request.app.state.service
    query = ReportQuery(since, until, victim, min_loss, traced, limit)

    def work() -> list[dict[str, Any]]:
        with service.store() as store:
            return report_listing(store, query)

    return {"reports": _json(await run_in_threadpool(work))}


@router.get("/v1/reports/{report_id}", dependencies=[Depends(require(KeyRole.ANALYST))], responses=_ANSWERS)
async def get_case(request: Request, report_id: str,
                   policy: str | None = Query(None, description="the trace of this policy (default: the first stored)")
                   ) -> Any:
    """One case: the report and what the victim named; its stored traces (one per policy) and the chosen one's
    flows; the freeze list (accounts, bank, money held, path, status) with the per-bank requests; the other
    reports that name the same number, account, link or wallet; and the gang the report belongs to."""
    service: DecisionService = request.app.state.service
    return _json(await run_in_threadpool(case_view, service, report_id, policy))


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
    if isinstance(value, list | tuple):
        return [_json(v) for v in value]
    if isinstance(value, datetime):
        return value.isoformat()
    return str(value) if isinstance(value, Decimal) else value

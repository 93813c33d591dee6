"""The analyst's queue: ``GET /v1/alerts`` (filtered, sorted, paged), ``GET /v1/alerts/{entity}`` (with every
verdict given) and ``POST /v1/alerts/reviews`` (confirm, dismiss, escalate or reopen, one alert or many)."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from fastapi import APIRouter, Depends, Query, Request
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from scamnet.api.auth import caller, require
from scamnet.core.clock import SystemClock
from scamnet.core.enums import KeyRole
from scamnet.service.analyst import Verdict, alert_history, alert_queue, review_alerts
from scamnet.service.decide import DecisionService
from scamnet.store.alerts import AlertQuery

router = APIRouter()
_READ: dict[int | str, dict[str, Any]] = {401: {"description": "no valid API key"}, 403: {"description": "the key's role may not read"}}


class ReviewIn(BaseModel):
    entity: str = Field(description="the alert's entity (account:..., phone:+86..., domain:...)")
    detector: str = Field(description="the detector that raised the alert")
    verdict: Literal["confirm", "dismiss", "escalate", "reopen"]
    note: str | None = Field(None, max_length=2000, description="why, in the analyst's words")


class ReviewsIn(BaseModel):
    reviews: list[ReviewIn] = Field(min_length=1, max_length=1000)


@router.get("/v1/alerts", dependencies=[Depends(require(KeyRole.ANALYST))], responses=_READ)
async def get_alerts(
    request: Request,
    detector: str | None = Query(None, description="only this detector's alerts (goip, fraud_number, mule, ...)"),
    tier: Literal["low", "medium", "high", "critical"] | None = Query(None),
    status: Literal["open", "confirmed", "dismissed", "escalated", "frozen"] | None = Query(None),
    kind: str | None = Query(None, description="the entity's kind: account, phone, imei, domain, url, msg"),
    entity_prefix: str | None = Query(None, description="entities starting with this (account:6217...)"),
    min_score: float | None = Query(None, ge=0, le=1),
    since: datetime | None = Query(None, description="raised at or after"),
    until: datetime | None = Query(None, description="raised before"),
    sort: Literal["score", "newest"] = Query("score"),
    limit: int = Query(100, ge=1, le=10_000),
    offset: int = Query(0, ge=0),
) -> Any:
    """The alert queue: every alert matching the filters, highest score (or newest) first, with its reasons and
    status; ``total`` counts every match, the page holds ``limit`` from ``offset``."""
    service: DecisionService = request.app.state.service
    query = AlertQuery(detector, tier, status, kind, entity_prefix, min_score, since, until, sort, limit, offset)
    page = await run_in_threadpool(alert_queue, service, query)
    return {"total": page.total, "offset": offset, "alerts": [_json(a) for a in page.alerts]}


@router.get("/v1/alerts/{entity}", dependencies=[Depends(require(KeyRole.ANALYST))], responses=_READ)
async def get_entity_alerts(request: Request, entity: str) -> Any:
    """An entity's alerts, each with every verdict analysts gave it (who, when, why), newest first."""
    service: DecisionService = request.app.state.service
    found = await run_in_threadpool(alert_history, service, entity)
    found["alerts"] = [{**_json(a), "reviews": [_json(r) for r in a["reviews"]]} for a in found["alerts"]]
    return found


@router.post("/v1/alerts/reviews", dependencies=[Depends(require(KeyRole.ANALYST))],
             responses={**_READ, 404: {"description": "an alert named does not exist (nothing was kept)"},
                        503: {"description": "a batch run holds the store; nothing was kept, send again"}})
async def post_reviews(request: Request, body: ReviewsIn) -> Any:
    """Confirm, dismiss, escalate or reopen alerts (all or none): each verdict is kept with the analyst (the API
    key's label) and the time, and sets the alert's status; a dismissed entity leaves the live watchlist."""
    service: DecisionService = request.app.state.service
    verdicts = [Verdict(r.entity, r.detector, r.verdict, r.note) for r in body.reviews]
    kept = await run_in_threadpool(review_alerts, service, verdicts, caller(request), SystemClock())
    return {"reviews": [_json(r.__dict__) for r in kept]}


def _json(row: dict[str, Any]) -> dict[str, Any]:
    return {k: v.isoformat() if isinstance(v, datetime) else v for k, v in row.items()}

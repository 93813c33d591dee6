"""``POST /v1/events``: one event or a batch in, one decision per event out (same order)."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from typing import Any, Literal

import orjson
from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel, ConfigDict
from starlette.responses import Response

from scamnet.api.auth import require
from scamnet.api.problems import problem
from scamnet.core.enums import KeyRole
from scamnet.core.errors import InputError, Problem
from scamnet.service.decide import DecisionService

router = APIRouter()


class Reason(BaseModel):
    source: Literal["rule", "watchlist", "detector", "victim"]
    name: str
    action: Literal["allow", "warn", "hold", "block"]
    evidence: dict[str, Any]
    text: str


class DecisionOut(BaseModel):
    kind: str
    event_id: str | None
    decision: Literal["allow", "warn", "hold", "block"]
    score: float
    tier: Literal["low", "medium", "high", "critical"]
    reasons: list[Reason]
    errors: list[str]


class Decisions(BaseModel):
    decisions: list[DecisionOut]


class EventIn(BaseModel):
    """An event: ``kind`` and the canonical fields of its table (docs/data-model.md)."""

    model_config = ConfigDict(extra="allow", json_schema_extra={"example": {
        "kind": "transfer", "txn_id": "live-1", "ts": "2026-03-20T10:00:00Z", "src_account": "6214830239032842164",
        "dst_account": "6217712174532675549", "amount": "30000.00", "currency": "CNY", "channel": "mobile"}})
    kind: Literal["transfer", "call", "message", "session", "link_visit"]


_EVENT = EventIn.model_json_schema()
_BODY = {"requestBody": {"required": True, "content": {"application/json": {"schema": {
    "oneOf": [_EVENT, {"type": "array", "items": _EVENT}]}}}}}


@router.post("/v1/events", response_model=Decisions, openapi_extra=_BODY,
             dependencies=[Depends(require(KeyRole.INGEST))],
             responses={401: {"description": "no valid API key"}, 403: {"description": "the key's role may not post"},
                        413: {"description": "body or batch too large"}, 422: {"description": "invalid event"}})
async def post_events(request: Request) -> Any:
    """Decide on one event or a batch: each gets allow, warn, hold or block, a score, a tier and reasons."""
    service: DecisionService = request.app.state.service
    body = await request.body()
    limit = service.settings.serve_max_body_kb * 1024
    if len(body) > limit:
        return problem(413, "Body too large", f"{len(body):,} bytes; at most {limit:,}")
    events = _events(body)
    if len(events) > service.settings.serve_max_events:
        return problem(413, "Batch too large", f"{len(events):,} events; at most {service.settings.serve_max_events:,}")
    verdicts = await request.app.state.batcher.decide(events)
    # written here, in one step: the answer has the shape of ``Decisions`` by construction, and checking it
    # again with pydantic cost as much as deciding a call
    return Response(orjson.dumps({"decisions": [v.as_dict() for v in verdicts]}, default=_plain),
                    media_type="application/json")


def _plain(value: Any) -> Any:
    """Evidence values JSON has no type for, as FastAPI's encoder writes them."""
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, set | frozenset | tuple):
        return list(value)
    raise TypeError(f"{type(value).__name__} is not JSON")


def _events(body: bytes) -> list[dict[str, Any]]:
    try:
        parsed = json.loads(body)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise InputError([Problem("body", None, None, body[:60].decode("utf-8", "replace"),
                                  f"JSON ({exc})")]) from None
    events = parsed if isinstance(parsed, list) else [parsed]
    bad = [Problem("body", i, None, e, "a JSON object with a kind", "event")
           for i, e in enumerate(events) if not isinstance(e, dict)]
    if bad or not events:
        raise InputError(bad or [Problem("body", None, None, parsed, "an event or a non-empty list of events")])
    return events

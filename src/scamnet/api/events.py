"""``POST /v1/events``: one event or a batch in, one decision per event out (same order)."""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from datetime import date
from decimal import Decimal
from functools import partial
from typing import Any, Literal

import orjson
from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel, ConfigDict
from starlette.datastructures import Headers, State
from starlette.requests import ClientDisconnect
from starlette.responses import Response
from starlette.types import Receive, Scope, Send

from scamnet.api.auth import authorised, require
from scamnet.api.problems import problem, problem_of
from scamnet.core.enums import KeyRole
from scamnet.core.errors import InputError, Problem
from scamnet.service.decide import DecisionService
from scamnet.service.event_json import parsed_json as _parsed

router = APIRouter()
EVENTS_PATH = "/v1/events"
JSON = "application/json"
JSON_BYTES = JSON.encode()
_POSTERS = frozenset({KeyRole.INGEST, KeyRole.ADMIN})


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


@router.post(EVENTS_PATH, response_model=Decisions, openapi_extra=_BODY,
             dependencies=[Depends(require(KeyRole.INGEST))],
             responses={401: {"description": "no valid API key"}, 403: {"description": "the key's role may not post"},
                        413: {"description": "body or batch too large"}, 422: {"description": "invalid event"}})
async def post_events(request: Request) -> Any:
    """Decide on one event or a batch: each gets allow, warn, hold or block, a score, a tier and reasons."""
    return await decided(request.app.state, await request.body())


async def decided(state: State, body: bytes) -> Response:
    """The answer to a posted body: its decisions, or the problem with it (413: too large)."""
    answer = await _decisions(state, body)
    return answer if isinstance(answer, Response) else Response(answer, media_type=JSON)


async def _decisions(state: State, body: bytes) -> bytes | Response:
    """The decisions on a posted body as JSON, or the problem's answer (413: too large); other problems raised."""
    service: DecisionService = state.service
    limit = service.settings.serve_max_body_kb * 1024
    if len(body) > limit:
        return problem(413, "Body too large", f"{len(body):,} bytes; at most {limit:,}")
    events = _events(body)
    if len(events) > service.settings.serve_max_events:
        return problem(413, "Batch too large", f"{len(events):,} events; at most {service.settings.serve_max_events:,}")
    verdicts = await state.batcher.decide(events)
    # written here, in one step: the answer has the shape of ``Decisions`` by construction, and checking it
    # again with pydantic cost as much as deciding a call
    return orjson.dumps({"decisions": [v.as_dict() for v in verdicts]}, default=_plain)


async def post_events_directly(state: State, scope: Scope, receive: Receive, send: Send) -> None:
    """``POST /v1/events`` as the route answers it, straight from the server: the same key check, limits, decisions
    and problems, without FastAPI's routing, middleware and dependency layers (which cost more than a decision)."""
    answer = await events_answer(state, Headers(scope=scope), partial(_body, receive))
    if isinstance(answer, Response):
        await answer(scope, receive, send)
        return
    # the two messages ``Response(answer, media_type=JSON)`` sends, without building one per request
    await send({"type": "http.response.start", "status": 200,
                "headers": [(b"content-length", b"%d" % len(answer)), (b"content-type", JSON_BYTES)]})
    await send({"type": "http.response.body", "body": answer})


async def events_answer(state: State, headers: Headers, body: Callable[[int], Awaitable[bytes]]) -> bytes | Response:
    """The answer to ``POST /v1/events``: the decisions as JSON (200), or the problem's response.

    ``body(limit)`` reads the request's body, no further than one byte over ``limit``; it is not read when the key
    is refused or the declared length is over the limit.
    """
    service: DecisionService = state.service
    limit = service.settings.serve_max_body_kb * 1024
    try:
        await authorised(service, headers, _POSTERS)
        length = headers.get("content-length", "")
        if length.isdigit() and int(length) > limit:
            return problem(413, "Body too large", f"{int(length):,} bytes; at most {limit:,}")
        return await _decisions(state, await body(limit))
    except Exception as exc:  # every error as the app's handlers answer it
        return problem_of(exc)


async def _body(receive: Receive, limit: int) -> bytes:
    """The request's body; read no further than one byte over ``limit`` (then ``decided`` answers 413)."""
    parts, size = [], 0
    while True:
        message = await receive()
        if message["type"] != "http.request":
            raise ClientDisconnect()
        chunk = message.get("body", b"")
        parts.append(chunk)
        size += len(chunk)
        if size > limit or not message.get("more_body", False):
            return b"".join(parts)


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
        parsed = _parsed(body)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise InputError([Problem("body", None, None, body[:60].decode("utf-8", "replace"),
                                  f"JSON ({exc})")]) from None
    events = parsed if isinstance(parsed, list) else [parsed]
    bad = [Problem("body", i, None, e, "a JSON object with a kind", "event")
           for i, e in enumerate(events) if not isinstance(e, dict)]
    if bad or not events:
        raise InputError(bad or [Problem("body", None, None, parsed, "an event or a non-empty list of events")])
    return events

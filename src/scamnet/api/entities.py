"""Analyst reads: ``GET /v1/entities/{entity}`` (why it is listed, its live windows) and ``GET /v1/decisions``."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from fastapi import APIRouter, Depends, Query, Request

from scamnet.api.auth import require
from scamnet.core.enums import KeyRole
from scamnet.service.decide import DecisionService

router = APIRouter()


@router.get("/v1/entities/{entity}", dependencies=[Depends(require(KeyRole.ANALYST))],
            responses={401: {"description": "no valid API key"}, 403: {"description": "the key's role may not read"}})
async def get_entity(request: Request, entity: str,
                     at: datetime | None = Query(None, description="time of the live windows (default: now)")) -> Any:
    """An entity (``account:...``, ``phone:+86...``): its watchlist listings, with who listed it and why, and its live figures."""
    service: DecisionService = request.app.state.service
    return await request.app.state.batcher.run(lambda: service.entity_view(entity, at))


@router.get("/v1/decisions", dependencies=[Depends(require(KeyRole.ANALYST))],
            responses={401: {"description": "no valid API key"}, 403: {"description": "the key's role may not read"}})
async def get_decisions(request: Request,
                        entity: str | None = Query(None, description="only decisions about this entity (the payee, "
                                                   "caller, sender or account: account:..., phone:+86...)"),
                        limit: int = Query(100, ge=1, le=10_000, description="at most this many, newest first")) -> Any:
    """The service's decisions, newest first: action, score, reasons in words, the rules that fired."""
    service: DecisionService = request.app.state.service
    found = await request.app.state.batcher.run(lambda: service.decisions(entity=entity, limit=limit))
    return {"decisions": [{**row, "ts": row["ts"].isoformat()} for row in found]}

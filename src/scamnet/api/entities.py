"""``GET /v1/entities/{entity}``: for an analyst, why an entity is listed and what its live windows hold."""

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

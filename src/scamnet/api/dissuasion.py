"""The dissuasion queue: ``GET /v1/dissuasion``, ``POST /v1/dissuasion/{task_id}/claim`` and ``.../outcome``."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from fastapi import APIRouter, Depends, Query, Request
from pydantic import BaseModel, Field

from scamnet.api.auth import caller, require
from scamnet.core.enums import KeyRole
from scamnet.service.decide import DecisionService

router = APIRouter()
_WORK: dict[int | str, dict[str, Any]] = {401: {"description": "no valid API key"},
                                          403: {"description": "the key's role may not work the queue"},
                                          404: {"description": "no such task to work"},
                                          409: {"description": "the task is taken by another officer, or closed"}}


class OutcomeIn(BaseModel):
    outcome: Literal["reached", "persuaded", "paid_anyway", "unreachable", "false_alarm"]
    note: str | None = Field(None, max_length=2000, description="what the person said")


@router.get("/v1/dissuasion", dependencies=[Depends(require(KeyRole.ANALYST))], responses=_WORK)
async def get_tasks(request: Request,
                    status: Literal["open", "claimed", "contacted", "done", "cancelled"] | None = Query(
                        None, description="only tasks of this status (default: every task still to work)"),
                    limit: int = Query(100, ge=1, le=10_000)) -> Any:
    """People to call now, most urgent first: who, which payment is held, why (their timeline) and the script."""
    service: DecisionService = request.app.state.service
    found = await request.app.state.batcher.run(lambda: service.tasks(status=status, limit=limit))
    return {"tasks": [_json(t) for t in found]}


@router.post("/v1/dissuasion/{task_id}/claim", dependencies=[Depends(require(KeyRole.ANALYST))], responses=_WORK)
async def claim(request: Request, task_id: str) -> Any:
    """Take a task: it is yours until you record its outcome (another officer gets a 409)."""
    service: DecisionService = request.app.state.service
    officer = caller(request)
    return _json(await request.app.state.batcher.run(lambda: service.claim_task(task_id, officer)))


@router.post("/v1/dissuasion/{task_id}/outcome", dependencies=[Depends(require(KeyRole.ANALYST))], responses=_WORK)
async def outcome(request: Request, task_id: str, body: OutcomeIn) -> Any:
    """What came of the call; the answer says what becomes of the held payment (cancelled, released, kept held)."""
    service: DecisionService = request.app.state.service
    officer = caller(request)
    return _json(await request.app.state.batcher.run(
        lambda: service.close_task(task_id, body.outcome, officer, body.note)))


def _json(row: dict[str, Any]) -> dict[str, Any]:
    return {k: v.isoformat() if isinstance(v, datetime) else v for k, v in row.items()}

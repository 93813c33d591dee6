"""Admin routes: API keys (``GET/POST /v1/keys``, ``DELETE /v1/keys/{key_id}``) and the rules (``GET/PUT /v1/rules``)."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from scamnet.api.auth import require
from scamnet.api.problems import problem
from scamnet.core.clock import SystemClock
from scamnet.core.enums import KeyRole
from scamnet.core.errors import ConfigError
from scamnet.service.admin import api_keys, new_api_key, replace_rules, revoke_api_key, rules_text
from scamnet.service.decide import DecisionService

router = APIRouter()
_ADMIN: dict[int | str, dict[str, Any]] = {401: {"description": "no valid API key"}, 403: {"description": "only an admin key may"}}


class KeyIn(BaseModel):
    role: Literal["ingest", "analyst", "admin"]
    label: str | None = Field(None, max_length=200, description="who or what holds the key")


@router.get("/v1/keys", dependencies=[Depends(require(KeyRole.ADMIN))], responses=_ADMIN)
async def get_keys(request: Request) -> Any:
    """Every key's id, role, label and dates; never a key or its hash."""
    found = await run_in_threadpool(api_keys, request.app.state.service)
    return {"keys": [{"key_id": k.key_id, "role": k.role, "label": k.label, "created_at": _iso(k.created_at),
                      "revoked_at": _iso(k.revoked_at)} for k in found]}


@router.post("/v1/keys", status_code=201, dependencies=[Depends(require(KeyRole.ADMIN))], responses=_ADMIN)
async def post_key(request: Request, body: KeyIn) -> Any:
    """A new key with a role; the answer is the only time the key is shown (the store keeps its hash)."""
    made = await run_in_threadpool(new_api_key, request.app.state.service, body.role, body.label, SystemClock())
    return {"key": made.key, "key_id": made.stored.key_id, "role": made.stored.role, "label": made.stored.label}


@router.delete("/v1/keys/{key_id}", dependencies=[Depends(require(KeyRole.ADMIN))],
               responses={**_ADMIN, 404: {"description": "no valid key with this id"}})
async def delete_key(request: Request, key_id: str) -> Any:
    """Revoke a key: refused from now on, by this service and by others at their next check."""
    await run_in_threadpool(revoke_api_key, request.app.state.service, key_id, SystemClock())
    return {"key_id": key_id, "revoked": True}


@router.get("/v1/rules", dependencies=[Depends(require(KeyRole.ADMIN))], responses=_ADMIN)
async def get_rules(request: Request) -> Any:
    """The rule file the service decides with (TOML) and where it is."""
    service: DecisionService = request.app.state.service
    text, source = rules_text(service)
    return {"source": source, "rules": text, "enabled": service.status.rules}


@router.put("/v1/rules", dependencies=[Depends(require(KeyRole.ADMIN))],
            openapi_extra={"requestBody": {"required": True, "content": {"application/toml": {"schema": {"type": "string"}}}}},
            responses={**_ADMIN, 409: {"description": "the service decides with the starter set (no rules_file)"},
                       422: {"description": "the rules do not load; every problem named, nothing changed"}})
async def put_rules(request: Request) -> Any:
    """Replace the rules (the whole TOML file as the body): validated (all or nothing), written to ``rules_file``
    and decided with from the next event."""
    service: DecisionService = request.app.state.service
    try:
        text = (await request.body()).decode("utf-8")
    except UnicodeDecodeError:
        return problem(422, "Invalid rules", "the body is not UTF-8 text", type="/problems/invalid-rules")
    try:
        rules = await run_in_threadpool(replace_rules, service, text)
    except ConfigError as exc:
        lines = exc.message.splitlines()
        return problem(422, "Invalid rules", lines[0], type="/problems/invalid-rules", hint=exc.hint,
                       errors=[line.strip() for line in lines[1:]])
    return {"rules": len(rules), "enabled": len([r for r in rules if r.enabled])}


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None

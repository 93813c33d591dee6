"""API keys on every request: ``Authorization: Bearer KEY`` (or ``X-API-Key: KEY``), checked against the role a route needs.

401 when no valid key is given, 403 when the key's role may not use the route; both as problem
details. With the setting ``auth = "off"`` every route answers without a key.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping

from fastapi import Request
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException

from scamnet.core.enums import KeyRole
from scamnet.service.decide import DecisionService


def require(*roles: KeyRole) -> Callable[[Request], Awaitable[KeyRole | None]]:
    """A route dependency: the caller's role, which must be one of ``roles`` (admin may do everything).

    It runs on the event loop (a key is checked in memory); only when the keys are due for a reload
    does the store's read go to a worker thread, so a request does not wait for a free thread.
    """
    allowed = frozenset({*roles, KeyRole.ADMIN})

    async def check(request: Request) -> KeyRole | None:
        role, request.state.caller = await authorised(request.app.state.service, request.headers, allowed)
        return role

    return check


async def authorised(service: DecisionService, headers: Mapping[str, str], allowed: frozenset[KeyRole]
                     ) -> tuple[KeyRole | None, str]:
    """The role of the key in ``headers`` and who holds it; an ``HTTPException`` (401, 403) when it may not."""
    if service.settings.auth == "off":
        return None, "anonymous (auth off)"
    presented = _presented(headers)
    if service.refresh_due():  # a key created since the last check is known within watchlist_refresh_s
        await run_in_threadpool(service.refresh)
    holder = service.keys.holder_of(presented) if presented else None
    if holder is None:
        detail = "no API key given" if not presented else "unknown or revoked API key"
        raise HTTPException(401, detail, headers={"WWW-Authenticate": "Bearer"})
    role = KeyRole(holder.role)
    if role not in allowed:
        raise HTTPException(403, f"a key of role {role.value} may not do this; "
                                 f"needs {' or '.join(sorted(r.value for r in allowed))}")
    return role, f"{holder.label} ({holder.key_id})" if holder.label else holder.key_id


def caller(request: Request) -> str:
    """Who sent the request, as kept with what it changed: the key's label and id."""
    return str(getattr(request.state, "caller", "unknown"))


def _presented(headers: Mapping[str, str]) -> str:
    scheme, _, token = headers.get("authorization", "").partition(" ")
    if scheme.lower() == "bearer" and token.strip():
        return token.strip()
    return headers.get("x-api-key", "").strip()

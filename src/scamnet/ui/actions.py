"""The console's forms: sign in and out, give verdicts on alerts (one or many), record a dissuasion call.

Each form posts, the change goes through the same service function as the API's, and the browser is sent back
to the page it came from with a line saying what happened (post, redirect, get). A post from another origin
is refused (the session cookie is SameSite=Strict as well).
"""

from __future__ import annotations

import time
from urllib.parse import parse_qs, urlencode, urlsplit

from fastapi import APIRouter, Depends, Request
from starlette.concurrency import run_in_threadpool
from starlette.responses import RedirectResponse, Response

from scamnet.core.clock import SystemClock
from scamnet.core.errors import ScamnetError
from scamnet.service.analyst import Verdict, review_alerts
from scamnet.service.console import change_freeze_status
from scamnet.service.decide import DecisionService
from scamnet.ui.pages import page
from scamnet.ui.session import COOKIE, SESSION_S, NotAllowed, User, current_user, session_value

router = APIRouter(include_in_schema=False)
VERDICTS = ("confirm", "dismiss", "escalate", "reopen")


async def form(request: Request) -> dict[str, list[str]]:
    """The posted form's fields; ``NotAllowed`` for a post from another site."""
    origin = request.headers.get("origin")
    if origin and origin != "null" and urlsplit(origin).netloc != request.url.netloc:
        raise NotAllowed(f"a form of {origin}", "a form of this console")
    return parse_qs((await request.body()).decode("utf-8", "replace"), keep_blank_values=True)


def _one(fields: dict[str, list[str]], name: str, default: str = "") -> str:
    return (fields.get(name) or [default])[0]


def back_to(target: str, flash: str) -> RedirectResponse:
    """Redirect to a page of this console (never elsewhere) with a line to show."""
    path = target if target.startswith("/") and not target.startswith("//") else "/"
    joiner = "&" if "?" in path else "?"
    return RedirectResponse(f"{path}{joiner}{urlencode({'flash': flash})}", status_code=303)


@router.get("/signin")
async def signin_page(request: Request, next: str = "/") -> Response:
    if request.app.state.service.settings.auth == "off":
        return back_to(next, "auth is off: no sign-in needed")
    return page(request, "signin.html.j2", None, next=next, problem=None)


@router.post("/signin")
async def signin(request: Request) -> Response:
    fields = await form(request)
    service: DecisionService = request.app.state.service
    target = _one(fields, "next", "/")
    service.refresh(force=True)
    holder = service.keys.holder_of(_one(fields, "key").strip())
    if holder is None or holder.role not in ("analyst", "admin"):
        problem = "unknown or revoked key" if holder is None else f"a key of role {holder.role} may not use the console"
        return page(request, "signin.html.j2", None, status=401, next=target, problem=problem)
    answer = back_to(target, f"signed in as {holder.label or holder.key_id} ({holder.role})")
    answer.set_cookie(COOKIE, session_value(holder, time.time()), max_age=SESSION_S, httponly=True, samesite="strict",
                      secure=request.url.scheme == "https", path="/")
    return answer


@router.post("/signout")
async def signout(request: Request) -> Response:
    await form(request)
    answer = RedirectResponse("/signin", status_code=303)
    answer.delete_cookie(COOKIE, path="/", httponly=True, samesite="strict")
    return answer


@router.post("/alerts/review")
async def review(request: Request, user: User = Depends(current_user)) -> Response:
    """Confirm, dismiss, escalate or reopen the alerts ticked (``item`` = ``entity|detector``), kept with the user."""
    fields = await form(request)
    verdict, note = _one(fields, "verdict"), _one(fields, "note").strip() or None
    target = _one(fields, "back", "/alerts")
    items = [i.rsplit("|", 1) for i in fields.get("item", []) if "|" in i]
    if verdict not in VERDICTS or not items:
        return back_to(target, "tick at least one alert and choose a verdict")
    verdicts = [Verdict(entity, detector, verdict, note) for entity, detector in items]
    try:
        kept = await run_in_threadpool(review_alerts, request.app.state.service, verdicts, user.name, SystemClock())
    except ScamnetError as exc:
        return back_to(target, f"nothing kept: {exc.message}")
    return back_to(target, f"{verdict}: {len(kept)} alert{'s' if len(kept) != 1 else ''}, kept as {user.name}")


@router.post("/dissuasion/{task_id}/outcome")
async def outcome(request: Request, task_id: str, user: User = Depends(current_user)) -> Response:
    """Record what came of the call; the line says what became of the held payment."""
    fields = await form(request)
    service: DecisionService = request.app.state.service
    chosen, note = _one(fields, "outcome"), _one(fields, "note").strip() or None
    try:
        closed = await request.app.state.batcher.run(lambda: service.close_task(task_id, chosen, user.name, note))
    except ScamnetError as exc:
        return back_to("/dissuasion", f"not recorded: {exc.message}")
    payment = f"; payment {closed['txn_id']}: {closed['held_payment']}" if closed.get("held_payment") else ""
    return back_to("/dissuasion", f"task {task_id}: {chosen}{payment}")


@router.post("/dissuasion/{task_id}/claim")
async def claim(request: Request, task_id: str, user: User = Depends(current_user)) -> Response:
    await form(request)
    service: DecisionService = request.app.state.service
    try:
        await request.app.state.batcher.run(lambda: service.claim_task(task_id, user.name))
    except ScamnetError as exc:
        return back_to("/dissuasion", f"not taken: {exc.message}")
    return back_to("/dissuasion", f"task {task_id} is yours")


@router.post("/freeze/{request_id}/status")
async def freeze_status(request: Request, request_id: str, user: User = Depends(current_user)) -> Response:
    """Change a bank's freeze request (sent, frozen, released, expired ...) from the case page, kept with the user."""
    fields = await form(request)
    target = _one(fields, "back", "/")
    status, note = _one(fields, "status"), _one(fields, "note").strip() or None
    try:
        changed = await run_in_threadpool(change_freeze_status, request.app.state.service, request_id, status,
                                          user.name, note)
    except ScamnetError as exc:
        return back_to(target, f"not changed: {exc.message}")
    return back_to(target, f"freeze request {request_id} ({changed['bank']}): {changed['status']}, kept as {user.name}")

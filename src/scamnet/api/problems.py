"""Every error in one shape: RFC 9457 problem details (``application/problem+json``).

``type`` names the error kind (``about:blank`` for plain HTTP ones), ``title`` and ``status`` say
what happened, ``detail`` says it for this request with a ``hint``; a 422 lists ``errors``, one per
bad value, each naming the event (its place in the batch), the field, the value and what was
expected.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from scamnet.core.errors import InputError, ScamnetError

MEDIA_TYPE = "application/problem+json"
log = logging.getLogger("scamnet.serve")


_TITLES = {401: "Unauthorized", 403: "Forbidden", 404: "Not Found", 405: "Method Not Allowed"}


def problem(status: int, title: str, detail: str, **extra: Any) -> JSONResponse:
    """A problem-details response."""
    kind = extra.pop("type", "about:blank")
    body = {"type": kind, "title": title, "status": status, "detail": detail, **extra}
    return JSONResponse(body, status_code=status, media_type=MEDIA_TYPE)


def input_problem(exc: InputError) -> JSONResponse:
    errors = [{"event": p.row, "field": p.column, "value": p.value, "expected": p.expected} for p in exc.problems]
    return problem(422, "Invalid event", exc.message.splitlines()[0], type="/problems/invalid-event",
                   hint=exc.hint, errors=errors, total=exc.total)


def scamnet_problem(exc: ScamnetError) -> JSONResponse:
    if isinstance(exc, InputError):
        return input_problem(exc)
    return problem(exc.http_status, type(exc).__name__, exc.message, type=f"/problems/{type(exc).__name__}",
                   hint=exc.hint)


def install_problem_handlers(app: FastAPI) -> None:
    """Route every error the app can raise to one problem-details response."""

    @app.exception_handler(ScamnetError)
    async def _scamnet(_request: Request, exc: ScamnetError) -> JSONResponse:
        return scamnet_problem(exc)

    @app.exception_handler(RequestValidationError)
    async def _request(_request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = [{"field": ".".join(str(p) for p in e.get("loc", ())), "value": e.get("input"),
                   "expected": e.get("msg")} for e in exc.errors()]
        return problem(422, "Invalid request", "the request does not match the API", errors=errors)

    @app.exception_handler(HTTPException)
    async def _http(_request: Request, exc: HTTPException) -> JSONResponse:
        return http_problem(exc)

    @app.exception_handler(Exception)
    async def _unexpected(_request: Request, exc: Exception) -> JSONResponse:
        return unexpected_problem(exc)


def http_problem(exc: HTTPException) -> JSONResponse:
    answer = problem(exc.status_code, _TITLES.get(exc.status_code, str(exc.detail)), str(exc.detail))
    answer.headers.update(exc.headers or {})
    return answer


def unexpected_problem(exc: Exception) -> JSONResponse:
    log.exception("unexpected error", exc_info=exc)
    return problem(500, "Internal error", f"{type(exc).__name__}; the service log has the details")


def problem_of(exc: Exception) -> JSONResponse:
    """The problem-details answer to any error a route raises (as the handlers above give it)."""
    if isinstance(exc, ScamnetError):
        return scamnet_problem(exc)
    if isinstance(exc, HTTPException):
        return http_problem(exc)
    return unexpected_problem(exc)

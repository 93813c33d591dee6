"""The HTTP edge of the decision service: ``create_app(settings, db)`` builds the FastAPI app.

Routes are thin (parse, call ``service.decide``, render); errors have one shape (``problems``).
OpenAPI is at ``/docs``. ``/healthz`` says the process answers; ``/readyz`` says it has loaded its
rules, watchlist and state and can decide (503 until then).
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from starlette.types import ASGIApp, Receive, Scope, Send

from scamnet.api.admin import router as admin_router
from scamnet.api.analyst import router as analyst_router
from scamnet.api.batcher import DecisionBatcher
from scamnet.api.dissuasion import router as dissuasion_router
from scamnet.api.docs_page import install_docs_page
from scamnet.api.entities import router as entities_router
from scamnet.api.events import EVENTS_PATH, post_events_directly
from scamnet.api.events import router as events_router
from scamnet.api.freeze import router as freeze_router
from scamnet.api.problems import install_problem_handlers, problem
from scamnet.core.settings import Settings
from scamnet.service.decide import DecisionService
from scamnet.ui.app import install_console

log = logging.getLogger("scamnet.serve")
#: Where ``app_from_environment`` finds its settings: ``scamnet serve`` sets it before uvicorn imports the app.
ENVIRONMENT_KEY = "SCAMNET_SERVE"


def create_app(settings: Settings, db: Path | None = None, *, service: DecisionService | None = None) -> FastAPI:
    """The service's app over the store at ``db``; it loads and becomes ready when it starts."""
    chosen = service or DecisionService(settings, db)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if not chosen.status.ready:
            chosen.start()
        app.state.batcher = DecisionBatcher(chosen, settings.serve_max_events)
        folding = asyncio.get_running_loop().create_task(app.state.batcher.fold_journal())
        chosen.warm_up()  # on the loop, which decides: the first request waits for nothing
        # no log line per request (it cost a tenth of a request's time); the decisions table keeps every decision
        logging.getLogger("uvicorn.access").setLevel(logging.WARNING)
        if settings.auth == "off":
            log.warning("!" * 72)
            log.warning("AUTH IS OFF: every endpoint answers without an API key. Bind to 127.0.0.1 only, "
                        "or set auth = \"on\" and create keys with scamnet keys create --role R")
            log.warning("!" * 72)
        yield
        folding.cancel()
        app.state.batcher.close()

    app = ServiceApp(title="scamnet decision service", version="1", lifespan=lifespan, docs_url=None, redoc_url=None,
                     description="Events in, decisions with reasons out (docs/serve.md).")
    install_docs_page(app)
    app.state.service = chosen
    app.add_middleware(BodyLimit, limit=settings.serve_max_body_kb * 1024)
    install_problem_handlers(app)
    app.include_router(events_router)
    app.include_router(entities_router)
    app.include_router(analyst_router)
    app.include_router(admin_router)
    app.include_router(dissuasion_router)
    app.include_router(freeze_router)
    app.add_api_route("/healthz", healthz, methods=["GET"])
    app.add_api_route("/readyz", readyz, methods=["GET"])
    install_console(app)  # the analyst console's pages at / (docs/console.md)
    return app


class ServiceApp(FastAPI):
    """The app; ``POST /v1/events`` goes straight to its handler (``post_events_directly``) once the service runs.

    The route is still declared (OpenAPI, ``/docs``) and answers the same; FastAPI's layers around a route
    (routing, middleware, dependencies, exception handlers) cost a request about as much as deciding it.
    """

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (scope["type"] == "http" and scope["path"] == EVENTS_PATH and scope["method"] == "POST"
                and hasattr(self.state, "batcher")):
            await post_events_directly(self.state, scope, receive, send)
            return
        await super().__call__(scope, receive, send)


async def healthz() -> dict[str, str]:
    """The process answers."""
    return {"status": "ok"}


async def readyz(request: Request) -> Any:
    """Rules, watchlist and live state are loaded: the service can decide."""
    status = request.app.state.service.status
    if status.shared_state_lost:
        return problem(503, "Shared state lost", "the Redis at state_url lost the live state's history (restarted "
                       "without persistence, or flushed): restart the instances; the first to start refills it "
                       "from the store")
    if not status.ready:
        return problem(503, "Not ready", "still loading the rules, the watchlist and the live state")
    return {"status": "ready", **status.__dict__}


class BodyLimit:
    """413 before reading a body whose declared length is over the limit.

    A plain ASGI middleware: Starlette's ``BaseHTTPMiddleware`` runs every request through a task
    group and memory streams, which cost more than the rest of a request's HTTP handling.
    """

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app, self.limit = app, limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            length = next((v for k, v in scope["headers"] if k == b"content-length"), b"")
            if length.isdigit() and int(length) > self.limit:
                answer = problem(413, "Body too large", f"{int(length):,} bytes; at most {self.limit:,}")
                await answer(scope, receive, send)
                return
        await self.app(scope, receive, send)


def app_from_environment() -> FastAPI:
    """The app of one uvicorn worker process, as ``scamnet serve`` configured it (settings and store as JSON)."""
    given = json.loads(os.environ[ENVIRONMENT_KEY])
    return create_app(Settings(given["settings"]), Path(given["db"]) if given["db"] else None)

"""The console's pages that read: overview, alert queue, entity, gang, case, dissuasion queue, search.

Each route parses its query, calls one ``service.console`` function in a worker thread and renders a template.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any, TypeVar
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Request
from starlette.concurrency import run_in_threadpool
from starlette.responses import Response

from scamnet.core.enums import TaskOutcome
from scamnet.core.errors import NotFoundError
from scamnet.service.console import alert_queue_view, case_view, entity_view, gang_view, overview, search
from scamnet.service.decide import DecisionService
from scamnet.store.alerts import AlertQuery
from scamnet.ui import figures
from scamnet.ui.pages import page
from scamnet.ui.session import PageNotFound, User, current_user

router = APIRouter(include_in_schema=False)
T = TypeVar("T")
PAGE_SIZE = 50
_TIERS = ("critical", "high", "medium", "low")
_STATUSES = ("open", "confirmed", "dismissed", "escalated", "frozen")


async def found(view: Callable[..., T], *args: Any) -> T:
    """``view(*args)`` in a worker thread; a missing gang, report or entity becomes the 404 page."""
    try:
        return await run_in_threadpool(view, *args)
    except NotFoundError as exc:
        raise PageNotFound(f"{exc.message}. {exc.hint or ''}") from exc


def _service(request: Request) -> DecisionService:
    service: DecisionService = request.app.state.service
    return service


@router.get("/")
async def overview_page(request: Request, user: User = Depends(current_user)) -> Response:
    view = await run_in_threadpool(overview, _service(request))
    charts = {"tiers": figures.alerts_by_detector(view["tiers"]), "days": figures.alerts_over_time(view["by_day"]),
              "loss": figures.loss_bars(view)}
    return page(request, "overview.html.j2", user, view=view, charts=charts)


def _day(text: str | None) -> datetime | None:
    if not text:
        return None
    try:
        return datetime.fromisoformat(text).replace(tzinfo=UTC)
    except ValueError:
        return None


def _choice(value: str | None, allowed: tuple[str, ...]) -> str | None:
    return value if value in allowed else None


@router.get("/alerts")
async def alerts_page(request: Request, user: User = Depends(current_user)) -> Response:
    q = request.query_params
    offset = int(q["offset"]) if q.get("offset", "").isdigit() else 0
    sort = q.get("sort", "score") if q.get("sort") in ("score", "newest", "amount") else "score"
    status = q.get("status", "open")
    query = AlertQuery(detector=q.get("detector") or None, tier=_choice(q.get("tier"), _TIERS),
                       status=_choice(status, _STATUSES), kind=q.get("kind") or None,
                       entity_prefix=q.get("prefix") or None, since=_day(q.get("since")), until=_day(q.get("until")),
                       sort="newest" if sort == "newest" else "score", limit=PAGE_SIZE, offset=offset)
    view = await run_in_threadpool(lambda: alert_queue_view(_service(request), query, by_amount=sort == "amount"))
    filters = {k: q.get(k, "") for k in ("detector", "tier", "kind", "since", "until", "prefix")}
    filters.update(sort=sort, status=status)
    return page(request, "alerts.html.j2", user, view=view, filters=filters, offset=offset, page_size=PAGE_SIZE,
                request_query=lambda at: urlencode({**filters, "offset": at}),
                tiers=_TIERS, statuses=_STATUSES, back=str(request.url.path) + ("?" + request.url.query if request.url.query else ""))


@router.get("/entity")
async def entity_page(request: Request, id: str = "", user: User = Depends(current_user)) -> Response:
    entity = id.strip()
    if entity.startswith("phone: "):  # a typed address: "+" in a query string reads as a space
        entity = "phone:+" + entity.removeprefix("phone: ")
    view = await found(entity_view, _service(request), entity)
    return page(request, "entity.html.j2", user, view=view)


@router.get("/gang/{gang_id}")
async def gang_page(request: Request, gang_id: str, user: User = Depends(current_user)) -> Response:
    view = await found(gang_view, _service(request), gang_id)
    chart = _gang_chart(gang_id, view)
    return page(request, "gang.html.j2", user, view=view, chart=chart)


#: Gang pictures drawn, by gang and run: laying out 150 nodes costs more than reading them.
_GANG_CHARTS: dict[tuple[str, str], dict[str, Any]] = {}


def _gang_chart(gang_id: str, view: dict[str, Any]) -> dict[str, Any]:
    key = (gang_id, str(view["gang"]["created_at"]))
    if key not in _GANG_CHARTS:
        if len(_GANG_CHARTS) >= 64:
            _GANG_CHARTS.clear()
        _GANG_CHARTS[key] = figures.gang_network(gang_id, view["network"])
    return _GANG_CHARTS[key]


@router.get("/case/{report_id}")
async def case_page(request: Request, report_id: str, policy: str | None = None,
                    user: User = Depends(current_user)) -> Response:
    view = await found(case_view, _service(request), report_id, policy)
    chart = (figures.trace_sankey(report_id, view["trace"]["policy"], view["flows"], view["freeze"]["rows"])
             if view["trace"] and view["flows"] else None)
    return page(request, "case.html.j2", user, view=view, chart=chart)


@router.get("/dissuasion")
async def dissuasion_page(request: Request, status: str | None = None, user: User = Depends(current_user)) -> Response:
    service = _service(request)
    chosen = status if status in ("open", "claimed", "contacted", "done", "cancelled") else None
    tasks = await request.app.state.batcher.run(lambda: service.tasks(status=chosen, limit=200))
    outcomes = [(o.value, o.held_payment) for o in TaskOutcome]
    return page(request, "dissuasion.html.j2", user, tasks=tasks, task_status=chosen, outcomes=outcomes)


@router.get("/search")
async def search_page(request: Request, q: str = "", user: User = Depends(current_user)) -> Response:
    found: list[dict[str, Any]] = await run_in_threadpool(search, _service(request), q) if q.strip() else []
    return page(request, "search.html.j2", user, q=q, found=found)

"""The rules page (admin only): the rules the service decides with, edited with validation, back-tested on the
store's history, each turned on or off. Saving goes through ``service.admin.replace_rules`` as ``PUT /v1/rules``."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Depends, Request
from starlette.concurrency import run_in_threadpool
from starlette.responses import Response

from scamnet.core.errors import ConfigError, ScamnetError
from scamnet.evaluate.rules import backtest_store
from scamnet.rules.load import rules_from_text
from scamnet.service.admin import replace_rules, rules_text
from scamnet.service.console_rules import with_rule_enabled
from scamnet.service.decide import DecisionService
from scamnet.share.keyed_hash import configured_secret
from scamnet.ui.actions import _one, back_to, form
from scamnet.ui.pages import page
from scamnet.ui.session import User, admin_user

router = APIRouter(include_in_schema=False)


def _listing(text: str, source: str) -> tuple[list[dict[str, Any]], list[str]]:
    """The rules of ``text`` as rows, or the problems that stop it loading."""
    try:
        rules = rules_from_text(text, source)
    except ConfigError as exc:
        return [], [line.strip() for line in exc.message.splitlines() if line.strip()]
    return [{"name": r.name, "event": r.event, "when": r.when, "action": r.action.value, "priority": r.priority,
             "enabled": r.enabled, "description": r.description} for r in rules], []


def _render(request: Request, user: User, text: str, source: str, *, problems: list[str] | None = None,
            backtest: dict[str, Any] | None = None, status: int = 200) -> Response:
    rules, loading = _listing(text, source)
    return page(request, "rules.html.j2", user, status=status, rules=rules, text=text, source=source,
                problems=problems if problems is not None else loading, backtest=backtest)


@router.get("/rules")
async def rules_page(request: Request, user: User = Depends(admin_user)) -> Response:
    text, source = rules_text(request.app.state.service)
    return _render(request, user, text, source)


@router.post("/rules")
async def rules_post(request: Request, user: User = Depends(admin_user)) -> Response:
    """``do`` = check (validate only), save (validate and write), or backtest (on the store's history)."""
    fields = await form(request)
    service: DecisionService = request.app.state.service
    text, action = _one(fields, "text").replace("\r\n", "\n"), _one(fields, "do", "check")
    source = rules_text(service)[1]
    _, problems = _listing(text, "the rules sent")
    if problems:
        return _render(request, user, text, source, problems=problems, status=422)
    if action == "save":
        try:
            saved = await run_in_threadpool(replace_rules, service, text)
        except ScamnetError as exc:
            return _render(request, user, text, source, problems=[exc.message, *([exc.hint] if exc.hint else [])],
                           status=409)
        return back_to("/rules", f"saved {len(saved)} rules; deciding with them from the next event")
    if action == "backtest":
        try:
            result = await run_in_threadpool(_backtest, service, text)
        except ScamnetError as exc:
            return _render(request, user, text, source, problems=[exc.message], status=422)
        return _render(request, user, text, source, problems=[], backtest=result)
    return _render(request, user, text, source, problems=[])


@router.post("/rules/enable")
async def rules_enable(request: Request, user: User = Depends(admin_user)) -> Response:
    """Turn rule ``name`` on (``on=1``) or off, and save."""
    fields = await form(request)
    service: DecisionService = request.app.state.service
    name, on = _one(fields, "name"), _one(fields, "on") == "1"
    try:
        text = with_rule_enabled(rules_text(service)[0], name, on)
        await run_in_threadpool(replace_rules, service, text)
    except ScamnetError as exc:
        return back_to("/rules", f"not changed: {exc.message}")
    return back_to("/rules", f"rule {name} {'enabled' if on else 'disabled'}")


def _backtest(service: DecisionService, text: str) -> dict[str, Any]:
    assert service.db is not None
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "rules.toml"
        path.write_text(text, encoding="utf-8")
        with service.store_turn():
            return backtest_store(path, service.db, utc_offset_hours=service.settings.utc_offset_hours,
                                  secret=configured_secret(service.settings.share_secret_file))

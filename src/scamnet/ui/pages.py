"""Rendering console pages: the Jinja templates (autoescaped), their filters, and the headers every page carries.

The Content-Security-Policy lets a page run only the scripts the console serves itself (its own ``console.js``
and the installed Plotly), load nothing from elsewhere, and never be framed. Data for pictures travels as
JSON in ``<script type="application/json">`` elements, which the browser does not run.
"""

from __future__ import annotations

import json
from datetime import datetime
from decimal import Decimal
from functools import lru_cache
from typing import Any
from urllib.parse import quote, urlencode

import jinja2
from fastapi import Request
from markupsafe import Markup
from starlette.responses import HTMLResponse

from scamnet.ui.session import User

CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
       "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
       "frame-ancestors 'none'")
HEADERS = {"Content-Security-Policy": CSP, "X-Content-Type-Options": "nosniff", "X-Frame-Options": "DENY",
           "Referrer-Policy": "same-origin", "Cache-Control": "no-store"}


def entity_url(entity: str) -> str:
    """The entity page of ``entity`` (a report opens its case page)."""
    kind, _, value = entity.partition(":")
    if kind == "report":
        return f"/case/{quote(value, safe='')}"
    return "/entity?" + urlencode({"id": entity})


def money(value: Any) -> str:
    return "—" if value is None else f"{float(value):,.2f}"


def when(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M UTC")
    return str(value)


def _jsonable(value: Any) -> Any:
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, datetime):
        return value.isoformat()
    raise TypeError(f"not JSON: {type(value).__name__}")


def json_data(value: Any) -> str:
    """JSON text safe inside ``<script type="application/json">``: ``<``, ``>`` and ``&`` escaped."""
    text = json.dumps(value, default=_jsonable, ensure_ascii=False)
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


@lru_cache(maxsize=1)
def templates() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.PackageLoader("scamnet.ui", "templates"), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters.update(entity_url=entity_url, money=money, when=when, quote=lambda v: quote(str(v), safe=""))
    env.globals["json_data"] = lambda v: Markup(json_data(v))  # escaped for a JSON script element
    return env


def page(request: Request, template: str, user: User | None, status: int = 200, **context: Any) -> HTMLResponse:
    """The page ``template`` with ``context``, its security headers, for ``user``."""
    html = templates().get_template(template).render(
        request_path=request.url.path, user=user, flash=request.query_params.get("flash"), **context)
    return HTMLResponse(html, status_code=status, headers=HEADERS)

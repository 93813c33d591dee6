"""The analyst console on the decision service's app: its pages, forms, static files and error pages.

``install_console(app)`` adds it to the app ``api.app.create_app`` builds; it reads and writes the same store
through the same service as the API. Static files are this package's own (``console.css``, ``console.js``)
and the installed Plotly's ``plotly.min.js``: nothing comes from another site.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from urllib.parse import urlencode

import plotly
from fastapi import FastAPI, Request
from starlette.responses import FileResponse, RedirectResponse, Response

from scamnet.service.console import gang_export
from scamnet.ui.actions import router as actions_router
from scamnet.ui.pages import page
from scamnet.ui.routes import found
from scamnet.ui.routes import router as pages_router
from scamnet.ui.rules import router as rules_router
from scamnet.ui.session import NotAllowed, PageNotFound, SignInNeeded, current_user

_STATIC = {"console.css": "text/css", "console.js": "text/javascript"}
_EXPORTS = {"html": "text/html", "json": "application/json", "stix": "application/json"}


def plotly_js() -> Path:
    return Path(plotly.__file__).parent / "package_data" / "plotly.min.js"


async def static_file(name: str) -> Response:
    headers = {"Cache-Control": "max-age=3600", "X-Content-Type-Options": "nosniff"}
    if name == "plotly.min.js":
        return FileResponse(plotly_js(), media_type="text/javascript", headers=headers)
    if name not in _STATIC:
        return Response("not found", status_code=404)
    return FileResponse(Path(str(resources.files("scamnet.ui") / "static" / name)), media_type=_STATIC[name],
                        headers=headers)


async def dossier(request: Request, gang_id: str, fmt: str) -> Response:
    """A gang's dossier (HTML, JSON) or STIX bundle, as a download."""
    current_user(request)
    if fmt not in _EXPORTS:
        return Response("formats: html, json, stix", status_code=404)
    text = await found(gang_export, request.app.state.service, gang_id, fmt)
    name = f"gang-{gang_id}{'-stix' if fmt == 'stix' else ''}.{'json' if fmt != 'html' else 'html'}"
    return Response(text, media_type=_EXPORTS[fmt],
                    headers={"Content-Disposition": f'attachment; filename="{name}"', "X-Content-Type-Options": "nosniff"})


def install_console(app: FastAPI) -> None:
    """Add the console's routes and error pages to ``app``."""
    app.include_router(pages_router)
    app.include_router(actions_router)
    app.include_router(rules_router)
    app.add_api_route("/static/console/{name}", static_file, methods=["GET"], include_in_schema=False)
    app.add_api_route("/gang/{gang_id}/dossier.{fmt}", dossier, methods=["GET"], include_in_schema=False)

    @app.exception_handler(SignInNeeded)
    async def sign_in(request: Request, exc: SignInNeeded) -> Response:
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse("/signin?" + urlencode({"next": target}), status_code=303)

    @app.exception_handler(NotAllowed)
    async def not_allowed(request: Request, exc: NotAllowed) -> Response:
        return page(request, "error.html.j2", None, status=403, title="Not allowed",
                    detail=f"{exc.who} may not open this page: it needs {exc.needs}.")

    @app.exception_handler(PageNotFound)
    async def not_found(request: Request, exc: PageNotFound) -> Response:
        return page(request, "error.html.j2", None, status=404, title="Not found", detail=str(exc))

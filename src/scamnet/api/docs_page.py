"""The API's own page (``/docs``), served offline: Swagger UI from the installed ``swagger-ui-bundle``.

FastAPI's default page loads Swagger UI from a CDN; an anti-fraud centre's network may reach no
CDN, and scamnet never loads code from one.
"""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from swagger_ui_bundle import swagger_ui_path

ASSETS = "/docs-assets"


def install_docs_page(app: FastAPI) -> None:
    """``/docs`` with its script, style and icon served by the app itself."""
    app.mount(ASSETS, StaticFiles(directory=swagger_ui_path), name="docs-assets")

    async def docs_page() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url=app.openapi_url or "/openapi.json", title=f"{app.title} — API",
            swagger_js_url=f"{ASSETS}/swagger-ui-bundle.js", swagger_css_url=f"{ASSETS}/swagger-ui.css",
            swagger_favicon_url=f"{ASSETS}/favicon-32x32.png")

    app.add_api_route("/docs", docs_page, methods=["GET"], include_in_schema=False)

"""``scamnet serve``: the decision service over HTTP (FastAPI on uvicorn), on the embedded store."""

from __future__ import annotations

import logging
from pathlib import Path

import typer

from scamnet.cli.options import CONFIG, DB, db_path


def register(app: typer.Typer) -> None:
    @app.command("serve")
    def serve(
        db: Path = DB,
        host: str = typer.Option("127.0.0.1", "--host", help="address to listen on (0.0.0.0: every interface)"),
        port: int = typer.Option(8000, "--port", help="port to listen on"),
        workers: int = typer.Option(1, "--workers", min=1, help="worker processes; more than one needs "
                                    "state_url (Redis), or each keeps its own live state"),
        config: Path = CONFIG,
    ) -> None:
        """Decide on live events: POST /v1/events answers allow, warn, hold or block with reasons (docs/serve.md)."""
        import os

        import uvicorn  # loaded only when the service starts: help stays light

        from scamnet.api.app import ENVIRONMENT_KEY, create_app, environment_value
        from scamnet.core.settings import load_settings

        settings, store = load_settings(config), db_path(db, config)
        logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
        if workers > 1 and not settings.state_url:
            logging.getLogger("scamnet.serve").warning(
                "%d workers without state_url: each keeps its own live state, so windows see only its share of "
                "the events; set state_url = \"redis://...\" to share one", workers)
        if workers == 1:
            uvicorn.run(create_app(settings, store), host=host, port=port, log_level="info")
            return
        os.environ[ENVIRONMENT_KEY] = environment_value(settings, store)
        uvicorn.run("scamnet.api.app:app_from_environment", factory=True, host=host, port=port, workers=workers)

"""The app uvicorn builds in each worker process is the one ``scamnet serve`` configured."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from scamnet.api.app import ENVIRONMENT_KEY, app_from_environment
from scamnet.cli.commands.serve import APP_FACTORY, APP_SETTINGS
from scamnet.core.settings import Settings


def test_the_worker_app_has_the_settings_and_store_the_command_was_given(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    assert (APP_SETTINGS, APP_FACTORY) == (ENVIRONMENT_KEY, "scamnet.api.app:app_from_environment")
    given = Settings({"serve_max_events": 7, "auth": "off"}).as_dict()
    monkeypatch.setenv(ENVIRONMENT_KEY, json.dumps({"settings": given, "db": str(tmp_path / "s.db")}))
    service = app_from_environment().state.service
    assert (service.settings.serve_max_events, service.settings.auth) == (7, "off")
    assert service.db == tmp_path / "s.db" and not service.status.ready, "it loads when uvicorn starts it"

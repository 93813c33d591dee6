"""A small simulated world, ingested and run (alerts included), and the decision service over it on a local port.

The world's labels say who the planted victims and mules are; only the tests read them.
"""

from __future__ import annotations

import json
import socket
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import uvicorn

from scamnet.api.app import create_app
from scamnet.cli.commands.serve import HTTP_PROTOCOL
from scamnet.core.clock import FixedClock
from scamnet.core.settings import Settings
from scamnet.service.ingest import ingest_files, world_files
from scamnet.service.keys import create_key
from scamnet.service.run import run_all
from scamnet.service.simulate import simulate_world


@pytest.fixture(scope="session")
def small_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """800 people over 6 days of the demo scenario, ingested and run: about 10 s."""
    out = tmp_path_factory.mktemp("serve")
    simulate_world(out / "world", "demo", seed=1, people=800, days=6)
    ingest_files(world_files(out / "world"), out / "scamnet.db", Settings())
    run_all(out / "scamnet.db", Settings(), FixedClock(datetime(2026, 3, 10, tzinfo=UTC)))
    return out / "scamnet.db"


class Client:
    """Plain HTTP against the running service: status, headers and parsed JSON."""

    def __init__(self, base: str, keys: dict[str, str]) -> None:
        self.base, self.keys = base, keys

    def request(self, method: str, path: str, body: bytes | None = None, headers: dict[str, str] | None = None,
                role: str | None = "ingest") -> tuple[int, dict[str, str], Any]:
        """``role``: send that role's key (None: no key)."""
        auth = {"authorization": f"Bearer {self.keys[role]}"} if role else {}
        request = urllib.request.Request(self.base + path, data=body, method=method,
                                         headers={"content-type": "application/json", **auth, **(headers or {})})
        try:
            with urllib.request.urlopen(request, timeout=30) as answer:
                return answer.status, dict(answer.headers), json.loads(answer.read() or b"null")
        except urllib.error.HTTPError as error:
            with error:  # closed: its socket is not left to the collector
                return error.code, dict(error.headers), json.loads(error.read() or b"null")

    def post(self, events: Any, role: str | None = "ingest") -> tuple[int, dict[str, str], Any]:
        return self.request("POST", "/v1/events", json.dumps(events).encode(), role=role)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def serving(store: Path, settings: Settings, keys: dict[str, str]) -> Iterator[Client]:
    """The service over ``store``, in a thread of this process, on a free local port, until the block ends."""
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(settings, store), host="127.0.0.1", port=port,
                                           log_level="warning", http=HTTP_PROTOCOL))  # as scamnet serve runs it
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 180
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started, "the service did not start within 180 s (a loaded machine fits the detectors slowly)"
    try:
        yield Client(f"http://127.0.0.1:{port}", keys)
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def role_keys(store: Path) -> dict[str, str]:
    """A new key per role in ``store``."""
    return {role: create_key(store, role, FixedClock(datetime(2026, 3, 10, tzinfo=UTC)), label=f"{role} tester").key
            for role in ("ingest", "analyst", "admin")}


@pytest.fixture(scope="session")
def served(small_store: Path) -> Iterator[Client]:
    """The service over the small store; a key per role."""
    # journal_fold_s 0: the tests read the journal, which a fold while they run would empty into the store
    settings = Settings({"serve_max_body_kb": 64, "serve_max_events": 50, "journal_fold_s": 0})
    with serving(small_store, settings, role_keys(small_store)) as client:
        yield client

"""Who may do what: ingest keys post events, analyst keys read entities, admin keys do both; nobody without a key."""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path

import pytest

from scamnet.api.app import create_app
from scamnet.core.settings import Settings
from tests.api.conftest import Client

EVENT = {"kind": "session", "account_id": "A1", "ts": "2026-03-20T10:00:00Z", "device_id": "D1"}
ROUTES = {"post events": ("POST", "/v1/events"), "read an entity": ("GET", "/v1/entities/account:A1"),
          "read decisions": ("GET", "/v1/decisions?limit=5")}
MATRIX = [
    # (route, role, status)
    ("post events", None, 401), ("post events", "ingest", 200), ("post events", "analyst", 403),
    ("post events", "admin", 200),
    ("read an entity", None, 401), ("read an entity", "ingest", 403), ("read an entity", "analyst", 200),
    ("read an entity", "admin", 200),
    ("read decisions", None, 401), ("read decisions", "ingest", 403), ("read decisions", "analyst", 200),
    ("read decisions", "admin", 200),
]


@pytest.mark.parametrize(("route", "role", "status"), MATRIX, ids=[f"{r}-{k}" for r, k, _ in MATRIX])
def test_each_role_may_use_only_its_routes(served: Client, route: str, role: str | None, status: int) -> None:
    method, path = ROUTES[route]
    body = b'{"kind": "session", "account_id": "A1", "ts": "2026-03-20T10:00:00Z", "device_id": "D1"}'
    answer, headers, problem = served.request(method, path, body if method == "POST" else None, role=role)
    assert answer == status
    if status >= 400:
        assert headers["content-type"] == "application/problem+json" and problem["status"] == status
    if status == 401:
        assert headers["www-authenticate"] == "Bearer"
    if status == 403:
        assert role in problem["detail"]


def test_a_wrong_secret_for_a_real_key_id_is_refused(served: Client) -> None:
    key_id = served.keys["admin"].split(".")[0]
    status, _, problem = served.request("GET", "/v1/entities/account:A1", role=None,
                                        headers={"authorization": f"Bearer {key_id}.guessed"})
    assert (status, problem["detail"]) == (401, "unknown or revoked API key")


def test_the_key_may_also_come_as_x_api_key(served: Client) -> None:
    status, _, view = served.request("GET", "/v1/entities/account:A1", role=None,
                                     headers={"x-api-key": served.keys["analyst"]})
    assert status == 200 and view["entity"] == "account:A1"


def test_an_analyst_reads_why_a_mule_is_listed(served: Client, small_store: Path) -> None:
    import duckdb

    con = duckdb.connect(str(small_store), read_only=True)
    mule = con.execute("SELECT entity FROM alerts WHERE detector = 'mule' ORDER BY score DESC LIMIT 1").fetchall()[0][0]
    con.close()
    status, _, view = served.request("GET", f"/v1/entities/{mule}?at=2026-03-06T12:00:00Z", role="analyst")
    assert status == 200 and view["listed"]
    assert view["listings"][0]["source"] == "mule" and view["listings"][0]["reasons"]
    assert view["live"]["transfer_in_count_7d"] > 0, "the mule received money in the stored week"


def test_health_checks_answer_without_a_key(served: Client) -> None:
    assert served.request("GET", "/healthz", role=None)[:1] == (200,)
    assert served.request("GET", "/readyz", role=None)[2]["auth"] == "on"


def test_with_auth_off_the_service_says_so_loudly_at_start(caplog: pytest.LogCaptureFixture) -> None:
    app = create_app(Settings({"auth": "off"}), None)

    async def start_and_stop() -> None:
        async with app.router.lifespan_context(app):
            pass

    with caplog.at_level(logging.WARNING, logger="scamnet.serve"):
        asyncio.run(start_and_stop())
    assert any("AUTH IS OFF" in r.getMessage() for r in caplog.records)

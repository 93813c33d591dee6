"""The analyst's queue and the admin's keys and rules, through the service, on a copy of the small store."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from scamnet.core.settings import Settings
from scamnet.rules.load import STARTER
from tests.api.conftest import Client, role_keys, serving

HOLD_OVER = '''
[[rule]]
name = "hold_any_transfer_over_7777"
description = "A test rule: any transfer over 7,777 is held."
when = "amount > 7777"
action = "hold"
priority = 5
'''


@pytest.fixture(scope="module")
def own(small_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Client, Path, Path]]:
    """The service over a copy of the small store (verdicts change it), deciding with a rule file it may write."""
    folder = tmp_path_factory.mktemp("analyst")
    store, rules = folder / "scamnet.db", folder / "rules.toml"
    shutil.copy(small_store, store)
    rules.write_text(STARTER.read_text(encoding="utf-8"), encoding="utf-8")
    settings = Settings({"rules_file": str(rules), "watchlist_refresh_s": 0})
    with serving(store, settings, role_keys(store)) as client:
        yield client, store, rules


def _peek(store: Path, sql: str) -> list[tuple]:
    copy = store.with_suffix(".peek")
    shutil.copy(store, copy)
    con = duckdb.connect(str(copy), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def _transfer_to(client: Client, account: str, txn: str, amount: str = "3000.00") -> dict:
    status, _, answer = client.post({"kind": "transfer", "txn_id": txn, "ts": "2026-03-20T10:00:00Z",
                                     "src_account": "A-unknown-payer", "dst_account": account, "amount": amount,
                                     "channel": "mobile"})
    assert status == 200, answer
    return answer["decisions"][0]


def test_the_queue_holds_every_alert_of_a_detector_highest_score_first(own: tuple[Client, Path, Path]) -> None:
    client, store, _ = own
    expected = _peek(store, "SELECT count(*) FROM alerts WHERE detector = 'mule'")[0][0]
    status, _, page = client.request("GET", "/v1/alerts?detector=mule&limit=5", role="analyst")
    assert status == 200 and page["total"] == expected > 0
    scores = [a["score"] for a in page["alerts"]]
    assert scores == sorted(scores, reverse=True) and all(a["reasons"] for a in page["alerts"])
    assert {a["entity"].split(":")[0] for a in page["alerts"]} == {"account"}
    _, _, rest = client.request("GET", "/v1/alerts?detector=mule&limit=5&offset=5", role="analyst")
    assert not {a["entity"] for a in rest["alerts"]} & {a["entity"] for a in page["alerts"]}


def test_a_dismissed_mule_leaves_the_watchlist_with_who_and_why_and_comes_back_when_reopened(
        own: tuple[Client, Path, Path]) -> None:
    client, _, _ = own
    _, _, page = client.request("GET", "/v1/alerts?detector=mule&status=open&limit=1", role="analyst")
    mule = page["alerts"][0]["entity"]
    account = mule.split(":", 1)[1]
    listed = _transfer_to(client, account, "rv-before")
    assert "payee_on_watchlist" in [r["name"] for r in listed["reasons"]]

    body = {"reviews": [{"entity": mule, "detector": "mule", "verdict": "dismiss", "note": "student's rent account"}]}
    status, _, kept = client.request("POST", "/v1/alerts/reviews", json.dumps(body).encode(), role="analyst")
    assert status == 200 and kept["reviews"][0]["analyst"].startswith("analyst tester")
    _, _, history = client.request("GET", f"/v1/alerts/{mule}", role="analyst")
    alert = history["alerts"][0]
    assert alert["status"] == "dismissed" and alert["reviews"][0]["note"] == "student's rent account"
    assert "payee_on_watchlist" not in [r["name"] for r in _transfer_to(client, account, "rv-dismissed")["reasons"]]

    body["reviews"][0].update(verdict="reopen", note="second report named it")
    assert client.request("POST", "/v1/alerts/reviews", json.dumps(body).encode(), role="analyst")[0] == 200
    assert "payee_on_watchlist" in [r["name"] for r in _transfer_to(client, account, "rv-reopened")["reasons"]]


def test_a_batch_of_verdicts_naming_an_alert_that_does_not_exist_keeps_none(own: tuple[Client, Path, Path]) -> None:
    client, _, _ = own
    _, _, page = client.request("GET", "/v1/alerts?status=open&limit=1", role="analyst")
    real = page["alerts"][0]
    body = {"reviews": [{"entity": real["entity"], "detector": real["detector"], "verdict": "confirm"},
                        {"entity": "account:no-such-account", "detector": "mule", "verdict": "confirm"}]}
    status, _, problem = client.request("POST", "/v1/alerts/reviews", json.dumps(body).encode(), role="analyst")
    assert status == 404 and "account:no-such-account" in problem["detail"]
    _, _, history = client.request("GET", f"/v1/alerts/{real['entity']}", role="analyst")
    assert [a["status"] for a in history["alerts"] if a["detector"] == real["detector"]] == ["open"]


def test_an_ingest_key_may_not_dismiss_alerts_nor_an_analyst_manage_keys(own: tuple[Client, Path, Path]) -> None:
    client, _, _ = own
    body = json.dumps({"reviews": [{"entity": "account:x", "detector": "mule", "verdict": "dismiss"}]}).encode()
    assert client.request("POST", "/v1/alerts/reviews", body, role="ingest")[0] == 403
    assert client.request("GET", "/v1/keys", role="analyst")[0] == 403
    assert client.request("PUT", "/v1/rules", HOLD_OVER.encode(), role="analyst")[0] == 403


def test_an_admin_creates_a_key_that_works_at_once_and_revokes_it(own: tuple[Client, Path, Path]) -> None:
    client, _, _ = own
    status, _, made = client.request("POST", "/v1/keys", json.dumps({"role": "analyst", "label": "night shift"}).encode(),
                                     role="admin")
    assert status == 201 and made["key"].startswith(made["key_id"] + ".")
    night = {"authorization": f"Bearer {made['key']}"}
    assert client.request("GET", "/v1/alerts?limit=1", role=None, headers=night)[0] == 200
    _, _, listed = client.request("GET", "/v1/keys", role="admin")
    assert "key_hash" not in listed["keys"][0] and made["key_id"] in [k["key_id"] for k in listed["keys"]]
    assert client.request("DELETE", f"/v1/keys/{made['key_id']}", role="admin")[0] == 200
    assert client.request("GET", "/v1/alerts?limit=1", role=None, headers=night)[0] == 401


def test_new_rules_decide_the_next_transfer_and_bad_rules_change_nothing(own: tuple[Client, Path, Path]) -> None:
    client, _, rules = own
    before = rules.read_text(encoding="utf-8")
    bad = before + HOLD_OVER.replace("amount > 7777", "amount > (SELECT max(amount) FROM transfers)")
    status, _, problem = client.request("PUT", "/v1/rules", bad.encode(), role="admin",
                                        headers={"content-type": "application/toml"})
    assert status == 422 and any("hold_any_transfer_over_7777" in e for e in problem["errors"])
    assert rules.read_text(encoding="utf-8") == before
    assert "hold_any_transfer_over_7777" not in [r["name"] for r in _transfer_to(client, "B-x", "rl-1", "8000.00")["reasons"]]

    status, _, loaded = client.request("PUT", "/v1/rules", (before + HOLD_OVER).encode(), role="admin",
                                       headers={"content-type": "application/toml"})
    assert status == 200 and loaded["enabled"] == len(_peek_rules(rules))
    decided = _transfer_to(client, "B-x", "rl-2", "8000.00")
    assert decided["decision"] == "hold" and "hold_any_transfer_over_7777" in [r["name"] for r in decided["reasons"]]
    assert client.request("GET", "/v1/rules", role="admin")[2]["rules"].endswith(HOLD_OVER)


def _peek_rules(path: Path) -> list[str]:
    from scamnet.rules.load import load_rules

    return [r.name for r in load_rules(path) if r.enabled]


def test_a_service_on_the_starter_rules_refuses_to_overwrite_them(served: Client) -> None:
    status, _, problem = served.request("PUT", "/v1/rules", HOLD_OVER.encode(), role="admin")
    assert status == 409 and "rules_file" in problem["hint"]

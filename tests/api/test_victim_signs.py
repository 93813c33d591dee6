"""What a victim does back reaches the service: a web visit, a login under a screen-sharing app, a payment from a new phone."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from scamnet.core.settings import Settings
from tests.api.conftest import Client, role_keys, serving


@pytest.fixture(scope="module")
def served(small_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Client, dict[str, str]]]:
    store = tmp_path_factory.mktemp("victim-signs") / "scamnet.db"
    shutil.copy(small_store, store)
    con = duckdb.connect(str(store), read_only=True)
    try:  # a person whose account logged in before from one phone, and who was never flagged
        account, phone, device = con.execute(
            "SELECT a.account_id, a.msisdn, min(s.device_id) FROM accounts a JOIN sessions s USING (account_id) "
            "WHERE a.holder_type = 'person' AND a.msisdn IS NOT NULL "
            "AND a.account_id NOT IN (SELECT substr(entity, 9) FROM alerts) "
            "GROUP BY a.account_id, a.msisdn ORDER BY a.account_id LIMIT 1").fetchall()[0]
        scammer = con.execute("SELECT substr(entity, 7) FROM alerts WHERE detector = 'fraud_number' "
                              "ORDER BY score DESC LIMIT 1").fetchall()[0][0]
        mule = con.execute("SELECT substr(entity, 9) FROM alerts WHERE detector = 'mule' ORDER BY score DESC "
                           "LIMIT 1").fetchall()[0][0]
    finally:
        con.close()
    with serving(store, Settings(), role_keys(store)) as client:
        yield client, {"account": account, "phone": phone, "device": device, "scammer": scammer, "mule": mule}


def test_a_visit_a_remote_login_and_a_new_phone_each_show_as_a_sign_with_its_evidence(
        served: tuple[Client, dict[str, str]]) -> None:
    client, p = served
    events = [
        {"kind": "call", "call_id": "vs-c1", "started_at": "2026-03-20T09:00:00Z", "caller": p["scammer"],
         "callee": p["phone"], "duration_s": 420, "answered": True},
        {"kind": "link_visit", "visit_id": "vs-v1", "ts": "2026-03-20T09:10:00Z", "msisdn": p["phone"],
         "url": "http://icbc-verify-account.top/login", "domain": "icbc-verify-account.top", "source": "proxy"},
        {"kind": "session", "account_id": p["account"], "ts": "2026-03-20T09:20:00Z", "device_id": "dev-never-seen",
         "remote_access": True},
        {"kind": "transfer", "txn_id": "vs-t1", "ts": "2026-03-20T09:25:00Z", "src_account": p["account"],
         "dst_account": p["mule"], "amount": "30000.00", "channel": "mobile", "src_device": "dev-never-seen"},
    ]
    status, _, answer = client.post(events)
    assert status == 200, answer
    visit, _, paid = answer["decisions"][1], answer["decisions"][2], answer["decisions"][3]
    assert [r["name"] for r in visit["reasons"]] == ["url_risk"] and visit["decision"] == "warn"
    (victim,) = [r for r in paid["reasons"] if r["source"] == "victim"]
    signs = " | ".join(victim["evidence"]["signs"])
    assert "opened http://icbc-verify-account.top/login, a risky link (url_risk" in signs
    assert f"a screen-sharing or remote-access app was active during a login to account {p['account']}" in signs
    assert "paid under a screen-sharing or remote-access app (login from dev-never-seen 5 min before)" in signs
    assert "paid from a device the account never used (device dev-never-seen, first used 0.1 h ago)" in signs
    assert victim["action"] == "hold" and paid["decision"] in ("hold", "block")  # a rule may block the payee itself


def test_a_visit_is_validated_as_ingest_validates_it(served: tuple[Client, dict[str, str]]) -> None:
    client, _ = served
    status, _, problem = client.post([{"kind": "link_visit", "visit_id": "vs-bad", "ts": "soon", "msisdn": "12345",
                                       "url": "http://a.example/", "domain": "a.example", "source": "fax"}])
    assert status == 422
    found = {e["field"]: (e["value"], e["expected"]) for e in problem["errors"]}
    assert set(found) == {"ts", "msisdn", "source"}
    assert found["source"] == ("fax", "one of dns, proxy, in_app")

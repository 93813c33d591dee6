"""The dissuasion queue through the service: a person talked into paying is held, queued with the script, called."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from scamnet.core.settings import Settings
from scamnet.service.decide import DecisionService
from scamnet.store import open_store
from scamnet.store.tasks import stored_tasks
from tests.api.conftest import Client, role_keys, serving


@pytest.fixture(scope="module")
def queue_store(small_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    store = tmp_path_factory.mktemp("dissuasion") / "scamnet.db"
    shutil.copy(small_store, store)
    return store


def _planted(store: Path) -> dict[str, str]:
    con = duckdb.connect(str(store), read_only=True)
    try:
        scammer = con.execute("SELECT substr(entity, 7) FROM alerts WHERE detector = 'fraud_number' "
                              "ORDER BY score DESC LIMIT 1").fetchall()[0][0]
        account, phone = con.execute(
            "SELECT account_id, msisdn FROM accounts WHERE holder_type = 'person' AND msisdn IS NOT NULL "
            "AND account_id NOT IN (SELECT substr(entity, 9) FROM alerts) ORDER BY account_id LIMIT 1").fetchall()[0]
        mule = con.execute("SELECT substr(entity, 9) FROM alerts WHERE detector = 'mule' AND score < 0.9 "
                           "ORDER BY score DESC LIMIT 1").fetchall()[0][0]
    finally:
        con.close()
    return {"scammer": scammer, "account": account, "phone": phone, "mule": mule}


@pytest.fixture(scope="module")
def served_queue(queue_store: Path) -> Iterator[tuple[Client, dict[str, str]]]:
    planted = _planted(queue_store)
    with serving(queue_store, Settings(), role_keys(queue_store)) as client:
        yield client, planted


def _talked_into_paying(client: Client, p: dict[str, str]) -> dict:
    events = [
        {"kind": "call", "call_id": "dq-c1", "started_at": "2026-03-20T09:00:00Z", "caller": p["scammer"],
         "callee": p["phone"], "duration_s": 1260, "answered": True},
        {"kind": "call", "call_id": "dq-c2", "started_at": "2026-03-20T10:00:00Z", "caller": p["phone"],
         "callee": p["scammer"], "duration_s": 400, "answered": True},
        {"kind": "message", "msg_id": "dq-m1", "sent_at": "2026-03-20T10:30:00Z", "sender": p["phone"],
         "recipient": p["scammer"], "text": "好的，我马上转", "channel": "sms"},
        {"kind": "transfer", "txn_id": "dq-t1", "ts": "2026-03-20T11:00:00Z", "src_account": p["account"],
         "dst_account": p["mule"], "amount": "48000.00", "channel": "mobile"},
    ]
    status, _, answer = client.post(events)
    assert status == 200, answer
    return answer["decisions"][-1]


def test_a_person_talked_into_paying_is_held_queued_with_a_script_and_the_outcome_cancels_the_payment(
        served_queue: tuple[Client, dict[str, str]], queue_store: Path) -> None:
    client, planted = served_queue
    decided = _talked_into_paying(client, planted)
    assert decided["decision"] == "hold"
    victim = [r for r in decided["reasons"] if r["source"] == "victim"]
    assert victim and any("talked 21 min" in s for s in victim[0]["evidence"]["signs"])

    status, _, queue = client.request("GET", "/v1/dissuasion", role="analyst")
    mine = [t for t in queue["tasks"] if t["msisdn"] == planted["phone"]]
    assert status == 200 and len(mine) == 1, "one task for the person, however many signs and payments"
    task = mine[0]
    assert task["script"] and task["timeline"] and planted["scammer"] in " ".join(task["timeline"])

    assert client.request("POST", f"/v1/dissuasion/{task['task_id']}/claim", b"", role="analyst")[0] == 200
    taken, _, problem = client.request("POST", f"/v1/dissuasion/{task['task_id']}/claim", b"", role="admin")
    assert taken == 409 and "taken by analyst tester" in problem["detail"]
    body = json.dumps({"outcome": "persuaded", "note": "she called her son, who came over"}).encode()
    status, _, closed = client.request("POST", f"/v1/dissuasion/{task['task_id']}/outcome", body, role="analyst")
    assert task["txn_id"] == "dq-t1", "the person was queued before paying; the held payment joined the task"
    assert closed["held_payment"] == "cancelled"
    assert status == 200 and closed["status"] == "done" and closed["claimed_by"].startswith("analyst tester")
    _, _, after = client.request("GET", "/v1/dissuasion", role="analyst")
    assert task["task_id"] not in [t["task_id"] for t in after["tasks"]]


def test_the_queue_and_its_outcomes_survive_a_restart(served_queue: tuple[Client, dict[str, str]],
                                                      queue_store: Path) -> None:
    client, _ = served_queue
    _, _, before = client.request("GET", "/v1/dissuasion?status=done", role="analyst")
    assert before["tasks"], "the first test closed a task"
    restarted = DecisionService(Settings(), queue_store)  # a second start folds the journal into the store
    restarted.start()
    with open_store(queue_store, read_only=True) as store:
        kept = {t["task_id"]: t for t in stored_tasks(store, open_only=False)}
    closed = before["tasks"][0]
    assert kept[closed["task_id"]]["outcome"] == "persuaded" and kept[closed["task_id"]]["note"]

"""``scamnet dissuade`` on a stopped service's store: the queue listed most urgent first, claimed, closed."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pyarrow as pa

from scamnet.store import open_store
from scamnet.store.tasks import TASKS, stored_tasks, upsert_tasks

T0 = datetime(2026, 3, 20, 9, tzinfo=UTC)


def _task(task_id: str, priority: int, phone: str, txn: str | None) -> dict:
    return {"task_id": task_id, "created_at": T0, "person_id": "P1", "msisdn": phone, "account_id": "A1",
            "scam_type": "fake_investment", "reasons": ["talked 21 min with +8617100000009, a flagged number"],
            "priority": priority, "status": "open", "txn_id": txn, "amount": 48000.0 if txn else None,
            "timeline": ["2026-03-20 09:00 called by +8617100000009"], "claimed_by": None, "outcome": None,
            "note": None, "updated_at": T0}


def _cli(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "scamnet", *args], cwd=cwd, capture_output=True, text=True, timeout=120)


def test_an_officer_lists_claims_and_closes_a_task_and_the_held_payment_is_cancelled(tmp_path: Path) -> None:
    db = tmp_path / "scamnet.db"
    with open_store(db) as store:
        upsert_tasks(store, pa.Table.from_pylist([_task("dt-later", 3, "+8613800000002", None),
                                                  _task("dt-first", 1, "+8613800000001", "t1")], schema=TASKS.schema))
    listed = _cli("dissuade", "list", "--db", str(db), "--json", "q.json", cwd=tmp_path)
    assert listed.returncode == 0, listed.stderr
    assert [t["task_id"] for t in json.loads((tmp_path / "q.json").read_text())] == ["dt-first", "dt-later"]
    assert "guarantees returns" in json.loads((tmp_path / "q.json").read_text())[0]["script"], "the investment script"
    assert _cli("dissuade", "claim", "dt-first", "--as", "officer Li", "--db", str(db), cwd=tmp_path).returncode == 0
    taken = _cli("dissuade", "claim", "dt-first", "--as", "officer Wang", "--db", str(db), cwd=tmp_path)
    assert taken.returncode != 0 and "taken by officer Li" in taken.stderr
    closed = _cli("dissuade", "outcome", "dt-first", "persuaded", "--note", "her son came", "--as", "officer Li",
                  "--db", str(db), cwd=tmp_path)
    assert closed.returncode == 0 and "t1 is cancelled" in closed.stdout
    with open_store(db, read_only=True) as store:
        left = [t["task_id"] for t in stored_tasks(store)]
        every = {t["task_id"]: t for t in stored_tasks(store, open_only=False)}
    assert left == ["dt-later"] and every["dt-first"]["outcome"] == "persuaded"

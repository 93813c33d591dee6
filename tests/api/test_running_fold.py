"""``scamnet serve`` folds the events it accepted into the store every ``journal_fold_s`` while it runs."""

from __future__ import annotations

import time
from pathlib import Path

from scamnet.core.settings import Settings
from scamnet.store import open_store
from tests.api.conftest import role_keys, serving

PAYMENT = {"kind": "transfer", "txn_id": "served-1", "ts": "2026-03-21T10:00:00Z", "src_account": "A-victim",
           "dst_account": "A-mule", "amount": "5000.00", "channel": "mobile"}


def test_a_payment_posted_to_the_running_service_is_in_the_store_within_the_fold_interval(db_path: Path) -> None:
    open_store(db_path).close()
    with serving(db_path, Settings({"journal_fold_s": 0.2}), role_keys(db_path)) as client:
        assert client.post(PAYMENT)[0] == 200
        deadline, stored = time.monotonic() + 30, []
        while not stored and time.monotonic() < deadline:
            time.sleep(0.1)
            with open_store(db_path, read_only=True) as store:
                stored = store.con.execute("SELECT txn_id FROM transfers").fetchall()
        assert stored == [("served-1",)], "a trace run now finds it, with the service still running"

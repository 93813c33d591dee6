"""Many users, one store: a trace and stats answer while a batch run and an ingest are writing the store."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

from scamnet.core.clock import SystemClock
from scamnet.core.settings import Settings
from scamnet.detect.money.example import money_world
from scamnet.schema import table
from scamnet.service.money import trace_report_at
from scamnet.service.stats import store_stats
from scamnet.store import open_store
from scamnet.store.repo import append_rows

EXTRA = [{"txn_id": f"later-{i}", "ts": "2026-03-20T10:00:00Z", "src_account": "SHOP-A", "dst_account": "SHOP-B",
          "amount": "12.00", "channel": "mobile"} for i in range(3)]


def scamnet(*args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "scamnet", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def counts(db: Path) -> dict[str, int]:
    return {s.table: s.rows for s in store_stats(db, ["transfers", "reports"])}


def test_a_victim_is_traced_and_stats_answer_while_a_run_and_an_ingest_write(tmp_path: Path) -> None:
    db = tmp_path / "money.db"
    with open_store(db) as store, store.transaction() as con:
        for name, rows in money_world(0).items():
            append_rows(con, table(name), rows)
    before_trace = trace_report_at(db, "R0", Settings(), SystemClock(), policy="lifo")
    before = counts(db)
    extra = tmp_path / "later.jsonl"
    extra.write_text("\n".join(json.dumps(e) for e in EXTRA) + "\n")

    run = scamnet("run", "--db", str(db))
    deadline = time.monotonic() + 120
    while not Path(f"{db}.lock").read_text() and run.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)  # the lock file names its holder once the run has the store
    ingest = scamnet("ingest", str(extra), "--kind", "transfers", "--db", str(db))

    during = trace_report_at(db, "R0", Settings(), SystemClock(), policy="lifo")
    seen = counts(db)
    assert [(f["account_id"], f["held_amount"]) for f in during.freeze] == \
        [(f["account_id"], f["held_amount"]) for f in before_trace.freeze], "the same freeze list as before the writes"
    assert not (during.snapshot and during.stored), "a trace made on the snapshot says it is not stored"
    assert seen in (before, {**before, "transfers": before["transfers"] + len(EXTRA)}), \
        "stats are a finished state, never half an ingest"

    for writer in (run, ingest):
        _, err = writer.communicate(timeout=300)
        assert writer.returncode == 0, err.decode()
    assert counts(db)["transfers"] == before["transfers"] + len(EXTRA), "the ingest waited its turn and landed"
    with open_store(db, read_only=True) as store:
        assert store.con.sql("SELECT count(*) FROM alerts WHERE detector = 'mule'").fetchall()[0][0] > 0, \
            "the run landed too"

"""The service folds what it accepted into the store while it runs, so a trace or a batch run sees today's payments.

Before, the journal was folded only at the service's next start: a victim's payment decided an hour ago was not in
the store a trace reads until someone restarted the service.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

from scamnet.core.errors import ConflictError
from scamnet.core.settings import Settings
from scamnet.service import journal_fold
from scamnet.service.decide import DecisionService
from scamnet.service.event_ids import AcceptedIds
from scamnet.store import open_store
from scamnet.store.decisions import stored_decisions

HOLDER = """
import sys, time
from pathlib import Path
from scamnet.store import open_store
db, ready, go = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])
with open_store(db) as store:
    ready.write_text("writing")
    while not go.exists():
        time.sleep(0.05)
"""


def payment(n: int) -> dict:
    return {"kind": "transfer", "txn_id": f"live-{n}", "ts": f"2026-03-21T10:{n:02d}:00Z", "src_account": "A-victim",
            "dst_account": "A-mule", "amount": "5000.00", "channel": "mobile"}


def stored_payments(db: Path) -> list[str]:
    with open_store(db, read_only=True) as store:
        return [r[0] for r in store.con.execute("SELECT txn_id FROM transfers ORDER BY txn_id").fetchall()]


def started(db: Path) -> DecisionService:
    service = DecisionService(Settings({"journal_fold_s": 0.01}), db)
    service.start()
    return service


def test_payments_accepted_while_the_service_runs_reach_the_store_at_its_next_fold_and_once(db_path: Path) -> None:
    open_store(db_path).close()
    service = started(db_path)
    service.decide_requests([[payment(1)], [payment(2)]])
    assert stored_payments(db_path) == []
    time.sleep(0.02)
    assert service.fold_due()
    assert service.fold_running() == 2
    assert stored_payments(db_path) == ["live-1", "live-2"], "a trace reads them now, the service still running"
    with open_store(db_path, read_only=True) as store:
        assert len(stored_decisions(store)) == 2, "their decisions too"
    assert len(service.decisions(limit=10)) == 2, "an analyst reads each decision once, folded or not"
    service.decide_requests([[payment(3)]])
    restarted = started(db_path)  # the last payment was folded at this start, the first two not again
    assert stored_payments(db_path) == ["live-1", "live-2", "live-3"]
    assert restarted.status.journal_folded == 1


def test_a_fold_while_another_process_writes_the_store_keeps_the_lines_for_the_next(db_path: Path, tmp_path: Path,
                                                                                   monkeypatch) -> None:
    open_store(db_path).close()
    service = started(db_path)
    service.decide_requests([[payment(1)]])
    monkeypatch.setattr(journal_fold, "RUNNING_WAIT_S", 0.2)
    ready, go = tmp_path / "ready", tmp_path / "go"
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(db_path), str(ready), str(go)])
    try:
        deadline = time.monotonic() + 60
        while not ready.exists() and time.monotonic() < deadline and holder.poll() is None:
            time.sleep(0.05)
        assert ready.exists(), "the other writer did not start"
        assert service.fold_running() == 0, "the store is busy: nothing folded, nothing lost"
        service.decide_requests([[payment(2)]])
    finally:
        go.write_text("done")
        assert holder.wait(timeout=60) == 0
    assert service.fold_running() == 2, "the next fold takes both"
    assert stored_payments(db_path) == ["live-1", "live-2"]


def test_a_line_reusing_an_id_the_store_holds_with_other_content_is_set_aside_and_the_rest_folded(db_path: Path) -> None:
    open_store(db_path).close()
    started(db_path).decide_requests([[payment(1)]])
    service = started(db_path)  # folds live-1 into the store at start
    service.ids = AcceptedIds()  # as if live-1 were older than the newest 500,000 ids the service remembers
    service.decide_requests([[{**payment(1), "amount": "9.00"}], [payment(2)]])
    assert service.fold_running() == 1, "live-2 is folded; the clash does not hold it back"
    assert stored_payments(db_path) == ["live-1", "live-2"]
    with open_store(db_path, read_only=True) as store:
        assert store.con.execute("SELECT amount FROM transfers WHERE txn_id = 'live-1'").fetchone()[0] == Decimal("5000.00")
    rejected = [json.loads(line) for path in Path(f"{db_path}.journal", "rejected").glob("*.jsonl")
                for line in path.read_text().splitlines()]
    assert len(rejected) == 1 and '"9.00"' in rejected[0]["line"] and "txn_id" in rejected[0]["why"], "kept, with why"
    assert service.status.journal_rejected == 1
    assert started(db_path).status.journal_folded == 0, "the next start finds nothing left to fold"


def test_two_workers_journals_holding_one_id_with_other_content_fold_the_first_and_set_the_other_aside(
        db_path: Path) -> None:
    # two workers of one service each accepted txn live-1 (the id was older than what either remembered), with other
    # amounts, and the service stopped before a fold: at the next start the journal holds both
    open_store(db_path).close()
    worker = DecisionService(Settings({"journal_fold_s": 0}), db_path)
    worker.start()
    worker.decide_requests([[payment(1)], [payment(2)]])
    journal = Path(f"{db_path}.journal")
    [own] = list(journal.glob("transfers-*.jsonl"))
    lines = own.read_text().splitlines()
    other = [line.replace('"5000.00"', '"9.00"') for line in lines if "live-1" in line]
    (journal / "transfers-99999999.jsonl").write_text("\n".join(other) + "\n")
    restarted = started(db_path)
    assert stored_payments(db_path) == ["live-1", "live-2"], "the fold is not held back by the clash"
    with open_store(db_path, read_only=True) as store:
        assert store.con.execute("SELECT amount FROM transfers WHERE txn_id = 'live-1'").fetchone()[0] == Decimal("5000.00")
    rejected = [json.loads(line) for path in (journal / "rejected").glob("*.jsonl") for line in path.read_text().splitlines()]
    assert len(rejected) == 1 and '"9.00"' in rejected[0]["line"] and "journal" in rejected[0]["why"]
    assert restarted.status.journal_rejected == 1


def test_one_payment_accepted_by_two_workers_word_for_word_is_folded_once_and_set_aside_nowhere(db_path: Path) -> None:
    # a retry the load balancer handed to the other worker, which did not know the id
    open_store(db_path).close()
    worker = DecisionService(Settings({"journal_fold_s": 0}), db_path)
    worker.start()
    worker.decide_requests([[payment(1)]])
    journal = Path(f"{db_path}.journal")
    [own] = list(journal.glob("transfers-*.jsonl"))
    (journal / "transfers-99999999.jsonl").write_bytes(own.read_bytes())
    restarted = started(db_path)
    assert stored_payments(db_path) == ["live-1"]
    assert restarted.status.journal_rejected == 0 and not (journal / "rejected").exists()


def test_a_fold_while_running_whose_only_line_clashes_with_the_store_sets_it_aside_and_folds_nothing(db_path: Path) -> None:
    open_store(db_path).close()
    started(db_path).decide_requests([[payment(1)]])
    service = started(db_path)  # folds live-1 at start
    service.ids = AcceptedIds()
    service.decide_requests([[{**payment(1), "amount": "9.00"}]])
    assert service.fold_running() == 0
    assert service.status.journal_rejected == 1 and stored_payments(db_path) == ["live-1"]
    assert not list(Path(f"{db_path}.journal").glob("transfers-*.jsonl")), "the emptied file is not kept to fold again"


LOGIN = {"kind": "session", "account_id": "A-victim", "ts": "2026-03-21T09:58:00Z", "device_id": "dev-7", "ip": "1.2.3.4"}


def test_a_login_sent_again_counts_once_is_stored_once_and_with_another_ip_is_a_conflict(db_path: Path) -> None:
    # a login has no id: its account, time and device make it one event, in the store and in the live state
    open_store(db_path).close()
    service = started(db_path)
    service.decide_requests([[LOGIN], [payment(1)]])
    retried = service.decide_requests([[LOGIN]])  # the bank's client did not hear the answer
    assert isinstance(retried[0], list), "a retry is answered"
    at = datetime(2026, 3, 21, 10, 30, tzinfo=UTC)
    assert service.entity_view("account:A-victim", at)["live"]["session_count_1h"] == 1, "and counted once"
    changed = service.decide_requests([[{**LOGIN, "ip": "9.9.9.9"}]])
    assert isinstance(changed[0], ConflictError) and "account_id + ts + device_id" in changed[0].message
    restarted = started(db_path)  # before, the repeated login kept the whole journal out of the store
    assert stored_payments(db_path) == ["live-1"] and restarted.status.journal_rejected == 0
    with open_store(db_path, read_only=True) as store:
        assert store.con.execute("SELECT count(*) FROM sessions").fetchone()[0] == 1
    assert restarted.decide_requests([[LOGIN]])[0][0].event_id == "A-victim", "known across the restart too"
    assert restarted.entity_view("account:A-victim", at)["live"]["session_count_1h"] == 1

"""Ids accepted before a restart: a client that retries across it is counted once, an id reused after it is refused.

The service can die after an event is on disk and before its answer reaches the client, which then sends it again
to the restarted service. Before, the restarted service knew no id: the retry was counted a second time in the
payee's windows, and the same id with other content was accepted, and then refused by the journal's fold, which kept
the whole journal out of the store until someone removed the row by hand.
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pyarrow as pa

from scamnet.core.errors import ConflictError
from scamnet.core.settings import Settings
from scamnet.ingest.records import validated_records
from scamnet.service.decide import DecisionService
from scamnet.service.event_ids import AcceptedIds
from scamnet.service.journal import Journal, journal_lines
from scamnet.store import open_store

PAYMENT = {"kind": "transfer", "txn_id": "across-1", "ts": "2026-03-21T10:00:00Z", "src_account": "A-victim",
           "dst_account": "A-mule", "amount": "1200.00", "channel": "mobile"}
CALL = {"kind": "call", "call_id": "call-1", "started_at": "2026-03-21T18:00:00+08:00", "duration_s": 47,
        "caller": "+8613800000001", "callee": "+8613800000002", "answered": True}
VISIT = {"kind": "link_visit", "visit_id": "visit-1", "ts": "2026-03-21T10:05:00Z", "msisdn": "+8613800000002",
         "url": "http://gov-safe.cc/login", "domain": "gov-safe.cc", "source": "dns"}
AT = datetime(2026, 3, 21, 10, 30, tzinfo=UTC)


def started(db: Path) -> DecisionService:
    service = DecisionService(Settings(), db)
    service.start()
    return service


def journaled(db: Path) -> list[str]:
    return [line for path in Path(f"{db}.journal").glob("*.jsonl") for line in path.read_text().splitlines()]


def test_a_payment_retried_after_a_restart_is_answered_and_counted_once(db_path: Path) -> None:
    open_store(db_path).close()
    assert started(db_path).decide_requests([[PAYMENT], [CALL], [VISIT]])[0][0].event_id == "across-1"
    again = started(db_path)  # the first answer never reached the client; the journal is folded at this start
    assert again.status.ids_remembered == 3
    assert again.entity_view("account:A-mule", AT)["live"]["transfer_in_count_1h"] == 1
    answers = again.decide_requests([[PAYMENT], [CALL], [VISIT]])
    assert [a[0].event_id for a in answers] == ["across-1", "call-1", "visit-1"], "each retry is answered"
    assert again.entity_view("account:A-mule", AT)["live"]["transfer_in_count_1h"] == 1, "and not counted again"
    assert journaled(db_path) == [], "nor journaled again"


def test_an_id_reused_after_a_restart_is_refused_before_it_reaches_the_journal(db_path: Path) -> None:
    open_store(db_path).close()
    started(db_path).decide_requests([[PAYMENT]])
    again = started(db_path)
    refused = again.decide_requests([[{**PAYMENT, "amount": "9900.00"}], [{**CALL, "duration_s": 48}]])
    assert isinstance(refused[0], ConflictError) and "'across-1'" in refused[0].message
    assert isinstance(refused[1], list), "an id the store never held is a new event"
    third = started(db_path)
    assert third.status.journal_folded == 1, "the journal folds whole: it holds no clash with the store"
    assert journaled(db_path) == []


def validated(kind: str, records: list[dict]) -> list[tuple[str, dict]]:
    return [(kind, r) for r in validated_records(f"{kind}s", records, Settings()).to_pylist()]


def screened(ids: AcceptedIds, events: list[tuple[str, dict]]) -> list[object]:
    """What the service's screen says of each event sent alone: True a retry, False new, or the conflict."""
    out = []
    for kind, row in events:
        checked, repeats = ids.screen([[(kind, row)]], [journal_lines([(f"{kind}s", row)])])
        out.append(checked[0] if isinstance(checked[0], ConflictError) else repeats[0][0])
    return out


def test_ids_of_a_journal_the_store_could_not_take_yet_are_known_too(tmp_path: Path) -> None:
    journal = Journal(tmp_path / "j")
    sent = validated("transfer", [{k: v for k, v in PAYMENT.items() if k != "kind"}])
    journal.append([("transfers", row) for _, row in sent])
    ids = AcceptedIds()
    assert ids.seed([{}, journal.tables()]) == 1
    again = validated("transfer", [{k: v for k, v in PAYMENT.items() if k != "kind"}])
    changed = validated("transfer", [{**{k: v for k, v in PAYMENT.items() if k != "kind"}, "amount": "9900.00"}])
    assert screened(ids, again) == [True], "the same payment read back from the journal is a retry"
    assert isinstance(screened(ids, changed)[0], ConflictError)


def test_only_the_newest_ids_are_kept() -> None:
    rows = [{"txn_id": f"t{n}", "ts": f"2026-03-21T10:0{n}:00Z", "src_account": "A", "dst_account": "B",
             "amount": "1.00", "channel": "mobile"} for n in (5, 1, 3, 2, 4)]
    stored = validated("transfer", rows)
    ids = AcceptedIds(bound=3)
    assert ids.seed([{"transfers": pa.Table.from_pylist([row for _, row in stored])}]) == 3
    changed = [(kind, {**row, "amount": Decimal("2.00")}) for kind, row in stored]
    outcomes = dict(zip([row["txn_id"] for _, row in stored], screened(ids, changed), strict=True))
    assert [t for t, o in sorted(outcomes.items()) if isinstance(o, ConflictError)] == ["t3", "t4", "t5"]
    assert [t for t, o in sorted(outcomes.items()) if o is False] == ["t1", "t2"], "older ids are forgotten"

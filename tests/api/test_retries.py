"""A retried event is answered but counted once; an id reused with other content is refused and nothing is kept."""

from __future__ import annotations

from pathlib import Path

from tests.api.conftest import Client

PAYMENT = {"kind": "transfer", "txn_id": "retry-1", "ts": "2026-03-21T10:00:00Z", "src_account": "A-retry-payer",
           "dst_account": "A-retry-payee", "amount": "1200.00", "channel": "mobile"}


def _journaled(store: Path, event_id: str) -> int:
    folder = Path(f"{store}.journal")
    return sum(line.count(f'"{event_id}"') for path in folder.glob("transfers-*.jsonl")
               for line in path.read_text(encoding="utf-8").splitlines())


def test_a_payment_sent_twice_is_answered_twice_and_counted_once(served: Client, small_store: Path) -> None:
    first = served.post(PAYMENT)
    again = served.post(PAYMENT)
    assert first[0] == again[0] == 200
    assert again[2]["decisions"][0]["decision"] == first[2]["decisions"][0]["decision"]
    assert _journaled(small_store, "retry-1") == 1
    _, _, view = served.request("GET", "/v1/entities/account:A-retry-payee?at=2026-03-21T10:30:00Z", role="analyst")
    assert view["live"]["transfer_in_count_1h"] == 1


def test_an_id_reused_for_another_payment_is_refused_with_the_id_named(served: Client, small_store: Path) -> None:
    assert served.post({**PAYMENT, "txn_id": "retry-2"})[0] == 200
    status, _, problem = served.post([{**PAYMENT, "txn_id": "retry-3"}, {**PAYMENT, "txn_id": "retry-2", "amount": "9900.00"}])
    assert status == 409 and "'retry-2'" in problem["detail"] and "event 1" in problem["detail"]
    assert _journaled(small_store, "retry-3") == 0, "the request is all or nothing"

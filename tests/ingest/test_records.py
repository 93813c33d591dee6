"""Posted records: the Python road gives ingest's rows, and every refusal is ingest's, word for word."""

from __future__ import annotations

import pytest

from scamnet.core.errors import InputError
from scamnet.core.settings import Settings
from scamnet.ingest.records import _quick_rows, validated_records, validated_rows
from scamnet.schema import table

SETTINGS = Settings()
GOOD = [
    ("transfers", {"txn_id": "t1", "ts": "2026-03-01T09:05:00+08:00", "src_account": "A", "dst_account": "B",
                   "amount": "120.5", "channel": "mobile"}),
    ("transfers", {"txn_id": "t2", "ts": "2026-03-01T09:05:00.25Z", "src_account": None, "dst_account": "B",
                   "amount": 30000, "currency": "USD", "channel": "atm", "memo": {"note": "cash"}}),
    ("calls", {"call_id": "c1", "started_at": "2026-03-01T09:05:00", "duration_s": 61, "caller": "+8613800000001",
               "callee": "+8613800000002", "answered": True}),
    ("messages", {"msg_id": "m1", "sent_at": "2026-03-01T09:05:00Z", "sender": "10690088", "recipient": "+8613800000002",
                  "channel": "sms", "text": "your parcel: http://example.com"}),
    ("sessions", {"account_id": "A", "ts": "2026-03-01T09:05:00Z", "device_id": "D", "remote_access": "false"}),
]
BAD = [
    ("transfers", {"txn_id": "t1", "ts": "2026-03-01T09:05:00Z", "dst_account": "B", "amount": "-5", "channel": "mobile"}),
    ("transfers", {"txn_id": " ", "ts": "2026-03-01T09:05:00Z", "dst_account": "B", "amount": "5", "channel": "bike"}),
    ("transfers", {"txn_id": "t1", "ts": "1990-03-01T09:05:00Z", "amount": "5", "channel": "mobile", "colour": "red"}),
    ("calls", {"call_id": "c1", "started_at": "2026-03-01T09:05:00Z", "duration_s": 1.5, "caller": "138",
               "callee": "+8613800000002", "answered": "yes"}),
    ("messages", {"msg_id": "m1", "sent_at": "2026-03-01T09:05:00Z", "sender": "+8613800000001\n",
                  "recipient": "+8613800000002", "channel": "sms"}),
]


@pytest.mark.parametrize(("kind", "record"), GOOD, ids=[k for k, _ in GOOD])
def test_a_canonical_record_takes_the_python_road_to_ingests_row(kind: str, record: dict) -> None:
    assert _quick_rows(table(kind), [record], SETTINGS, "body") is not None
    assert validated_rows(kind, [record], SETTINGS) == validated_records(kind, [record], SETTINGS).to_pylist()


@pytest.mark.parametrize(("kind", "record"), BAD, ids=[k for k, _ in BAD])
def test_a_bad_record_is_refused_with_ingests_words(kind: str, record: dict) -> None:
    assert _quick_rows(table(kind), [record], SETTINGS, "body") is None
    with pytest.raises(InputError) as arrow:
        validated_records(kind, [record], SETTINGS, positions=[3])
    with pytest.raises(InputError) as rows:
        validated_rows(kind, [record], SETTINGS, positions=[3])
    assert [str(p) for p in rows.value.problems] == [str(p) for p in arrow.value.problems]
    assert all(p.row == 3 for p in rows.value.problems if p.row is not None)


@pytest.mark.parametrize(("kind", "record"), GOOD + BAD, ids=[k for k, _ in GOOD + BAD])
def test_an_ignored_field_changes_neither_the_rows_nor_the_refusals(kind: str, record: dict) -> None:
    """A posted event's ``kind`` is left out on both roads, as if the record had never held it."""
    def outcome(records: list[dict], **ignore: tuple[str, ...]) -> object:
        try:
            return validated_rows(kind, records, SETTINGS, **ignore)
        except InputError as exc:
            return [str(p) for p in exc.problems]

    assert outcome([record | {"kind": kind[:-1]}], ignore=("kind",)) == outcome([record])

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pyarrow as pa

from scamnet.online.events import event_from_row, events_from_tables
from scamnet.schema import table

T0 = datetime(2026, 3, 1, 9, tzinfo=UTC)


def test_a_call_from_a_gateway_touches_both_numbers_and_the_sim_and_handset() -> None:
    event = event_from_row("calls", {"started_at": T0, "caller": "+8613800000001", "callee": "+8613900000002",
                                     "caller_imsi": "460001234567890", "caller_imei": "863915052819872"})
    touches = {(t.entity, t.stream): t.counterpart for t in event.touches}
    assert touches == {
        ("phone:+8613800000001", "call_out"): "phone:+8613900000002",
        ("phone:+8613900000002", "call_in"): "phone:+8613800000001",
        ("imei:863915052819872", "call_out"): "imsi:460001234567890",
        ("imsi:460001234567890", "call_out"): "imei:863915052819872",
    }


def test_a_short_code_sender_is_a_handle_not_a_phone() -> None:
    event = event_from_row("messages", {"sent_at": T0, "sender": "10690088", "recipient": "+8613900000002",
                                        "sender_imsi": None, "sender_imei": None})
    assert [t.entity for t in event.touches] == ["handle:sms:10690088", "phone:+8613900000002"]


def test_atm_cash_out_touches_only_the_paying_account_and_its_device() -> None:
    event = event_from_row("transfers", {"ts": T0, "src_account": "6222000011112222", "dst_account": None,
                                         "amount": 2000, "src_device": "dev-1", "src_ip": None})
    assert [(t.entity, t.counterpart, t.cents) for t in event.touches] == [
        ("account:6222000011112222", None, 200000), ("device:dev-1", "account:6222000011112222", 200000)]


def test_tables_merge_into_one_stream_in_event_time_order() -> None:
    sessions = pa.Table.from_pylist([{"account_id": "A1", "ts": T0 + timedelta(minutes=m), "device_id": "d1", "ip": None}
                                     for m in (0, 20)], schema=table("sessions").schema)
    transfers = pa.Table.from_pylist([{"txn_id": "t1", "ts": T0 + timedelta(minutes=10), "src_account": "A1",
                                       "dst_account": "B2", "amount": 5, "currency": "CNY", "channel": "mobile"}],
                                     schema=table("transfers").schema)
    events = list(events_from_tables({"transfers": transfers, "sessions": sessions}))
    assert [e.touches[0].stream for e in events] == ["session", "transfer_out", "session"]
    assert [e.at_us for e in events] == sorted(e.at_us for e in events)


def test_an_amount_in_cents_is_the_same_however_often_and_in_whatever_order_it_is_asked() -> None:
    """The live state and the pay history both ask a transfer's cents; the last answer is kept, never a wrong one."""
    from decimal import Decimal

    from scamnet.online.events import cents

    asked = [Decimal("120.50"), None, Decimal("0.005"), Decimal("0.015"), 3, 2.5, None, Decimal("120.50")]
    assert [cents(a) for a in asked] == [12050, 0, 0, 2, 300, 250, 0, 12050]  # half a cent to even
    same = Decimal("99.99")
    assert cents(same) == cents(same) == 9999

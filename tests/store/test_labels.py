"""What the benches read from a world: labelled entities, gang ids, and the mules that moved gang money."""

from __future__ import annotations

from datetime import UTC, datetime

import pyarrow as pa
from tests.graph.test_trace import transfers as transfer_table

from scamnet.features.data import Data
from scamnet.store.labels import event_span, gang_ids, gang_money_accounts, labelled_entities, labelled_entities_of_kind

CALLS = pa.table({
    "call_id": ["c1", "c2"], "duration_s": pa.array([60, 60], pa.int32()), "callee": ["+8613900000001"] * 2,
    "answered": [True, True],
    "started_at": pa.array([datetime(2026, 3, 1, 9, tzinfo=UTC), datetime(2026, 3, 2, 9, tzinfo=UTC)], pa.timestamp("us", "UTC")),
    "caller": ["+8613800000001", "+8613800000002"], "caller_imsi": ["460001", "460002"],
    "caller_imei": ["35001", "35002"],
})
LABELS = pa.table({"entity": ["phone:+8613800000001", "imsi:460002", "phone:+8613800000009"],
                   "label": ["call_centre", "fraud_number", "victim"], "gang_id": [None, "G1", "G1"]})


def test_a_call_centre_number_makes_the_handset_it_called_from_a_call_centre_device() -> None:
    data = Data.from_tables(calls=CALLS, labels=LABELS)
    assert labelled_entities_of_kind(data, "imei", ["call_centre"]) == {"imei:35001"}
    assert labelled_entities_of_kind(data, "imei", exclude=["call_centre", "victim"]) == {"imei:35002"}
    assert labelled_entities_of_kind(data, "phone", ["call_centre"]) == {"phone:+8613800000001"}


def test_a_victim_is_labelled_but_belongs_to_no_gang_when_victims_are_left_out() -> None:
    data = Data.from_tables(calls=CALLS, labels=LABELS)
    assert "phone:+8613800000009" in labelled_entities(data)
    assert gang_ids(data, exclude=["victim"]) == {"imsi:460002": "G1"}


def test_the_span_of_the_calls_runs_from_the_first_call_to_the_last() -> None:
    data = Data.from_tables(calls=CALLS)
    assert event_span(data, "calls", "started_at") == (datetime(2026, 3, 1, 9, tzinfo=UTC), datetime(2026, 3, 2, 9, tzinfo=UTC))
    assert event_span(Data.from_tables(), "calls", "started_at") == (None, None)


def test_only_mules_that_took_victim_money_or_dealt_with_other_mules_in_the_window_are_moving_gang_money():
    rows = [  # (txn_id, src, dst, channel): V pays L1; L1 passes to L2; L2 cashes out; L3 only pays its rent
        ("t1", "V", "L1", "mobile"), ("t2", "L1", "L2", "mobile"), ("t3", "L2", None, "atm"),
        ("t4", "L3", "LANDLORD", "mobile"), ("t5", "N", "SHOP", "pos"),
    ]
    transfers = transfer_table(*[(t, float(i), src, dst, "100.00", ch) for i, (t, src, dst, ch) in enumerate(rows)])
    transfers = transfers.append_column("currency", pa.array(["CNY"] * len(rows)))
    labels = pa.table({"entity": ["txn:t1"], "label": ["victim_transfer"]})
    data = Data.from_tables(transfers=transfers, labels=labels)
    mules = {"account:L1", "account:L2", "account:L3"}
    assert gang_money_accounts(data, mules, prefix="account:") == {"account:L1", "account:L2"}

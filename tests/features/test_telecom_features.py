"""The telecom feature queries equal what a person computes by hand on a tiny world."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pyarrow as pa
import pytest

from scamnet.core.errors import NotFoundError
from scamnet.features.data import Data
from scamnet.features.runner import run_feature
from scamnet.features.telecom import CALL_FOOTPRINT, CALL_PAIRS, CALLING_RHYTHM, shared_rows, telecom_features
from scamnet.schema import table

T0 = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)  # Monday 09:00 in China (UTC+8)
A, B, C, D = "+8613800000001", "+8613800000002", "+8613800000003", "+8613800000004"


def _calls(rows: list[tuple]) -> pa.Table:
    keys = ("started_at", "duration_s", "caller", "callee", "caller_imsi", "caller_imei", "caller_cell")
    return pa.Table.from_pylist(
        [{"call_id": f"c{i}", **dict(zip(keys, r, strict=True)), "answered": r[1] > 0} for i, r in enumerate(rows)],
        schema=table("calls").schema,
    )


def _world() -> Data:
    """A gateway ``G`` with two SIMs (numbers A and D) calls B, C and B again; B calls A back once."""
    minute = timedelta(minutes=1)
    calls = _calls([
        (T0, 20, A, B, "imsi-a", "G", "cell-1"),
        (T0 + 5 * minute, 0, A, C, "imsi-a", "G", "cell-1"),
        (T0 + 10 * minute, 100, D, B, "imsi-d", "G", "cell-1"),
        (T0 + 15 * minute, 40, A, B, "imsi-a", "G", "cell-1"),
        (T0 + 30 * minute, 60, B, A, "imsi-b", "H", "cell-7"),
    ])
    messages = pa.Table.from_pylist([
        {"msg_id": "m1", "sent_at": T0, "sender": D, "recipient": C, "channel": "sms", "text": "refund at http://x.top/a",
         "sender_imsi": "imsi-d", "sender_imei": "G", "sender_cell": "cell-1"},
        {"msg_id": "m2", "sent_at": T0, "sender": D, "recipient": B, "channel": "sms", "text": "hello",
         "sender_imsi": "imsi-d", "sender_imei": "G", "sender_cell": "cell-1"},
    ], schema=table("messages").schema)
    subscribers = pa.Table.from_pylist([
        {"msisdn": A, "imsi": "imsi-a", "holder_id": None, "activated_at": T0 - timedelta(days=2), "plan": "prepaid", "region": "GD"},
        {"msisdn": B, "imsi": "imsi-b", "holder_id": "p-b", "activated_at": T0 - timedelta(days=900), "plan": "postpaid", "region": "GD"},
        {"msisdn": C, "imsi": "imsi-c", "holder_id": "p-c", "activated_at": T0 - timedelta(days=900), "plan": "postpaid", "region": "GD"},
    ], schema=table("subscribers").schema)
    persons = pa.Table.from_pylist([
        {"person_id": "p-b", "birth_year": 1950, "region": "GD"}, {"person_id": "p-c", "birth_year": 1990, "region": "GD"},
    ], schema=table("persons").schema)
    reports = pa.Table.from_pylist([
        {"report_id": "r1", "reported_at": T0 + timedelta(days=1), "victim_person": "p-c", "victim_msisdn": C,
         "victim_account": None, "scam_type": "customer_service_refund", "loss_amount": 100, "currency": "CNY",
         "narrative": None},
    ], schema=table("reports").schema)
    items = pa.Table.from_pylist([{"report_id": "r1", "kind": "phone", "value": A}], schema=table("report_items").schema)
    return Data.from_tables(calls=calls, messages=messages, subscribers=subscribers, persons=persons,
                            reports=reports, report_items=items)


def _row(result: pa.Table, entity: str) -> dict:
    return next(r for r in result.to_pylist() if r["entity"] == entity)


def test_number_a_calls_two_strangers_of_whom_one_calls_back() -> None:
    a = _row(run_feature(_world(), "telecom/number_features", utc_offset_hours=8), f"phone:{A}")
    assert (a["calls_out"], a["calls_in"], a["callees"]) == (3, 1, 2)
    assert a["answered_share"] == pytest.approx(2 / 3)
    assert a["median_duration_s"] == 30  # answered calls of 20 s and 40 s
    assert a["short_share"] == pytest.approx(1 / 2)
    assert a["callback_share"] == pytest.approx(1 / 2)  # B called back, C never did
    assert a["one_off_share"] == pytest.approx(1 / 2)  # C: called once, never again, never back
    assert a["office_hours_share"] == 1.0 and a["night_share"] == 0.0
    assert (a["cells"], a["imeis"], a["imsis_on_device"]) == (1, 1, 2)
    assert a["elderly_share"] == pytest.approx(1 / 2)  # B born 1950, C 1990
    assert (a["contacts_reporting"], a["reports_naming"]) == (1, 1)  # C reported the next day and named A
    assert a["sim_age_days"] == pytest.approx(2.0)
    assert a["unregistered"] is True and a["business_plan"] is False


def test_number_d_texts_one_link_in_two_messages() -> None:
    d = _row(run_feature(_world(), "telecom/number_features"), f"phone:{D}")
    assert (d["sms_out"], d["sms_recipients"], d["sms_link_share"]) == (2, 2, 0.5)
    assert d["sim_age_days"] is None  # D is no subscriber of this operator


def test_the_gateway_device_carries_two_sims_and_gets_one_call_in() -> None:
    g = _row(run_feature(_world(), "telecom/imei_features", utc_offset_hours=8), "imei:G")
    assert (g["imsis"], g["numbers"], g["sims"]) == (2, 2, ["imsi-a", "imsi-d"])
    assert (g["calls_out"], g["calls_in"], g["callees"], g["cells"]) == (4, 1, 2, 1)
    assert g["peak_hour_calls"] == 4
    assert g["gap_cv"] == pytest.approx(0.0)  # one call every five minutes
    assert g["unregistered_share"] == pytest.approx(1.0)  # A has no holder; D is unknown
    assert g["sms_link_share"] == 0.5


def test_the_period_keeps_only_calls_inside_it() -> None:
    later = _world().window(T0 + timedelta(minutes=12), None)
    a = _row(run_feature(later, "telecom/number_features"), f"phone:{A}")
    assert (a["calls_out"], a["calls_in"]) == (1, 1)


def test_an_unknown_feature_query_names_the_known_ones() -> None:
    with pytest.raises(NotFoundError) as caught:
        run_feature(_world(), "telecom/nothing")
    assert "telecom/imei_features" in caught.value.hint


def test_the_busiest_hour_counts_calls_of_one_clock_hour_not_of_any_sixty_minutes() -> None:
    """A calls at 09:50, 09:55, 10:05, 10:10 and 10:15 (five calls within 25 minutes, but three in
    the 10:00 hour), then once at 12:00; B calls once: its busiest hour holds that one call."""
    minute = timedelta(minutes=1)
    at = [-10, -5, 5, 10, 15, 120]
    calls = _calls([(T0 + m * minute, 30, A, C, "imsi-a", "G", "cell-1") for m in at]
                   + [(T0, 30, B, C, "imsi-b", "H", "cell-2")])
    result = run_feature(Data.from_tables(calls=calls), "telecom/number_features")
    assert _row(result, f"phone:{A}")["peak_hour_calls"] == 3
    assert _row(result, f"phone:{B}")["peak_hour_calls"] == 1
    devices = run_feature(Data.from_tables(calls=calls), "telecom/imei_features")
    assert (_row(devices, "imei:G")["peak_hour_calls"], _row(devices, "imei:H")["peak_hour_calls"]) == (3, 1)


def test_a_phone_and_its_handset_are_one_caller_and_a_gateway_or_a_second_handset_each_their_own() -> None:
    """B calls from handset H alone, and H carries B alone: one row for both. Gateway G carries A
    and D: each number its own row, and G one more over the calls of both. E calls from two
    handsets: a row for E over all its calls, and one for each handset over its own. F called once
    from handset Q and once with no device on record: F's calls are not Q's, so each has its own row."""
    minute = timedelta(minutes=1)
    E, F = "+8613800000005", "+8613800000006"
    calls = _calls([
        (T0, 20, A, B, "imsi-a", "G", "cell-1"),
        (T0 + 5 * minute, 30, D, C, "imsi-d", "G", "cell-1"),
        (T0 + 10 * minute, 40, A, C, "imsi-a", "G", "cell-1"),
        (T0 + minute, 60, B, C, "imsi-b", "H", "cell-2"),
        (T0 + 2 * minute, 60, B, A, "imsi-b", "H", "cell-2"),
        (T0, 10, E, A, "imsi-e", "P1", "cell-3"),
        (T0 + minute, 10, E, B, "imsi-e", "P2", "cell-3"),
        (T0 + 2 * minute, 10, E, C, "imsi-e", "P2", "cell-3"),
        (T0, 15, F, A, "imsi-f", "Q", "cell-4"),
        (T0 + minute, 15, F, B, "imsi-f", None, "cell-4"),
    ])
    rows = run_feature(Data.from_tables(calls=calls), "telecom/calling_rhythm").to_pylist()
    calls_out = {(r["number"], r["imei"]): r["calls_out"] for r in rows}
    assert calls_out == {(B, "H"): 2, (A, None): 2, (D, None): 1, (None, "G"): 3,
                         (E, None): 3, (None, "P1"): 1, (None, "P2"): 2, (F, None): 2, (None, "Q"): 1}
    # each kind of feature reads its own actor's row, whichever row that is
    data = Data.from_tables(calls=calls)
    numbers, devices = telecom_features(data, "telecom/number_features"), telecom_features(data, "telecom/imei_features")
    assert [_row(numbers, f"phone:{n}")["calls_out"] for n in (A, B, D, E, F)] == [2, 2, 1, 3, 2]
    assert [_row(devices, f"imei:{i}")["calls_out"] for i in ("G", "H", "P1", "P2", "Q")] == [3, 2, 1, 2, 1]
    assert _row(devices, "imei:H")["median_duration_s"] == _row(numbers, f"phone:{B}")["median_duration_s"] == 60


def test_the_shared_queries_are_computed_once_per_read_of_the_store_and_local_clock() -> None:
    data = _world()
    assert shared_rows(data, CALLING_RHYTHM, utc_offset_hours=8) is shared_rows(data, CALLING_RHYTHM, utc_offset_hours=8)
    assert shared_rows(data, CALLING_RHYTHM) is not shared_rows(data, CALLING_RHYTHM, utc_offset_hours=8)
    assert shared_rows(_world(), CALLING_RHYTHM) is not shared_rows(data, CALLING_RHYTHM)


def test_who_called_whom_and_from_where_is_grouped_once_for_both_kinds_of_caller() -> None:
    """Gateway G: A called B twice and C once, D called B once; handset H: B called A back."""
    pairs = {(r["caller"], r["caller_imei"], r["callee"]): (r["n"], r["first_at"])
             for r in run_feature(_world(), CALL_PAIRS).to_pylist()}
    assert {k: n for k, (n, _) in pairs.items()} == {(A, "G", B): 2, (A, "G", C): 1, (D, "G", B): 1, (B, "H", A): 1}
    assert pairs[(A, "G", B)][1] == T0
    footprint = {(r["caller"], r["caller_imei"], r["caller_imsi"], r["caller_cell"])
                 for r in run_feature(_world(), CALL_FOOTPRINT).to_pylist()}
    assert footprint == {(A, "G", "imsi-a", "cell-1"), (D, "G", "imsi-d", "cell-1"), (B, "H", "imsi-b", "cell-7")}
    # read through them, the device's callers back and the number's incoming calls are those of the calls
    data = _world()
    assert _row(telecom_features(data, "telecom/number_features"), f"phone:{B}")["calls_in"] == 3
    assert _row(telecom_features(data, "telecom/imei_features"), "imei:G")["calls_in"] == 1

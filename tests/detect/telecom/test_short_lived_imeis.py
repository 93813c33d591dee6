"""A SIM bank's short-lived spoofed IMEI joins the bank whose cell-hours hold its own; people beside it do not.

A tiny hand-made world of ten days: a SIM bank in three cells whose twenty SIMs each live three
days in an IMEI of their own (six in use on most days, all side by side), a spoofed IMEI whose SIM sent
three texts on one day in the bank's cell-hours, and honest people — one living in the bank's
cell and calling from it at the hours the bank works, two whose new phones are in use for the
last two days: one in a cell of its own, one in the bank's cells at its hours, calling a friend who
calls back.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pyarrow as pa
import pytest

from scamnet.detect.telecom.goip import GoipDetector
from scamnet.features.data import Data
from scamnet.features.runner import run_feature
from scamnet.online.detector_refs import References
from scamnet.online.telecom_state import TelecomState
from scamnet.schema import table

T0 = datetime(2026, 3, 2, tzinfo=UTC)  # 08:00 in China (UTC+8)
DAYS = 10
BANK_SIMS = 20
PEOPLE = 30


def _at(day: int, hour: int, minute: int = 0) -> datetime:
    return T0 + timedelta(days=day, hours=hour, minutes=minute)


def _bank_cell(hour: int) -> str:
    """The bank's box is seen by three cells, one after the other hour by hour."""
    return f"bank-{hour % 3}"


def _call(rows: list[dict], at: datetime, caller: str, callee: str, imsi: str, imei: str, cell: str, seconds: int = 30) -> None:
    rows.append({"call_id": f"c{len(rows)}", "started_at": at, "duration_s": seconds, "caller": caller, "callee": callee,
                 "caller_imsi": imsi, "caller_imei": imei, "caller_cell": cell, "answered": seconds > 0})


def _world(first_day: int = 0) -> Data:
    """The world from ``first_day`` on (the days before it left out of the records)."""
    calls: list[dict] = []
    for i in range(PEOPLE):  # honest people calling friends, who call back, from home
        me, friend = f"+861380000{i:04d}", f"+861380000{(i + 1) % PEOPLE:04d}"
        for day in range(DAYS):
            _call(calls, _at(day, 1 + i % 10, i), me, friend, f"imsi-p{i}", f"phone-{i}", f"home-{i % 5}", 120)
    for day in range(DAYS):  # the resident of the bank's cell calls family from it at the bank's hours
        for hour in (3, 6, 9):
            _call(calls, _at(day, hour, 30), "+8613900000001", "+8613800000000", "imsi-r", "resident", "bank-0", 200)
    for day in (DAYS - 2, DAYS - 1):  # a new phone, in use for the world's last two days, at home
        for hour in (2, 4, 7):
            _call(calls, _at(day, hour, 10), "+8613900000002", "+8613800000001", "imsi-n", "new-phone", "home-9", 90)
    for day in (DAYS - 2, DAYS - 1):  # another new phone, used in the bank's cell at its hours; its friends call back
        for hour in (3, 6, 9):
            _call(calls, _at(day, hour, 20), "+8613900000003", "+8613800000002", "imsi-m", "new-phone-2", _bank_cell(hour), 60)
        _call(calls, _at(day, 10), "+8613800000002", "+8613900000003", "imsi-p2", "phone-2", "home-2", 60)
    for k in range(BANK_SIMS):  # SIM k in its own spoofed IMEI for three days from day k // 2
        for day in range(k // 2, min(k // 2 + 3, DAYS)):
            for hour in range(1, 13):
                _call(calls, _at(day, hour, k), f"+86170000{k:05d}", f"+86150{day:02d}{hour:02d}{k:04d}", f"imsi-s{k}",
                      f"spoof-{k}", _bank_cell(hour), 0)
    messages = [{"msg_id": f"m{h}", "sent_at": _at(8, h, 40), "sender": "+8617100000000", "recipient": f"+8615900000{h:03d}",
                 "channel": "sms", "text": "your parcel is held, call us", "sender_imsi": "imsi-x", "sender_imei": "spoof-x",
                 "sender_cell": _bank_cell(h)} for h in (3, 5, 7)]
    calls = [c for c in calls if c["started_at"] >= _at(first_day, 0)]
    return Data.from_tables(calls=pa.Table.from_pylist(calls, schema=table("calls").schema),
                            messages=pa.Table.from_pylist(messages, schema=table("messages").schema))


@pytest.fixture(scope="module")
def world() -> Data:
    return _world()


@pytest.fixture(scope="module")
def devices(world: Data) -> dict[str, dict]:
    rows = run_feature(world, "telecom/imei_features", utc_offset_hours=8).to_pylist()
    return {r["entity"].removeprefix("imei:"): r for r in rows}


def test_the_bank_s_spoofed_imeis_stand_side_by_side_and_its_sims_take_turns(devices) -> None:
    bank = devices["spoof-7"]
    assert (bank["bank_imeis"], bank["bank_sims"], bank["bank_peak_sims"]) == (BANK_SIMS, BANK_SIMS, 6)


def test_the_short_lived_spoofed_imei_joins_the_bank_whose_cell_hours_hold_its_three_texts(devices) -> None:
    spoofed = devices["spoof-x"]
    # three texts on one day: never busy enough to stand side by side with anyone
    assert (spoofed["calls_out"], spoofed["sms_out"], spoofed["imsis"]) == (0, 3, 1)
    assert (spoofed["bank_imeis"], spoofed["bank_sims"]) == (BANK_SIMS + 1, BANK_SIMS + 1)
    assert spoofed["own_sim_days"] == 1


def test_people_in_the_bank_s_cell_and_a_new_phone_keep_to_themselves(devices) -> None:
    # the resident calls from the bank's cell at its hours, but has lived there all along
    assert devices["resident"]["bank_imeis"] == 1
    # the new phones lived two days: one in a cell of its own, one in the bank's cell-hours but calling a
    # friend who calls its number, as a person's phone does and a SIM bank's IMEI does not
    assert devices["new-phone"]["bank_imeis"] == 1
    assert devices["new-phone-2"]["bank_imeis"] == 1
    assert all(devices[f"phone-{i}"]["bank_imeis"] == 1 for i in range(PEOPLE))


def test_goip_flags_the_short_lived_spoofed_imei_and_no_honest_phone(world) -> None:
    detector = GoipDetector().fit(world)
    scores = {r["entity"].removeprefix("imei:"): r["score"] for r in detector.score(world).to_pylist()}
    assert scores["spoof-x"] >= 0.5
    honest = ["resident", "new-phone", "new-phone-2", *(f"phone-{i}" for i in range(PEOPLE))]
    assert max(scores[d] for d in honest) < 0.5
    assert any("SIM bank" in reason for reason in detector.explain("imei:spoof-x"))


def test_in_a_history_of_four_days_the_three_texts_join_no_bank() -> None:
    """Over a few days every phone lived only days: a short life says nothing there."""
    short = {r["entity"]: r for r in run_feature(_world(first_day=DAYS - 4), "telecom/imei_features").to_pylist()}
    assert short["imei:spoof-x"]["bank_imeis"] == 1
    assert short["imei:spoof-17"]["bank_imeis"] > 1  # the bank itself still stands side by side


def test_the_live_state_names_the_same_bank_as_the_batch_query(world, devices) -> None:
    state = TelecomState(References.of_tables({}))
    events = [("call", r) for r in world.table("calls").to_pylist()] + [("sms", r) for r in world.table("messages").to_pylist()]
    for kind, row in sorted(events, key=lambda e: e[1]["started_at" if e[0] == "call" else "sent_at"]):
        state.call(row) if kind == "call" else state.message(row)
    for imei in ("spoof-x", "spoof-7", "resident", "new-phone", "new-phone-2"):
        live = state.device_features(imei)
        assert live is not None
        for name in ("bank_imeis", "bank_sims", "bank_peak_sims", "own_sim_days"):
            assert live[name] == devices[imei][name], (imei, name)

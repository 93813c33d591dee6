"""A SIM bank's facts count each SIM once, however many days it was seen, and name one bank for
all its devices, whatever order their IMEIs come in (``telecom/_side_by_side`` numbers the busy
devices in IMEI order for its self-join, and reads one row per SIM and device for the bank's SIMs).

A tiny hand-made world of five days: a box of three devices (IMEIs ``z-box``, ``a-box`` and
``m-box``, seen in that order) acting in the same cell every hour from 01:00 to 06:00; ``z-box``
keeps one SIM all along, ``m-box`` another, and ``a-box`` holds one SIM for days 0-1 and a new
one for days 3-4 (none on day 2). A person calls a friend from home on each of those days.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pyarrow as pa
import pytest

from scamnet.features.data import Data
from scamnet.features.runner import run_feature
from scamnet.schema import table

T0 = datetime(2026, 3, 2, tzinfo=UTC)
DAYS = 5
#: (IMEI, SIM, days it is used in the box), in the order the records show them.
BOX = [("z-box", "imsi-z", range(DAYS)), ("a-box", "imsi-a1", (0, 1)), ("a-box", "imsi-a2", (3, 4)),
       ("m-box", "imsi-m", range(DAYS))]


def _call(rows: list[dict], at: datetime, caller: str, imsi: str, imei: str, cell: str) -> None:
    rows.append({"call_id": f"c{len(rows)}", "started_at": at, "duration_s": 20, "caller": caller,
                 "callee": f"+8615{len(rows):09d}", "caller_imsi": imsi, "caller_imei": imei, "caller_cell": cell,
                 "answered": True})


@pytest.fixture(scope="module")
def devices() -> dict[str, dict]:
    calls: list[dict] = []
    for k, (imei, imsi, days) in enumerate(BOX):
        for day in days:
            for hour in range(1, 7):
                _call(calls, T0 + timedelta(days=day, hours=hour, minutes=k), f"+86170{k:08d}", imsi, imei, "box-cell")
    for day in range(DAYS):
        for hour in range(1, 7):
            _call(calls, T0 + timedelta(days=day, hours=hour), "+8613800000001", "imsi-p", "phone", "home-cell")
    data = Data.from_tables(calls=pa.Table.from_pylist(calls, schema=table("calls").schema))
    rows = run_feature(data, "telecom/imei_features").to_pylist()
    return {r["entity"].removeprefix("imei:"): r for r in rows}


def test_the_box_s_three_devices_are_one_bank_whatever_order_their_imeis_come_in(devices) -> None:
    assert {imei: devices[imei]["bank_imeis"] for imei in ("z-box", "a-box", "m-box")} == {"z-box": 3, "a-box": 3, "m-box": 3}


def test_each_sim_of_the_bank_counts_once_over_the_days_it_was_seen(devices) -> None:
    assert {devices[imei]["bank_sims"] for imei in ("z-box", "a-box", "m-box")} == {4}


def test_the_peak_is_the_most_sims_alive_on_one_day_not_the_sims_of_the_period(devices) -> None:
    # a-box's first SIM lives days 0-1, its second days 3-4: three SIMs alive at most on one day
    assert {devices[imei]["bank_peak_sims"] for imei in ("z-box", "a-box", "m-box")} == {3}


def test_a_person_calling_from_home_stands_beside_no_one(devices) -> None:
    assert (devices["phone"]["bank_imeis"], devices["phone"]["bank_sims"], devices["phone"]["bank_peak_sims"]) == (1, 1, 1)

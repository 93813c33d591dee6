"""Domain facts every live state must show, in-process and in Redis alike."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from scamnet.online.events import event_from_row, microseconds
from scamnet.online.state import LiveState, MemoryState
from scamnet.online.windows import parse_windows

T0 = datetime(2026, 3, 1, 9, tzinfo=UTC)
WINDOWS = parse_windows("1h,24h,7d")
MULE = "6222000000000001"


@pytest.fixture(params=["memory", "redis"])
def state(request: pytest.FixtureRequest) -> Iterator[LiveState]:
    if request.param == "memory":
        yield MemoryState(WINDOWS)
        return
    from scamnet.online.redis_state import RedisState

    shared = RedisState(WINDOWS, request.getfixturevalue("redis_url"))
    yield shared
    shared.close()


def _transfer(state: LiveState, at: datetime, src: str | None, dst: str | None, amount: str) -> None:
    state.update(event_from_row("transfers", {"ts": at, "src_account": src, "dst_account": dst,
                                              "amount": Decimal(amount), "src_device": None, "src_ip": None}))


def _call(state: LiveState, at: datetime, caller: str, callee: str, imsi: str, imei: str) -> None:
    state.update(event_from_row("calls", {"started_at": at, "caller": caller, "callee": callee,
                                          "caller_imsi": imsi, "caller_imei": imei}))


def test_five_new_payers_in_the_last_hour_show_in_the_hour_window_and_leave_it(state: LiveState) -> None:
    for i in range(5):
        _transfer(state, T0 + timedelta(minutes=10 * i), f"62170000000000{i:02d}", MULE, "5000.00")
    now = state.features(f"account:{MULE}", T0 + timedelta(minutes=45))
    later = state.features(f"account:{MULE}", T0 + timedelta(minutes=40, hours=2))
    assert (now["transfer_in_distinct_1h"], now["transfer_in_count_1h"], now["transfer_in_amount_1h"]) == (5, 5, 25000.0)
    assert (later["transfer_in_distinct_1h"], later["transfer_in_count_1h"], later["transfer_in_amount_1h"]) == (0, 0, 0.0)
    assert later["transfer_in_distinct_24h"] == 5 and later["first_seen"] == T0


def test_a_mule_paying_the_money_on_within_the_hour_shows_amounts_in_and_out(state: LiveState) -> None:
    for i, amount in enumerate(["5000.00", "5000.00", "4999.99"]):
        _transfer(state, T0 + timedelta(minutes=i), f"621700000000000{i}", MULE, amount)
    _transfer(state, T0 + timedelta(minutes=20), MULE, "6228000000000009", "14900.00")
    _transfer(state, T0 + timedelta(minutes=25), MULE, None, "99.99")  # the rest at an ATM
    figures = state.features(f"account:{MULE}", T0 + timedelta(minutes=30))
    assert figures["transfer_in_amount_1h"] == 14999.99 and figures["transfer_out_amount_1h"] == 14999.99
    assert (figures["transfer_out_count_1h"], figures["transfer_out_distinct_1h"]) == (2, 1)


def test_a_gateway_imei_that_carried_seven_sims_in_an_hour_shows_seven(state: LiveState) -> None:
    imei = "863915052819872"
    for i in range(70):
        _call(state, T0 + timedelta(seconds=40 * i), f"+861700000000{i % 7}", f"+86139{i:08d}", f"46000000000000{i % 7}", imei)
    figures = state.features(f"imei:{imei}", T0 + timedelta(minutes=50))
    assert (figures["call_out_count_1h"], figures["call_out_distinct_1h"]) == (70, 7)
    assert state.features("phone:+8617000000003", T0 + timedelta(minutes=50))["call_out_distinct_1h"] == 10


def test_a_number_calling_a_new_number_every_hour_for_ten_days_keeps_only_a_week(state: LiveState) -> None:
    for hour in range(240):
        _call(state, T0 + timedelta(hours=hour), "+8617000000001", f"+86139{hour:08d}", "460000000000001", "863915052819872")
    figures = state.features("phone:+8617000000001", T0 + timedelta(hours=239, minutes=30))
    assert figures["call_out_distinct_1h"] == 1 and figures["call_out_distinct_24h"] == 24
    # the 7 d window's far edge is exact to one bucket (1/60 of a week, 2.8 h)
    assert 165 <= figures["call_out_distinct_7d"] == figures["call_out_count_7d"] <= 168
    assert figures["first_seen"] == T0 and figures["last_seen"] == T0 + timedelta(hours=239)


def test_events_arriving_out_of_order_count_in_the_window_of_their_own_time(state: LiveState) -> None:
    late, early = T0 + timedelta(minutes=50), T0 + timedelta(minutes=5)
    _transfer(state, late, "6217000000000001", MULE, "10.00")
    _transfer(state, early, "6217000000000002", MULE, "20.00")  # arrives 45 min late
    figures = state.features(f"account:{MULE}", T0 + timedelta(minutes=70))
    assert (figures["transfer_in_count_1h"], figures["transfer_in_amount_1h"]) == (1, 10.0)
    assert (figures["first_seen"], figures["last_seen"]) == (early, late)


def test_an_entity_never_seen_has_zero_figures_and_no_first_seen(state: LiveState) -> None:
    figures = state.features("phone:+8613800000000", T0)
    assert figures["first_seen"] is None and figures["call_in_count_7d"] == 0 and figures["message_out_distinct_1h"] == 0


def test_a_gateway_read_after_every_call_and_one_read_only_at_the_end_show_the_same_windows() -> None:
    """Touches wait uncounted until the entity is read (or ``FOLD_AT`` of them wait): reading early never changes a
    figure, across folds, pruned buckets and a call that arrives late."""
    read_often, read_once = MemoryState(WINDOWS), MemoryState(WINDOWS)
    imei, moments = "863915052819872", [T0 + timedelta(minutes=7 * i) for i in range(400)]
    moments[250] = moments[249] - timedelta(minutes=50)  # 50 minutes late
    for i, at in enumerate(moments):
        for state in (read_often, read_once):
            _call(state, at, f"+861700000000{i % 9}", f"+86139{i:08d}", f"46000000000000{i % 9}", imei)
        read_often.features(f"imei:{imei}", at)
    end = moments[-1] + timedelta(minutes=1)
    for entity in (f"imei:{imei}", "phone:+8617000000004", "imsi:460000000000004"):
        assert read_often.features(entity, end) == read_once.features(entity, end)
    figures = read_once.features(f"imei:{imei}", end)
    assert figures["call_out_distinct_24h"] == 9 and figures["call_out_count_1h"] == 9


def test_a_burst_of_calls_in_one_minute_with_late_ones_counts_as_the_calls_one_by_one() -> None:
    """Touches in the bucket of the stream's touch before are counted without working the buckets out again: a burst
    of calls in one minute, calls arriving late into older minutes and a quiet day between give each window exactly the
    calls made in it."""
    state = MemoryState(WINDOWS)
    gateway, moments = "+8617000000001", []
    for minute in (0, 0, 0, 1, 1, 0, 59, 61, 61, 60, 1500, 1500, 1499, 1501):  # 0 and 60 arrive late
        moments += [T0 + timedelta(minutes=minute, seconds=s) for s in (5, 40)]
    for i, at in enumerate(moments):
        _call(state, at, gateway, f"+86139{i:08d}", "460000000000001", "863915052819872")
    end = max(moments) + timedelta(seconds=1)
    figures = state.features(f"phone:{gateway}", end)
    for window in WINDOWS:  # a window holds the calls from its first bucket on
        first = window.first_bucket(microseconds(end))
        made = sum(microseconds(at) // window.width_us >= first for at in moments)
        assert figures[f"call_out_count_{window.name}"] == made
    assert (figures["call_out_count_1h"], figures["call_out_count_7d"]) == (8, len(moments))

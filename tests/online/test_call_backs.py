"""Who called back, kept call by call, is what the batch features count over the whole history, in any order."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta

from scamnet.online.detector_refs import References
from scamnet.online.telecom_state import TelecomState

T0 = datetime(2026, 3, 1, 9, tzinfo=UTC)


def _call(minute: int, caller: str, callee: str, imei: str | None = None, imsi: str | None = None) -> dict:
    return {"started_at": T0 + timedelta(minutes=minute), "caller": caller, "callee": callee, "caller_imei": imei,
            "caller_imsi": imsi, "duration_s": 40, "answered": True, "caller_cell": None}


#: A gateway phone dials three people with one SIM, then a second SIM; one callee rings the second SIM's number
#: before that SIM was in the phone, one rings the first number back later, one is called twice and never rings.
CALLS = [
    _call(0, "+861", "+86a", "gw", "sim1"),
    _call(1, "+86b", "+862"),  # b calls the number the gateway only uses later
    _call(2, "+861", "+86b", "gw", "sim1"),
    _call(3, "+861", "+86c", "gw", "sim1"),
    _call(4, "+862", "+86c", "gw", "sim2"),
    _call(5, "+86a", "+861"),  # a calls back
]


def _brute_force(state: TelecomState, numbers: set[str], callees: dict[str, int]) -> tuple[float, float]:
    """The batch definition: callees who ever called one of ``numbers``; those called once who never did."""
    back = {c for c in callees if c in state.numbers and any(n in state.numbers[c].callees for n in numbers)}
    once = sum(1 for c, n in callees.items() if n == 1 and c not in back)
    return len(back) / len(callees), once / len(callees)


def test_the_gateways_call_backs_count_a_callee_who_rang_its_second_number_before_it_was_in_the_phone() -> None:
    state = TelecomState(References.of_tables({}))
    for row in CALLS:
        state.call(row)
    device = state.device_features("gw")
    assert device is not None
    assert (device["callback_share"], device["one_off_share"]) == (2 / 3, 0.0)  # a and b called back; c was called twice
    number = state.number_features("+861")
    assert number is not None
    assert (number["callback_share"], number["one_off_share"]) == (1 / 3, 2 / 3)  # a only: b rang +862, c never rang


def test_any_order_of_the_calls_gives_the_figures_of_the_whole_history() -> None:
    for order in itertools.permutations(CALLS):
        state = TelecomState(References.of_tables({}))
        for row in order:
            state.call(row)
        for imei, record in state.devices.items():
            figures = state.device_features(imei)
            assert figures is not None
            assert (figures["callback_share"], figures["one_off_share"]) == _brute_force(state, record.numbers, record.callees)
        for msisdn, record in state.numbers.items():
            figures = state.number_features(msisdn)
            if figures is not None:
                assert (figures["callback_share"], figures["one_off_share"]) == _brute_force(state, {msisdn}, record.callees)

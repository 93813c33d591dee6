"""The decision path's shortcuts give what the plain computation gives (``docs/history/serve-speed.md``,
fifth speed pass)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import numpy as np
import pyarrow.parquet as pq
import pytest

from scamnet.detect.telecom import robust_scores
from scamnet.detect.telecom.robust_scores import Signal, fit_reference, signal_deviations
from scamnet.online.detector_refs import References
from scamnet.online.events import microseconds, rows_in_time_order
from scamnet.online.telecom_state import TelecomState, _turns
from scamnet.service.simulate import simulate_world

TABLES = ("calls", "messages", "subscribers", "persons", "accounts", "reports", "report_items")


def test_a_time_converted_again_or_another_object_of_the_same_time_gives_the_same_microseconds() -> None:
    at = datetime(2026, 3, 1, 9, 30, 15, 250_000, tzinfo=UTC)
    expected = 1_772_357_415_250_000
    assert microseconds(at) == microseconds(at) == expected
    assert microseconds(at.replace(tzinfo=None)) == expected  # a naive time is UTC
    assert microseconds(at.astimezone(timezone(timedelta(hours=8)))) == expected  # the same instant elsewhere
    later = at + timedelta(microseconds=1)
    assert microseconds(later) == expected + 1 and microseconds(at) == expected


def test_stacked_deviations_made_with_kept_constants_equal_the_per_signal_path(monkeypatch: pytest.MonkeyPatch) -> None:
    rng = np.random.default_rng(3)
    signals = [Signal("calls_out", 1.0, 1.0), Signal("answered_share", 0.5, 0.05, lower=True, support="calls_out"),
               Signal("night_share", 2.0, 0.05, cap=3.0)]
    columns = {"calls_out": rng.poisson(5, 200).astype(float), "answered_share": rng.random(200),
               "night_share": rng.random(200)}
    ref = fit_reference(columns, signals)
    few = {name: values[:9] * 3 for name, values in columns.items()}
    few["night_share"][2] = np.nan
    # one reference asked with two lists of signals in turn: each answer is its own list's
    first, other, again = (signal_deviations(few, s, ref) for s in (signals, signals[1:], list(signals)))
    monkeypatch.setattr(robust_scores, "STACKED_ROWS", 0)
    for stacked, asked in ((first, signals), (other, signals[1:]), (again, signals)):
        looped = signal_deviations(few, asked, ref)
        assert stacked.keys() == looped.keys()
        assert all(np.array_equal(stacked[name], looped[name]) for name in looped)
    assert first["night_share"].max() > 0 and first["answered_share"].max() > 0


@pytest.fixture(scope="module")
def telecom(tmp_path_factory: pytest.TempPathFactory) -> TelecomState:
    world: Path = tmp_path_factory.mktemp("world")
    simulate_world(world, "demo", seed=7, people=300, days=8)
    tables = {name: pq.read_table(world / f"{name}.parquet") for name in TABLES}
    state = TelecomState(References.of_tables(tables))
    for kind, row in rows_in_time_order({name: tables[name] for name in ("calls", "messages")}):
        if kind == "call":
            state.call(row)
        else:
            state.message(row)
    return state


def test_sim_banks_taking_turns_read_only_where_they_can_equal_every_bank_read(telecom: TelecomState) -> None:
    numbers = [n for n, record in telecom.numbers.items() if record.calls_out or record.sms_out]
    every = {n: max((_turns(telecom.bank_facts(i)) for i in telecom.numbers[n].imeis if i in telecom.devices),
                    default=0.0) for n in numbers}
    found = {n: telecom.number_features(n)["bank_sims_taking_turns"] for n in numbers}  # type: ignore[index]
    assert found == every and any(turns > 0 for turns in every.values())  # a bank's SIMs took turns
    read = [i for n in numbers for i in telecom.numbers[n].imeis if i in telecom.devices and telecom._may_take_turns(i)]
    assert read and len(read) < sum(len(telecom.numbers[n].imeis) for n in numbers)  # some devices' banks, not all


def test_a_pay_historys_side_in_one_call_equals_its_single_questions_for_a_mule_a_payer_and_a_stranger() -> None:
    from scamnet.online.context import HISTORY_FIELDS, PayHistory, history_side

    history, t0, hour = PayHistory(), 1_772_357_415_000_000, 3_600_000_000
    for i in range(6):  # six victims pay the mule within the hour, the mule pays on twice
        history.update(t0 + i * 300_000_000, f"victim-{i}", "mule", 500_000 + i, f"t{i}")
    history.update(t0 + 2_000_000_000, "mule", "cash-out", 2_500_000, "t6")
    history.update(t0 + 2 * hour, "mule", "cash-out-2", 400_000, "t7")
    at = t0 + 2 * hour + 60_000_000
    for account in ("mule", "victim-3", "cash-out", "never-seen"):
        assert history.side(account, at) == history_side(history, account, at)
    mule = dict(zip(HISTORY_FIELDS, history.side("mule", at), strict=True))
    assert mule["transfers_total"] == 2.0 and mule["transfers_24h"] == 2.0 and mule["transfers_1h"] == 1.0
    assert history.side("never-seen", at)[:2] == (None, 0.0)

"""The online detectors' shortcuts give what the plain computation gives (``docs/history/serve-speed.md``, tenth pass).

A device keeps its SIM facts, its longest SIM span and the state its days' range between events, a
group's figures become one array, a group's scores are read as Python floats: each is held here
to the plain computation on an eight-day demo world (SIM banks, several days, SIMs in many devices).
"""

from __future__ import annotations

import math
import struct
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow.parquet as pq
import pytest

from scamnet.core.enums import Action
from scamnet.core.settings import Settings
from scamnet.features.data import Data
from scamnet.online.detector_refs import References
from scamnet.online.events import rows_in_time_order
from scamnet.online.live_scores import (
    SCALAR_ACCOUNTS,
    SCALAR_ROWS,
    Asked,
    LiveDetectors,
    _columns,
    _mule_scores,
    _names,
    _telecom_scores,
)
from scamnet.online.money_state import MoneyState
from scamnet.online.telecom_records import call_calendar
from scamnet.online.telecom_state import TelecomState
from scamnet.service.live_detectors import REFERENCE_TABLES, fitted_detectors
from scamnet.service.simulate import simulate_world

EVENTS = ("calls", "messages", "transfers", "sessions")


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    folder: Path = tmp_path_factory.mktemp("world")
    simulate_world(folder, "demo", seed=7, people=300, days=8)
    tables = {n: pq.read_table(folder / f"{n}.parquet") for n in (*EVENTS, *REFERENCE_TABLES)
              if (folder / f"{n}.parquet").exists()}
    return folder, tables


def _telecom(tables: dict[str, Any]) -> tuple[TelecomState, list[tuple[str, dict[str, Any]]]]:
    ordered = list(rows_in_time_order({n: tables[n] for n in ("calls", "messages")}))
    return TelecomState(References.of_tables(tables)), ordered


def _fed(state: TelecomState, kind: str, row: dict[str, Any]) -> str | None:
    if kind == "call":
        state.call(row)
        return row.get("caller_imei")
    state.message(row)
    return row.get("sender_imei")


def _plain_sim_facts(state: TelecomState, imei: str) -> tuple[float | None, float, float]:
    """``imei_features.sql``'s SIM figures worked out from the device's SIMs, as before they were kept."""
    device, sims_known = state.devices[imei], state.refs.sims
    sims = [(i, t) for i, t in (*device.call_sims.items(), *device.sms_sims.items()) if i in sims_known]
    ages = [(math.floor(t / 3600) - math.floor(sims_known[i].activated_at.timestamp() / 3600)) / 24.0  # type: ignore[union-attr]
            for i, t in sims if sims_known[i].activated_at is not None]
    return (max(min(ages), 0.0) if ages else None,
            sum(sims_known[i].business for i, _ in sims) / len(sims) if sims else 0.0,
            sum(sims_known[i].holder is None for i, _ in sims) / len(sims) if sims else 1.0)


def test_a_devices_kept_sim_facts_span_and_the_days_range_equal_the_plain_ones_after_every_event(world) -> None:
    state, ordered = _telecom(world[1])
    checked = 0
    for n, (kind, row) in enumerate(ordered):
        imei = _fed(state, kind, row)
        if imei is None or n % 5:  # every fifth event's device (each read works out its SIM bank)
            continue
        device, figures = state.devices[imei], state.device_features(imei)
        assert figures is not None
        plain = _plain_sim_facts(state, imei)
        assert (figures["min_sim_age_days"], figures["business_share"], figures["unregistered_share"]) == plain
        assert figures["sims"] == sorted(device.imsis)
        assert device.own_sim_days == max((b - a + 1 for a, b in device.sim_days.values()), default=0)
        if state.days:
            assert state.day_range == (min(state.days), max(state.days))
        checked += 1
    assert checked > 500 and len(state.days) == 8  # eight days of SIMs seen
    assert max(len(d.imsis) for d in state.devices.values()) >= 5  # a device with many SIMs (a gateway)


def test_a_state_read_after_every_event_equals_one_read_only_at_the_end(world) -> None:
    read, ordered = _telecom(world[1])
    unread, _ = _telecom(world[1])
    for n, (kind, row) in enumerate(ordered):
        imei = _fed(read, kind, row)
        _fed(unread, kind, row)
        if n % 5 == 0:  # read every fifth event's number and device (each read works out a SIM bank)
            read.number_features(read.caller_of(row) if kind == "call" else row["sender"])
            if imei is not None:
                read.device_features(imei)
    numbers = sorted(read.numbers)
    assert [read.number_features(n) for n in numbers] == [unread.number_features(n) for n in numbers]
    devices = sorted(read.devices)
    assert [read.device_features(d) for d in devices] == [unread.device_features(d) for d in devices]
    assert any(f is not None and f["bank_sims_taking_turns"] > 0 for f in map(read.number_features, numbers))


def test_a_calls_calendar_counts_night_office_hours_and_the_day_as_the_batch_query() -> None:
    monday_9_local = 1_772_409_600 + 9 * 3600  # 2026-03-02 (a Monday) 09:00 in local seconds
    assert call_calendar(monday_9_local) == (False, True, monday_9_local // 86400)
    assert call_calendar(monday_9_local - 4 * 3600)[:2] == (True, False)  # 05:00: night
    assert call_calendar(monday_9_local + 9 * 3600)[:2] == (False, False)  # 18:00: after office hours
    assert call_calendar(monday_9_local - 2 * 86400)[:2] == (False, False)  # Saturday 09:00


@pytest.fixture(scope="module")
def asked(world) -> tuple[LiveDetectors, list[Asked]]:
    folder, tables = world
    live = fitted_detectors(Data.from_dir(folder), tables, Settings())
    for kind, row in rows_in_time_order({n: tables[n] for n in EVENTS if n in tables}):
        live.update(kind, row)
    entities = live.entities()
    return live, [a for a in (live.ask(e) for e in entities) if isinstance(a, Asked)]


def test_figures_as_one_array_equal_each_value_made_a_float_none_as_nan(asked) -> None:
    _, found = asked
    kinds = {a.entity.partition(":")[0] for a in found}
    assert kinds == {"phone", "imei", "account"}
    for kind in kinds:
        rows = [a.figures for a in found if a.entity.startswith(kind + ":")]
        names = tuple(k for k, v in rows[0].items() if not isinstance(v, list))
        columns = _columns(rows, names)
        plain = np.array([[np.nan if r[k] is None else float(r[k]) for k in names] for r in rows])
        assert all(np.array_equal(columns[k], plain[:, i], equal_nan=True) for i, k in enumerate(names))
        assert all(columns[k].strides == plain[:, i].strides for i, k in enumerate(names))  # the same layout as before


def test_scoring_entities_one_by_one_equals_scoring_them_together(asked) -> None:
    live, found = asked
    live.resolve()
    together = {a.entity: a.scored for a in found}
    alone = {}
    for one in found:
        again = Asked(one.entity, one.figures, one.events)
        live._asked.append(again)
        live.resolve()
        alone[one.entity] = again.scored
    assert together.keys() == alone.keys() and len(together) > 500
    for entity, (score, figures) in together.items():
        assert alone[entity] is not None and alone[entity][0] == score and type(score) is float  # to the last bit
        if entity.startswith("account:"):
            assert np.array_equal(alone[entity][1]["_weighted"], figures["_weighted"])
    assert any(s >= 0.5 for s, _ in together.values())  # some are flagged


def test_a_few_numbers_and_devices_scored_with_floats_equal_their_vectorised_scores_to_the_last_bit(asked) -> None:
    live, found = asked
    for kind, detector in (("phone", live.fraud_number), ("imei", live.goip)):
        group = [a for a in found if a.entity.startswith(kind + ":")]
        names = _names(group[0].figures)
        together = detector.score_columns(_columns([a.figures for a in group], names)).tolist()  # type: ignore[union-attr]
        few = [s for at in range(0, len(group), 3) for s in _telecom_scores(detector, group[at:at + 3], names)]  # type: ignore[arg-type]
        alone = [detector.score_row(a.figures, names) for a in group]  # type: ignore[union-attr]
        assert [struct.pack("<d", s) for s in few] == [struct.pack("<d", s) for s in together]  # to the last bit
        assert alone == few and all(type(s) is float for s in alone)
        assert len(group) > SCALAR_ROWS * 10 and min(together) < 0.1 and max(together) >= 0.5  # honest lines and flagged


def test_a_few_accounts_scored_with_floats_equal_their_vectorised_scores_and_cues_to_the_last_bit(asked) -> None:
    live, found = asked
    group = [a for a in found if a.entity.startswith("account:")]
    names = _names(group[0].figures)
    together = _mule_scores(live.mule, group, names)  # type: ignore[arg-type]  # all of them: one vectorised call
    few = [s for at in range(0, len(group), 3) for s in _mule_scores(live.mule, group[at:at + 3], names)]  # type: ignore[arg-type]
    assert [struct.pack("<d", s) for s, _ in few] == [struct.pack("<d", s) for s, _ in together]  # to the last bit
    for (_, alone), (_, among) in zip(few, together, strict=True):
        assert type(alone["_weighted"]) is list and type(among["_weighted"]) is np.ndarray  # the float path, and NumPy's
        assert [struct.pack("<d", w) for w in alone["_weighted"]] == [struct.pack("<d", w) for w in among["_weighted"]]
    shown = [[LiveDetectors._shown_of("mule", a.entity, s, f) for a, (s, f) in zip(group, scored, strict=True)]
             for scored in (few, together)]
    assert shown[0] == shown[1]  # the same figures shown and the same cues, in the same order
    assert len(group) > SCALAR_ACCOUNTS * 4 and min(s for s, _ in together) == 0.0
    assert sum(s >= 0.5 for s, _ in together) >= 3 and sum(len(cues) >= 2 for _, cues in shown[0]) >= 3  # mules, worded


def test_an_accounts_figures_with_two_hop_paths_worked_out_once_equal_those_worked_out_at_each_use(asked, monkeypatch) -> None:
    money = asked[0].money
    accounts = sorted(a for a, record in money.accounts.items() if record.legs)
    once = [money.account_features(a) for a in accounts]
    monkeypatch.setattr(MoneyState, "_paths_kept", lambda self, src, known: self._paths_from(src))
    assert once == [money.account_features(a) for a in accounts]
    assert sum(f is not None and f["scatter_gather"] >= 2 for f in once) >= 1  # money split and merged again


def test_a_reason_worded_again_from_a_kept_score_equals_one_worded_afresh_and_has_its_own_evidence(asked) -> None:
    live, found = asked
    live.resolve()
    detector = {"phone": "fraud_number", "imei": "goip", "account": "mule"}
    flagged = [a for a in found if a.scored is not None and a.scored[0] >= 0.5]
    assert {a.entity.partition(":")[0] for a in flagged} == {"phone", "imei", "account"}
    for one in flagged:
        score, figures = one.scored  # type: ignore[misc]
        name = detector[one.entity.partition(":")[0]]
        first, again = (live._reason(name, one.entity, score, figures, Action.WARN, 8.0) for _ in range(2))
        live._shown.clear()
        fresh = live._reason(name, one.entity, score, figures, Action.WARN, 8.0)
        assert first == again == fresh and first.evidence["cues"]
        first.evidence["task"] = "t-1"  # the victim watch adds to a reason's evidence: no other reason sees it
        assert "task" not in again.evidence and again.evidence["cues"] is not first.evidence["cues"]
        later = live._reason(name, one.entity, score, figures, Action.WARN, 9.0)  # a day on: the period in its words
        live._shown.clear()
        assert later == live._reason(name, one.entity, score, figures, Action.WARN, 9.0)
        assert (later.text != first.text) == (name != "mule")

"""SIM banks that spoof IMEIs, nurtured real-name SIMs, and honest bulk callers behave as configured."""

from __future__ import annotations

import dataclasses

from scamnet.sim import load_scenario, simulate
from scamnet.sim.numbering import HANDSET_TACS

from .conftest import query

GATEWAY_CALLS = "FROM calls WHERE 'imei:' || caller_imei IN (SELECT entity FROM labels WHERE label = 'goip_device')"


def _world(people: int = 600, days: int = 4, confounders: dict | None = None, **gangs):
    base = load_scenario("demo")
    scenario = dataclasses.replace(base, gangs=dataclasses.replace(base.gangs, **gangs),
                                   confounders=dataclasses.replace(base.confounders, **(confounders or {})))
    return simulate(scenario, seed=4, people=people, days=days).data()


def test_a_sim_bank_spoofing_an_imei_per_sim_shows_one_sim_per_imei() -> None:
    data = _world(imei_mode="sim")
    per_imei = query(data, f"SELECT caller_imei, count(DISTINCT caller_imsi) {GATEWAY_CALLS} GROUP BY 1")
    gateway_sims = query(data, "SELECT count(*) FROM labels WHERE label = 'goip_sim'")[0][0]
    assert len(per_imei) > 12 and all(sims == 1 for _, sims in per_imei)
    assert len(per_imei) <= gateway_sims


def test_a_sim_bank_spoofing_an_imei_per_slot_shows_no_more_imeis_than_slots() -> None:
    data = _world(imei_mode="slot", sim_rotation_days=1.0)
    imeis, sims = query(data, f"SELECT count(DISTINCT caller_imei), count(DISTINCT caller_imsi) {GATEWAY_CALLS}")[0]
    slots_max = load_scenario("demo").gangs.slots_max
    assert 6 < imeis <= 6 * slots_max  # 3 gangs x 2 gateways, one IMEI per slot
    assert sims > imeis  # SIMs rotate through the slots


def test_spoofed_imeis_copy_a_handset_models_tac_or_make_one_up() -> None:
    known = {str(t) for t in HANDSET_TACS}
    for tac, expected in (("popular", True), ("random", False)):
        data = _world(imei_mode="sim", imei_tac=tac, people=300, days=2)
        tacs = {row[0][:8] for row in query(data, f"SELECT DISTINCT caller_imei {GATEWAY_CALLS}")}
        assert tacs and all((t in known) is expected for t in tacs)


def test_a_sim_server_deals_a_gang_sims_to_several_boxes() -> None:
    data = _world(imei_mode="slot", sim_server=True, sim_rotation_days=30.0, days=5)
    # with a SIM server one number is seen behind the slot IMEIs of more than one box
    moved = query(data, f"SELECT count(*) FROM (SELECT caller_imsi {GATEWAY_CALLS} GROUP BY 1 HAVING count(DISTINCT caller_imei) > 1)")
    assert moved[0][0] > 0


def test_nurtured_sims_are_registered_weeks_old_and_make_ordinary_calls_before_use() -> None:
    data = _world(real_name_share=1.0, sim_age_min_days=14, sim_age_max_days=28, nurture_calls_day=3.0,
                  sim_rotation_days=2.0, days=8)
    unregistered, youngest = query(data, """
        SELECT count(*) FILTER (WHERE holder_id IS NULL), min(date_diff('day', s.activated_at, first_use))
        FROM subscribers AS s JOIN (SELECT caller_imsi AS imsi, min(started_at) AS first_use
                                   {GATEWAY} GROUP BY 1) AS u USING (imsi)""".replace("{GATEWAY}", GATEWAY_CALLS))[0]
    assert unregistered == 0 and youngest >= 14
    # a SIM first used in a gateway on a later day called people, and got answers, from the farm first
    nursed = query(data, """
        SELECT count(*) FROM calls AS c
        JOIN (SELECT caller_imsi, min(started_at) AS first_gateway {GATEWAY} GROUP BY 1) AS g USING (caller_imsi)
        WHERE c.started_at < g.first_gateway AND c.answered""".replace("{GATEWAY}", GATEWAY_CALLS))
    assert nursed[0][0] > 0


def test_gang_handset_numbers_each_stay_in_their_own_handset() -> None:
    data = _world(fake_incoming=1.0)
    most = query(data, """
        SELECT max(n) FROM (SELECT caller_imei, count(DISTINCT caller) AS n FROM calls
                            WHERE 'phone:' || caller IN (SELECT entity FROM labels WHERE label = 'fraud_number')
                              AND 'imei:' || caller_imei NOT IN (SELECT entity FROM labels WHERE label = 'goip_device')
                            GROUP BY 1)""")[0][0]
    assert most == 1


def test_sales_callers_and_couriers_with_a_work_sim_call_strangers_and_are_labelled() -> None:
    data = _world(confounders={"sales_callers": 10, "courier_second_sims": 1.0}, people=800, days=3)
    sales = query(data, """
        SELECT count(DISTINCT caller), count(*) FROM calls
        WHERE 'phone:' || caller IN (SELECT entity FROM labels WHERE label = 'telemarketer')
          AND caller_imei IN (SELECT caller_imei FROM calls GROUP BY 1 HAVING count(DISTINCT caller_imsi) = 2)""")[0]
    assert sales[0] >= 10 and sales[1] > 10 * 20  # work and private numbers, tens of calls a working day
    sims_per_courier = query(data, """
        SELECT count(*) FROM subscribers WHERE holder_id IN (
            SELECT holder_id FROM subscribers WHERE 'phone:' || msisdn IN (SELECT entity FROM labels WHERE label = 'courier'))
        GROUP BY holder_id""")
    assert len(sims_per_courier) == load_scenario("demo").confounders.couriers
    assert all(n >= 2 for (n,) in sims_per_courier)  # (a gang may also have bought a SIM in their name)

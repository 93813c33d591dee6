"""GoIP gateways behave as configured: many SIMs, one-way short calls to many strangers."""

from __future__ import annotations

import dataclasses

from scamnet.sim import load_scenario, simulate

from .conftest import query

#: Per SIM: outgoing calls, incoming calls, median seconds of answered outgoing calls, distinct callees.
SIM_PROFILE = """
WITH sims AS (SELECT imsi, msisdn FROM subscribers WHERE {where}),
out AS (SELECT caller_imsi AS imsi, count(*) AS n_out, median(duration_s) FILTER (WHERE answered) AS dur,
               count(DISTINCT callee) AS callees FROM calls GROUP BY 1),
inc AS (SELECT callee AS msisdn, count(*) AS n_in FROM calls GROUP BY 1)
SELECT sum(n_out), sum(coalesce(n_in, 0)), median(dur), sum(callees)
FROM sims JOIN out USING (imsi) LEFT JOIN inc USING (msisdn)
"""
GOIP = "'imsi:' || imsi IN (SELECT entity FROM labels WHERE label = 'goip_sim')"
PERSONS = "holder LIKE 'P%' AND 'phone:' || msisdn NOT IN (SELECT entity FROM labels)"


def sim_profile(data, where: str) -> tuple[int, int, float, int]:
    return query(data, SIM_PROFILE.format(where=where.replace("holder", "holder_id")))[0]


def test_goip_sims_call_out_short_and_are_rarely_called_back_unlike_people(small_data) -> None:
    goip_out, goip_in, goip_dur, _ = sim_profile(small_data, GOIP)
    person_out, person_in, person_dur, _ = sim_profile(small_data, PERSONS)
    assert goip_in < 0.1 * goip_out
    assert person_in > 0.7 * person_out
    assert goip_dur < 40 < person_dur


def test_a_gateway_carries_8_to_32_sims_and_calls_many_distinct_strangers(small_data) -> None:
    rows = query(small_data, """
        SELECT caller_imei, count(DISTINCT caller_imsi), count(DISTINCT callee), count(DISTINCT caller_cell)
        FROM calls WHERE 'imei:' || caller_imei IN (SELECT entity FROM labels WHERE label = 'goip_device')
        GROUP BY 1""")
    assert len(rows) == 6  # 3 gangs x 2 gateways
    for _, sims, callees, cells in rows:
        assert sims >= 8 and callees > 200 and cells <= 2


def test_faked_incoming_traffic_makes_gateway_sims_look_two_way() -> None:
    plain = load_scenario("demo")
    faked = dataclasses.replace(plain, gangs=dataclasses.replace(plain.gangs, fake_incoming=1.0))
    data = simulate(faked, seed=3, people=500, days=3).data()
    goip_out, goip_in, _, _ = sim_profile(data, GOIP)
    assert goip_in > 0.7 * goip_out


def test_sims_rotate_faster_when_the_rotation_knob_is_lower() -> None:
    base = load_scenario("demo")

    def sims_per_gateway(days: float) -> float:
        s = dataclasses.replace(base, gangs=dataclasses.replace(base.gangs, sim_rotation_days=days))
        data = simulate(s, seed=5, people=300, days=6).data()
        return query(data, "SELECT count(*) FILTER (WHERE label = 'goip_sim') / count(*) FILTER (WHERE label = 'goip_device') "
                           "FROM labels")[0][0]

    assert sims_per_gateway(1.0) > 1.5 * sims_per_gateway(6.0)


def test_calls_follow_the_local_daily_rhythm(small_data) -> None:
    """Local time is UTC+8: 10:00 local is 02:00 UTC, 03:00 local is 19:00 UTC."""
    morning, night = query(small_data, """SELECT count(*) FILTER (WHERE hour(started_at) = 2),
                                                 count(*) FILTER (WHERE hour(started_at) = 19) FROM calls""")[0]
    assert morning > 5 * night

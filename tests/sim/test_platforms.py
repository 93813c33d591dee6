"""Gangs that share: one laundering platform serves several gangs, mules, a card dealer, a host, a gateway box."""

from __future__ import annotations

import dataclasses

import pytest

from scamnet.sim import load_scenario, simulate

from .conftest import query


@pytest.fixture(scope="module")
def shared_data():
    base = load_scenario("demo")
    gangs = dataclasses.replace(base.gangs, count=3, platforms=1, shared_mule_share=0.5, sim_supplier_share=1.0,
                                shared_hosting_share=1.0, rented_gateway_share=0.5)
    return simulate(dataclasses.replace(base, gangs=gangs), seed=2, people=800, days=6).data()


def test_the_platform_is_its_own_group_and_takes_money_from_several_gangs_first_layers(shared_data) -> None:
    groups = query(shared_data, "SELECT DISTINCT label FROM labels WHERE gang_id = 'P01'")
    assert {g for (g,) in groups} == {"mule_l2", "mule_l3", "cashout", "operator"}
    feeders = query(shared_data, """
        SELECT count(DISTINCT s.gang_id) FROM transfers t
        JOIN labels s ON s.entity = 'account:' || t.src_account AND s.label = 'mule_l1'
        JOIN labels d ON d.entity = 'account:' || t.dst_account AND d.gang_id = 'P01'""")
    assert feeders[0][0] == 3
    assert query(shared_data, "SELECT count(*) FROM labels WHERE label = 'mule_l2' AND gang_id LIKE 'G%'") == [(0,)]


def test_a_shared_mule_is_paid_by_victims_of_two_gangs(shared_data) -> None:
    gangs_per_mule = query(shared_data, """
        SELECT t.dst_account, count(DISTINCT v.gang_id) FROM transfers t
        JOIN labels v ON v.entity = 'txn:' || t.txn_id AND v.label = 'victim_transfer' GROUP BY 1""")
    assert max(n for _, n in gangs_per_mule) >= 2


def test_the_dealer_registers_every_gangs_sims_to_the_same_few_identities(shared_data) -> None:
    holders = query(shared_data, """
        SELECT count(DISTINCT s.holder_id), count(DISTINCT l.gang_id) FROM subscribers s
        JOIN labels l ON l.entity = 'phone:' || s.msisdn AND l.label = 'fraud_number' WHERE s.holder_id IS NOT NULL""")
    assert holders[0][0] <= 12 and holders[0][1] == 3


def test_gangs_on_one_bulletproof_host_share_its_domain(shared_data) -> None:
    urls = query(shared_data, "SELECT entity, gang_id FROM labels WHERE label = 'scam_url' AND entity LIKE 'url:%'")
    gangs_by_domain: dict[str, set[str]] = {}
    for url, gang in urls:
        host = url.split("//", 1)[1].split("/", 1)[0]
        gangs_by_domain.setdefault(".".join(host.split(".")[-2:]), set()).add(gang)
    assert sorted(len(g) for g in gangs_by_domain.values())[-1] == 3


def test_a_rented_gateway_box_carries_several_gangs_sims() -> None:
    base = load_scenario("demo")
    gangs = dataclasses.replace(base.gangs, count=3, rented_gateway_share=1.0)
    data = simulate(dataclasses.replace(base, gangs=gangs), seed=2, people=800, days=3).data()
    boxes = query(data, """
        SELECT c.caller_imei, count(DISTINCT l.gang_id) FROM calls c
        JOIN labels l ON l.entity = 'imsi:' || c.caller_imsi AND l.label = 'goip_sim' GROUP BY 1""")
    assert max(n for _, n in boxes) >= 2  # one box, slots rented to more than one gang


def test_sharing_knobs_at_their_defaults_plant_no_platform(small_data) -> None:
    assert query(small_data, "SELECT count(*) FROM labels WHERE gang_id LIKE 'P%'") == [(0,)]

"""What victims do back in the simulator, and honest people alike: no sign is a label in disguise."""

from __future__ import annotations

import dataclasses as dc

import pyarrow as pa
import pyarrow.compute as pc
import pytest

from scamnet.sim import simulate
from scamnet.sim.scenario import load_scenario
from scamnet.sim.world import World


@pytest.fixture(scope="module")
def world() -> World:
    s = load_scenario("demo").replace(people=2000, days=8)
    s = dc.replace(
        s, traffic=dc.replace(s.traffic, web_visits_per_person_day=0.2, remote_help_per_1000_day=1.0,
                              new_phone_per_1000_day=1.0),
        confounders=dc.replace(s.confounders, big_purchases_per_1000_day=1.0, big_purchase_site_share=1.0),
        victims=dc.replace(s.victims, link_open_share=0.5, call_back_share=0.5, remote_access_share=0.5,
                           new_device_share=0.5))
    return simulate(s, seed=4)


def _labelled(world: World, label: str, prefix: str) -> set[str]:
    rows = world.tables["labels"].to_pylist()
    return {r["entity"][len(prefix):] for r in rows if r["label"] == label and r["entity"].startswith(prefix)}


def _numbers_of(world: World, people: set[str]) -> set[str]:
    subs = world.tables["subscribers"]
    return {m for m, h in zip(subs["msisdn"].to_pylist(), subs["holder_id"].to_pylist(), strict=True) if h in people}


def test_victims_open_scam_sites_and_so_do_some_who_never_pay_but_most_visits_are_honest(world: World) -> None:
    visits = world.tables["link_visits"].to_pylist()
    scam = _labelled(world, "scam_url", "domain:")
    to_scam = [v for v in visits if v["domain"] in scam]
    victims = _numbers_of(world, _labelled(world, "victim", "person:"))
    assert {v["source"] for v in visits} == {"proxy"}
    assert any(v["msisdn"] in victims for v in to_scam), "victims open the scam's site"
    assert any(v["msisdn"] not in victims for v in to_scam), "curious people open it and go no further"
    assert len(to_scam) < len(visits) / 5, "most of the web is honest"
    assert all(v["url"].endswith("/") for v in to_scam if v["url"].startswith("https://")), "HTTPS: host only"


def test_remote_access_and_new_devices_come_from_victims_and_honest_payers_alike(world: World) -> None:
    sessions = world.tables["sessions"]
    remote = sessions.filter(pc.fill_null(sessions["remote_access"], False))
    victim_txns = _labelled(world, "victim_transfer", "txn:")
    transfers = world.tables["transfers"]
    victim_payers = set(transfers.filter(pc.is_in(transfers["txn_id"], value_set=pa.array(list(victim_txns))))["src_account"]
                        .to_pylist())
    accounts = set(remote["account_id"].to_pylist())
    assert accounts & victim_payers and accounts - victim_payers
    assert set(sessions["remote_access"].to_pylist()) == {None, True}, "true, or not reported"


def test_victims_call_the_gang_back_from_their_own_phones(world: World) -> None:
    calls = world.tables["calls"]
    victims = _numbers_of(world, _labelled(world, "victim", "person:"))
    fraud = _labelled(world, "fraud_number", "phone:")
    back = calls.filter(pc.and_(pc.is_in(calls["caller"], value_set=pa.array(list(victims))),
                                pc.is_in(calls["callee"], value_set=pa.array(list(fraud)))))
    assert back.num_rows > 0


def test_with_the_shares_at_zero_the_demo_world_has_none_of_it() -> None:
    plain = simulate("demo", seed=4, people=500, days=3)
    assert plain.tables["link_visits"].num_rows == 0
    assert pc.all(pc.is_null(plain.tables["sessions"]["remote_access"])).as_py()

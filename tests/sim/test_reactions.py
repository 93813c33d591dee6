"""Gangs that react: spoofed caller ids, burned numbers and accounts replaced, blocked scripts rewritten.

Each knob is turned on alone on a small demo world and compared with the same world without it.
"""

from __future__ import annotations

import dataclasses

import pytest

from scamnet.sim import load_scenario, simulate
from scamnet.sim.reactions import OFFICIAL_NUMBERS

from .conftest import query

PEOPLE, DAYS = 1500, 8


def world_with(victims: dict | None = None, **gangs):
    base = load_scenario("demo")
    changed = dataclasses.replace(base, gangs=dataclasses.replace(base.gangs, **gangs),
                                  victims=dataclasses.replace(base.victims, **(victims or {})))
    return simulate(changed, seed=5, people=PEOPLE, days=DAYS).data()


@pytest.fixture(scope="module")
def plain():
    return world_with()


SPOOFED = """
    SELECT c.caller, l.label IS NOT NULL FROM calls c
    JOIN subscribers s ON s.imsi = c.caller_imsi
    LEFT JOIN labels l ON l.entity = 'phone:' || c.caller AND l.label = 'fraud_number'
    WHERE c.caller <> s.msisdn AND 'imsi:' || c.caller_imsi IN (SELECT entity FROM labels WHERE label = 'goip_sim')"""


def test_a_spoofed_call_shows_someone_elses_number_over_the_gang_sims_own_imsi(plain) -> None:
    spoofing = world_with(spoof_share=0.5, spoof_official_share=0.5)
    assert query(plain, SPOOFED) == []
    shown = query(spoofing, SPOOFED)
    assert len(shown) > 100
    assert not any(labelled for _, labelled in shown)  # the numbers shown are not the gang's
    official = sum(number in OFFICIAL_NUMBERS for number, _ in shown)
    assert 0.35 * len(shown) < official < 0.65 * len(shown)


FIRST_PAID = """
    SELECT l.entity, l.gang_id, min(t.ts) FROM labels l JOIN transfers t ON 'account:' || t.dst_account = l.entity
    WHERE l.label = 'mule_l1' AND 'txn:' || t.txn_id IN (SELECT entity FROM labels WHERE label = 'victim_transfer')
    GROUP BY 1, 2"""


def test_after_a_report_the_gang_moves_its_victims_to_newly_recruited_first_layer_accounts() -> None:
    reporting = {"report_rate": 1.0, "report_delay_hours": 12.0, "report_delay_spread": 0.0}
    still, reacting = world_with(reporting), world_with(reporting, retire_after_hours=6.0)
    before = {entity for entity, _, _ in query(still, FIRST_PAID)}
    after = query(reacting, FIRST_PAID)
    recruits = [(entity, gang, first) for entity, gang, first in after if entity not in before]
    assert recruits and all(gang for _, gang, _ in recruits)  # every new account carries its gang's id
    first_report = query(reacting, "SELECT min(reported_at) FROM reports")[0][0]
    assert all(first > first_report for _, _, first in recruits)  # recruited once a report burned the old ones


def test_a_blocked_message_variant_is_rewritten_so_the_gang_sends_more_distinct_texts(plain) -> None:
    texts = "SELECT count(DISTINCT text), count(*) FROM messages WHERE 'msg:' || msg_id IN " \
            "(SELECT entity FROM labels WHERE label = 'scam_message')"
    (distinct, sent), (rotated, sent_rotated) = query(plain, texts)[0], query(world_with(script_block_after=2), texts)[0]
    assert sent == sent_rotated  # the same messages go out, in other words
    assert rotated > distinct

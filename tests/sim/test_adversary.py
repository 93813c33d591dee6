"""The adversary's victim side: grooming off the network, leaked target lists, new scripts, late reports.

Each knob is turned on alone on a small world (the demo scenario, a few days) and compared with the
same world without it, so what changes is what the knob says and nothing else.
"""

from __future__ import annotations

import dataclasses

from scamnet.sim import load_scenario, simulate
from scamnet.sim.new_scripts import HOOKS_EN, HOOKS_ZH

from .conftest import query

PEOPLE, DAYS = 1500, 8


def world_with(section: str = "gangs", recruiting: bool = True, **values):
    base = load_scenario("demo")
    changed = dataclasses.replace(base, **{section: dataclasses.replace(getattr(base, section), **values)})
    if not recruiting:  # recruitment offers come from the same handset numbers as the grooming
        changed = dataclasses.replace(changed, mules=dataclasses.replace(
            changed.mules, recruited_share=0.0, job_offers_per_gang_day=0.0))
    return simulate(changed, seed=5, people=PEOPLE, days=DAYS).data()


VICTIM_CONTACTS = """
    WITH fraud AS (SELECT substr(entity, 7) AS msisdn FROM labels WHERE label = 'fraud_number'),
         victim AS (SELECT s.msisdn FROM labels l JOIN subscribers s ON 'person:' || s.holder_id = l.entity
                    WHERE l.label = 'victim')
    SELECT (SELECT count(*) FROM messages WHERE channel = 'chat' AND sender IN (SELECT msisdn FROM fraud)
            AND recipient IN (SELECT msisdn FROM victim)),
           (SELECT count(*) FROM calls WHERE duration_s >= 30 AND caller IN (SELECT msisdn FROM fraud)
            AND callee IN (SELECT msisdn FROM victim) AND caller_imei NOT IN
            (SELECT substr(entity, 6) FROM labels WHERE label = 'goip_device'))"""


def test_grooming_in_a_chat_app_leaves_no_follow_up_in_the_victims_records() -> None:
    plain, off = world_with(recruiting=False), world_with(recruiting=False, off_network_share=1.0)
    chats, calls = query(plain, VICTIM_CONTACTS)[0]
    assert chats > 0 and calls > 0
    assert query(off, VICTIM_CONTACTS)[0] == (0, 0)
    assert query(off, "SELECT count(*) FROM labels WHERE label = 'victim'")[0][0] > 0


GANGS_PER_CALLEE = """
    SELECT count(*) FILTER (WHERE gangs >= 2), count(*) FROM (
        SELECT c.callee, count(DISTINCT l.gang_id) AS gangs FROM calls c
        JOIN labels l ON l.entity = 'imei:' || c.caller_imei AND l.label = 'goip_device' GROUP BY 1)"""


def test_gangs_calling_down_one_leaked_list_reach_the_same_people() -> None:
    leaked = world_with(leaked_list_share=0.02, leaked_target_share=1.0)
    several, callees = query(leaked, GANGS_PER_CALLEE)[0]
    assert callees <= 0.02 * PEOPLE  # every gateway call went to someone on the list of 30
    assert several >= callees * 0.9  # and nearly everyone on it heard from more than one gang


def test_messages_from_held_out_scripts_carry_no_training_template_and_lures_carry_no_link() -> None:
    shifted = world_with(new_script_share=1.0, linkless_share=0.5, qr_share=0.3)
    texts = [t for (t,) in query(shifted, """SELECT text FROM messages WHERE channel = 'sms' AND 'msg:' || msg_id IN
                                             (SELECT entity FROM labels WHERE label = 'scam_message')""")]
    hooks = [h for table in (HOOKS_ZH, HOOKS_EN) for pool in table.values() for h in pool]
    assert texts and all(any(h in t for h in hooks) for t in texts)
    linkless = [t for t in texts if "http" not in t]
    assert len(linkless) >= 0.6 * len(texts)
    assert any("二维码" in t or "QR" in t for t in linkless)


def test_with_no_spread_every_report_comes_exactly_the_median_delay_after_the_last_payment() -> None:
    late = world_with("victims", report_rate=1.0, report_delay_hours=30.0, report_delay_spread=0.0)
    delays = query(late, """
        SELECT epoch(r.reported_at) - max(epoch(t.ts)) FROM reports r JOIN transfers t ON t.src_account = r.victim_account
        WHERE 'txn:' || t.txn_id IN (SELECT entity FROM labels WHERE label = 'victim_transfer') AND t.ts <= r.reported_at
        GROUP BY r.report_id, r.reported_at""")
    exact = [round(d) == 30 * 3600 for (d,) in delays]
    # a victim scammed twice may have paid the second gang after the first payment and before the report
    assert delays and all(round(d) <= 30 * 3600 for (d,) in delays) and sum(exact) >= 0.9 * len(exact)

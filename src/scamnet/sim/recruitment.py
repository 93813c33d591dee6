"""The recruitment side of the chain: the messages that bring people into it, and the genuine ones like them.

Gangs buy or rent the accounts they launder through from real people, and lure workers abroad into
scam compounds. On the world's first day each gang messages the holders of most of its mule
accounts (``mules.recruited_share``) from its handset numbers, before the money starts to pass:
an offer to rent or buy their bank card or account (``account_renting``), now and then a job
abroad (``job_abroad_recruitment``). Every day it also sends job-abroad offers to strangers
(``mules.job_offers_per_gang_day``). People also receive the genuine messages these resemble —
job adverts (overseas postings among them) and the banks' and police's warnings that quote the
recruiters' phrases (``traffic.job_sms_per_person_day``) — so a detector must tell them apart.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pyarrow as pa

from scamnet.core.enums import ScamType
from scamnet.sim import events
from scamnet.sim.columns import US_PER_S
from scamnet.sim.gangs import Gang, mark_scam_messages
from scamnet.sim.scripts import render_script
from scamnet.sim.social import times_in_day

if TYPE_CHECKING:
    from scamnet.sim.setup import Setup

#: Share of recruited mule holders offered a job abroad rather than money for their account.
JOB_OFFER_SHARE = 0.2
#: Recruitment messages reach mule holders within this long after the world starts, before most money moves.
RECRUIT_WINDOW_S = 3600


def recruitment_messages(setup: Setup, day: int) -> list[pa.Table]:
    """Every gang's recruitment messages of ``day``: to its mule holders (day 0 only) and job offers to strangers."""
    out = []
    for index, gang in enumerate(setup.gangs):
        rng = setup.rng(day, f"recruitment-{index}")
        people, ts, kinds = _mule_offers(setup, gang, rng, day)
        strangers, at = _job_offers(setup, gang, rng, day)
        people, ts = np.concatenate([people, strangers]), np.concatenate([ts, at])
        kinds = np.concatenate([kinds, np.ones(len(strangers), bool)])
        if len(people):
            out.append(_messages(setup, gang, rng, day, index, people, ts, kinds))
    return out


def _mule_offers(setup: Setup, gang: Gang, rng, day: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Holders of the gang's mule accounts it messaged first, when, and whether with a job offer."""
    if day != 0 or not gang.mule_people:
        return np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0, bool)
    holders = np.unique(np.concatenate(list(gang.mule_people.values())))
    people = holders[rng.random(len(holders)) < setup.scenario.mules.recruited_share]
    ts = setup.day_us(0) + rng.integers(0, RECRUIT_WINDOW_S, len(people)) * US_PER_S
    return people, ts, rng.random(len(people)) < JOB_OFFER_SHARE


def _job_offers(setup: Setup, gang: Gang, rng, day: int) -> tuple[np.ndarray, np.ndarray]:
    n = rng.poisson(setup.scenario.mules.job_offers_per_gang_day)
    people = rng.integers(0, setup.people.size, n)
    return people, times_in_day(rng, n, setup.day_us(day), setup.scenario.world.utc_offset_hours)


def _messages(setup: Setup, gang: Gang, rng, day: int, index: int, people, ts, job: np.ndarray) -> pa.Table:
    english = setup.people.english[people]
    texts = [render_script((ScamType.JOB_ABROAD_RECRUITMENT if j else ScamType.ACCOUNT_RENTING).value, rng,
                           english=bool(e)) for j, e in zip(job, english, strict=True)]
    senders = gang.phone_sims[rng.integers(0, len(gang.phone_sims), len(people))]
    ids = setup.ids(day, "recruitment", index).take("m", len(people))
    table = events.messages(None, ts, setup.sims["msisdn"].take(senders), setup.number_of(people), "chat", texts,
                            msg_id=ids)
    mark_scam_messages(setup, gang, ids.to_pylist(), ts.tolist(), [""] * len(people))
    return table


def job_and_card_notices(setup: Setup, day: int) -> pa.Table:
    """Genuine job adverts and bank or police warnings about card renting and jobs abroad (hard negatives)."""
    rng = setup.rng(day, "job_sms")
    n = rng.poisson(setup.people.size * setup.scenario.traffic.job_sms_per_person_day * setup.weekday_factor(day))
    person = rng.integers(0, setup.people.size, n)
    ts = times_in_day(rng, n, setup.day_us(day), setup.scenario.world.utc_offset_hours)
    advert = rng.random(n) < 0.5
    parts = []
    for k, kind in enumerate(("job_advert", "card_warning")):
        mine = advert if k == 0 else ~advert
        text, sender = setup.texts.service(rng, kind, setup.people.english[person[mine]])
        parts.append(events.messages(setup.ids(day, "job_sms", k), ts[mine], sender, setup.number_of(person[mine]),
                                     "sms", text))
    return events.concat(parts, events.MESSAGES)

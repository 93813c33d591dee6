"""What a gang's GoIP gateways do in a day: cold calls and SMS blasts to strangers.

Each active slot calls and texts strangers picked by the scam type's targeting; most calls are
short or unanswered, few strangers call back, and nothing calls the gateway otherwise unless
the gang fakes incoming traffic. ``human_timing`` blends machine-regular call spacing with a
human daily rhythm; moving gateways walk through their region's cells hour by hour.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pyarrow as pa

from scamnet.sim import events
from scamnet.sim.catalogue import profile
from scamnet.sim.columns import US_PER_S
from scamnet.sim.gangs import Gang, Gateway, handset_cells, mark_scam_messages
from scamnet.sim.reactions import spoofed_callers
from scamnet.sim.sim_banks import day_sims, imei_rows, nurture_calls
from scamnet.sim.social import HOURLY, durations, person_calls, times_in_day
from scamnet.sim.targeting import with_leaked_targets

if TYPE_CHECKING:
    from scamnet.sim.setup import Setup

#: Local office hours a machine-driven gateway runs in (09:00-21:00).
RUN_FROM_S, RUN_FOR_S = 9 * 3600, 12 * 3600


@dataclass
class Contacts:
    """Strangers a gang reached today: who, when, from which SIM, for which scam, and the link sent."""

    person: np.ndarray
    ts: np.ndarray
    sim: np.ndarray
    scam: np.ndarray  # index into gang.scam_types
    answered: np.ndarray
    url: list[str]
    shown: np.ndarray | None = None  # the spoofed number a call showed ("" where it showed its own), reactions.py


def gateway_day(setup: Setup, gang: Gang, day: int, rng: np.random.Generator, part: int) -> tuple[list[pa.Table], Contacts]:
    tables, reached = [], []
    for g, (gw, sims) in enumerate(zip(gang.gateways, day_sims(setup, gang, day, part), strict=True)):
        calls, call_contacts = _gateway_calls(setup, gang, gw, sims, day, rng, part * 16 + g)
        sms, sms_contacts = _gateway_sms(setup, gang, gw, sims, day, rng, part * 16 + g)
        tables += [calls, sms]
        reached += [call_contacts, sms_contacts]
    contacts = Contacts(*(np.concatenate([getattr(c, f) for c in reached]) for f in ("person", "ts", "sim", "scam", "answered")),
                        [u for c in reached for u in c.url])
    if setup.scenario.gangs.spoof_share > 0:
        contacts.shown = np.concatenate([c.shown if c.shown is not None else np.full(len(c.ts), "", object) for c in reached])
    tables.append(_callbacks(setup, rng, day, part, contacts))
    tables.append(_fake_incoming(setup, gang, rng, day, part, contacts))
    tables.append(nurture_calls(setup, gang, day, part))
    return tables, contacts


def targets(setup: Setup, gang: Gang, rng: np.random.Generator, scam: np.ndarray) -> np.ndarray:
    """Strangers in each scam type's age band, where a few tries find one, else anybody."""
    draws = rng.integers(0, setup.people.size, (len(scam), 4))
    age = setup.scenario.start.year - setup.people.birth_year[draws]
    bands = np.array([profile(gang.scam_types[s]).ages for s in range(len(gang.scam_types))])
    lo, hi = bands[scam, 0][:, None], bands[scam, 1][:, None]
    fits = (age >= lo) & (age <= hi)
    return with_leaked_targets(setup, rng, draws[np.arange(len(scam)), np.argmax(fits, axis=1)])


def _slot_schedule(setup: Setup, sims: np.ndarray, day: int, rng, rate: float):
    """Which slot calls (or texts) when today, and the SIM in it."""
    active = np.flatnonzero(rng.random(len(sims)) < setup.scenario.gangs.active_slot_share)
    count = rng.poisson(rate, len(active))
    slot = np.repeat(active, count)
    k = np.arange(len(slot)) - np.repeat(np.cumsum(count) - count, count)
    gap = RUN_FOR_S / np.maximum(count, 1)
    machine_s = RUN_FROM_S + k * np.repeat(gap, count) + rng.uniform(0, 20, len(slot))
    offset = setup.scenario.world.utc_offset_hours * 3600
    machine = setup.day_us(day) + ((machine_s - offset) % 86_400 * US_PER_S).astype(np.int64)
    human = times_in_day(rng, len(slot), setup.day_us(day), setup.scenario.world.utc_offset_hours, HOURLY)
    ts = np.where(rng.random(len(slot)) < setup.scenario.gangs.human_timing, human, machine)
    return slot, sims[slot], ts


def _cells(setup: Setup, gw: Gateway, rng, ts: np.ndarray) -> pa.Array:
    if gw.moving:
        hour = ts // (3600 * US_PER_S)
        rows = gw.cells[(hour + rng.integers(0, 2, len(ts))) % len(gw.cells)]
    else:
        rows = gw.cells[rng.integers(0, len(gw.cells), len(ts))]
    return setup.cells.ids.take(rows)


def _gateway_calls(setup, gang, gw, sims, day, rng, part):
    knobs = setup.scenario.gangs
    slot, sim, ts = _slot_schedule(setup, sims, day, rng, knobs.calls_per_slot_day)
    n = len(ts)
    scam = _scam_of(setup, gang, rng, n, call=True)
    person = targets(setup, gang, rng, scam)
    answered = rng.random(n) < knobs.answer_rate
    caller, shown = spoofed_callers(setup, day, part, setup.sims["msisdn"].take(sim), person)
    table = events.calls(setup.ids(day, "gateway", part * 2), ts, durations(rng, 25.0, n, 0.8) * answered,
                         caller, setup.number_of(person), setup.sims["imsi"].take(sim),
                         setup.handsets["imei"].take(imei_rows(gang, gw, slot, sim)), _cells(setup, gw, rng, ts), answered)
    return table, Contacts(person, ts, sim, scam, answered, [""] * n, shown)


def _gateway_sms(setup, gang, gw, sims, day, rng, part):
    slot, sim, ts = _slot_schedule(setup, sims, day, rng, setup.scenario.gangs.sms_per_slot_day)
    n = len(ts)
    scam = _scam_of(setup, gang, rng, n, call=False)
    person = targets(setup, gang, rng, scam)
    english = setup.people.english[person]
    texts, urls = zip(*(gang.message(rng, gang.scam_types[s], bool(e)) for s, e in zip(scam, english, strict=True)), strict=True) \
        if n else ((), ())
    ids = setup.ids(day, "gateway", part * 2 + 1).take("m", n)
    table = events.messages(None, ts, setup.sims["msisdn"].take(sim), setup.number_of(person), "sms", list(texts),
                            setup.sims["imsi"].take(sim), setup.handsets["imei"].take(imei_rows(gang, gw, slot, sim)),
                            _cells(setup, gw, rng, ts), msg_id=ids)
    mark_scam_messages(setup, gang, ids.to_pylist(), ts.tolist(), list(urls))
    return table, Contacts(person, ts, sim, scam, np.ones(n, bool), list(urls))


def _scam_of(setup: Setup, gang: Gang, rng, n: int, call: bool) -> np.ndarray:
    """Which of the gang's scam types each contact is for, weighted by how each type makes contact."""
    share = np.array([profile(t).call_share for t in gang.scam_types])
    p = share if call else 1 - share
    p = p + 1e-3
    return rng.choice(len(gang.scam_types), n, p=p / p.sum())


def _callbacks(setup: Setup, rng, day: int, part: int, contacts: Contacts) -> pa.Table:
    back = rng.random(len(contacts.ts)) < setup.scenario.gangs.callback_rate
    n = int(back.sum())
    ts = np.minimum(contacts.ts[back] + rng.integers(600, 4 * 3600, n) * US_PER_S, setup.day_us(day + 1) - 1)
    ok = rng.random(n) < 0.3
    called = setup.sims["msisdn"].take(contacts.sim[back])
    if contacts.shown is not None:  # a stranger calls back the number they saw: a spoofed one reaches its real owner
        shown = contacts.shown[back]
        called = pa.array(np.where(shown != "", shown, called.to_numpy(zero_copy_only=False)), pa.string())
    return person_calls(setup, rng, setup.ids(day, "gateway", 3000 + part), day, ts, contacts.person[back],
                        called, durations(rng, 15.0, n) * ok, ok)


def _fake_incoming(setup: Setup, gang: Gang, rng, day: int, part: int, contacts: Contacts) -> pa.Table:
    """Calls the gang places to its own gateway SIMs so that they do not look one-way."""
    n = rng.poisson(setup.scenario.gangs.fake_incoming * len(contacts.ts))
    if n == 0 or len(contacts.ts) == 0:
        return events.CALLS.empty()
    which = rng.integers(0, len(gang.phone_sims), n)
    caller = gang.phone_sims[which]
    # each gang handset number stays in its own handset (as in the follow-ups)
    handset = gang.phone_handsets[which % len(gang.phone_handsets)]
    rng.integers(0, len(gang.phone_handsets), n)  # the draw the handset once took: later draws stay as they were
    callee = contacts.sim[rng.integers(0, len(contacts.sim), n)]
    ts = times_in_day(rng, n, setup.day_us(day), setup.scenario.world.utc_offset_hours, HOURLY)
    cell = handset_cells(setup, caller)
    return events.calls(setup.ids(day, "gateway", 3500 + part), ts, durations(rng, 90.0, n), setup.sims["msisdn"].take(caller),
                        setup.sims["msisdn"].take(callee), setup.sims["imsi"].take(caller),
                        setup.handsets["imei"].take(handset), setup.cells.ids.take(cell), np.ones(n, bool))


"""The social graph and the normal calls and person-to-person SMS it drives.

Contacts are a Watts-Strogatz style small world: each person knows the people numbered just
before and after them (who live in the same region, see ``population``), and a share of the
contacts are rewired to anybody. Near neighbours are family, the rest friends or colleagues;
the relation sets how often they call and for how long.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pyarrow as pa

from scamnet.sim import events
from scamnet.sim.columns import US_PER_S

if TYPE_CHECKING:
    from scamnet.sim.setup import Setup

FAMILY, FRIEND, COLLEAGUE = 0, 1, 2
#: Relative call frequency and median call seconds by relation (family, friend, colleague).
RELATION_WEIGHT = np.array([3.0, 1.5, 1.0])
RELATION_MEDIAN_S = np.array([150.0, 100.0, 60.0])
STRANGER_MEDIAN_S = 40.0
#: Relative call volume by local hour of day: quiet nights, busy mornings and evenings.
HOURLY = np.array([0.2, 0.1, 0.05, 0.05, 0.05, 0.2, 0.6, 1.2, 2.0, 2.6, 2.8, 2.6,
                   2.2, 2.2, 2.5, 2.6, 2.6, 2.5, 2.6, 2.8, 2.7, 2.2, 1.4, 0.6])


@dataclass
class Graph:
    """Directed contact edges (both directions of every tie) and their cumulative call weight."""

    src: np.ndarray
    dst: np.ndarray
    relation: np.ndarray
    cumulative: np.ndarray

    def sample(self, rng: np.random.Generator, n: int) -> np.ndarray:
        # Sorted needles make the search walk the table once instead of jumping around it.
        return np.searchsorted(self.cumulative, np.sort(rng.random(n)) * self.cumulative[-1], side="right")


def contact_graph(n: int, contacts_mean: int, rewire: float, seed: int) -> Graph:
    rng = np.random.default_rng([seed, 7201])
    half = max(1, contacts_mean // 2)
    offset = np.tile(np.arange(1, half + 1), n)
    src = np.repeat(np.arange(n), half)
    dst = src + np.where(rng.random(len(src)) < 0.5, offset, -offset)
    rewired = rng.random(len(src)) < rewire
    dst = np.where(rewired, rng.integers(0, n, len(src)), dst)
    relation = np.where(offset <= 2, FAMILY, np.where(offset % 2 == 0, FRIEND, COLLEAGUE))
    relation = np.where(rewired, FRIEND, relation)
    keep = (dst >= 0) & (dst < n) & (dst != src)
    src, dst, relation = src[keep], dst[keep], relation[keep]
    src, dst, relation = np.concatenate([src, dst]), np.concatenate([dst, src]), np.concatenate([relation, relation])
    activity = rng.lognormal(0.0, 0.6, n)
    return Graph(src, dst, relation, np.cumsum(RELATION_WEIGHT[relation] * activity[src]))


def times_in_day(rng: np.random.Generator, n: int, day_us: int, utc_offset_hours: int, hourly=HOURLY) -> np.ndarray:
    """``n`` times within the UTC day starting at ``day_us`` that follow a local-time daily rhythm."""
    cumulative = np.cumsum(hourly)
    local_hour = np.searchsorted(cumulative, rng.random(n) * cumulative[-1], side="right")
    # Microsecond times: whole seconds would make two logins of one account collide in big worlds.
    us = (local_hour - utc_offset_hours) * 3600 * US_PER_S + rng.integers(0, 3600 * US_PER_S, n)
    return day_us + us % (86_400 * US_PER_S)


def local_hours(ts_us: np.ndarray, utc_offset_hours: int) -> np.ndarray:
    return ((ts_us // (3600 * US_PER_S)) + utc_offset_hours) % 24


def durations(rng: np.random.Generator, median_s: np.ndarray | float, n: int, sigma: float = 0.9) -> np.ndarray:
    return np.maximum(1, rng.lognormal(np.log(median_s), sigma, n)).astype(np.int32)


def normal_calls(setup: Setup, day: int) -> pa.Table:
    rng = setup.rng(day, "calls")
    knobs = setup.scenario.traffic
    n = rng.poisson(setup.people.size * knobs.calls_per_person_day * setup.weekday_factor(day))
    edge = setup.graph.sample(rng, n)
    caller, callee = setup.graph.src[edge], setup.graph.dst[edge].copy()
    median = RELATION_MEDIAN_S[setup.graph.relation[edge]]
    stranger = rng.random(n) < knobs.stranger_call_share
    callee[stranger] = rng.integers(0, setup.people.size, int(stranger.sum()))
    median = np.where(stranger, STRANGER_MEDIAN_S, median)
    ts = np.sort(times_in_day(rng, n, setup.day_us(day), setup.scenario.world.utc_offset_hours))
    answered = rng.random(n) < knobs.answer_rate
    return person_calls(setup, rng, setup.ids(day, "calls"), day, ts, caller, setup.number_of(callee), durations(rng, median, n) * answered, answered)


def person_calls(setup: Setup, rng, ids, day, ts, caller, callee_number, duration, answered) -> pa.Table:
    """Calls made by persons from their own handsets, SIMs and cells."""
    sim = setup.person_sim(rng, caller)
    return events.calls(
        ids, ts, duration, setup.sims["msisdn"].take(sim), callee_number,
        setup.sims["imsi"].take(sim), setup.handsets["imei"].take(setup.people.imei_row(caller, ts)),
        setup.cells.ids.take(setup.person_cell(rng, caller, ts, day)), answered,
    )


def p2p_messages(setup: Setup, day: int) -> pa.Table:
    rng = setup.rng(day, "p2p_sms")
    n = rng.poisson(setup.people.size * setup.scenario.traffic.sms_per_person_day * setup.weekday_factor(day))
    edge = setup.graph.sample(rng, n)
    sender, recipient = setup.graph.src[edge], setup.graph.dst[edge]
    ts = np.sort(times_in_day(rng, n, setup.day_us(day), setup.scenario.world.utc_offset_hours))
    sim = setup.person_sim(rng, sender)
    text = setup.texts.p2p(rng, setup.people.english[sender])
    return events.messages(
        setup.ids(day, "p2p_sms", 0), ts, setup.sims["msisdn"].take(sim), setup.number_of(recipient), "sms", text,
        setup.sims["imsi"].take(sim), setup.handsets["imei"].take(setup.people.imei_row(sender, ts)),
        setup.cells.ids.take(setup.person_cell(rng, sender, ts, day)),
    )

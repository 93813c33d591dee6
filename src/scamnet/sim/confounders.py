"""Confounders: honest activity that looks like fraud, labelled so evaluation can count false alarms.

Call centres and telemarketers make many short calls to strangers (centres also take calls),
couriers make short calls while moving between cells, merchants receive many small payments,
employers pay many salaries, small businesses pay suppliers, some people switch between several
handsets and travellers turn up in other regions' cells. Honest pass-through accounts (merchants
sweeping takings, aggregators, rent collectors, family pools) are in ``passthrough.py``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pyarrow as pa

from scamnet.core.enums import HolderType, LabelRole
from scamnet.sim import events
from scamnet.sim.columns import US_PER_DAY, digit_strings, hex_strings, mix64
from scamnet.sim.labels import LabelBook
from scamnet.sim.numbering import BANKS
from scamnet.sim.passthrough import PassThrough, make_pass_through
from scamnet.sim.social import durations, person_calls, times_in_day

if TYPE_CHECKING:
    from scamnet.sim.setup import Setup

#: Business hours, local time: the rhythm of call centres, telemarketers and couriers.
OFFICE_HOURS = np.array([0] * 9 + [1.0] * 9 + [0.4] * 3 + [0] * 3)
CENTRE, TELEMARKETER = 0, 1


@dataclass
class Lines:
    """Call-centre and telemarketer lines: SIM, handset and the one cell they sit in."""

    sim: np.ndarray
    handset: np.ndarray
    cell: np.ndarray
    kind: np.ndarray


@dataclass
class Businesses:
    merchants: np.ndarray
    employers: np.ndarray
    small: np.ndarray
    utilities: np.ndarray
    device: pa.Array
    ip: pa.Array
    employer_of: np.ndarray


@dataclass
class Confounders:
    lines: Lines
    businesses: Businesses
    couriers: np.ndarray
    travellers: np.ndarray
    phone_changers: np.ndarray
    pass_through: PassThrough | None = None  # honest pass-through accounts (``passthrough.py``)


def make_confounders(setup: Setup, labels: LabelBook) -> Confounders:
    rng = np.random.default_rng([setup.seed, 7401])
    knobs = setup.scenario.confounders
    people = setup.people
    picked = rng.permutation(people.size)
    couriers = np.sort(picked[: knobs.couriers])
    travellers = np.sort(picked[knobs.couriers: knobs.couriers + knobs.travellers])
    changers = np.sort(picked[knobs.couriers + knobs.travellers: knobs.couriers + knobs.travellers + knobs.phone_changers])
    confounders = Confounders(_lines(setup, rng), _businesses(setup, rng), couriers, travellers, changers)
    _plan_trips(setup, rng, travellers)
    setup.people.courier[couriers] = True
    _give_handsets(setup, rng, changers)
    _label(setup, confounders, labels)
    confounders.pass_through = make_pass_through(setup, confounders.businesses, labels)
    return confounders


def _lines(setup: Setup, rng) -> Lines:
    knobs = setup.scenario.confounders
    centre_of = np.repeat(np.arange(knobs.call_centres), knobs.agents_per_centre)
    n = len(centre_of) + knobs.telemarketers
    kind = np.concatenate([np.full(len(centre_of), CENTRE), np.full(knobs.telemarketers, TELEMARKETER)])
    region = rng.integers(0, setup.scenario.world.regions, knobs.call_centres + knobs.telemarketers)
    cell = setup.cells.in_region(region, rng.integers(0, setup.cells.per_region, len(region)))
    cell = np.concatenate([cell[centre_of], cell[knobs.call_centres:]])
    owner = np.concatenate([centre_of, knobs.call_centres + np.arange(knobs.telemarketers)])
    sim = setup.sims.add(
        msisdn=setup.numbering.msisdns(n), imsi=setup.numbering.imsis(n), holder=digit_strings(owner, 6, "B1"),
        activated_us=setup.start_us - rng.integers(100, 2000, n) * US_PER_DAY,
        plan=np.full(n, "business"), region=cell // setup.cells.per_region,
    )
    return Lines(sim, setup.handsets.add(imei=setup.numbering.imeis(n)), cell, kind)


def _businesses(setup: Setup, rng) -> Businesses:
    knobs = setup.scenario.confounders
    counts = [knobs.merchants, knobs.employers, knobs.small_businesses, max(2, setup.scenario.world.regions // 2)]
    types = [HolderType.MERCHANT] + [HolderType.BUSINESS] * 3
    n = sum(counts)
    holder_type = np.concatenate([np.full(c, t.value) for c, t in zip(counts, types, strict=True)])
    banks = rng.integers(0, len(BANKS), n)
    rows = setup.accounts.add(
        account_id=setup.numbering.cards(banks), bank=np.array(list(BANKS))[banks],
        holder=digit_strings(np.arange(n), 6, "B2"), holder_type=holder_type,
        opened_us=setup.start_us - rng.integers(200, 5000, n) * US_PER_DAY,
        region=rng.integers(0, setup.scenario.world.regions, n), msisdn=pa.nulls(n, pa.string()),
    )
    bounds = np.cumsum([0, *counts])
    working = (setup.scenario.start.year - setup.people.birth_year < 62) & (rng.random(setup.people.size) < 0.7)
    employer_of = np.where(working, rng.integers(0, max(1, knobs.employers), setup.people.size), -1)
    if knobs.employers == 0:
        employer_of[:] = -1
    device = hex_strings(mix64(np.arange(n, dtype=np.uint64) + np.uint64(setup.seed * 104729 + 10**9)), "dev-")
    ip = pa.array([f"{int(a)}.{int(b)}.{int(c)}.{int(d)}" for a, b, c, d in rng.integers(1, 255, (n, 4))], pa.string())
    return Businesses(*(rows[bounds[i]: bounds[i + 1]] for i in range(4)), device, ip, employer_of)


def _plan_trips(setup: Setup, rng, travellers: np.ndarray) -> None:
    days, regions = setup.scenario.world.days, setup.scenario.world.regions
    start = rng.integers(0, max(1, days - 1), len(travellers))
    setup.people.trip_from[travellers] = start
    setup.people.trip_to[travellers] = start + rng.integers(1, 6, len(travellers))
    setup.people.trip_region[travellers] = (setup.people.region[travellers] + rng.integers(1, max(2, regions), len(travellers))) % regions


def _give_handsets(setup: Setup, rng, changers: np.ndarray) -> None:
    per = 3
    rows = setup.handsets.add(imei=setup.numbering.imeis(len(changers) * per)).reshape(-1, per)
    setup.people.rotating_handsets = rows
    setup.people.rotation[changers] = np.arange(len(changers))


def _label(setup: Setup, c: Confounders, labels: LabelBook) -> None:
    phones = setup.sims["msisdn"]
    role_of_line = {CENTRE: LabelRole.CALL_CENTRE, TELEMARKETER: LabelRole.TELEMARKETER}
    for sim, kind in zip(c.lines.sim, c.lines.kind, strict=True):
        labels.mark(f"phone:{phones[int(sim)].as_py()}", role_of_line[int(kind)])
    for persons, role in ((c.couriers, LabelRole.COURIER), (c.travellers, LabelRole.TRAVELLER),
                          (c.phone_changers, LabelRole.PHONE_CHANGER)):
        labels.mark_many((f"phone:{phones[int(setup.people.sim[p])].as_py()}" for p in persons), role)
    for p in c.phone_changers:
        labels.mark_many((f"imei:{setup.handsets['imei'][int(h)].as_py()}" for h in setup.people.rotating_handsets[setup.people.rotation[p]]),
                         LabelRole.PHONE_CHANGER)
    accounts = setup.accounts["account_id"]
    for rows, role in ((c.businesses.merchants, LabelRole.MERCHANT), (c.businesses.employers, LabelRole.PAYROLL),
                       (c.businesses.small, LabelRole.SMALL_BUSINESS)):
        labels.mark_many((f"account:{accounts[int(r)].as_py()}" for r in rows), role)


def line_calls(setup: Setup, day: int) -> pa.Table:
    """Call centres and telemarketers: outgoing calls to strangers in office hours; centres also take calls."""
    rng, knobs, lines = setup.rng(day, "lines"), setup.scenario.confounders, setup.confounders.lines
    if setup.weekday(day) >= 6 or len(lines.sim) == 0:
        return events.CALLS.empty()
    rate = np.where(lines.kind == CENTRE, knobs.centre_calls_per_agent_day, knobs.telemarketer_calls_day)
    line = np.repeat(np.arange(len(lines.sim)), rng.poisson(rate))
    n = len(line)
    ts = times_in_day(rng, n, setup.day_us(day), setup.scenario.world.utc_offset_hours, OFFICE_HOURS)
    answered = rng.random(n) < np.where(lines.kind[line] == CENTRE, 0.6, 0.4)
    median = np.where(lines.kind[line] == CENTRE, 50.0, 25.0)
    callee = rng.integers(0, setup.people.size, n)
    out = events.calls(setup.ids(day, "lines", 0), ts, durations(rng, median, n) * answered,
                       setup.sims["msisdn"].take(lines.sim[line]), setup.number_of(callee),
                       setup.sims["imsi"].take(lines.sim[line]), setup.handsets["imei"].take(lines.handset[line]),
                       setup.cells.ids.take(lines.cell[line]), answered)
    return events.concat([out, _inbound(setup, rng, day, line, callee, answered)], events.CALLS)


def _inbound(setup: Setup, rng, day: int, line, callee, answered) -> pa.Table:
    """Customers calling the centres, and a few called strangers calling telemarketers back."""
    lines, knobs = setup.confounders.lines, setup.scenario.confounders
    centre = lines.kind[line] == CENTRE
    back = np.where(centre, rng.random(len(line)) < knobs.centre_inbound_share, rng.random(len(line)) < 0.03 * answered)
    caller = np.where(centre & (rng.random(len(line)) < 0.7), rng.integers(0, setup.people.size, len(line)), callee)[back]
    ts = times_in_day(rng, len(caller), setup.day_us(day), setup.scenario.world.utc_offset_hours, OFFICE_HOURS)
    ok = rng.random(len(caller)) < 0.9
    number = setup.sims["msisdn"].take(lines.sim[line[back]])
    return person_calls(setup, rng, setup.ids(day, "lines", 1), day, ts, caller, number, durations(rng, 150.0, len(caller)) * ok, ok)


def courier_calls(setup: Setup, day: int) -> pa.Table:
    """Couriers call recipients in their region, short, from whichever cell they are in; some call back."""
    rng, knobs = setup.rng(day, "couriers"), setup.scenario.confounders
    couriers = setup.confounders.couriers
    if setup.weekday(day) == 7 or len(couriers) == 0:
        return events.CALLS.empty()
    courier = np.repeat(couriers, rng.poisson(knobs.courier_calls_day, len(couriers)))
    n = len(courier)
    ts = times_in_day(rng, n, setup.day_us(day), setup.scenario.world.utc_offset_hours, OFFICE_HOURS)
    callee = setup.people_in_region(rng, setup.people.region[courier])
    answered = rng.random(n) < 0.8
    out = person_calls(setup, rng, setup.ids(day, "couriers", 0), day, ts, courier, setup.number_of(callee), durations(rng, 20.0, n) * answered, answered)
    back = rng.random(n) < 0.12
    ts_back = ts[back] + rng.integers(60, 3600, int(back.sum())) * 1_000_000
    ok = rng.random(int(back.sum())) < 0.9
    calls_back = person_calls(setup, rng, setup.ids(day, "couriers", 1), day, np.minimum(ts_back, setup.day_us(day + 1) - 1), callee[back],
                              setup.number_of(courier[back]), durations(rng, 30.0, int(back.sum())) * ok, ok)
    return events.concat([out, calls_back], events.CALLS)

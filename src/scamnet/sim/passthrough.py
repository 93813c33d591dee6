"""Honest pass-through accounts: money in from many people, out again within hours.

These are what a pass-through rule flags when it is wrong. Merchants sweep each day's takings to
their own other account in the evening; payment aggregators and resellers (phone credit, tickets,
group buys) collect from many customers and pay suppliers in bulk a few hours later; students
collect shared rent from their flatmates and pay the landlord; families pool money for a big bill
(hospital, tuition, a wedding) and one of them pays it. Each plays out from the payer's own
device and IP, or the business's; none of it is labelled fraud.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pyarrow as pa

from scamnet.core.enums import HolderType, LabelRole
from scamnet.sim import events
from scamnet.sim.columns import US_PER_DAY, US_PER_S, digit_strings, hex_strings, mix64
from scamnet.sim.labels import LabelBook
from scamnet.sim.numbering import BANKS
from scamnet.sim.social import times_in_day

if TYPE_CHECKING:
    from scamnet.sim.confounders import Businesses
    from scamnet.sim.setup import Setup

HOUR_US = 3600 * US_PER_S
#: Local hours an aggregator pays its suppliers: the money of each batch leaves soon after.
PAYOUT_HOURS = (12, 17, 22)


@dataclass
class PassThrough:
    """Who passes money through honestly, and to whom."""

    sweepers: np.ndarray  # merchant account rows
    sweeper_business: np.ndarray  # their index among the businesses (device and IP)
    sweep_to: np.ndarray  # each sweeper's own other account
    aggregators: np.ndarray  # account rows
    aggregator_device: pa.Array
    aggregator_ip: pa.Array
    suppliers: np.ndarray  # (aggregator, 3) account rows paid on
    collectors: np.ndarray  # person rows collecting rent
    landlords: np.ndarray  # person rows paid the rent
    rent_day: np.ndarray
    poolers: np.ndarray  # person rows pooling family money
    pool_day: np.ndarray
    pool_payee: np.ndarray  # account rows (a hospital, a school: a utility or small business)


def _ids(setup: Setup, day: int, part: int):
    # Transaction ids from the business stream, far above the parts business_transfers uses.
    return setup.ids(day, "business", 100 + part)


def make_pass_through(setup: Setup, businesses: Businesses, labels: LabelBook) -> PassThrough | None:
    """The honest pass-through actors, or None when the scenario asks for none (today's worlds unchanged)."""
    knobs = setup.scenario.confounders
    if not (knobs.sweeping_merchants or knobs.aggregators or knobs.rent_collectors or knobs.family_pools):
        return None
    rng = np.random.default_rng([setup.seed, 7403])
    days, people = setup.scenario.world.days, setup.people.size
    picked = rng.permutation(len(businesses.merchants))[: knobs.sweeping_merchants]
    sweepers = businesses.merchants[picked]
    sweep_to = _business_accounts(setup, rng, len(sweepers), HolderType.MERCHANT, setup.accounts["holder"].take(sweepers))
    aggregators = _business_accounts(setup, rng, knobs.aggregators, HolderType.BUSINESS,
                                     digit_strings(np.arange(knobs.aggregators), 6, "B3"))
    payees = np.concatenate([businesses.small, businesses.merchants])
    suppliers = payees[rng.integers(0, max(1, len(payees)), (knobs.aggregators, 3))] if len(payees) else np.zeros((0, 3), int)
    persons = rng.permutation(people)[: knobs.rent_collectors + knobs.family_pools]
    collectors, poolers = persons[: knobs.rent_collectors], persons[knobs.rent_collectors:]
    bills = np.concatenate([businesses.utilities, businesses.small])
    ids = np.arange(len(aggregators), dtype=np.uint64) + np.uint64(setup.seed * 7727 + 3 * 10**9)
    plan = PassThrough(
        sweepers, picked, sweep_to, aggregators, hex_strings(mix64(ids), "dev-"),
        pa.array([f"{a}.{b}.{c}.{d}" for a, b, c, d in rng.integers(1, 255, (len(aggregators), 4))], pa.string()),
        suppliers, collectors, rng.integers(0, people, len(collectors)), rng.integers(0, days, len(collectors)),
        poolers, rng.integers(0, days, len(poolers)), bills[rng.integers(0, len(bills), len(poolers))])
    accounts = setup.accounts["account_id"]
    labels.mark_many((f"account:{accounts[int(r)].as_py()}" for r in sweep_to), LabelRole.MERCHANT)
    labels.mark_many((f"account:{accounts[int(r)].as_py()}" for r in aggregators), LabelRole.SMALL_BUSINESS)
    return plan


def _business_accounts(setup: Setup, rng, n: int, holder_type: HolderType, holders: pa.Array) -> np.ndarray:
    banks = rng.integers(0, len(BANKS), n)
    return setup.accounts.add(
        account_id=setup.numbering.cards(banks), bank=np.array(list(BANKS))[banks], holder=holders,
        holder_type=np.full(n, holder_type.value), opened_us=setup.start_us - rng.integers(200, 3000, n) * US_PER_DAY,
        region=rng.integers(0, setup.scenario.world.regions, n), msisdn=pa.nulls(n, pa.string()))


def pass_through_transfers(setup: Setup, day: int) -> list[pa.Table]:
    """The day's honest pass-through money: in from many, out again within hours."""
    plan = setup.confounders.pass_through
    if plan is None:
        return []
    rng = setup.rng(day, "pass_through")
    return [*_sweeps(setup, rng, plan, day), *_aggregation(setup, rng, plan, day), *_collections(setup, rng, plan, day)]


def _customers(setup: Setup, rng, day: int, shops: np.ndarray, per_day: float, median: float):
    """Customers paying ``shops`` (account rows) from their own accounts: shop, payer, time, cents."""
    shop = np.repeat(np.arange(len(shops)), rng.poisson(per_day * setup.weekday_factor(day), len(shops)))
    payer = rng.integers(0, setup.people.size, len(shop))
    ts = times_in_day(rng, len(shop), setup.day_us(day), setup.scenario.world.utc_offset_hours)
    cents = np.maximum(100, rng.lognormal(np.log(median * 100), 0.8, len(shop))).astype(np.int64)
    return shop, payer, ts, cents


def _local_hour_us(setup: Setup, day: int, hour: float) -> int:
    return setup.day_us(day) + int(((hour - setup.scenario.world.utc_offset_hours) % 24) * HOUR_US)


def _sweeps(setup: Setup, rng, plan: PassThrough, day: int) -> list[pa.Table]:
    if not len(plan.sweepers):
        return []
    shop, payer, ts, cents = _customers(setup, rng, day, plan.sweepers, 25.0, 80.0)
    paid = _person_payments(setup, rng, _ids(setup, day, 0), ts, payer, plan.sweepers[shop], cents, "qr")
    takings = np.bincount(shop, cents, len(plan.sweepers))
    sweep = (takings * rng.uniform(0.9, 1.0, len(takings))).astype(np.int64)
    at = _local_hour_us(setup, day, 21.0) + rng.integers(0, 150 * 60, len(sweep)) * US_PER_S
    go = sweep >= 100
    b = setup.confounders.businesses
    accounts = setup.accounts["account_id"]
    out = events.transfers(_ids(setup, day, 1), at[go], accounts.take(plan.sweepers[go]),
                           accounts.take(plan.sweep_to[go]), sweep[go], setup.scenario.world.currency, "online",
                           b.device.take(plan.sweeper_business[go]), b.ip.take(plan.sweeper_business[go]), None)
    return [*paid, out]


def _aggregation(setup: Setup, rng, plan: PassThrough, day: int) -> list[pa.Table]:
    if not len(plan.aggregators):
        return []
    agg, payer, ts, cents = _customers(setup, rng, day, plan.aggregators, 20.0, 300.0)
    paid = _person_payments(setup, rng, _ids(setup, day, 2), ts, payer, plan.aggregators[agg], cents, "mobile")
    bounds = np.array([_local_hour_us(setup, day, h) for h in PAYOUT_HOURS])
    batch = np.minimum(np.searchsorted(np.sort(bounds), ts), len(bounds) - 1)
    key = agg * len(bounds) + batch
    total = np.bincount(key, cents, len(plan.aggregators) * len(bounds))
    last = np.zeros(len(total), dtype=np.int64)
    np.maximum.at(last, key, ts)
    due = np.flatnonzero(total >= 100)
    out_cents = (total[due] * rng.uniform(0.9, 0.97, len(due))).astype(np.int64)
    at = np.maximum(np.sort(bounds)[due % len(bounds)], last[due]) + rng.integers(5, 90, len(due)) * 60 * US_PER_S
    who = due // len(bounds)
    supplier = plan.suppliers[who, rng.integers(0, plan.suppliers.shape[1], len(due))]
    accounts = setup.accounts["account_id"]
    out = events.transfers(_ids(setup, day, 3), at, accounts.take(plan.aggregators[who]), accounts.take(supplier),
                           out_cents, setup.scenario.world.currency, "online", plan.aggregator_device.take(who),
                           plan.aggregator_ip.take(who), None)
    return [*paid, out, events.sessions(at - 120 * US_PER_S, accounts.take(plan.aggregators[who]),
                                        plan.aggregator_device.take(who), plan.aggregator_ip.take(who))]


def _collections(setup: Setup, rng, plan: PassThrough, day: int) -> list[pa.Table]:
    """Rent from flatmates to the collector, then to the landlord; family money to the pooler, then to the bill."""
    out = []
    for part, (who, when, median, lo, hi, payee) in enumerate((
            (plan.collectors, plan.rent_day, 1200.0, 2, 5, setup.people.account[plan.landlords]),
            (plan.poolers, plan.pool_day, 3000.0, 3, 7, plan.pool_payee))):
        today = np.flatnonzero(when == day)
        if not len(today):
            continue
        out += _collection(setup, rng, day, part, who[today], payee[today], median, lo, hi)
    return out


def _collection(setup: Setup, rng, day: int, part: int, who: np.ndarray, payee: np.ndarray, median, lo, hi) -> list[pa.Table]:
    count = rng.integers(lo, hi, len(who))
    group = np.repeat(np.arange(len(who)), count)
    payer = np.array([_contact(setup, rng, int(who[g])) for g in group], dtype=np.int64)
    ts = setup.day_us(day) + rng.integers(8 * 3600, 20 * 3600, len(group)) * US_PER_S
    cents = (rng.lognormal(np.log(median), 0.4, len(group)) * 100).astype(np.int64) // 100 * 100
    paid = _person_payments(setup, rng, _ids(setup, day, 4 + 2 * part), ts, payer,
                            setup.people.account[who[group]], cents, "mobile")
    total = np.bincount(group, cents, len(who)).astype(np.int64)
    total += (total * rng.uniform(0.05, 0.5, len(who))).astype(np.int64) // 100 * 100  # the collector's own share
    last = np.zeros(len(who), dtype=np.int64)
    np.maximum.at(last, group, ts)
    at = last + rng.integers(1, 24 * 60, len(who)) * 60 * US_PER_S
    onward = _person_payments(setup, rng, _ids(setup, day, 5 + 2 * part), at, who, payee, total, "mobile")
    return [*paid, *onward]


def _contact(setup: Setup, rng, person: int) -> int:
    contacts = setup.graph.dst[setup.graph.src == person]
    return int(contacts[rng.integers(len(contacts))]) if len(contacts) else int(rng.integers(setup.people.size))


def _person_payments(setup: Setup, rng, ids, ts, payer, dst_rows, cents, channel: str) -> list[pa.Table]:
    """Persons paying from their main account; mobile payments from their own device and IP, after a login."""
    accounts = setup.accounts["account_id"]
    src, dst = accounts.take(setup.people.account[payer]), accounts.take(dst_rows)
    if channel != "mobile":
        return [events.transfers(ids, ts, src, dst, cents, setup.scenario.world.currency, channel)]
    device, ip = setup.people.device.take(payer), setup.people.ip.take(payer)
    table = events.transfers(ids, ts, src, dst, cents, setup.scenario.world.currency, channel, device, ip, None)
    return [table, events.sessions(ts - rng.integers(5, 600, len(ts)) * US_PER_S, src, device, ip)]

"""Everyday money and messages: transfers to contacts, shops, bills and cash, salaries, logins, service SMS.

Persons pay from their main account through their own device and IP (a login precedes each
mobile or online payment); merchants collect many small payments, employers pay salaries once
a month, small businesses pay each other, and banks, shops and couriers send service messages
from short codes and sender ids.
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

import numpy as np
import pyarrow as pa

from scamnet.sim import events
from scamnet.sim.columns import US_PER_S
from scamnet.sim.passthrough import pass_through_transfers
from scamnet.sim.population import atm_memos
from scamnet.sim.social import times_in_day

if TYPE_CHECKING:
    from scamnet.sim.setup import Setup

#: Kinds of everyday payment: share, median CNY, channels.
PAYMENTS = {
    "contact": (0.25, 200.0, ("mobile",)),
    "shop": (0.45, 60.0, ("qr", "pos", "online")),
    "bill": (0.12, 150.0, ("direct_debit",)),
    "cash": (0.08, 500.0, ("atm",)),
    "business": (0.10, 300.0, ("mobile", "online")),
}
SERVICE_KINDS = {"otp": 0.35, "bank": 0.25, "delivery": 0.2, "marketing": 0.2}


def normal_transfers(setup: Setup, day: int) -> list[pa.Table]:
    rng = setup.rng(day, "transfers")
    n = rng.poisson(setup.people.size * setup.scenario.traffic.transfers_per_person_day * setup.weekday_factor(day))
    kinds = list(PAYMENTS)
    kind = rng.choice(len(kinds), n, p=[PAYMENTS[k][0] for k in kinds])
    payer = rng.integers(0, setup.people.size, n)
    ts = np.sort(times_in_day(rng, n, setup.day_us(day), setup.scenario.world.utc_offset_hours))
    medians = np.array([PAYMENTS[k][1] for k in kinds])[kind]
    cents = np.maximum(100, rng.lognormal(np.log(medians * 100), 0.8)).astype(np.int64)
    cash = kind == kinds.index("cash")
    cents = np.where(cash, np.maximum(1, cents // 10_000) * 10_000, cents)  # whole hundreds from ATMs
    dst = _payee(setup, rng, payer, kind, kinds)
    channel = _channel(rng, kind, kinds)
    return _person_payments(setup, rng, setup.ids(day, "transfers"), ts, payer, dst, cents, channel)


def _payee(setup: Setup, rng, payer, kind, kinds) -> np.ndarray:
    """Account rows paid: a contact's main account, a merchant, a utility, a small business; -1 for cash."""
    b = setup.confounders.businesses
    n = len(payer)
    contact = setup.people.account[setup.graph.dst[setup.graph.sample(rng, n)]]
    pools = {"contact": contact, "shop": _any(rng, b.merchants, n), "bill": _any(rng, b.utilities, n),
             "business": _any(rng, b.small, n), "cash": np.full(n, -1)}
    return np.select([kind == kinds.index(k) for k in kinds], [pools[k] for k in kinds])


def _any(rng, pool: np.ndarray, n: int) -> np.ndarray:
    return pool[rng.integers(0, len(pool), n)] if len(pool) else np.full(n, -1)


def _channel(rng, kind, kinds) -> np.ndarray:
    options = np.array([[PAYMENTS[k][2][i % len(PAYMENTS[k][2])] for i in range(3)] for k in kinds])
    return options[kind, rng.integers(0, 3, len(kind))]


def _person_payments(setup: Setup, rng, ids, ts, payer, dst, cents, channel) -> list[pa.Table]:
    accounts = setup.accounts["account_id"]
    src = accounts.take(setup.people.account[payer])
    has_dst = dst >= 0
    dst_ids = pa.compute.if_else(pa.array(has_dst), accounts.take(np.maximum(dst, 0)), pa.scalar(None, pa.string()))
    online = np.isin(channel, ["mobile", "online"])
    device = pa.compute.if_else(pa.array(online), setup.people.device.take(payer), pa.scalar(None, pa.string()))
    ip = pa.compute.if_else(pa.array(online), setup.people.ip.take(payer), pa.scalar(None, pa.string()))
    memo = atm_memos(setup.people.region[payer], channel == "atm")
    table = events.transfers(ids, ts, src, dst_ids, cents, setup.scenario.world.currency, channel, device, ip, memo)
    mask = pa.array(online)
    logins = events.sessions(ts[online] - rng.integers(5, 600, int(online.sum())) * US_PER_S, src.filter(mask),
                             device.filter(mask), ip.filter(mask))
    return [table, logins]


def logins(setup: Setup, day: int) -> pa.Table:
    """Logins to check a balance: no transfer follows."""
    rng = setup.rng(day, "sessions")
    n = rng.poisson(setup.people.size * setup.scenario.traffic.logins_per_person_day)
    person = rng.integers(0, setup.people.size, n)
    ts = times_in_day(rng, n, setup.day_us(day), setup.scenario.world.utc_offset_hours)
    return events.sessions(ts, setup.accounts["account_id"].take(setup.people.account[person]),
                           setup.people.device.take(person), setup.people.ip.take(person))


def business_transfers(setup: Setup, day: int) -> list[pa.Table]:
    """Salaries on pay day (employers fan out); small businesses paying suppliers on weekdays; honest pass-through."""
    rng, b = setup.rng(day, "business"), setup.confounders.businesses
    out = []
    if _is_pay_day(setup, day):
        staff = np.flatnonzero(b.employer_of >= 0)
        ts = setup.day_us(day) + rng.integers(1, 4 * 3600, len(staff)) * US_PER_S
        cents = (rng.lognormal(np.log(6500), 0.5, len(staff)) * 100).astype(np.int64)
        out.append(_business_table(setup, rng, setup.ids(day, "salary"), ts, b.employers[b.employer_of[staff]],
                                   setup.people.account[staff], cents, len(b.merchants) + b.employer_of[staff], "salary"))
    if setup.weekday(day) <= 5 and len(b.small):
        n = rng.poisson(len(b.small) * 0.8)
        payer = rng.integers(0, len(b.small), n)
        dst = np.concatenate([b.small, b.utilities])[rng.integers(0, len(b.small) + len(b.utilities), n)]
        ts = times_in_day(rng, n, setup.day_us(day), setup.scenario.world.utc_offset_hours)
        cents = (rng.lognormal(np.log(15_000), 0.9, n) * 100).astype(np.int64)
        offset = len(b.merchants) + len(b.employers)
        out.append(_business_table(setup, rng, setup.ids(day, "business"), ts, b.small[payer], dst, cents, offset + payer, None))
    return out + pass_through_transfers(setup, day)


def _is_pay_day(setup: Setup, day: int) -> bool:
    return (setup.scenario.start + timedelta(days=day)).day == setup.scenario.traffic.salary_day


def _business_table(setup: Setup, rng, ids, ts, src_rows, dst_rows, cents, business, memo) -> pa.Table:
    accounts, b = setup.accounts["account_id"], setup.confounders.businesses
    return events.transfers(ids, ts, accounts.take(src_rows), accounts.take(dst_rows), cents, setup.scenario.world.currency,
                            "online", b.device.take(business), b.ip.take(business), memo)


def service_messages(setup: Setup, day: int) -> pa.Table:
    rng = setup.rng(day, "service_sms")
    n = rng.poisson(setup.people.size * setup.scenario.traffic.service_sms_per_person_day * setup.weekday_factor(day))
    kinds = list(SERVICE_KINDS)
    kind = rng.choice(len(kinds), n, p=list(SERVICE_KINDS.values()))
    person = rng.integers(0, setup.people.size, n)
    ts = times_in_day(rng, n, setup.day_us(day), setup.scenario.world.utc_offset_hours)
    english = setup.people.english[person]
    parts = []
    for k, name in enumerate(kinds):
        mine = kind == k
        text, sender = setup.texts.service(rng, name, english[mine])
        parts.append(events.messages(setup.ids(day, "service_sms", k), ts[mine], sender, setup.number_of(person[mine]),
                                     "sms", text))
    return events.concat(parts, events.MESSAGES)

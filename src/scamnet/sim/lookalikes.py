"""Honest people who look like victims: a large payment to someone new, after long calls from a stranger.

A car bought from a dealer, a flat's deposit to a landlord, a school's fees: the salesman or the
landlord calls from their own mobile (a number the buyer was never in touch with), once to three
times over a few days, for a quarter of an hour; then the buyer pays tens of thousands to an
account they never paid. Every sign a victim shows on the payment side is there; what is missing
is everything a scam leaves: no flagged number, no gateway, no scam text, no young or dormant
account, no mule. These are the false alarms that victim early warning must let through
(``confounders.big_purchases_per_1000_day``; 0 keeps the built-in worlds as they were).

Some buyers also do what victims do (each a stated share, from its own random stream, so the
shares at 0 leave the world as it was): they open the seller's site, a car dealer's or an estate
agent's (``confounders.big_purchase_site_share``: a web visit, ``link_visits``), or pay from a
phone the account never used (``confounders.big_purchase_new_phone_share``).

The buyer is labelled ``big_purchase`` (a confounder role) and so is the payment (``txn:``).
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from scamnet.core.enums import LabelRole
from scamnet.sim import events
from scamnet.sim.browsing import seller_site, visits
from scamnet.sim.columns import US_PER_DAY, US_PER_S
from scamnet.sim.confounders import OFFICE_HOURS
from scamnet.sim.device_signs import new_devices
from scamnet.sim.setup import Setup
from scamnet.sim.social import person_calls, times_in_day

#: Median of a big purchase (CNY): a used car, a deposit, a year of fees.
MEDIAN_YUAN = 60_000.0


def big_purchases(setup: Setup, day: int) -> list[pa.Table]:
    """Today's buyers: their calls from the seller (today and the next days) and, days later, the payment."""
    rate = setup.scenario.confounders.big_purchases_per_1000_day
    if rate <= 0:
        return []
    rng = setup.rng(day, "lookalikes")
    n = int(rng.poisson(setup.people.size * rate / 1000))
    if n == 0:
        return []
    buyer, seller = rng.integers(0, setup.people.size, n), rng.integers(0, setup.people.size, n)
    calls = rng.integers(1, 4, n)
    caller, callee = np.repeat(seller, calls), np.repeat(buyer, calls)
    offset_days = np.concatenate([np.arange(k) for k in calls])  # one call a day, from today
    start = times_in_day(rng, len(caller), setup.day_us(day), setup.scenario.world.utc_offset_hours, OFFICE_HOURS)
    ts = start + offset_days * US_PER_DAY
    seconds = np.clip(rng.lognormal(np.log(900.0), 0.5, len(caller)), 300, 3600).astype(np.int64)
    talks = person_calls(setup, rng, setup.ids(day, "lookalikes", 0), day, ts, caller, setup.number_of(callee),
                         seconds, np.ones(len(caller), bool))
    paid_at = setup.day_us(day) + (calls + rng.integers(0, 3, n)) * US_PER_DAY \
        + times_in_day(rng, n, 0, setup.scenario.world.utc_offset_hours, OFFICE_HOURS)
    small = setup.confounders.businesses.small
    to_business = (rng.random(n) < 0.5) & (len(small) > 0)
    dst_row = np.where(to_business, small[rng.integers(0, max(len(small), 1), n)] if len(small) else 0,
                       setup.people.account[seller])
    cents = np.clip(rng.lognormal(np.log(MEDIAN_YUAN * 100), 0.6, n), 1_000_000, 30_000_000).astype(np.int64)
    accounts = setup.accounts["account_id"]
    device, site_visits = _buyer_signs(setup, day, buyer, start[np.cumsum(calls) - calls], paid_at)
    paid = events.transfers(setup.ids(day, "lookalikes", 1), paid_at, accounts.take(setup.people.account[buyer]),
                            accounts.take(dst_row), cents, setup.scenario.world.currency,
                            pa.array(["mobile"] * n), device, setup.people.ip.take(buyer))
    logins = events.sessions(paid_at - rng.integers(30, 600, n) * US_PER_S, paid["src_account"],
                             device, setup.people.ip.take(buyer))
    people = setup.people.person_id.take(buyer).to_pylist()
    setup.labels.mark_many([f"person:{p}" for p in people], LabelRole.BIG_PURCHASE, since_us=list(start[np.cumsum(calls) - calls]),
                           until_us=list(paid_at))
    inside = paid_at < setup.end_us  # a payment after the world's end is never written
    setup.labels.mark_many([f"txn:{t}" for t, ok in zip(paid["txn_id"].to_pylist(), inside, strict=True) if ok],
                           LabelRole.BIG_PURCHASE, since_us=list(paid_at[inside]), until_us=list(paid_at[inside]))
    return [talks, paid, logins, *site_visits]


def _buyer_signs(setup: Setup, day: int, buyer: np.ndarray, first_call: np.ndarray,
                 paid_at: np.ndarray) -> tuple[pa.Array, list[pa.Table]]:
    """The device each buyer pays from (a new phone for some) and their visits to the seller's site before paying."""
    knobs, n = setup.scenario.confounders, len(buyer)
    rng = setup.rng(day, "lookalike-signs")  # its own stream: the shares at 0 leave the world as it was
    fresh = rng.random(n) < knobs.big_purchase_new_phone_share
    own = setup.people.device.take(buyer)
    device = pa.array(np.where(fresh, np.array(new_devices(setup, day, 600, n).to_pylist(), dtype=object),
                               np.array(own.to_pylist(), dtype=object)).tolist(), pa.string()) if fresh.any() else own
    looked = np.flatnonzero(rng.random(n) < knobs.big_purchase_site_share)
    if not len(looked):
        return device, []
    at = first_call[looked] + (rng.uniform(0.05, 0.9, len(looked)) * (paid_at[looked] - first_call[looked])).astype(np.int64)
    sites = [seller_site(rng, setup.seed) for _ in looked]
    return device, [visits(setup, setup.ids(day, "lookalikes", 2), at, buyer[looked], sites)]

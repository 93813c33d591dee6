"""Honest payments a bank's app reports as unusual: under a remote-access app, or from a new phone.

Victims are told to install a screen-sharing app (the "bank's security check"), or pay from a
phone the account never used (``victims.remote_access_share``, ``victims.new_device_share``). Honest
people do both too: a help desk or a grown-up child steers a parent's phone while they pay a bill
(``traffic.remote_help_per_1000_day``), people buy new phones and pay a friend or a shop from them
the same day (``traffic.new_phone_per_1000_day``). These are those honest payments, unlabelled like
every other honest transfer, so that neither sign is the victims' alone.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from scamnet.sim import events
from scamnet.sim.columns import US_PER_S
from scamnet.sim.setup import Setup
from scamnet.sim.social import times_in_day


def new_devices(setup: Setup, day: int, part: int, n: int) -> pa.Array:
    """``n`` device fingerprints never used before (the population's own are ``dev-`` + 16 hex digits too)."""
    return setup.ids(day, "device_signs", part).take("dev-", n)


def honest_device_signs(setup: Setup, day: int) -> list[pa.Table]:
    """Today's honest payments under a remote-access app and from new phones, each after its login."""
    traffic = setup.scenario.traffic
    rng = setup.rng(day, "device_signs")
    out: list[pa.Table] = []
    for part, rate, remote in ((1, traffic.remote_help_per_1000_day, True), (3, traffic.new_phone_per_1000_day, False)):
        n = int(rng.poisson(setup.people.size * rate / 1000)) if rate > 0 else 0
        if n:
            out += _payments(setup, rng, day, part, n, remote)
    return out


def _payments(setup: Setup, rng: np.random.Generator, day: int, part: int, n: int, remote: bool) -> list[pa.Table]:
    """``n`` people pay a contact or a shop: under a remote-access app (``remote``) or from a new phone."""
    edge = setup.graph.sample(rng, n)  # half pay a contact, half someone they may never have paid (a shop, a bill)
    payer = setup.graph.src[edge]
    payee = np.where(rng.random(n) < 0.5, setup.graph.dst[edge], rng.integers(0, setup.people.size, n))
    payee = np.where(payee == payer, (payee + 1) % setup.people.size, payee)
    accounts = setup.accounts["account_id"]
    ts = times_in_day(rng, n, setup.day_us(day), setup.scenario.world.utc_offset_hours)
    device = setup.people.device.take(payer) if remote else new_devices(setup, day, part, n)
    ip = setup.people.ip.take(payer)
    cents = np.clip(rng.lognormal(np.log(30_000), 1.0, n), 1_000, 2_000_000).astype(np.int64)
    src = accounts.take(setup.people.account[payer])
    paid = events.transfers(setup.ids(day, "device_signs", part + 1), ts, src, accounts.take(setup.people.account[payee]),
                            cents, setup.scenario.world.currency, pa.array(["mobile"] * n), device, ip)
    logins = events.sessions(ts - rng.integers(60, 900, n) * US_PER_S, src, device, ip,
                             pa.array([True] * n) if remote else None)
    return [paid, logins]

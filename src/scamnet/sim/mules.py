"""Laundering: victims' money through the mule layers to cash-out.

Each payment a first-layer mule receives is forwarded within minutes to hours, split into a
few parts, to the next layer; the small next layers merge parts of many payments. Every hop
keeps a commission. The last layer's cash-out accounts take the money out: ATM withdrawals in
chunks, crypto OTC purchases, wires abroad. Amounts are whole cents, so money is conserved
exactly: what the victims paid equals what left through cash-out plus the commissions kept.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pyarrow as pa

from scamnet.core.enums import LabelRole
from scamnet.sim import events
from scamnet.sim.columns import US_PER_S
from scamnet.sim.crypto import otc_cash_out
from scamnet.sim.gangs import LAYERS, Gang
from scamnet.sim.population import atm_memos

if TYPE_CHECKING:
    from scamnet.sim.setup import Setup

MINUTE_US = 60 * US_PER_S


@dataclass
class Holdings:
    """Money sitting in mule accounts: account row, since when, how many cents."""

    account: np.ndarray
    ts: np.ndarray
    cents: np.ndarray


def chain_hours(setup: Setup) -> float:
    """The longest a payment takes to reach cash-out: one hold per layer and one at cash-out."""
    return (setup.scenario.mules.layers + 1) * setup.scenario.mules.forward_max_hours


def launder(setup: Setup, gang: Gang, held: Holdings, rng: np.random.Generator, day: int, part: int) -> list[pa.Table]:
    """Transfers and logins that carry ``held`` (money on first-layer accounts) out through cash-out."""
    out = []
    layers = [*LAYERS[: setup.scenario.mules.layers], "cashout"]
    for step, nxt in enumerate(layers[1:]):
        # The sending layer's operator (the gang, or the platform it launders through) runs the hop.
        held, tables = _forward(setup, gang.operator(layers[step]), held, gang.mules[nxt], rng,
                                setup.ids(day, "mules", part * 8 + step))
        out += tables
    cash = _cash_out(setup, gang.operator("cashout"), held, rng, setup.ids(day, "mules", part * 8 + 7))
    if setup.crypto is not None:  # crypto_otc cash-outs pay OTC traders, who send USDT on chain
        cash = otc_cash_out(setup, gang.gang_id, cash[0], day, part) + cash[1:]
    return out + cash


def _hold_us(setup: Setup, rng, n: int) -> np.ndarray:
    knobs = setup.scenario.mules
    minutes = np.minimum(rng.lognormal(np.log(knobs.forward_minutes), 0.8, n), knobs.forward_max_hours * 60)
    return np.maximum(1, minutes * MINUTE_US).astype(np.int64)


def _keep(setup: Setup, rng, cents: np.ndarray) -> np.ndarray:
    knobs = setup.scenario.mules
    rate = rng.uniform(knobs.commission_min, knobs.commission_max, len(cents))
    return np.floor(cents * rate).astype(np.int64)


def _forward(setup, gang, held: Holdings, pool: np.ndarray, rng, ids) -> tuple[Holdings, list[pa.Table]]:
    sent = held.cents - _keep(setup, rng, held.cents)
    knobs = setup.scenario.mules
    parts = rng.integers(1, knobs.split_max + 1, len(sent))
    spread = knobs.split_spread
    if knobs.structure_below > 0:
        # Every part below the limit: parts average 60-80 % of it, weights within 10 % of each other.
        cap = knobs.structure_below * 100
        parts = np.maximum(parts, np.ceil(sent / (cap * rng.uniform(0.6, 0.8, len(sent)))).astype(np.int64))
        spread = min(spread, 0.1)
    parts = np.minimum(parts, np.maximum(1, sent // 100))  # never split below 1 CNY
    src = np.repeat(np.arange(len(sent)), parts)
    weights = rng.uniform(1 - spread, 1 + spread, len(src))
    total = np.bincount(src, weights, len(sent))
    cents = np.floor(sent[src] * weights / total[src]).astype(np.int64)
    first = np.cumsum(parts) - parts
    cents[first] += sent - np.bincount(src, cents, len(sent)).astype(np.int64)  # remainders: nothing lost
    ts = held.ts[src] + _hold_us(setup, rng, len(src))
    dst = pool[rng.integers(0, len(pool), len(src))]
    table, logins = _mule_transfers(setup, gang, rng, ids, ts, held.account[src], dst, cents, "mobile")
    return Holdings(dst, ts, cents), [table, logins]


def _cash_out(setup, gang, held: Holdings, rng, ids) -> list[pa.Table]:
    sent = held.cents - _keep(setup, rng, held.cents)
    mix = setup.scenario.mules.cashout_channels
    names, p = list(mix), np.array(list(mix.values()), dtype=float)
    channel = np.array(names)[rng.choice(len(names), len(sent), p=p / p.sum())]
    src, cents, k = _atm_chunks(setup, rng, sent, channel == "atm")
    ts = held.ts[src] + _hold_us(setup, rng, len(src)) + k * 10 * MINUTE_US
    atm = channel[src] == "atm"
    memo = atm_memos(_atm_regions(setup, rng, held.account[src]), atm)
    goods = channel[src] == "goods"
    dst = _goods_sellers(setup, rng, goods) if goods.any() else None
    out_channel = np.where(goods, "pos", channel[src]) if goods.any() else channel[src]
    table, logins = _mule_transfers(setup, gang, rng, ids, ts, held.account[src], dst, cents, out_channel, memo)
    return [table, logins]


def _atm_chunks(setup, rng, sent: np.ndarray, atm: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each payment's row, amount and index within it: ATM payments in chunks, the others whole.

    Chunks are ``atm_chunk_max`` each (the last one the rest), or with ``atm_chunk_jitter`` a
    random whole hundred between ``(1 - jitter)`` of it and it, as a person at a machine picks.
    """
    knobs = setup.scenario.mules
    top = int(knobs.atm_chunk_max * 100)
    low = max(10_000, int(top * (1 - knobs.atm_chunk_jitter)) // 10_000 * 10_000)
    chunks = np.where(atm, -(-sent // low), 1)
    src = np.repeat(np.arange(len(sent)), chunks)
    k = np.arange(len(src)) - np.repeat(np.cumsum(chunks) - chunks, chunks)
    size = np.full(len(src), top, dtype=np.int64)
    if knobs.atm_chunk_jitter > 0:
        size = rng.integers(low // 10_000, top // 10_000 + 1, len(src)) * 10_000
    before = np.cumsum(size) - size
    before -= np.repeat(before[np.cumsum(chunks) - chunks], chunks)  # drawn before this chunk, per payment
    cents = np.where(atm[src], np.clip(sent[src] - before, 0, size), sent[src])
    keep = cents > 0
    return src[keep], cents[keep], k[keep]


def _atm_regions(setup, rng, rows: np.ndarray) -> np.ndarray:
    """Where cash is drawn: far from home (another region than the account's), or at home for a share."""
    regions = setup.scenario.world.regions
    home = setup.accounts["region"][rows].astype(int)
    away = (home + rng.integers(1, max(2, regions), len(rows))) % regions
    share = setup.scenario.mules.cashout_home_share
    return np.where(rng.random(len(rows)) < share, home, away) if share > 0 else away


def _goods_sellers(setup, rng, goods: np.ndarray) -> np.ndarray:
    """Merchants the money buys goods from (gold, phones, gift cards); -1 where it is not spent on goods."""
    merchants = setup.confounders.businesses.merchants
    picked = merchants[rng.integers(0, len(merchants), len(goods))] if len(merchants) else np.full(len(goods), -1)
    return np.where(goods, picked, -1)


def _holders(setup, rows: np.ndarray) -> np.ndarray:
    """The person (row) holding each mule account ``rows``: every mule account is a person's, whoever runs it
    (its gang, a laundering platform, or a gang that borrowed it)."""
    holders = setup.accounts["holder"].take(pa.array(rows)).to_pylist()
    return np.array([int(h[1:]) for h in holders], dtype=np.int64)


def _mule_transfers(setup, gang, rng, ids, ts, src_rows, dst_rows, cents, channel, memo=None):
    """Mule transfers and their logins: from the gang's few shared devices and IPs, or for a share
    (``own_device_share``) from the holder's own phone, paying on as the gang tells them."""
    n = len(ts)
    device = gang.devices.take(rng.integers(0, len(gang.devices), n))
    ip = gang.ips.take(rng.integers(0, len(gang.ips), n))
    own = np.zeros(n, bool)
    if setup.scenario.mules.own_device_share > 0 and n:
        own = rng.random(n) < setup.scenario.mules.own_device_share
        holder = _holders(setup, src_rows)
        device = pa.compute.if_else(pa.array(own), setup.people.device.take(holder), device)
        ip = pa.compute.if_else(pa.array(own), setup.people.ip.take(holder), ip)
    accounts = setup.accounts["account_id"]
    src = accounts.take(src_rows)
    dst = None
    if dst_rows is not None:
        dst = pa.compute.if_else(pa.array(dst_rows >= 0), accounts.take(np.maximum(dst_rows, 0)), pa.scalar(None, pa.string()))
    atm = np.asarray(channel == "atm") if not isinstance(channel, str) else np.zeros(n, bool)
    device = pa.compute.if_else(pa.array(atm), pa.scalar(None, pa.string()), device)
    ip_col = pa.compute.if_else(pa.array(atm), pa.scalar(None, pa.string()), ip)
    table = events.transfers(ids, ts, src, dst, cents, setup.scenario.world.currency, channel, device, ip_col, memo)
    online = ~atm
    used = pa.compute.unique(device.filter(pa.array(online & ~own))).to_pylist()
    # The gang's operators are known by the devices they run mule accounts from.
    setup.labels.mark_many((f"device:{d}" for d in used), LabelRole.OPERATOR, gang.gang_id)
    logins = events.sessions(ts[online] - rng.integers(10, 300, int(online.sum())) * US_PER_S,
                             src.filter(pa.array(online)), device.filter(pa.array(online)), ip.filter(pa.array(online)))
    return table, logins

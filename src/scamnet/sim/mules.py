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
from scamnet.sim.gangs import LAYERS, Gang
from scamnet.sim.population import atm_memos

if TYPE_CHECKING:
    from scamnet.sim.setup import Setup

ATM_CHUNK_CENTS = 500_000  # ATM withdrawals of at most 5,000 CNY each
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
    out += _cash_out(setup, gang.operator("cashout"), held, rng, setup.ids(day, "mules", part * 8 + 7))
    return out


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
    parts = rng.integers(1, setup.scenario.mules.split_max + 1, len(sent))
    parts = np.minimum(parts, np.maximum(1, sent // 100))  # never split below 1 CNY
    src = np.repeat(np.arange(len(sent)), parts)
    weights = rng.uniform(0.5, 1.5, len(src))
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
    chunks = np.where(channel == "atm", -(-sent // ATM_CHUNK_CENTS), 1)
    src = np.repeat(np.arange(len(sent)), chunks)
    k = np.arange(len(src)) - np.repeat(np.cumsum(chunks) - chunks, chunks)
    cents = np.where(channel[src] == "atm", np.minimum(ATM_CHUNK_CENTS, sent[src] - k * ATM_CHUNK_CENTS), sent[src])
    ts = held.ts[src] + _hold_us(setup, rng, len(src)) + k * 10 * MINUTE_US
    # Cash is drawn far from home: in another region than the account's.
    regions = setup.scenario.world.regions
    away = (setup.accounts["region"][held.account[src]].astype(int) + rng.integers(1, max(2, regions), len(src))) % regions
    memo = atm_memos(away, channel[src] == "atm")
    table, logins = _mule_transfers(setup, gang, rng, ids, ts, held.account[src], None, cents, channel[src], memo)
    return [table, logins]


def _mule_transfers(setup, gang, rng, ids, ts, src_rows, dst_rows, cents, channel, memo=None):
    """Mule transfers and their logins, all from the gang's few shared devices and IPs."""
    n = len(ts)
    device = gang.devices.take(rng.integers(0, len(gang.devices), n))
    ip = gang.ips.take(rng.integers(0, len(gang.ips), n))
    accounts = setup.accounts["account_id"]
    src = accounts.take(src_rows)
    dst = accounts.take(dst_rows) if dst_rows is not None else None
    atm = np.asarray(channel == "atm") if not isinstance(channel, str) else np.zeros(n, bool)
    device = pa.compute.if_else(pa.array(atm), pa.scalar(None, pa.string()), device)
    ip_col = pa.compute.if_else(pa.array(atm), pa.scalar(None, pa.string()), ip)
    table = events.transfers(ids, ts, src, dst, cents, setup.scenario.world.currency, channel, device, ip_col, memo)
    online = ~atm
    used = pa.compute.unique(device.filter(pa.array(online))).to_pylist()
    # The gang's operators are known by the devices they run mule accounts from.
    setup.labels.mark_many((f"device:{d}" for d in used), LabelRole.OPERATOR, gang.gang_id)
    logins = events.sessions(ts[online] - rng.integers(10, 300, int(online.sum())) * US_PER_S,
                             src.filter(pa.array(online)), device.filter(pa.array(online)), ip.filter(pa.array(online)))
    return table, logins

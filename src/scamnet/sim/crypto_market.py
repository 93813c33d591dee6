"""Honest life on the chain, every day, through the same traders and exchanges the gangs use.

- traders restock from an exchange hot wallet each day;
- people buy USDT from a trader (a bank payment to the trader, coins to their wallet) and later
  deposit some at an exchange, or sell coins to a trader for bank money;
- small businesses are paid by payment processors (many customer wallets pay a processor in small
  amounts, the processor pays merchants in bulk) and sell to the traders;
- exchange hot wallets take every deposit address's sweep (huge fan-in) and pay withdrawals.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pyarrow as pa

from scamnet.core.enums import LabelRole
from scamnet.sim.columns import US_PER_DAY
from scamnet.sim.crypto import MICRO, MINUTE_US, ChainRows, CryptoWorld, _sweep, bank_payments, wallet_entity

if TYPE_CHECKING:
    from scamnet.sim.setup import Setup


def crypto_day(setup: Setup, day: int) -> list[pa.Table]:
    """The day's honest trades, payments and exchange flows (nothing when the crypto leg is off)."""
    crypto: CryptoWorld | None = getattr(setup, "crypto", None)
    if crypto is None:
        return []
    rng = setup.rng(day, "crypto_market")
    rows = ChainRows()
    day_us = setup.day_us(day)
    for trader in crypto.traders:  # restock from an exchange
        hot = crypto.hot[int(rng.integers(len(crypto.hot)))]
        rows.send(crypto, day_us + int(rng.integers(0, 6 * 60)) * MINUTE_US, hot[int(rng.integers(len(hot)))],
                  trader.wallet, int(rng.integers(20_000, 80_000)) * MICRO)
    bank = _retail(setup, crypto, rows, rng, day)
    _businesses(crypto, rows, rng, day_us)
    return [*bank, *rows.tables(crypto)]


def _retail(setup: Setup, crypto: CryptoWorld, rows: ChainRows, rng, day: int) -> list[pa.Table]:
    n = int(rng.poisson(crypto.knobs.retail_trades_per_1000_day * setup.people.size / 1000))
    if n == 0:
        return []
    people = setup.people
    person = rng.integers(0, people.size, n)
    trader = rng.integers(0, len(crypto.traders), n)
    ts = setup.day_us(day) + rng.integers(7 * 60, 23 * 60, n) * MINUTE_US
    cents = np.round(rng.lognormal(np.log(3000), 0.9, n)).astype(np.int64) * 100
    buying = rng.random(n) < 0.6
    txn_ids = setup.ids(day, "crypto", 4000).take("t", n).to_pylist()
    trade_ids = setup.ids(day, "crypto", 4001).take("o", n).to_pylist()
    src = np.where(buying, people.account[person], [crypto.traders[t].account for t in trader])
    dst = np.where(buying, [crypto.traders[t].account for t in trader], people.account[person])
    pay_at = ts + np.where(buying, 0, 15 * MINUTE_US)  # a seller is paid once the coins arrived
    for k in range(n):
        t, rate = crypto.traders[int(trader[k])], crypto.rate(rng)
        micro = int(int(cents[k]) / 100 / float(rate) * MICRO)
        wallet = _retail_wallet(setup, crypto, int(person[k]))
        if buying[k]:
            tx_hash = rows.send(crypto, int(ts[k]) + int(rng.integers(5, 30)) * MINUTE_US, t.wallet, wallet, micro)
            if rng.random() < 0.5:
                _deposit(crypto, rows, rng, wallet, int(ts[k]) + int(rng.integers(60, 600)) * MINUTE_US, micro)
        else:
            hot = crypto.hot[int(rng.integers(len(crypto.hot)))]
            rows.send(crypto, int(ts[k]) - int(rng.integers(30, 300)) * MINUTE_US, hot[0], wallet, micro)
            tx_hash = rows.send(crypto, int(ts[k]), wallet, t.wallet, micro)
        rows.trades.append((trade_ids[k], t.trader_id, txn_ids[k], tx_hash, rate, int(ts[k]) + 30 * MINUTE_US))
    return [bank_payments(setup, txn_ids, pay_at, src, dst, cents)]


def _retail_wallet(setup: Setup, crypto: CryptoWorld, person: int) -> str:
    wallet = crypto.retail.get(person)
    if wallet is None:
        wallet = crypto.retail[person] = crypto.address()
        setup.labels.mark(wallet_entity(wallet), LabelRole.USDT_RETAIL)
    return wallet


def _deposit(crypto: CryptoWorld, rows: ChainRows, rng, wallet: str, at: int, micro: int) -> None:
    """A person's deposit at an exchange: through their own deposit address, swept to a hot wallet."""
    deposit = crypto.own_deposits.get(wallet)
    if deposit is None:
        deposit = crypto.own_deposits[wallet] = crypto.deposit_address(int(rng.integers(len(crypto.hot))))
        crypto.labels.mark(wallet_entity(deposit), LabelRole.EXCHANGE_DEPOSIT)
    rows.send(crypto, at, wallet, deposit, micro)
    _sweep(crypto, rows, rng, deposit, at, micro)


def _businesses(crypto: CryptoWorld, rows: ChainRows, rng, day_us: int) -> None:
    """Customers pay processors; processors pay businesses in bulk; businesses sell to traders now and then."""
    for processor in crypto.processors:
        customers = int(rng.integers(10, 40))
        total = 0
        for _ in range(customers):
            micro = int(rng.integers(20, 500)) * MICRO
            customer = crypto.address()
            crypto.labels.mark(wallet_entity(customer), LabelRole.USDT_RETAIL)
            rows.send(crypto, day_us + int(rng.integers(0, 20 * 60)) * MINUTE_US, customer, processor, micro)
            total += micro
        if crypto.businesses:
            payees = rng.choice(len(crypto.businesses), min(3, len(crypto.businesses)), replace=False)
            for b in payees.tolist():
                rows.send(crypto, day_us + int(rng.integers(20 * 60, 24 * 60 - 1)) * MINUTE_US, processor,
                          crypto.businesses[b], total // len(payees))
    for business in crypto.businesses:
        if rng.random() < 0.15:
            trader = crypto.traders[int(rng.integers(len(crypto.traders)))]
            rows.send(crypto, day_us + US_PER_DAY // 2, business, trader.wallet, int(rng.integers(500, 3000)) * MICRO)

"""The virtual-currency leg of a world: OTC traders, exchanges, gang wallets, and how gangs cash out.

With ``[crypto] enabled``, a gang's ``crypto_otc`` cash-out pays an OTC trader's bank account; the
trader sends USDT-TRC20 at the market price plus a premium to one of the gang's receiving wallets
(an ``otc_trades`` row bridges the two). The coins then either go down a peel chain (each hop
sends a part to one of the gang's exchange deposit addresses and the rest on) into a
consolidation wallet and on to a deposit address, or to a black-U dealer who resells them to
buyers. Deposit addresses sweep to their exchange's hot wallets. Honest life on the same chain
(``crypto_market.py``): people and businesses trading through the same traders, exchange hot
wallets with huge fan-in, payment processors. Every wallet is labelled; amounts are whole
micro-USDT (TRC20 USDT has 6 decimals) and whole cents, so nothing is lost.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

import numpy as np
import pyarrow as pa

from scamnet.core.enums import LabelRole, WalletOwnerKind
from scamnet.schema import table
from scamnet.schema.addresses import base58check_encode
from scamnet.sim import events
from scamnet.sim.columns import US_PER_S, timestamps

if TYPE_CHECKING:
    from scamnet.sim.setup import Setup

#: The USDT contract on TRON (public, as every explorer shows it).
USDT_TRC20 = "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t"
MICRO = 1_000_000
MINUTE_US = 60 * US_PER_S
_BLOCK_US = 3 * US_PER_S
_EXCHANGE_NAMES = ("Exchange North", "Exchange East", "Exchange South", "Exchange West", "Exchange Harbour")
CHAIN_TRANSFERS, OTC_TRADES, WALLETS = table("chain_transfers"), table("otc_trades"), table("wallets")


@dataclass
class Trader:
    trader_id: str  # the person id
    account: int  # bank account row
    wallet: str


@dataclass
class GangWallets:
    receive: list[str]
    peel: list[str]
    consolidation: str
    deposits: list[tuple[str, int]]  # (address, exchange)
    dealer: str


@dataclass
class ChainRows:
    """Rows of one generator call, built as Python tuples and turned into Arrow tables once."""

    transfers: list[tuple] = field(default_factory=list)  # (hash, log, ts_us, from, to, micro)
    trades: list[tuple] = field(default_factory=list)  # (trade_id, trader, bank_txn_id, hash, rate, ts_us)

    def send(self, crypto: CryptoWorld, ts_us: int, src: str, dst: str, micro: int) -> str:
        tx_hash = crypto.tx_hash()
        self.transfers.append((tx_hash, 0, int(ts_us), src, dst, int(micro)))
        crypto.seen(src, ts_us)
        crypto.seen(dst, ts_us)
        return tx_hash

    def tables(self, crypto: CryptoWorld) -> list[pa.Table]:
        out = []
        if self.transfers:
            cols = list(zip(*self.transfers, strict=True))
            ts = np.array(cols[2], dtype=np.int64)
            out.append(pa.Table.from_arrays([
                pa.array(["tron"] * len(ts)), pa.array(cols[0], pa.string()), pa.array(cols[1], pa.int32()),
                pa.array((ts - crypto.start_us) // _BLOCK_US + 60_000_000, pa.int64()), timestamps(ts),
                pa.array(cols[3], pa.string()), pa.array(cols[4], pa.string()), pa.array([USDT_TRC20] * len(ts)),
                pa.array(["USDT"] * len(ts)), pa.array([Decimal(m).scaleb(-6) for m in cols[5]], CHAIN_TRANSFERS.field("amount").type),
            ], schema=CHAIN_TRANSFERS.schema))
        if self.trades:
            cols = list(zip(*self.trades, strict=True))
            out.append(pa.Table.from_arrays([
                pa.array(cols[0], pa.string()), pa.array(cols[1], pa.string()), pa.array(cols[2], pa.string()),
                pa.array(["tron"] * len(cols[0])), pa.array(cols[3], pa.string()),
                pa.array(cols[4], OTC_TRADES.field("rate").type), timestamps(np.array(cols[5], dtype=np.int64)),
            ], schema=OTC_TRADES.schema))
        return out


class CryptoWorld:
    """Who holds which address, and when each address was first seen."""

    def __init__(self, setup: Setup) -> None:
        self.rng = np.random.default_rng([setup.seed, 7701])
        self.knobs = setup.scenario.crypto
        self.start_us = setup.start_us
        self.first_seen: dict[str, int] = {}
        self.tags: dict[str, tuple[str, WalletOwnerKind]] = {}
        self.hot: list[list[str]] = []
        self.sweeps: dict[str, int] = {}  # deposit address -> exchange
        for e in range(self.knobs.exchanges):
            name = _EXCHANGE_NAMES[e % len(_EXCHANGE_NAMES)] + ("" if e < len(_EXCHANGE_NAMES) else f" {e}")
            wallets = [self.address() for _ in range(2)]
            self.hot.append(wallets)
            for w in wallets:
                self.tags[w] = (name, WalletOwnerKind.EXCHANGE_HOT_WALLET)
        self.traders = self._traders(setup)
        self.gangs = {gang.gang_id: self._gang(setup, gang.gang_id) for gang in setup.gangs}
        self.processors = [self.address() for _ in range(self.knobs.processors)]
        for p in self.processors:
            self.tags[p] = ("Processor " + p[-4:], WalletOwnerKind.PAYMENT_PROCESSOR)
        self.businesses = [self.address() for _ in range(self.knobs.businesses)]
        self.retail: dict[int, str] = {}  # person row -> wallet
        self.own_deposits: dict[str, str] = {}  # a person's wallet -> their deposit address
        self.labels = setup.labels
        self.roles: dict[str, tuple[LabelRole, str | None]] = {}
        self._label(setup)

    def address(self) -> str:
        return base58check_encode(b"\x41" + self.rng.bytes(20))

    def tx_hash(self) -> str:
        return self.rng.bytes(32).hex()

    def seen(self, address: str, ts_us: int) -> None:
        old = self.first_seen.get(address)
        if old is None or ts_us < old:
            self.first_seen[address] = int(ts_us)
        role = self.roles.get(address)
        if role is not None:
            self.labels.mark(wallet_entity(address), role[0], role[1], int(ts_us), int(ts_us))

    def deposit_address(self, exchange: int) -> str:
        address = self.address()
        self.sweeps[address] = exchange
        return address

    def _traders(self, setup: Setup) -> list[Trader]:
        people = setup.people
        rows = self.rng.choice(people.size, self.knobs.traders, replace=False)
        ids = people.person_id.take(pa.array(rows)).to_pylist()
        return [Trader(str(ids[i]), int(people.account[r]), self.address()) for i, r in enumerate(rows)]

    def _gang(self, setup: Setup, gang_id: str) -> GangWallets:
        deposits = [(self.address(), int(e)) for e in self.rng.integers(0, self.knobs.exchanges, 3)]
        for address, exchange in deposits:
            self.sweeps[address] = exchange
        return GangWallets([self.address() for _ in range(2)], [self.address() for _ in range(6)], self.address(),
                           deposits, self.address())

    def _label(self, setup: Setup) -> None:
        """Roles of the wallets made up front; each is written the first time the wallet is used."""
        book = setup.labels
        roles: dict[str, tuple[LabelRole, str | None]] = {}
        for trader in self.traders:
            roles[trader.wallet] = (LabelRole.OTC_TRADER, None)
            book.mark("account:" + str(setup.accounts["account_id"][trader.account]), LabelRole.OTC_TRADER)
        roles.update({w: (LabelRole.EXCHANGE_HOT_WALLET, None) for wallets in self.hot for w in wallets})
        roles.update({w: (LabelRole.PAYMENT_PROCESSOR, None) for w in self.processors})
        roles.update({w: (LabelRole.USDT_BUSINESS, None) for w in self.businesses})
        for gang_id, g in self.gangs.items():
            roles.update({w: (LabelRole.SCAM_WALLET, gang_id) for w in g.receive})
            roles.update({w: (LabelRole.PEEL_WALLET, gang_id) for w in g.peel})
            roles.update({a: (LabelRole.EXCHANGE_DEPOSIT, gang_id) for a, _ in g.deposits})
            roles[g.consolidation] = (LabelRole.CONSOLIDATION_WALLET, gang_id)
            roles[g.dealer] = (LabelRole.BLACK_U_DEALER, gang_id)
        self.roles = roles

    def rate(self, rng: np.random.Generator) -> Decimal:
        """A trader's price for one trade: the market price plus a premium, to the micro-unit."""
        premium = rng.uniform(0, self.knobs.rate_premium_max)
        return Decimal(round(self.knobs.usdt_rate * (1 + premium) * MICRO)).scaleb(-6)

    def wallets_table(self) -> pa.Table:
        """Every address seen, with the attribution tags an analyst would have (hot wallets, processors)."""
        names = sorted(self.first_seen)
        tags = [self.tags.get(a) for a in names]
        return pa.Table.from_arrays([
            pa.array(["tron"] * len(names)), pa.array(names, pa.string()),
            timestamps(np.array([self.first_seen[a] for a in names], dtype=np.int64)),
            pa.array([t[0] if t else None for t in tags], pa.string()),
            pa.array([t[1].value if t else None for t in tags], pa.string()),
        ], schema=WALLETS.schema)


def wallet_entity(address: str) -> str:
    return f"wallet:tron:{address}"


def make_crypto(setup: Setup) -> CryptoWorld | None:
    return CryptoWorld(setup) if setup.scenario.crypto.enabled else None


def otc_cash_out(setup: Setup, gang_id: str, cash: pa.Table, day: int, part: int) -> list[pa.Table]:
    """The gang's ``crypto_otc`` cash-outs in ``cash`` paid to traders, and the chain leg they buy."""
    crypto: CryptoWorld = setup.crypto
    channel = cash["channel"].to_numpy(zero_copy_only=False)
    otc = np.flatnonzero(channel == "crypto_otc")
    if not len(otc):
        return [cash]
    rng = setup.rng(day, f"crypto:{gang_id}:{part}")
    pick = rng.integers(0, len(crypto.traders), len(otc))
    accounts = setup.accounts["account_id"]
    dst = cash["dst_account"].to_pylist()
    for row, t in zip(otc.tolist(), pick.tolist(), strict=True):
        dst[row] = str(accounts[crypto.traders[t].account])
    at = cash.schema.get_field_index("dst_account")
    cash = cash.set_column(at, cash.schema.field(at), pa.array(dst, pa.string()))
    rows = ChainRows()
    trade_ids = setup.ids(day, "crypto", part).take("o", len(otc)).to_pylist()
    ts = cash["ts"].cast(pa.int64()).to_numpy()
    cents = _cents(cash, otc)
    wallets = crypto.gangs[gang_id]
    for k, row in enumerate(otc.tolist()):
        trader, rate = crypto.traders[pick[k]], crypto.rate(rng)
        micro = int(Decimal(int(cents[k])) / 100 / rate * MICRO)
        at = int(ts[row]) + int(rng.integers(5, 40)) * MINUTE_US
        receive = wallets.receive[int(rng.integers(len(wallets.receive)))]
        tx_hash = rows.send(crypto, at, trader.wallet, receive, micro)
        rows.trades.append((trade_ids[k], trader.trader_id, str(cash["txn_id"][row]), tx_hash, rate, at))
        if rng.random() < crypto.knobs.black_u_share:
            _black_u(crypto, rows, rng, wallets, receive, at, micro)
        else:
            _peel(crypto, rows, rng, wallets, receive, at, micro)
    return [cash, *rows.tables(crypto)]


def _cents(cash: pa.Table, rows: np.ndarray) -> np.ndarray:
    amounts = cash["amount"].take(pa.array(rows)).to_pylist()
    return np.array([int(a * 100) for a in amounts], dtype=np.int64)


def _peel(crypto: CryptoWorld, rows: ChainRows, rng, wallets: GangWallets, start: str, at: int, micro: int) -> None:
    """Down a peel chain: each hop peels 10-30 % off to a deposit address, the rest goes on; then
    the consolidation wallet, then one deposit address."""
    here = start
    for _ in range(int(rng.integers(1, crypto.knobs.peel_hops_max + 1))):
        at += int(rng.integers(3, 90)) * MINUTE_US
        nxt = wallets.peel[int(rng.integers(len(wallets.peel)))]
        peel = micro * int(rng.integers(10, 31)) // 100
        deposit = wallets.deposits[int(rng.integers(len(wallets.deposits)))][0]
        rows.send(crypto, at, here, deposit, peel)
        _sweep(crypto, rows, rng, deposit, at, peel)
        rows.send(crypto, at + int(rng.integers(1, 5)) * MINUTE_US, here, nxt, micro - peel)
        here, micro = nxt, micro - peel
    at += int(rng.integers(10, 120)) * MINUTE_US
    rows.send(crypto, at, here, wallets.consolidation, micro)
    at += int(rng.integers(30, 240)) * MINUTE_US
    deposit = wallets.deposits[int(rng.integers(len(wallets.deposits)))][0]
    rows.send(crypto, at, wallets.consolidation, deposit, micro)
    _sweep(crypto, rows, rng, deposit, at, micro)


def _black_u(crypto: CryptoWorld, rows: ChainRows, rng, wallets: GangWallets, start: str, at: int, micro: int) -> None:
    """To the gang's black-U dealer, who resells the coins at a discount to 1-3 buyers."""
    at += int(rng.integers(10, 120)) * MINUTE_US
    rows.send(crypto, at, start, wallets.dealer, micro)
    parts = int(rng.integers(1, 4))
    left = micro
    for k in range(parts):
        part = left if k == parts - 1 else left * int(rng.integers(20, 60)) // 100
        left -= part
        buyer = crypto.address()  # someone buying cheap USDT, who now holds the victims' coins
        crypto.labels.mark(wallet_entity(buyer), LabelRole.USDT_RETAIL)
        rows.send(crypto, at + int(rng.integers(30, 600)) * MINUTE_US, wallets.dealer, buyer, part)


def _sweep(crypto: CryptoWorld, rows: ChainRows, rng, deposit: str, at: int, micro: int) -> None:
    """A deposit address forwards what it receives to its exchange's hot wallet within the hour."""
    hot = crypto.hot[crypto.sweeps[deposit]]
    rows.send(crypto, at + int(rng.integers(5, 60)) * MINUTE_US, deposit, hot[int(rng.integers(len(hot)))], micro)


def bank_payments(setup: Setup, txn_ids: list[str], ts_us, src_rows, dst_rows, cents) -> pa.Table:
    """Bank transfers between account rows for coins bought or sold (channel ``crypto_otc``)."""
    accounts = setup.accounts["account_id"]
    return events.transfers(None, np.asarray(ts_us, dtype=np.int64), accounts.take(pa.array(src_rows)),
                            accounts.take(pa.array(dst_rows)), np.asarray(cents, dtype=np.int64),
                            setup.scenario.world.currency, "crypto_otc", txn_id=pa.array(txn_ids, pa.string()))

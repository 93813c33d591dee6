"""Across the boundary: the chain leg of a fund trace, as ordinary transfers the tracer follows.

An OTC trade (``otc_trades``) ties the bank transfer that paid a trader to the chain transaction
in which the trader sent the coins. For the trace, that bank transfer goes to a node for the
trade (``otc:<trader>/<trade_id>``), and a bridge row carries the same amount from that node to the
wallet that received the coins: the victim's share of the payment becomes the same share of the
coins, exactly. Every other token transfer becomes a row between wallet ids
(``wallet:<chain>:<address>``), its amount in the bank currency at the trades' median price, so
the attribution policies, materiality and Sankey work on both legs alike.

Exchange deposit addresses are where a chain trace ends: an address tagged as a deposit address,
or one that sweeps to a tagged exchange hot wallet, keeps what it received (its sweeps are not
followed), and the freeze list asks its exchange for the customer account behind it. Coins held
anywhere else can be frozen by the token's issuer (Tether freezes USDT on TRON and Ethereum).

>>> from datetime import UTC, datetime
>>> from decimal import Decimal
>>> t = lambda h: datetime(2026, 3, 1, h, tzinfo=UTC)
>>> bank = pa.table({"txn_id": ["v", "c"], "ts": [t(1), t(2)], "src_account": ["VICTIM", "MULE"],
...                  "dst_account": ["MULE", "TRADER"], "amount": [Decimal("7200.00"), Decimal("7200.00")],
...                  "channel": ["mobile", "crypto_otc"]})
>>> chain = pa.table({"chain": ["tron"], "tx_hash": ["ab"], "log_index": [0], "ts": [t(3)], "from_address": ["TT"],
...                   "to_address": ["TG"], "token_symbol": ["USDT"], "amount": [Decimal("1000")]})
>>> trades = pa.table({"trade_id": ["o1"], "trader": ["P9"], "bank_txn_id": ["c"], "chain": ["tron"], "tx_hash": ["ab"],
...                    "rate": [Decimal("7.2")], "ts": [t(3)]})
>>> rows, leg = chain_leg(bank, chain, trades, None)
>>> [(r["src_account"], r["dst_account"], str(r["amount"]), r["channel"]) for r in rows.to_pylist()]
[('VICTIM', 'MULE', '7200.00', 'mobile'), ('MULE', 'otc:P9/o1', '7200.00', 'otc_trade'), ('otc:P9/o1', 'wallet:tron:TG', '7200.00', 'otc_trade')]
>>> leg.coins(720000), leg.token
(Decimal('1000.000000'), 'USDT')
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

import pyarrow as pa
import pyarrow.compute as pc

from scamnet.core.enums import TransferChannel, WalletOwnerKind
from scamnet.schema.addresses import canonical_address

COLUMNS = ("txn_id", "ts", "src_account", "dst_account", "amount", "channel")
#: The token the chain leg follows: the one OTC traders sell and the issuer can freeze.
TOKEN = "USDT"


@dataclass(frozen=True)
class ChainLeg:
    """What the freeze list needs to speak of the chain leg: the price and who owns which deposit address."""

    rate: Decimal | None = None  # bank currency per coin (median of the trades)
    token: str = TOKEN
    exchange_of: dict[str, str] = field(default_factory=dict)  # wallet id -> exchange owning the deposit address
    trader_of: dict[str, str] = field(default_factory=dict)  # otc node -> trader

    def coins(self, cents: int) -> Decimal:
        """Bank-currency cents as coins at the leg's price, to the micro-unit."""
        if not self.rate:
            return Decimal(0)
        return (Decimal(int(cents)) / 100 / self.rate).quantize(Decimal("0.000001"))

    def recipient(self, node: str, cents: int) -> str | None:
        """Whom a freeze of ``node`` goes to: the exchange of a deposit address, the issuer, or the trader."""
        if node in self.exchange_of:
            return f"{self.exchange_of[node]} (exchange deposit address; {self.coins(cents)} {self.token})"
        if node.startswith("wallet:"):
            return f"Tether (issuer freeze of {self.coins(cents)} {self.token} at this address)"
        if node in self.trader_of:
            return f"OTC trader {self.trader_of[node]} (paid; coins not sent yet)"
        return None


def wallet_ids(chain: pa.Array, address: pa.Array) -> list[str]:
    return [f"wallet:{c}:{canonical_address(c, a)}" for c, a in zip(chain.to_pylist(), address.to_pylist(), strict=True)]


def chain_leg(transfers: pa.Table, chain: pa.Table | None, trades: pa.Table | None,
              wallets: pa.Table | None) -> tuple[pa.Table, ChainLeg]:
    """The bank transfers with the chain leg joined in (``COLUMNS``), and what the freeze list needs of it."""
    bank = transfers.select(list(COLUMNS))
    if chain is None or trades is None or chain.num_rows == 0 or trades.num_rows == 0:
        return bank, ChainLeg()
    coins = chain.filter(pc.equal(chain["token_symbol"], TOKEN))
    rate = Decimal(str(pc.approximate_median(trades["rate"].cast(pa.float64())).as_py())).quantize(Decimal("0.000001"))
    deposits = _deposit_owners(coins, wallets)
    trade_rows = trades.to_pylist()
    by_txn = {t["bank_txn_id"]: t for t in trade_rows}
    bridged_tx = {(t["chain"], t["tx_hash"]) for t in trade_rows}
    bank, bridges, trader_of = _bridge(bank, coins, by_txn)
    hops = _hops(coins, bridged_tx, deposits, rate, bank.schema)
    return pa.concat_tables([bank, bridges, hops]), ChainLeg(rate, TOKEN, deposits, trader_of)


def _deposit_owners(coins: pa.Table, wallets: pa.Table | None) -> dict[str, str]:
    """Deposit addresses and their exchange: tagged ones, and those that sweep to a tagged hot wallet."""
    owners: dict[str, str] = {}
    hot: dict[str, str] = {}
    if wallets is not None and wallets.num_rows:
        ids = wallet_ids(wallets["chain"], wallets["address"])
        for wid, owner, kind in zip(ids, wallets["owner"].to_pylist(), wallets["owner_kind"].to_pylist(), strict=True):
            if owner and kind == WalletOwnerKind.EXCHANGE_HOT_WALLET:
                hot[wid] = owner
            elif owner and kind == WalletOwnerKind.EXCHANGE_DEPOSIT:
                owners[wid] = owner
    if hot:
        src = wallet_ids(coins["chain"], coins["from_address"])
        dst = wallet_ids(coins["chain"], coins["to_address"])
        for s, d in zip(src, dst, strict=True):
            if d in hot and s not in hot:
                owners.setdefault(s, hot[d])
    return owners


def _bridge(bank: pa.Table, coins: pa.Table, by_txn: dict) -> tuple[pa.Table, pa.Table, dict[str, str]]:
    """Bank payments to traders go to the trade's node; a bridge row carries them on to the coins' receiver."""
    receiver: dict[tuple[str, str], tuple[str, object]] = {}
    for row in coins.select(["chain", "tx_hash", "to_address", "ts"]).to_pylist():
        receiver.setdefault((row["chain"], row["tx_hash"]), (f"wallet:{row['chain']}:"
                            + canonical_address(row["chain"], row["to_address"]), row["ts"]))
    txn_ids = bank["txn_id"].to_pylist()
    dst, channel = bank["dst_account"].to_pylist(), bank["channel"].to_pylist()
    amounts, times = bank["amount"].to_pylist(), bank["ts"].to_pylist()
    bridges: list[dict] = []
    trader_of: dict[str, str] = {}
    for i, txn in enumerate(txn_ids):
        trade = by_txn.get(txn)
        got = receiver.get((trade["chain"], trade["tx_hash"])) if trade else None
        if trade is None or got is None:
            continue
        node = f"otc:{trade['trader']}/{trade['trade_id']}"
        trader_of[node] = trade["trader"]
        dst[i], channel[i] = node, TransferChannel.OTC_TRADE.value
        bridges.append({"txn_id": f"{trade['chain']}:{trade['tx_hash']}", "ts": max(got[1], times[i]),
                        "src_account": node, "dst_account": got[0], "amount": amounts[i],
                        "channel": TransferChannel.OTC_TRADE.value})
    bank = bank.set_column(3, bank.schema.field(3), pa.array(dst, pa.string()))
    bank = bank.set_column(5, bank.schema.field(5), pa.array(channel, pa.string()))
    return bank, pa.Table.from_pylist(bridges, schema=bank.schema), trader_of


def _hops(coins: pa.Table, bridged: set[tuple[str, str]], deposits: dict[str, str], rate: Decimal,
          schema: pa.Schema) -> pa.Table:
    """Every other token transfer as a row in the bank currency; deposit addresses' sweeps left out."""
    chains, hashes = coins["chain"].to_pylist(), coins["tx_hash"].to_pylist()
    src = wallet_ids(coins["chain"], coins["from_address"])
    dst = wallet_ids(coins["chain"], coins["to_address"])
    logs, amounts, times = coins["log_index"].to_pylist(), coins["amount"].to_pylist(), coins["ts"].to_pylist()
    rows = []
    for i, (c, h) in enumerate(zip(chains, hashes, strict=True)):
        if (c, h) in bridged or src[i] in deposits:
            continue
        cents = (amounts[i] * rate).quantize(Decimal("0.01"))
        if cents > 0:
            rows.append({"txn_id": f"{c}:{h}:{logs[i]}", "ts": times[i], "src_account": src[i], "dst_account": dst[i],
                         "amount": cents, "channel": TransferChannel.ON_CHAIN.value})
    return pa.Table.from_pylist(rows, schema=schema)

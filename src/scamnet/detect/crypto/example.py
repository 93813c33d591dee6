"""A small hand-built USDT-TRC20 world: honest users of two OTC traders and an exchange, and one
gang cashing out.

- Honest: two OTC traders who restock from the exchange's hot wallet and sell to 30 retail
  buyers (who hold, and days later some deposit at the exchange); 40 exchange customers whose
  deposit addresses are swept into the hot wallet (the huge fan-in); a shop paid by retail
  buyers that sweeps its takings to its own deposit address once a week; a payment processor
  paid by buyers that settles with merchants every day.
- The gang: three collection wallets buy USDT from both traders many times (the bank leg of
  each trade is a mule's payment) and pass it on within the hour to a consolidation wallet,
  which starts a peel chain of six hops; each hop peels a few per cent off to a black-U buyer
  and passes the rest on within minutes; the last hop and the peeled coins end in the gang's
  exchange deposit address, which sweeps into the hot wallet. One victim's report names the
  first collection wallet.

Addresses are names that say what they are. ``wallet_labels`` is the ground truth (``gang_id``
set for the gang's wallets), for tests and benches; detectors never read it.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import numpy as np
import pyarrow as pa

from scamnet.features.crypto import CHAIN_TABLES

CHAIN = "tron"
START = datetime(2026, 1, 1, tzinfo=UTC)
DAYS = 30
HOT = "EXCHANGE-HOT"
TRADERS = ("OTC-TRADER-A", "OTC-TRADER-B")
RETAIL = [f"RETAIL-{i:02d}" for i in range(30)]
CUSTOMERS = [f"CUSTOMER-{i:02d}" for i in range(40)]
SHOP, SHOP_DEPOSIT, PROCESSOR = "SHOP", "SHOP-DEPOSIT", "PAYMENT-PROCESSOR"
MERCHANTS = [f"MERCHANT-{i}" for i in range(3)]
COLLECTORS = [f"GANG-COLLECT-{i}" for i in range(3)]
CONSOLIDATION = "GANG-CONSOLIDATE"
PEELS = [f"GANG-PEEL-{i}" for i in range(6)]
BLACK_U = [f"BLACK-U-BUYER-{i}" for i in range(6)]
GANG_DEPOSIT = "GANG-EXCHANGE-DEPOSIT"
GANG = "G-USDT"

Row = tuple[datetime, str, str, float]


def wallet_world(seed: int = 0) -> dict[str, pa.Table]:
    """``chain_transfers``, ``otc_trades``, ``wallets``, ``reports`` and ``report_items`` of the world."""
    rng = np.random.default_rng(seed)
    rows: list[Row] = []
    trades: list[tuple[str, int]] = []  # (trader, row index of the chain transfer)
    _exchange(rng, rows)
    _retail(rng, rows, trades)
    _shop_and_processor(rng, rows)
    _gang(rng, rows, trades)
    transfers = _transfers(rows)
    return {
        "chain_transfers": transfers,
        "otc_trades": _trades(rows, trades),
        "wallets": _wallets(rows),
        "reports": pa.Table.from_pylist([{
            "report_id": "R-USDT-1", "reported_at": START + timedelta(days=DAYS - 1), "victim_person": "P-VICTIM",
            "scam_type": "fake_investment", "loss_amount": Decimal("52000"), "currency": "CNY"}]),
        "report_items": pa.Table.from_pylist([{"report_id": "R-USDT-1", "kind": "wallet", "value": COLLECTORS[0]}]),
    }


def wallet_labels() -> pa.Table:
    """Ground truth: the gang's wallets with ``gang_id``, honest roles without."""
    honest = ([(HOT, "exchange_hot_wallet")] + [(c, "exchange_deposit") for c in _deposits()]
              + [(t, "otc_trader") for t in TRADERS] + [(r, "usdt_retail") for r in RETAIL + CUSTOMERS + BLACK_U]
              + [(SHOP, "usdt_business"), (SHOP_DEPOSIT, "exchange_deposit"), (PROCESSOR, "payment_processor")]
              + [(m, "usdt_business") for m in MERCHANTS])
    gang = ([(c, "scam_wallet") for c in COLLECTORS] + [(CONSOLIDATION, "consolidation_wallet")]
            + [(p, "peel_wallet") for p in PEELS] + [(GANG_DEPOSIT, "exchange_deposit")])
    rows = [{"entity": f"wallet:{CHAIN}:{w}", "label": role, "gang_id": None} for w, role in honest]
    rows += [{"entity": f"wallet:{CHAIN}:{w}", "label": role, "gang_id": GANG} for w, role in gang]
    return pa.Table.from_pylist(rows, schema=pa.schema([("entity", pa.string()), ("label", pa.string()),
                                                         ("gang_id", pa.string())]))


def _deposits() -> list[str]:
    return [f"DEPOSIT-{c}" for c in CUSTOMERS] + [f"DEPOSIT-{r}" for r in RETAIL[:10]]


def _at(day: float, rng: np.random.Generator) -> datetime:
    return START + timedelta(days=float(day), hours=float(rng.uniform(1, 13)))


def _exchange(rng: np.random.Generator, rows: list[Row]) -> None:
    """Customers deposit to their own deposit addresses, swept into the hot wallet within hours;
    the hot wallet pays withdrawals back to customers and restocks the traders."""
    for customer in CUSTOMERS:
        deposit = f"DEPOSIT-{customer}"
        for day in sorted(rng.choice(DAYS - 1, size=3, replace=False)):
            at, amount = _at(day, rng), float(rng.lognormal(6.5, 0.8))
            rows.append((at, customer, deposit, amount))
            rows.append((at + timedelta(hours=float(rng.uniform(1, 6))), deposit, HOT, amount))
        for day in rng.choice(DAYS, size=2, replace=False):
            rows.append((_at(day, rng), HOT, customer, float(rng.lognormal(6.0, 0.8))))
    for trader in TRADERS:
        for day in range(0, DAYS, 3):
            rows.append((_at(day, rng), HOT, trader, 60_000.0))


def _retail(rng: np.random.Generator, rows: list[Row], trades: list[tuple[str, int]]) -> None:
    """Buyers buy USDT from a trader once to three times and hold it; some deposit it at the exchange days later."""
    for i, buyer in enumerate(RETAIL):
        trader = TRADERS[i % 2]
        bought = 0.0
        for day in sorted(rng.choice(DAYS - 5, size=int(rng.integers(1, 4)), replace=False)):
            amount = float(round(rng.lognormal(7.0, 0.7), 2))
            trades.append((trader, len(rows)))
            rows.append((_at(day, rng), trader, buyer, amount))
            bought += amount
        if i < 10:
            deposit = f"DEPOSIT-{buyer}"
            at = _at(DAYS - 3, rng)
            rows.append((at, buyer, deposit, 0.6 * bought))
            rows.append((at + timedelta(hours=3), deposit, HOT, 0.6 * bought))


def _shop_and_processor(rng: np.random.Generator, rows: list[Row]) -> None:
    """Buyers pay the shop and the processor; the shop sweeps weekly, the processor settles daily."""
    for day in range(DAYS):
        for buyer in rng.choice(RETAIL, size=3, replace=False):
            rows.append((_at(day, rng), str(buyer), SHOP if day % 2 else PROCESSOR, float(rng.uniform(5, 60))))
        rows.append((START + timedelta(days=day, hours=20), PROCESSOR, MERCHANTS[day % 3], float(rng.uniform(40, 90))))
        if day % 7 == 6:
            at = START + timedelta(days=day, hours=22)
            rows.append((at, SHOP, SHOP_DEPOSIT, 200.0))
            rows.append((at + timedelta(hours=2), SHOP_DEPOSIT, HOT, 200.0))


def _gang(rng: np.random.Generator, rows: list[Row], trades: list[tuple[str, int]]) -> None:
    """Collection wallets buy from both traders and pass on within the hour; consolidation; a peel chain."""
    for day in range(2, DAYS - 2, 4):
        collected = 0.0
        for collector in COLLECTORS:
            for _ in range(2):
                trader = TRADERS[int(rng.integers(2))]
                at, amount = _at(day, rng), float(round(rng.uniform(3_000, 9_000), 2))
                trades.append((trader, len(rows)))
                rows.append((at, trader, collector, amount))
                rows.append((at + timedelta(minutes=float(rng.uniform(5, 50))), collector, CONSOLIDATION, amount))
                collected += amount
        at = START + timedelta(days=day, hours=16)
        remaining = collected
        rows.append((at, CONSOLIDATION, PEELS[0], remaining))
        for hop, peel in enumerate(PEELS):
            at += timedelta(minutes=float(rng.uniform(3, 20)))
            peeled = remaining * float(rng.uniform(0.03, 0.08))
            rows.append((at, peel, BLACK_U[hop], peeled))
            remaining -= peeled
            rows.append((at + timedelta(minutes=1), peel, PEELS[hop + 1] if hop + 1 < len(PEELS) else GANG_DEPOSIT,
                         remaining))
        rows.append((at + timedelta(hours=2), GANG_DEPOSIT, HOT, remaining))


def _transfers(rows: list[Row]) -> pa.Table:
    ordered = sorted(range(len(rows)), key=lambda i: rows[i][0])
    block = {i: 60_000_000 + n for n, i in enumerate(ordered)}
    return pa.Table.from_pylist([{
        "chain": CHAIN, "tx_hash": f"tx{i:05d}", "log_index": 0, "block": block[i], "ts": ts,
        "from_address": src, "to_address": dst, "token_contract": "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t",
        "token_symbol": "USDT", "amount": Decimal(f"{amount:.6f}"),
    } for i, (ts, src, dst, amount) in enumerate(rows)], schema=CHAIN_TABLES["chain_transfers"])


def _trades(rows: list[Row], trades: list[tuple[str, int]]) -> pa.Table:
    return pa.Table.from_pylist([{
        "trade_id": f"OTC{n:04d}", "trader": trader, "bank_txn_id": f"T-BANK-{n:04d}", "chain": CHAIN,
        "tx_hash": f"tx{i:05d}", "rate": Decimal("7.180000"), "ts": rows[i][0],
    } for n, (trader, i) in enumerate(trades)], schema=CHAIN_TABLES["otc_trades"])


def _wallets(rows: list[Row]) -> pa.Table:
    first: dict[str, datetime] = {}
    for ts, src, dst, _ in rows:
        for address in (src, dst):
            first[address] = min(first.get(address, ts), ts)
    return pa.Table.from_pylist([{"chain": CHAIN, "address": a, "first_seen": ts} for a, ts in sorted(first.items())],
                                schema=CHAIN_TABLES["wallets"])

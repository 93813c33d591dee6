"""Wallets in the entity graph: reports naming one wallet share a case; coins link wallets, services do not."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pyarrow as pa

from scamnet.features.data import Data
from scamnet.graph.cases import linked_cases
from scamnet.graph.edges import entity_edges
from scamnet.graph.entity_graph import entity_graph
from scamnet.schema import table
from scamnet.schema.addresses import base58check_encode

AT = datetime(2026, 3, 1, tzinfo=UTC)
GANG, PEEL, HOT, TRADER, BUYER = (base58check_encode(b"\x41" + bytes([n]) * 20) for n in range(1, 6))
ETH = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"


def _reports() -> dict[str, pa.Table]:
    reports = pa.Table.from_pylist([
        {"report_id": r, "reported_at": AT, "scam_type": "fake_investment", "loss_amount": Decimal("100.00"), "currency": "CNY"}
        for r in ("R1", "R2", "R3", "R4")], schema=table("reports").schema)
    items = pa.Table.from_pylist([
        {"report_id": "R1", "kind": "wallet", "value": GANG},
        {"report_id": "R2", "kind": "wallet", "value": f"tron:{GANG}"},  # the same wallet, written with its chain
        {"report_id": "R3", "kind": "wallet", "value": ETH},
        {"report_id": "R4", "kind": "wallet", "value": ETH.lower()},  # the same address without its EIP-55 case
    ], schema=table("report_items").schema)
    return {"reports": reports, "report_items": items}


def test_reports_naming_one_wallet_in_different_forms_are_one_case() -> None:
    cases = {c.reports for c in linked_cases(entity_graph(Data.from_tables(**_reports())), hops=0)}
    assert cases == {("report:R1", "report:R2"), ("report:R3", "report:R4")}


def _chain(rows: list[tuple[str, str, str]]) -> pa.Table:
    return pa.Table.from_pylist([
        {"chain": "tron", "tx_hash": h, "log_index": 0, "block": 1, "ts": AT, "from_address": a, "to_address": b,
         "token_symbol": "USDT", "amount": Decimal(10)} for h, a, b in rows], schema=table("chain_transfers").schema)


def test_coins_link_wallets_but_exchange_hot_wallets_and_trader_wallets_link_nothing() -> None:
    chain = _chain([("h1", TRADER, GANG), ("h2", GANG, PEEL), ("h3", PEEL, HOT), ("h4", TRADER, BUYER)])
    wallets = pa.Table.from_pylist([{"chain": "tron", "address": HOT, "first_seen": AT, "owner": "Some Exchange",
                                     "owner_kind": "exchange_hot_wallet"}], schema=table("wallets").schema)
    trades = pa.Table.from_pylist([{"trade_id": "o1", "trader": "P1", "bank_txn_id": "t1", "chain": "tron", "tx_hash": "h1",
                                    "rate": Decimal("7.2"), "ts": AT}], schema=table("otc_trades").schema)
    transfers = pa.Table.from_pylist([{"txn_id": "t1", "ts": AT, "src_account": "MULE", "dst_account": "TRADERBANK",
                                       "amount": Decimal("72.00"), "currency": "CNY", "channel": "crypto_otc"}],
                                     schema=table("transfers").schema)
    edges = entity_edges(Data.from_tables(chain_transfers=chain, wallets=wallets, otc_trades=trades, transfers=transfers))
    found = {(e["src"], e["dst"], e["type"]) for e in edges.to_pylist() if e["type"] in ("chain_transfer", "otc_trade")}
    assert found == {(f"wallet:tron:{GANG}", f"wallet:tron:{PEEL}", "chain_transfer"),
                     ("account:MULE", f"wallet:tron:{GANG}", "otc_trade")}

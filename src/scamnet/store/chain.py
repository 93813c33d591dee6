"""The chain leg's tables as a fund trace reads them (``graph.trace.crossing.chain_leg``)."""

from __future__ import annotations

import pyarrow as pa

from scamnet.store.db import Store


def chain_tables(store: Store) -> tuple[pa.Table, pa.Table, pa.Table]:
    """Token transfers, OTC trades and tagged wallets (only the wallets with an attribution tag)."""
    con = store.con
    transfers = con.sql("SELECT chain, tx_hash, log_index, ts, from_address, to_address, token_symbol, amount "
                        "FROM chain_transfers").to_arrow_table()
    trades = con.sql("SELECT trade_id, trader, bank_txn_id, chain, tx_hash, rate, ts FROM otc_trades").to_arrow_table()
    wallets = con.sql("SELECT chain, address, owner, owner_kind FROM wallets WHERE owner IS NOT NULL").to_arrow_table()
    return transfers, trades, wallets

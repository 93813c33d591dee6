"""Per-wallet on-chain features: ``features/sql/crypto/wallet_features.sql`` over the canonical
``chain_transfers``, ``otc_trades`` and ``wallets`` tables, the victims' reports and a watchlist.

A connection that lacks one of the chain tables (a store or world made before they existed) reads
it as empty, and so does a missing ``watchlist``: such data simply has no wallet to score.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import datetime

import duckdb
import pyarrow as pa

from scamnet.features.data import Data
from scamnet.features.runner import run_feature

#: Senders a wallet needs to count as a hub (an exchange hot wallet, a large service).
HUB_MIN_PAYERS = 25

#: The columns the wallet features read, for the tables a connection may lack.
CHAIN_TABLES: Mapping[str, pa.Schema] = {
    "wallets": pa.schema([("chain", pa.string()), ("address", pa.string()),
                          ("first_seen", pa.timestamp("us", tz="UTC"))]),
    "chain_transfers": pa.schema([("chain", pa.string()), ("tx_hash", pa.string()), ("log_index", pa.int32()),
                                  ("block", pa.int64()), ("ts", pa.timestamp("us", tz="UTC")),
                                  ("from_address", pa.string()), ("to_address", pa.string()),
                                  ("token_contract", pa.string()), ("token_symbol", pa.string()),
                                  ("amount", pa.decimal128(38, 18))]),
    "otc_trades": pa.schema([("trade_id", pa.string()), ("trader", pa.string()), ("bank_txn_id", pa.string()),
                             ("chain", pa.string()), ("tx_hash", pa.string()), ("rate", pa.decimal128(18, 6)),
                             ("ts", pa.timestamp("us", tz="UTC"))]),
    "watchlist": pa.schema([("entity", pa.string()), ("score", pa.float64())]),
}


def wallet_features(data: Data, *, hub_min_payers: int = HUB_MIN_PAYERS, watchlist: pa.Table | None = None) -> pa.Table:
    """One row per wallet that moved coins in the period, sorted by entity (``wallet:<chain>:<address>``).

    ``watchlist`` (``entity``, ``score``) replaces the connection's own ``watchlist`` table for this run.
    """
    tables = {name: schema.empty_table() for name, schema in CHAIN_TABLES.items() if not _has_table(data.con, name)}
    if watchlist is not None:
        tables["watchlist"] = watchlist.select(["entity", "score"]).cast(CHAIN_TABLES["watchlist"])
    return run_feature(data, "crypto/wallet_features", params={"hub_min_payers": hub_min_payers}, tables=tables)


def _has_table(con: duckdb.DuckDBPyConnection, name: str) -> bool:
    try:
        con.sql(f"SELECT * FROM {name} LIMIT 0")
    except duckdb.CatalogException:
        return False
    return True


def chain_period(data: Data) -> tuple[datetime, datetime] | None:
    """The first and last time of ``data``'s chain transfers; None when it has none (or no such table)."""
    if not _has_table(data.con, "chain_transfers"):
        return None
    first, last = data.con.sql("SELECT min(ts), max(ts) FROM chain_transfers").fetchall()[0]
    return None if first is None else (first, last)


@contextmanager
def watchlist_registered(data: Data, watchlist: pa.Table) -> Iterator[Data]:
    """``data`` with ``watchlist`` (``entity``, ``score``) readable as its ``watchlist`` table, inside the block."""
    data.con.register("watchlist", watchlist.select(["entity", "score"]).cast(CHAIN_TABLES["watchlist"]))
    try:
        yield data
    finally:
        data.con.unregister("watchlist")

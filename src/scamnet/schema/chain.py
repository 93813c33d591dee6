"""The tables of the virtual-currency leg: wallets, on-chain token transfers, and the OTC trades that
bridge a bank transfer to a chain transfer (docs/crypto.md).

Addresses are checked against their row's chain (``address_faults``): TRON Base58Check, Ethereum
``0x`` + 40 hex with the EIP-55 checksum when written in mixed case, Bitcoin Base58Check or bech32.

>>> import pyarrow as pa
>>> rows = pa.table({"chain": ["tron", "ethereum"], "address": ["TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t", "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t"]})
>>> [bad.to_pylist() for _, bad, _, _ in address_faults(WALLETS, rows)]
[[False, True]]
"""

from __future__ import annotations

from functools import lru_cache

import pyarrow as pa

from scamnet.core.enums import Chain, WalletOwnerKind
from scamnet.schema.addresses import valid_on
from scamnet.schema.columns import I32, I64, ID, MONEY_OK, TEXT, S
from scamnet.schema.columns import column as _f
from scamnet.schema.fields import TIMESTAMP, TableSpec, one_of

#: Token amounts: exact to 18 decimals (ERC-20 tokens have up to 18; TRC20 USDT has 6).
COIN = pa.decimal128(38, 18)
#: Exchange rates: bank currency per coin.
RATE = pa.decimal128(18, 6)

WALLETS = TableSpec(
    "wallets", "Blockchain addresses: one row per chain and address, with an attribution tag where one is known.",
    "reference",
    (
        _f("chain", S, "blockchain", check=one_of(Chain)),
        _f("address", S, "the address as the chain writes it (checked against the chain's format)", check=TEXT),
        _f("first_seen", TIMESTAMP, "first time the address was seen (first transfer or first report)"),
        _f("owner", S, "exchange, processor or service that controls the address, from an attribution tag", null=True),
        _f("owner_kind", S, "what the owner's address is, from the tag", null=True, check=one_of(WalletOwnerKind)),
    ),
    key=("chain", "address"),
    time_field="first_seen",
)

CHAIN_TRANSFERS = TableSpec(
    "chain_transfers", "Token and coin transfers on a blockchain: one row per transfer log of a transaction.", "event",
    (
        _f("chain", S, "blockchain", check=one_of(Chain)),
        _f("tx_hash", S, "transaction hash", check=ID),
        _f("log_index", I32, "position of the transfer log in its transaction (-1: the native-coin value of the "
           "transaction itself)"),
        _f("block", I64, "block number", check=MONEY_OK),
        _f("ts", TIMESTAMP, "block time"),
        _f("from_address", S, "sending address", check=TEXT),
        _f("to_address", S, "receiving address", check=TEXT),
        _f("token_contract", S, "token contract address (null for the chain's native coin)", null=True),
        _f("token_symbol", S, "token or coin symbol (USDT, TRX, ETH, BTC)", check=TEXT),
        _f("amount", COIN, "amount in whole tokens, exact to 18 decimals", check=MONEY_OK),
    ),
    key=("chain", "tx_hash", "log_index"),
    time_field="ts",
)

OTC_TRADES = TableSpec(
    "otc_trades", "OTC trades: bank money paid to a trader, and the chain transfer the trader sent for it.", "event",
    (
        _f("trade_id", S, "trade id", check=ID),
        _f("trader", S, "the trader (person or business id)", check=ID),
        _f("bank_txn_id", S, "txn_id of the bank transfer that paid the trader", check=ID),
        _f("chain", S, "blockchain of the coins sent", check=one_of(Chain)),
        _f("tx_hash", S, "transaction in which the trader sent the coins", check=ID),
        _f("rate", RATE, "price: bank currency per coin", check=MONEY_OK),
        _f("ts", TIMESTAMP, "when the trade was settled"),
    ),
    key=("trade_id",),
    time_field="ts",
)

CHAIN_TABLES = (WALLETS, CHAIN_TRANSFERS, OTC_TRADES)
#: Address columns of each chain table, checked against the row's ``chain``.
ADDRESS_COLUMNS = {"wallets": ("address",), "chain_transfers": ("from_address", "to_address", "token_contract")}
ADDRESS_RULE = ("an address of the row's chain: tron T + 33 Base58Check, ethereum 0x + 40 hex (EIP-55 checksum "
                "when mixed case), bitcoin 1…/3… Base58Check or bc1… bech32")


@lru_cache(maxsize=200_000)
def _valid(chain: str, address: str) -> bool:
    return valid_on(chain, address)


def address_faults(spec: TableSpec, data: pa.Table) -> list[tuple[str, pa.Array, pa.Array, str]]:
    """Per address column of a chain table: the column, which rows hold an address that is not one of the
    row's chain, the values, and the rule (``schema.validate`` makes each a ``Fault``).

    Rows with a null address or an unknown chain are left to the column checks.
    """
    columns = ADDRESS_COLUMNS.get(spec.name, ())
    if not columns or "chain" not in data.column_names:
        return []
    chains = data.column("chain").to_pylist()
    faults = []
    for name in columns:
        if name not in data.column_names:
            continue
        values = data.column(name).combine_chunks()
        bad = [a is not None and c in _CHAINS and not _valid(c, a) for c, a in zip(chains, values.to_pylist(), strict=True)]
        faults.append((name, pa.array(bad, pa.bool_()), values, ADDRESS_RULE))
    return faults


_CHAINS = frozenset(c.value for c in Chain)

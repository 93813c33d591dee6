"""The one-off index that makes a fund trace fast: the transfer history as NumPy arrays.

Rows are sorted by time, so a row number is also a point in time. Each account's transfers (in
and out) sit together in ``events`` (CSR layout), so a trace reads only the accounts it reaches.
Amounts are integer cents, so attribution is exact.

>>> from datetime import UTC, datetime
>>> from decimal import Decimal
>>> import pyarrow as pa
>>> t = pa.table({"txn_id": ["t2", "t1"], "ts": [datetime(2026, 3, 1, 10, tzinfo=UTC), datetime(2026, 3, 1, 9, tzinfo=UTC)],
...               "src_account": ["B", "A"], "dst_account": [None, "B"],
...               "amount": pa.array([Decimal("5.00"), Decimal("7.50")], pa.decimal128(18, 2)),
...               "channel": ["atm", "mobile"]})
>>> index = transfer_index(t)
>>> index.txn_ids.tolist(), index.cents.tolist(), index.cashout.tolist()
(['t1', 't2'], [750, 500], [False, True])
>>> index.account_rows(index.account_id["B"]).tolist()
[0, 1]
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from scamnet.core.enums import CASHOUT_CHANNELS, TransferChannel
from scamnet.graph.trace.crossing import ChainLeg

_CHAIN_CHANNELS = (TransferChannel.ON_CHAIN.value, TransferChannel.OTC_TRADE.value)
#: Where traced money leaves the banks: cash, crypto, wires abroad, and goods bought at a shop's
#: till (``pos``). The seller of the gold or the phones sold them in good faith; the money is now
#: the goods, not the shop's balance, so the shop is a cash-out point, not an account to freeze.
LEAVING_CHANNELS = sorted(CASHOUT_CHANNELS | {TransferChannel.POS})

COLUMNS = ("txn_id", "ts", "src_account", "dst_account", "amount", "channel")


@dataclass(frozen=True)
class TransferIndex:
    """Transfers sorted by time, with each account's rows grouped for quick lookup."""

    accounts: np.ndarray  # account id strings, by integer id
    account_id: dict[str, int]
    txn_ids: np.ndarray
    ts: np.ndarray  # microseconds since the epoch, ascending
    src: np.ndarray  # integer account id, -1 where null
    dst: np.ndarray
    cents: np.ndarray
    channels: np.ndarray  # channel name per row
    cashout: np.ndarray  # True where the money leaves the banks (``LEAVING_CHANNELS``) or goes to no account
    offsets: np.ndarray  # events of account a: events[offsets[a]:offsets[a + 1]]
    events: np.ndarray  # row numbers, ascending within each account
    src_balance: np.ndarray  # the paying account's known balance just before the row
    dst_balance: np.ndarray  # the receiving account's known balance just before the row
    onchain: np.ndarray  # True where the row is on the chain leg (an OTC bridge or a token transfer)
    leg: ChainLeg = field(default_factory=ChainLeg)  # the chain leg's price and deposit-address owners

    @property
    def rows(self) -> int:
        return len(self.ts)

    def account_rows(self, account: int) -> np.ndarray:
        """Row numbers of every transfer into or out of ``account``, in time order."""
        return self.events[self.offsets[account]: self.offsets[account + 1]]

    def rows_between(self, account: int, after_row: int, until_row: int) -> np.ndarray:
        """``account``'s rows in ``(after_row, until_row)``."""
        own = self.account_rows(account)
        lo, hi = np.searchsorted(own, [after_row + 1, until_row])
        return own[lo:hi]


def transfer_index(transfers: pa.Table, leg: ChainLeg | None = None) -> TransferIndex:
    """Build the index from a table with the ``transfers`` columns (others are ignored); with the
    chain leg joined in (``crossing.chain_leg``), ``leg`` says what the freeze list needs of it."""
    t = transfers.select(list(COLUMNS)).sort_by([("ts", "ascending"), ("txn_id", "ascending")])
    names, src, dst = _account_codes(t["src_account"], t["dst_account"])
    cents = _cents(t["amount"])
    channels = t["channel"].to_numpy(zero_copy_only=False).astype(object)
    cashout = pc.is_in(t["channel"], value_set=pa.array(LEAVING_CHANNELS, pa.string())).to_numpy(zero_copy_only=False)
    offsets, events, src_balance, dst_balance = _account_events(len(names), src, dst, cents)
    return TransferIndex(
        accounts=names,
        account_id={name: i for i, name in enumerate(names.tolist())},
        txn_ids=t["txn_id"].to_numpy(zero_copy_only=False).astype(object),
        ts=pc.cast(t["ts"], pa.timestamp("us", "UTC")).cast(pa.int64()).to_numpy(zero_copy_only=False),
        src=src, dst=dst, cents=cents, channels=channels,
        cashout=cashout | (dst < 0),
        offsets=offsets, events=events, src_balance=src_balance, dst_balance=dst_balance,
        onchain=np.isin(channels, list(_CHAIN_CHANNELS)), leg=leg or ChainLeg(),
    )


def _account_codes(src: pa.ChunkedArray, dst: pa.ChunkedArray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    names = pc.unique(pa.chunked_array(src.chunks + dst.chunks, pa.string()).drop_null()).sort()
    codes = [pc.fill_null(pc.index_in(col, value_set=names), -1).to_numpy(zero_copy_only=False).astype(np.int64)
             for col in (src, dst)]
    return names.to_numpy(zero_copy_only=False).astype(object), codes[0], codes[1]


def _cents(amount: pa.ChunkedArray) -> np.ndarray:
    scaled = pc.multiply(amount.cast(pa.decimal128(18, 2)), pa.scalar(Decimal(100), pa.decimal128(18, 0)))
    return scaled.cast(pa.int64()).to_numpy(zero_copy_only=False)


def _account_events(n_accounts: int, src: np.ndarray, dst: np.ndarray, cents: np.ndarray):
    rows = np.arange(len(src), dtype=np.int64)
    has_src, has_dst = src >= 0, dst >= 0
    owner = np.concatenate([src[has_src], dst[has_dst]])
    event_rows = np.concatenate([rows[has_src], rows[has_dst]])
    signed = np.concatenate([-cents[has_src], cents[has_dst]])
    is_out = np.concatenate([np.ones(has_src.sum(), bool), np.zeros(has_dst.sum(), bool)])
    # by account, then time (row); an inflow before an outflow of one row. One integer key sorts
    # several times faster than a three-key lexsort.
    order = np.argsort((owner * len(src) + event_rows) * 2 + is_out)
    owner, event_rows, signed, is_out = owner[order], event_rows[order], signed[order], is_out[order]
    offsets = _offsets(owner, n_accounts)
    running = np.cumsum(signed)
    before = running - signed - np.repeat(np.concatenate([[0], running])[offsets[:-1]], np.diff(offsets))
    src_balance, dst_balance = np.zeros(len(src), np.int64), np.zeros(len(src), np.int64)
    src_balance[event_rows[is_out]] = before[is_out]
    dst_balance[event_rows[~is_out]] = before[~is_out]
    keep = _first_per_row(owner, event_rows)
    return _offsets(owner[keep], n_accounts), event_rows[keep], src_balance, dst_balance


def _offsets(owner: np.ndarray, n_accounts: int) -> np.ndarray:
    offsets = np.zeros(n_accounts + 1, dtype=np.int64)
    np.cumsum(np.bincount(owner, minlength=n_accounts), out=offsets[1:])
    return offsets


def _first_per_row(owner: np.ndarray, event_rows: np.ndarray) -> np.ndarray:
    """One event per (account, row): a transfer from an account to itself is listed once."""
    if len(owner) == 0:
        return np.zeros(0, dtype=bool)
    keep = np.ones(len(owner), dtype=bool)
    keep[1:] = (owner[1:] != owner[:-1]) | (event_rows[1:] != event_rows[:-1])
    return keep

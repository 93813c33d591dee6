"""A fund trace read back in account ids and money: the flow graph, cash-out points, freeze list."""

from __future__ import annotations

from decimal import Decimal

import pyarrow as pa

from scamnet.graph.trace.index import TransferIndex
from scamnet.graph.trace.tracer import FundTrace

MONEY = pa.decimal128(18, 2)


def money(cents: int) -> Decimal:
    """Cents as a two-decimal amount.

    >>> money(123456)
    Decimal('1234.56')
    """
    return Decimal(int(cents)).scaleb(-2)


def flow_edges(index: TransferIndex, trace: FundTrace) -> pa.Table:
    """The transfers the trace followed, in time order, with the traced part of each."""
    rows = sorted(trace.edges)
    return pa.table({
        "txn_id": pa.array([index.txn_ids[r] for r in rows], pa.string()),
        "hop": pa.array([trace.edges[r][0] for r in rows], pa.int32()),
        "ts": pa.array(index.ts[rows] if rows else [], pa.int64()).cast(pa.timestamp("us", "UTC")),
        "src_account": pa.array([_name(index, index.src[r]) for r in rows], pa.string()),
        "dst_account": pa.array([_name(index, index.dst[r]) for r in rows], pa.string()),
        "channel": pa.array([index.channels[r] for r in rows], pa.string()),
        "amount": pa.array([money(index.cents[r]) for r in rows], MONEY),
        "traced_amount": pa.array([money(trace.edges[r][1]) for r in rows], MONEY),
        "cashout": pa.array([bool(index.cashout[r]) for r in rows], pa.bool_()),
    })


def cashout_points(index: TransferIndex, trace: FundTrace) -> list[dict]:
    """Where traced money left the banking system: account, channel and amount, largest first."""
    found: dict[tuple[str | None, str], int] = {}
    for row, (_, traced) in trace.edges.items():
        if index.cashout[row]:
            key = (_name(index, index.src[row]), index.channels[row])
            found[key] = found.get(key, 0) + traced
    ranked = sorted(found.items(), key=lambda kv: (-kv[1], str(kv[0])))
    return [{"account_id": a, "channel": c, "cashed_out": money(v)} for (a, c), v in ranked]


def freeze_list(index: TransferIndex, trace: FundTrace) -> list[dict]:
    """Accounts holding traced money at or above the trace's materiality, or that passed that much
    on along the chain (a mule keeping its commission), most first, each with the path the money
    took: the accounts to freeze."""
    return _held(index, trace, material=True)


def passed_through(index: TransferIndex, trace: FundTrace) -> list[dict]:
    """Accounts holding traced money below the materiality that passed none of it on: payees
    (shops, billers, contacts) the money passed through, listed so an analyst sees them, not to freeze."""
    return _held(index, trace, material=False)


def _held(index: TransferIndex, trace: FundTrace, material: bool) -> list[dict]:
    victims = {int(index.src[r]) for r in trace.start_rows}
    held = [(a, c) for a, c in trace.holdings.items() if a not in victims and trace.to_freeze(a) == material]
    held.sort(key=lambda ac: (-ac[1], index.accounts[ac[0]]))
    return [
        {"account_id": index.accounts[a], "held_amount": money(c), "rank": rank,
         "path": [_path_start(index, trace, a)] + [index.accounts[p] for p in trace.path(a)],
         # on the chain leg: the exchange of a deposit address, or the token's issuer (None for bank accounts)
         "bank": index.leg.recipient(index.accounts[a], c)}
        for rank, (a, c) in enumerate(held, start=1)
    ]


def _path_start(index: TransferIndex, trace: FundTrace, account: int) -> str | None:
    first = trace.path(account)[0]
    for row in trace.start_rows:
        if index.dst[row] == first:
            return _name(index, index.src[row])
    return None


def _name(index: TransferIndex, account: int) -> str | None:
    return index.accounts[account] if account >= 0 else None

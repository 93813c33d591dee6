"""Following a victim's money forward through later transfers, hop by hop.

Transfers are replayed in time order, but only those of accounts the traced money reached: each
reached account gets a ledger (``ledger.py``) that says which part of every payment out of it is
traced money. Each transfer is replayed once, so cycles neither loop nor count twice, and every
traced cent ends in exactly one bucket::

    traced = located + cashed_out + below_min + beyond_hops

(``poison`` deliberately breaks this: it counts whole payments out of tainted accounts.)

Materiality bounds the spread: traced money reaching an account in amounts below the trace's
materiality (``TraceLimits.material_cents``, never above half the traced money) is parked there,
not followed on — a shop, biller or contact a mule paid in its normal life holds a few traced
cents, and following them would spread the trace into the whole normal economy. Once the parked
amounts of one account add up to the materiality, the account is followed like any other.

A victim names few of the accounts they paid: ``same_laundering`` adds the victim's other
payments that went into the laundering chain the trace found, and the trace runs again.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass, field

import numpy as np

from scamnet.core.enums import TracePolicy
from scamnet.graph.trace.index import TransferIndex
from scamnet.graph.trace.ledger import Ledger, ledger

#: How often the victim's payments are widened by the laundering found so far (each round's trace
#: may reach accounts that the victim's other payments went into).
EPISODE_ROUNDS = 3


@dataclass(frozen=True)
class TraceLimits:
    """How far a trace follows the money: hops, time after the first payment, smallest amount."""

    max_hops: int = 6
    horizon_s: int = 72 * 3600
    min_cents: int = 100
    as_of_us: int | None = None  # holdings are computed at this time (default: the horizon's end)
    material_cents: int = 0  # accounts reached by less are parked, not followed; 0 follows everything
    chain_hops: int = 8  # hops beyond max_hops a trace may follow on the chain leg (OTC bridge, token transfers)
    episode_s: int = 30 * 86400  # how long before the given payments the victim's other payments into the
    #                              same laundering are looked for (``same_laundering``); 0: the given payments only


@dataclass
class FundTrace:
    """Where the traced money went, in cents, with the transfers followed."""

    policy: TracePolicy
    start_rows: list[int]
    stop_us: int
    traced: int = 0
    cashed_out: int = 0
    below_min: int = 0
    beyond_hops: int = 0
    edges: dict[int, tuple[int, int]] = field(default_factory=dict)  # row -> (hop, traced cents)
    hops: dict[int, int] = field(default_factory=dict)  # account -> hop at which it was reached
    parents: dict[int, int] = field(default_factory=dict)  # account -> account it was first reached from
    holdings: dict[int, int] = field(default_factory=dict)  # account -> traced cents held at stop (>= min)
    material_cents: int = 0  # this trace's materiality: holdings below it are passed through, not to freeze
    forwarded: dict[int, int] = field(default_factory=dict)  # account -> traced cents it passed on along the chain

    def to_freeze(self, account: int) -> bool:
        """Whether ``account`` belongs on the freeze list: it holds traced money at or above the
        materiality, or it passed that much on along the chain (a mule keeping its commission)."""
        material = self.material_cents
        return self.holdings.get(account, 0) >= material or self.forwarded.get(account, 0) >= material

    @property
    def located(self) -> int:
        return sum(self.holdings.values())

    def path(self, account: int) -> list[int]:
        """Accounts from the victim to ``account`` along the first arrivals of traced money."""
        out = [account]
        while out[-1] in self.parents:
            out.append(self.parents[out[-1]])
        return out[::-1]


def trace_funds(index: TransferIndex, start_rows: list[int], policy: TracePolicy | str = TracePolicy.FIFO,
                limits: TraceLimits | None = None) -> FundTrace:
    """Trace the money of the transfers at ``start_rows`` (the victim's payments) forward, together with
    the victim's other payments into the same laundering (``same_laundering``, within ``episode_s``)."""
    limits = limits or TraceLimits()
    found = _trace(index, start_rows, policy, limits)
    for _ in range(EPISODE_ROUNDS if limits.episode_s > 0 else 0):
        more = same_laundering(index, found, limits.episode_s, limits.horizon_s)
        if not more:
            break  # the horizon stays that of the payments given: earlier ones are followed as far
        found = _trace(index, found.start_rows + more, policy, limits, found.stop_us)
    return found


def same_laundering(index: TransferIndex, trace: FundTrace, episode_s: int, within_s: int) -> list[int]:
    """The victim's other payments that went into the laundering ``trace`` found: to an account on its
    freeze list or that passed traced money on, or to an account that paid one of those within
    ``within_s`` — from ``episode_s`` before the first traced payment until the trace stops.

    A victim names one or two of the accounts they paid, and a week's payments; a scam paid in
    instalments over weeks, to accounts the gang swaps after each report, goes into the same
    laundering chain. A car dealer or a landlord the victim paid in the same weeks pays no mule.
    """
    starts = set(trace.start_rows)
    if not starts:
        return []
    victims = {int(index.src[r]) for r in starts if index.src[r] >= 0}
    chain = {a for a in trace.hops if trace.to_freeze(a)} - victims
    since = int(index.ts[min(starts)]) - episode_s * 1_000_000
    stop_row = int(np.searchsorted(index.ts, trace.stop_us, side="right"))
    lo = int(np.searchsorted(index.ts, since))
    more = []
    for victim in victims:
        for row in index.rows_between(victim, lo - 1, stop_row).tolist():
            payee = int(index.dst[row])
            if (row in starts or index.src[row] != victim or index.cashout[row] or payee in victims
                    or index.cents[row] < 1):
                continue
            if payee in chain or _pays_into(index, payee, row, chain, within_s, stop_row):
                more.append(row)
    return more


def _pays_into(index: TransferIndex, account: int, after_row: int, chain: set[int], within_s: int, stop_row: int,
               depth: int = 2) -> bool:
    """Whether ``account`` paid an account of ``chain`` within ``within_s`` after ``after_row``, directly or
    through ``depth - 1`` accounts between (the laundering's layers the trace has not reached yet)."""
    until = min(stop_row, int(np.searchsorted(index.ts, int(index.ts[after_row]) + within_s * 1_000_000, side="right")))
    later = [r for r in index.rows_between(account, after_row, until).tolist()
             if int(index.src[r]) == account and not index.cashout[r]]
    if any(int(index.dst[r]) in chain for r in later):
        return True
    return depth > 1 and any(_pays_into(index, int(index.dst[r]), r, chain, within_s, stop_row, depth - 1) for r in later)


def _trace(index: TransferIndex, start_rows: list[int], policy: TracePolicy | str, limits: TraceLimits,
           stop_us: int | None = None) -> FundTrace:
    starts = sorted(set(int(r) for r in start_rows))
    stop_us = _stop_us(index, starts, limits) if stop_us is None else stop_us
    result = FundTrace(TracePolicy(policy), starts, stop_us)
    result.material_cents = min(limits.material_cents, int(index.cents[starts].sum()) // 2) if starts else 0
    if starts:
        _Replay(index, result, limits, int(np.searchsorted(index.ts, stop_us, side="right"))).run()
    return result


def _stop_us(index: TransferIndex, starts: list[int], limits: TraceLimits) -> int:
    if not starts:
        return limits.as_of_us or 0
    horizon_end = int(index.ts[starts[0]]) + limits.horizon_s * 1_000_000
    return min(horizon_end, limits.as_of_us) if limits.as_of_us is not None else horizon_end


class _Replay:
    """One replay of the reached accounts' transfers, in row (= time) order."""

    def __init__(self, index: TransferIndex, result: FundTrace, limits: TraceLimits, stop_row: int) -> None:
        self.index, self.result, self.limits, self.stop_row = index, result, limits, stop_row
        self.ledgers: dict[int, Ledger] = {}
        self.parked: dict[int, int] = {}  # account -> traced cents that reached it below materiality
        self.starts = set(result.start_rows)
        self.queued = set(result.start_rows)
        self.heap = [r for r in result.start_rows if r < stop_row]
        heapq.heapify(self.heap)
        self.result.traced = int(index.cents[self.heap].sum()) if self.heap else 0

    def run(self) -> None:
        while self.heap:
            self._replay(heapq.heappop(self.heap))
        self._close()

    def _replay(self, row: int) -> None:
        index, result = self.index, self.result
        src, dst, cents = int(index.src[row]), int(index.dst[row]), int(index.cents[row])
        if row in self.starts:
            traced, hop = cents, 1
        else:
            book = self.ledgers.get(src)
            traced = book.take(cents) if book is not None else 0
            hop = result.hops.get(src, 0) + 1
        if index.cashout[row]:
            self._cash_out(row, hop, traced)
            self._forward(row, src, traced)
        elif dst in self.ledgers:
            self.ledgers[dst].put(cents, traced)
            self._forward(row, src, traced)
            self._edge(row, hop, traced)
        elif traced > 0:
            self._arrive(row, src, dst, hop, cents, traced)

    def _cash_out(self, row: int, hop: int, traced: int) -> None:
        if traced > 0:
            self.result.cashed_out += traced
            self._edge(row, hop, traced)

    def _arrive(self, row: int, src: int, dst: int, hop: int, cents: int, traced: int) -> None:
        """Traced money reaches an account not followed yet: follow it, or say why not."""
        if traced < self.limits.min_cents:
            self.result.below_min += traced
            return
        if hop > self.limits.max_hops + (self.limits.chain_hops if self.index.onchain[row] else 0):
            self.result.beyond_hops += traced
            return
        if dst not in self.result.hops:
            self.result.hops[dst] = hop
            if row not in self.starts:  # the victim heads the path, not a parent (a cycle may reach it later)
                self.result.parents[dst] = src
        self._edge(row, hop, traced)
        parked = self.parked.pop(dst, 0)
        if parked + traced < self.result.material_cents and row not in self.starts:
            self.parked[dst] = parked + traced
            return
        book = ledger(self.result.policy, max(int(self.index.dst_balance[row]) - parked, 0))
        book.put(parked, parked)
        book.put(cents, traced)
        self.ledgers[dst] = book
        self._forward(row, src, traced)
        for later in self.index.rows_between(dst, row, self.stop_row).tolist():
            if later not in self.queued:
                self.queued.add(later)
                heapq.heappush(self.heap, later)

    def _forward(self, row: int, src: int, traced: int) -> None:
        """Count traced money ``src`` passed on to a followed account or out of the banks (not to a parked payee)."""
        if row not in self.starts and traced > 0:
            self.result.forwarded[src] = self.result.forwarded.get(src, 0) + traced

    def _edge(self, row: int, hop: int, traced: int) -> None:
        if traced > 0:
            self.result.edges[row] = (hop, traced)

    def _close(self) -> None:
        held_by = {**self.parked, **{account: book.traced for account, book in self.ledgers.items()}}
        for account, held in held_by.items():
            if held >= self.limits.min_cents:
                self.result.holdings[account] = held
            else:
                self.result.below_min += held

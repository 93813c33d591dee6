"""What an account holds during a trace, and which part of a payment out of it is traced money.

One ledger per policy; all work in integer cents so traced money is conserved exactly:

- ``fifo``: money leaves in the order it arrived (money held before the victim's leaves first);
- ``lifo``: the newest money leaves first;
- ``haircut``: each payment out carries the account's traced share at that moment;
- ``poison``: once an account holds traced money, everything leaving it counts as traced. This
  over-approximates on purpose (traced amounts can exceed the loss): it never misses an account.

>>> fifo = ledger("fifo", held_before=300)
>>> fifo.put(1000, traced=1000); fifo.take(500)  # the 300 held before leaves first
200
>>> lifo = ledger("lifo", held_before=300)
>>> lifo.put(1000, traced=1000); lifo.take(500)
500
>>> haircut = ledger("haircut", held_before=1000)
>>> haircut.put(1000, traced=1000); haircut.take(500), haircut.traced
(250, 750)
"""

from __future__ import annotations

from collections import deque
from typing import Protocol

from scamnet.core.enums import TracePolicy
from scamnet.core.errors import ConfigError


class Ledger(Protocol):
    @property
    def traced(self) -> int:
        """Traced cents held now."""
        ...

    def put(self, cents: int, traced: int) -> None: ...

    def take(self, cents: int) -> int:
        """Pay ``cents`` out; returns the traced part of the payment."""
        ...


class LotLedger:
    """Lots of money in arrival order; FIFO pays from the oldest lot, LIFO from the newest."""

    def __init__(self, held_before: int, newest_first: bool) -> None:
        self.lots: deque[list] = deque([[held_before, False]] if held_before > 0 else [])
        self.newest_first = newest_first
        self.traced = 0

    def put(self, cents: int, traced: int) -> None:
        # Within one payment the traced part counts as arriving first.
        for part, is_traced in ((traced, True), (cents - traced, False)):
            if part > 0:
                self.lots.append([part, is_traced])
        self.traced += traced

    def take(self, cents: int) -> int:
        out = 0
        while cents > 0 and self.lots:
            lot = self.lots[-1] if self.newest_first else self.lots[0]
            part = min(cents, lot[0])
            lot[0] -= part
            cents -= part
            out += part if lot[1] else 0
            if lot[0] == 0:
                self.lots.pop() if self.newest_first else self.lots.popleft()
        self.traced -= out
        return out  # a payment larger than the known balance is paid with untraced money


class HaircutLedger:
    """A balance and its traced part; every payment carries the traced share."""

    def __init__(self, held_before: int) -> None:
        self.balance = max(held_before, 0)
        self.traced = 0

    def put(self, cents: int, traced: int) -> None:
        self.balance += cents
        self.traced += traced

    def take(self, cents: int) -> int:
        if self.balance <= 0:
            return 0
        out = self.traced * min(cents, self.balance) // self.balance
        self.traced -= out
        self.balance = max(self.balance - cents, 0)
        return out


class PoisonLedger:
    """Once tainted, all of the account's money and every payment out of it count as traced."""

    def __init__(self, held_before: int) -> None:
        self.balance = max(held_before, 0)
        self.poisoned = False

    @property
    def traced(self) -> int:
        return self.balance if self.poisoned else 0

    def put(self, cents: int, traced: int) -> None:
        self.balance += cents
        self.poisoned = self.poisoned or traced > 0

    def take(self, cents: int) -> int:
        self.balance = max(self.balance - cents, 0)
        return cents if self.poisoned else 0


def ledger(policy: TracePolicy | str, held_before: int) -> Ledger:
    """A fresh ledger for an account that held ``held_before`` cents when traced money reached it."""
    try:
        policy = TracePolicy(policy)
    except ValueError:
        raise ConfigError(
            f"unknown trace policy {policy!r}", hint="one of: " + ", ".join(p.value for p in TracePolicy)
        ) from None
    if policy is TracePolicy.HAIRCUT:
        return HaircutLedger(held_before)
    if policy is TracePolicy.POISON:
        return PoisonLedger(held_before)
    return LotLedger(held_before, newest_first=policy is TracePolicy.LIFO)

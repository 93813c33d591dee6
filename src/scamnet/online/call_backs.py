"""Who called back, kept call by call: the callees of a number or device that ever called one of its numbers.

The batch features (``telecom/number_features.sql``, ``imei_features.sql``) count, among the
people a number or device called, those who ever called it (one of the device's numbers) and
those called once who never did. Worked out when an entity is scored, that reads every callee's
record: a gateway's hundreds of callees against its dozens of SIMs' numbers, at each rescoring.
Kept here as each call arrives instead, it is the same sets whatever the order of the events
(every set only grows), so the figures stay exact:

- a record gains a callee: it is a call-back if the callee ever called one of the record's numbers;
- a number calls another for the first time: it becomes a call-back of that number, and of each
  device that number was used on, where the caller is among their callees;
- a device is used with a new number: each of its callees that called that number becomes one.

>>> back, callees = CalledBack(), {}
>>> for callee in ("+1", "+2", "+2", "+3"):
...     callees[callee] = callees.get(callee, 0) + 1
...     back.counted(callees, callee)
>>> back.mark(callees, "+1")  # +1 called one of the record's numbers
>>> back.share(callees), back.one_off_share(callees)  # +1 called back; of those called once, +3 did not
(0.3333333333333333, 0.3333333333333333)
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field


@dataclass(slots=True)
class CalledBack:
    """Of one record's callees: who called back, how many were called once, and how many of those called back."""

    who: set[str] = field(default_factory=set)
    once: int = 0
    once_back: int = 0

    def counted(self, callees: Mapping[str, int], callee: str) -> None:
        """``callee``'s count in ``callees`` has just grown by one."""
        n = callees[callee]
        if n <= 2:
            sign = 1 if n == 1 else -1
            self.once += sign
            self.once_back += sign * (callee in self.who)

    def mark(self, callees: Mapping[str, int], callee: str) -> None:
        """``callee`` (one of ``callees``) called one of the record's numbers."""
        if callee not in self.who:
            self.who.add(callee)
            self.once_back += callees.get(callee) == 1

    def share(self, callees: Collection[str]) -> float:
        """``callback_share``: the callees who called back, of all callees."""
        return len(self.who) / len(callees) if callees else 0.0

    def one_off_share(self, callees: Collection[str]) -> float:
        """``one_off_share``: the callees called once who never called back, of all callees."""
        return (self.once - self.once_back) / len(callees) if callees else 0.0


def called_any(callees: Collection[str], numbers: Collection[str]) -> bool:
    """Whether one of ``numbers`` is among ``callees`` (whichever is shorter is walked)."""
    if len(numbers) <= len(callees):
        return any(n in callees for n in numbers)
    return any(c in numbers for c in callees)
